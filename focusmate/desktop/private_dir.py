"""A folder only this user can enter, for the local socket: made, or checked, never trusted.

Without $XDG_RUNTIME_DIR the socket's folder is in /tmp, where anyone may make it first. So
the folder is opened without following a link, must belong to this user (its mode is then
tightened to 0700), and the folder holding it must be one others cannot rename things in
(owned by this user or root, and not writable by others unless sticky, like /tmp).
Otherwise focusmate refuses, in one line, rather than talk through a folder it cannot keep
private.
"""

from __future__ import annotations

import errno
import os
import stat

from focusmate.core.errors import FocusmateError

#: typing.TYPE_CHECKING without importing typing: see desktop.client_paths. Paths are handled
#: with os, not pathlib, for the same reason (the socket commands check this folder).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from _typeshed import StrPath

DIR_MODE = 0o700


class NotPrivate(FocusmateError):  # noqa: N818 - reads as a sentence at the raise site
    """The socket's folder cannot be kept private to this user (the message says why)."""


def check_private_dir(folder: StrPath, *, create: bool) -> bool:
    """Whether ``folder`` is there (made 0700 first when ``create``); NotPrivate when it, or
    the folder it is in, is a link or another user's."""
    path = os.fspath(folder)
    if os.name != "posix":  # pragma: no cover - Windows: the named pipe has its own ACL
        if create:
            os.makedirs(path, exist_ok=True)  # noqa: PTH103
        return True
    _check_parent(os.path.dirname(path) or ".")  # noqa: PTH120 - as Path.parent
    if create:
        _make(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return False
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENOTDIR):
            raise NotPrivate(
                f"{path} should be focusmate's private folder but is a link or a "
                f"file; {_advice(path)}"
            ) from None
        raise NotPrivate(f"cannot open {path}: {error.strerror or error}") from None
    try:
        _check_own(fd, path)
    finally:
        os.close(fd)
    return True


def _make(path: str) -> None:
    try:
        os.mkdir(path, DIR_MODE)  # noqa: PTH102
    except FileExistsError:
        pass  # checked below, as one found there
    except FileNotFoundError:
        os.makedirs(path, DIR_MODE, exist_ok=True)  # noqa: PTH103 - those above as Path.mkdir does
    except OSError as error:
        raise NotPrivate(f"cannot make {path}: {error.strerror or error}") from None


def _check_own(fd: int, path: str) -> None:
    found = os.fstat(fd)
    if found.st_uid != os.getuid():
        raise NotPrivate(
            f"{path} belongs to another user (uid {found.st_uid}), so focusmate's local "
            f"socket could not be private there; {_advice(path)}"
        )
    if stat.S_IMODE(found.st_mode) != DIR_MODE:
        os.fchmod(fd, DIR_MODE)  # ours, and opened without following a link


def _check_parent(parent: str) -> None:
    try:
        found = os.stat(parent)  # noqa: PTH116
    except OSError:
        return  # not there yet: made by us below, or the open says what is wrong
    open_to_others = found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    if found.st_uid not in (0, os.getuid()) or (
        open_to_others and not found.st_mode & stat.S_ISVTX
    ):
        raise NotPrivate(
            f"{parent} can be changed by other users, so focusmate's local socket could not "
            "be private in it; set XDG_RUNTIME_DIR to a folder only you can enter"
        )


def _advice(path: str) -> str:
    return (
        f"remove {path} (or ask your administrator to) or set XDG_RUNTIME_DIR to a folder only "
        "you can enter, then start focusmate again"
    )
