"""The paths a socket command needs, as text: the data folder given on the command line or in
the environment, and the local socket's name for it.

The app and the command line both name the socket with :func:`server_name`, so the two always
agree. It works on text with os.path, not pathlib: pathlib (with urllib.parse, ipaddress,
fnmatch) is a tenth of `focusmate log phone`'s process (issue 18; ARCHITECTURE invariant 13).
desktop.locations builds its Paths from these same functions. On Windows, where a path has a
drive and two separators, pathlib itself spells them (the named pipe's client loads Qt anyway).
"""

from __future__ import annotations

import os
import sys

from focusmate.core.digest import sha256_hex

#: typing.TYPE_CHECKING without importing typing (it costs a socket command 3-5 ms): the type
#: checkers take any constant of this name as true, and at run time the block is skipped.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from _typeshed import StrPath

APP_NAME = "focusmate"
DATA_DIR_ENV = "FOCUSMATE_DATA_DIR"
#: Where a data folder given at launch came from (desktop.locations.DataDirSource's values).
OPTION = "--data-dir"
ENVIRONMENT = DATA_DIR_ENV


def given_folder(
    override: str | None, environ: Mapping[str, str] = os.environ
) -> tuple[str, str] | None:
    """The data folder named by ``--data-dir`` (``override``), else by $FOCUSMATE_DATA_DIR,
    absolute, and which of the two named it; None when neither did."""
    if override:
        return absolute_folder(override), OPTION
    if environ.get(DATA_DIR_ENV):
        return absolute_folder(environ[DATA_DIR_ENV]), ENVIRONMENT
    return None


def absolute_folder(text: str) -> str:
    """``text`` with a leading ``~`` expanded, made absolute, spelled as pathlib spells
    ``Path(text).expanduser().absolute()`` (no ``.`` parts, no repeated or trailing
    separators; ``..`` kept): a Path made of it prints as it, so the socket's name is the
    same whichever side computes it."""
    if os.name != "posix":  # pragma: no cover - Windows only
        from pathlib import Path  # noqa: PLC0415 - drives and UNC paths: pathlib's rules

        return str(Path(text).expanduser().absolute())
    if text.startswith("~"):
        first, separator, rest = text.partition("/")
        home = os.path.expanduser(first)  # noqa: PTH111 - no pathlib (see above)
        if home.startswith("~"):
            raise RuntimeError("Could not determine home directory.")  # as pathlib says it
        text = home + separator + rest
    if not text.startswith("/"):
        text = f"{os.getcwd()}/{text}"  # noqa: PTH109
    return _spelled(text)


def runtime_dir_text() -> str:
    """A directory only this user can enter, for the local socket (see private_dir)."""
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    if xdg and os.path.isdir(xdg):  # noqa: PTH112 - no pathlib (see the top)
        return _spelled(f"{xdg}/{APP_NAME}")
    if sys.platform.startswith("linux") or sys.platform == "darwin":
        # tempfile loads shutil, random and more: only without XDG_RUNTIME_DIR (invariant 13).
        import tempfile  # noqa: PLC0415

        return _spelled(f"{tempfile.gettempdir()}/{APP_NAME}-{os.getuid()}")
    from pathlib import Path  # noqa: PLC0415 - as absolute_folder

    import platformdirs  # noqa: PLC0415 - not for a socket command given its folder

    return str(Path(platformdirs.user_runtime_dir(APP_NAME, appauthor=False)))


#: The name under which the app that uses the default data folder (none given by --data-dir or
#: $FOCUSMATE_DATA_DIR) answers as well: a link, in the same private folder, to its socket. A
#: socket command given no folder asks there first, before it works out the folder (the data
#: location file, platformdirs, pathlib: a third of its process, issue 18).
DEFAULT_SOCKET = "default.sock"


def default_server_name() -> str | None:
    """Where the app using the default data folder answers too; None off POSIX."""
    return f"{runtime_dir_text()}/{DEFAULT_SOCKET}" if os.name == "posix" else None


def server_name(data: StrPath) -> str:
    """The local-socket name for the instance that owns the data folder ``data``.

    One instance per data directory, so the name is derived from it; on Unix it is a
    full path in the private runtime directory (a bare name would land in /tmp), and it
    is kept short because a Unix socket path has a ~104-byte limit.
    """
    digest = sha256_hex(os.fspath(data).encode())[:16]
    if os.name == "posix":
        return f"{runtime_dir_text()}/{digest}.sock"
    return f"{APP_NAME}-{digest}"


def _spelled(path: str) -> str:
    """A POSIX path as pathlib prints it: exactly two leading separators are kept (POSIX
    leaves their meaning open), more become one; empty and ``.`` parts go."""
    root = ""
    if path.startswith("/"):
        root = "//" if path.startswith("//") and not path.startswith("///") else "/"
    parts = [part for part in path.split("/") if part and part != "."]
    return root + "/".join(parts) if root or parts else "."
