"""What the global hotkeys last said, as the welcome and the settings show it (a value).

Its own module so that the windows keep it from start-up on without loading the welcome
dialog, which is built only when it opens (issue 18).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HotkeyStatus:
    """Whether the global hotkeys work here, as the app last heard from them.

    ``available`` is None before they have started (the first half second after launch);
    ``note`` is why they do not work, or a limit worth knowing, then a blank line and the
    commands to bind as desktop shortcuts instead ("" when they simply work).
    """

    available: bool | None = None
    note: str = ""
    #: Through the desktop's portal: action -> the trigger the desktop fires it on (the note
    #: lists them); None with pynput or none.
    bound: Mapping[str, str] | None = None
