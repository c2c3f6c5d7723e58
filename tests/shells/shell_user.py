"""The unprivileged user a real shell and everything in it run as.

sway refuses to run as root, and CI runs the tests as root inside a chroot, where
``unshare --user`` (a user namespace) is refused with EPERM. So, as root, the shells run as a
system user made for them (``useradd --system``, once per machine) with the process's
uid and gid switched by ``subprocess`` itself (``user=``, ``group=``, ``extra_groups=``; the
same system calls as ``setpriv``), which works in a chroot as anywhere. Everything that talks
to the shell runs as that user too: its session bus and focusmate's socket take only their
own user. Run by anyone else, the tests simply use that user.
"""

from __future__ import annotations

import os
import pwd
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The system user made for the shells (when the tests run as root).
NAME = "focusmate-shells"


@dataclass(frozen=True, slots=True)
class ShellUser:
    """Who runs the shell: ``uid``, ``gid`` and ``name``."""

    uid: int
    gid: int
    name: str

    @property
    def switches(self) -> bool:
        """Whether a child must change user (the tests run as root)."""
        return self.uid != os.geteuid()

    def popen_kwargs(self) -> dict[str, Any]:
        """What subprocess needs to start a child as this user (nothing if it already is)."""
        if not self.switches:
            return {}
        return {"user": self.uid, "group": self.gid, "extra_groups": []}

    def own(self, *paths: os.PathLike[str] | str) -> None:
        """Give ``paths`` to this user (the test made them as root)."""
        if self.switches:
            for path in paths:
                os.chown(path, self.uid, self.gid)


def shell_user() -> ShellUser:
    """The user to run the shells as: this one, or as root the system user NAME (made now if
    this machine has none)."""
    if os.geteuid() != 0:
        me = pwd.getpwuid(os.geteuid())
        return ShellUser(me.pw_uid, me.pw_gid, me.pw_name)
    try:
        entry = pwd.getpwnam(NAME)
    except KeyError:
        made = subprocess.run(
            [
                "useradd",
                "--system",
                "--user-group",
                "--no-create-home",
                "--home-dir",
                "/nonexistent",
                "--shell",
                "/usr/sbin/nologin",
                NAME,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if made.returncode != 0 and "already exists" not in made.stderr:
            raise RuntimeError(
                f"cannot make the user {NAME} the shells run as (sway refuses root): "
                f"useradd exited {made.returncode}: {made.stderr.strip()}"
            ) from None
        entry = pwd.getpwnam(NAME)
    _check_users_reach_the_root()
    return ShellUser(entry.pw_uid, entry.pw_gid, entry.pw_name)


def _check_users_reach_the_root() -> None:
    """Check that ``/`` is traversable by every user, as on every installed system (0755).

    A root unpacked from a tarball of a ``mktemp -d`` folder keeps that folder's 0700: there
    no user but root reaches any program or library ("cannot open shared object file:
    Permission denied"). CI's fresh root is made 0755 (.ci/fresh-root.sh); a test does not
    change the system's root, it says what is wrong.
    """
    mode = Path("/").stat().st_mode
    if not mode & stat.S_IXOTH:
        raise RuntimeError(
            f"/ has mode {stat.S_IMODE(mode):04o}: no user but root can reach a program; "
            "an installed system has 0755 (chmod 755 /)"
        )
