"""Where focusmate keeps its data, lock and local socket on this platform.

The data folder is, in this order: ``--data-dir``; ``$FOCUSMATE_DATA_DIR``; the folder named
in the *data location file* (``data-location.json`` in the platform's config folder, written
when the user moves the data from the settings window); the platform's data folder.

The data location file is read strictly: if it is damaged, or names a folder that is not
there (an unplugged drive), focusmate stops with a message naming the file, rather than
start on a new empty folder and make the user think their history is gone.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from focusmate.core.errors import InvalidData
from focusmate.desktop import client_paths

# Named here too, where the app has always found them (the socket commands import
# client_paths alone: ARCHITECTURE invariant 13).
from focusmate.desktop.client_paths import APP_NAME as APP_NAME  # noqa: PLC0414 - re-exported
from focusmate.desktop.client_paths import DATA_DIR_ENV as DATA_DIR_ENV  # noqa: PLC0414 - re-exported
from focusmate.desktop.client_paths import server_name as server_name  # noqa: PLC0414 - re-exported

if TYPE_CHECKING:
    from focusmate.core.text import Worded

#: The reverse-DNS id of the .desktop file, AppStream metainfo and autostart entry.
APP_ID = "app.focusmate.Focusmate"
LOCK_FILE_NAME = "focusmate.lock"
POINTER_FILE_NAME = "data-location.json"
POINTER_VERSION = 1


class DataLocationError(InvalidData):
    """The data location file is damaged or names a missing folder (the message says which)."""


class DataDirSource(Enum):
    """Where the data folder of this run came from."""

    OPTION = client_paths.OPTION
    ENVIRONMENT = client_paths.ENVIRONMENT
    POINTER = POINTER_FILE_NAME
    DEFAULT = "default"


class DataLocation(NamedTuple):
    """The data folder of this run and where it came from. A NamedTuple, not a dataclass:
    dataclasses costs a sixth of a socket command's imports (ARCHITECTURE invariant 13)."""

    path: Path
    source: DataDirSource
    #: What the app tells the user at start about finding the folder (a data location file
    #: that was damaged and set aside), if anything.
    notice: Worded | None = None

    @property
    def fixed_by(self) -> str | None:
        """How the user chose the folder at launch ("--data-dir" or "FOCUSMATE_DATA_DIR"; it
        wins at every start, so the app must not move it); None when the app may move it."""
        if self.source in (DataDirSource.OPTION, DataDirSource.ENVIRONMENT):
            return str(self.source.value)
        return None


def config_dir() -> Path:
    """The platform's config folder for focusmate (honours $XDG_CONFIG_HOME on Linux).

    On Windows and macOS platformdirs gives the same folder as :func:`default_data_dir`, so
    the data location file may sit next to the data: the mover leaves it alone.
    """
    import platformdirs  # noqa: PLC0415 - not for a socket command given its folder (invariant 13)

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_data_dir() -> Path:
    import platformdirs  # noqa: PLC0415 - as config_dir

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class DamagedPointer(DataLocationError):  # noqa: N818 - reads as a sentence at the raise site
    """The data location file itself is damaged (not: it names a missing folder)."""


class DataPointer:
    """The data location file: ``{"version": 1, "data_dir": "/absolute/folder"}``.

    Writing it is the commit point of a move: before, the old folder is in use; after, the new.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = config_dir() / POINTER_FILE_NAME if path is None else path

    def points_to(self) -> Path | None:
        """The folder it names, or None when there is no file; DataLocationError if damaged."""
        try:
            # files.atomic imports tempfile (shutil, random...): only when there is a file to
            # read (invariant 13). stat fails as reading would, FileNotFoundError meaning None.
            self.path.stat()
        except FileNotFoundError:
            return None
        except OSError:
            pass  # read_json meets it again below and it is reported from there, as before
        from focusmate.files.atomic import read_json  # noqa: PLC0415

        try:
            record = read_json(self.path, "the data location file")
        except InvalidData as error:
            raise DamagedPointer(f"{error}; {self._advice()}") from None
        except OSError as error:
            raise DamagedPointer(
                f"cannot read the data location file {self.path}: {error.strerror or error}"
            ) from None
        if record is None:
            return None
        folder = record.get("data_dir") if isinstance(record, dict) else None
        if (
            not isinstance(record, dict)
            or record.get("version") != POINTER_VERSION
            or not isinstance(folder, str)
            or not Path(folder).is_absolute()
        ):
            raise DamagedPointer(
                f"the data location file {self.path} is damaged (it should hold "
                f'{{"version": 1, "data_dir": "/absolute/folder"}}); {self._advice()}'
            )
        return Path(folder)

    def point_to(self, folder: Path) -> None:
        """Name ``folder`` (absolute) as the data folder: atomically, durably, 0600."""
        from focusmate.files.atomic import (  # noqa: PLC0415 - as points_to
            atomic_write_bytes,
            dumps_strict,
            ensure_private_dir,
        )

        payload = dumps_strict({"version": POINTER_VERSION, "data_dir": str(folder)})
        ensure_private_dir(self.path.parent)
        atomic_write_bytes(self.path, payload)

    def _advice(self) -> str:
        return (
            "fix it to name your data folder, or delete it to use the default folder "
            f"{default_data_dir()}"
        )


def locate_data_dir(
    override: str | None,
    environ: Mapping[str, str] = os.environ,
    pointer: DataPointer | None = None,
) -> DataLocation:
    """--data-dir, else $FOCUSMATE_DATA_DIR, else the data location file, else the default."""
    given = client_paths.given_folder(override, environ)
    if given is not None:
        text, source = given
        return DataLocation(Path(text), DataDirSource(source))
    pointer = pointer or DataPointer()
    folder = pointer.points_to()
    if folder is None:
        return DataLocation(default_data_dir(), DataDirSource.DEFAULT)
    if not folder.is_dir():
        raise DataLocationError(
            f"focusmate's data folder {folder} (named in {pointer.path}) is not there; "
            "if it is on a drive that is not connected, connect it and start focusmate again"
        )
    return DataLocation(folder, DataDirSource.POINTER)


def data_dir(override: str | None) -> Path:
    """The data folder (see :func:`locate_data_dir`)."""
    return locate_data_dir(override).path


def lock_path(data: Path) -> Path:
    return data / LOCK_FILE_NAME


def runtime_dir() -> Path:
    """A directory only this user can enter, for the local socket (client_paths says which)."""
    return Path(client_paths.runtime_dir_text())
