"""A FAKE of SwayNotificationCenter's control-center interface, for tests only.

swaync only runs under a Wayland compositor with layer-shell, which these machines cannot
start headless, so this jeepney program stands in for the part focusmate uses: it owns
``org.erikreider.swaync.cc`` and answers ``GetDnd() -> b`` and ``SetDnd(b)`` on
``/org/erikreider/swaync/cc`` (interface ``org.erikreider.swaync.cc``), like swaync 0.7+.
It keeps the switch in memory and counts SetDnd calls (``org.focusmate.test.FakeSwaync.
SetCount() -> u``); ``org.focusmate.test.FakeSwaync.Hang()`` never answers (timeout tests).
Run with DBUS_SESSION_BUS_ADDRESS set; prints "ready" once it owns the name.
"""

from __future__ import annotations

import sys
from typing import Any

from fake_bus_server import UNKNOWN_METHOD, serve

NAME = "org.erikreider.swaync.cc"
TEST_INTERFACE = "org.focusmate.test.FakeSwaync"


class FakeSwaync:
    def __init__(self) -> None:
        self.dnd = False
        self.set_count = 0

    def handle(
        self, interface: str, member: str, sender: str, body: tuple[Any, ...]
    ) -> tuple[str, tuple[Any, ...]] | str | None:
        if interface == TEST_INTERFACE and member == "Hang":
            return None
        if interface in (NAME, "") and member == "GetDnd":
            return "b", (self.dnd,)
        if interface in (NAME, "") and member == "SetDnd":
            self.dnd = bool(body[0])
            self.set_count += 1
            return "", ()
        if interface == TEST_INTERFACE and member == "SetCount":
            return "u", (self.set_count,)
        return UNKNOWN_METHOD


if __name__ == "__main__":
    sys.exit(serve(NAME, FakeSwaync().handle))
