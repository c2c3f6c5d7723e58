"""Windows 10/11: Focus Assist / Do not disturb can only be read (best effort) and guided.

Windows has no supported API to turn Focus Assist on or off, and writing its undocumented
settings could damage the user's configuration, so this backend never writes.  It reads the
current Focus Assist profile from the undocumented (read-only) WNF state
``WNF_SHEL_QUIETHOURS_ACTIVE_PROFILE_CHANGED`` through ntdll; any failure is reported as
DndUnavailable.  The guidance points at the settings page (``SETTINGS_URI``).
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Mapping

from focusmate.core.dnd import DndUnavailable, PreviousState
from focusmate.core.text import translate

#: The settings page to offer the user (``os.startfile(SETTINGS_URI)``).
SETTINGS_URI = "ms-settings:quiethours"
#: The WNF state holding Focus Assist's profile: 0 off, 1 priority only, 2 alarms only.
_QUIET_HOURS_PROFILE = 0x0D83063EA3BF1C75


class WindowsDnd:
    """Reads Focus Assist; turning it on is left to the user."""

    name = "windows"
    label = "Windows"
    can_engage = False

    @property
    def guidance(self) -> str:
        return translate(
            "DoNotDisturb",
            "Windows does not let apps turn on Focus Assist: turn on Do not disturb in "
            "Settings › System › Notifications (ms-settings:quiethours) before the session.",
        )

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        del env

    def is_on(self) -> bool:
        return read_focus_assist_profile() != 0

    def capture(self) -> PreviousState:
        return {}

    def engage(self) -> None:
        raise DndUnavailable("Windows does not let apps turn on Focus Assist")

    def restore(self, previous: PreviousState) -> None:
        """Nothing was changed, so nothing to put back."""


def read_focus_assist_profile() -> int:
    """Focus Assist's current profile (0 = off); DndUnavailable when it cannot be read."""
    if sys.platform != "win32":
        raise DndUnavailable("Focus Assist can only be read on Windows")
    try:
        ntdll = ctypes.WinDLL("ntdll")
        state_name = ctypes.c_ulonglong(_QUIET_HOURS_PROFILE)
        change_stamp = ctypes.c_ulong(0)
        profile = ctypes.c_ulong(0)
        size = ctypes.c_ulong(ctypes.sizeof(profile))
        status = ntdll.NtQueryWnfStateData(
            ctypes.byref(state_name),
            None,
            None,
            ctypes.byref(change_stamp),
            ctypes.byref(profile),
            ctypes.byref(size),
        )
    except (OSError, AttributeError, ValueError) as error:
        raise DndUnavailable(f"cannot read Focus Assist: {error}") from error
    if status != 0:
        raise DndUnavailable(f"cannot read Focus Assist (NTSTATUS {status & 0xFFFFFFFF:#x})")
    return int(profile.value)
