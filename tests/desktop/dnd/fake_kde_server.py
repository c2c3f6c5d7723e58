"""A FAKE of KDE Plasma's notification server, for tests only: just its inhibition protocol.

No Plasma runs on these machines, so this small jeepney program stands in for it on a private
session bus.  It owns ``org.freedesktop.Notifications`` and implements what focusmate's KDE
backend relies on, the way plasma-workspace's notification server does:

* ``GetServerInformation`` -> ("Plasma", "KDE", ...), ``GetCapabilities`` with "inhibitions";
* ``Inhibit(s desktop_entry, s reason, a{sv} hints) -> u cookie`` and ``UnInhibit(u cookie)``;
* the read-only property ``Inhibited`` (true while any inhibition is held), via
  ``org.freedesktop.DBus.Properties.Get/GetAll``;
* an inhibition is released when the connection that made it leaves the bus: the fake watches
  ``NameOwnerChanged`` for the caller's unique name, as Plasma does;
* ``Notify`` accepts and counts notifications (nothing is drawn).

Test-only extras on the interface ``org.focusmate.test.FakePlasma``: ``ClearInhibitions()``
(what Plasma's "Do not disturb" switch does when the user turns it off) and ``Counts() ->
(u inhibitions, u notifications)``.  Run: ``python fake_kde_server.py`` (needs
DBUS_SESSION_BUS_ADDRESS); it prints "ready" once it owns the name, and exits with the bus.
"""

from __future__ import annotations

import itertools
import sys
from typing import Any

from fake_bus_server import UNKNOWN_METHOD, serve

NAME = "org.freedesktop.Notifications"
TEST_INTERFACE = "org.focusmate.test.FakePlasma"
_PROPERTIES = "org.freedesktop.DBus.Properties"


class FakePlasma:
    """The server's state: inhibitions by cookie (with their owner) and a notification count."""

    def __init__(self) -> None:
        self.inhibitions: dict[int, str] = {}
        self.notifications = 0
        self._cookies = itertools.count(1)

    def handle(
        self, interface: str, member: str, sender: str, body: tuple[Any, ...]
    ) -> tuple[str, tuple[Any, ...]] | str:
        """The (signature, body) of the reply to one method call, or an error name."""
        if interface in (NAME, ""):
            return self._notifications(member, sender, body)
        inhibited = ("b", bool(self.inhibitions))
        answers: dict[tuple[str, str], tuple[str, tuple[Any, ...]] | str] = {
            (_PROPERTIES, "Get"): (
                ("v", (inhibited,))
                if body == (NAME, "Inhibited")
                else "org.freedesktop.DBus.Error.UnknownProperty"
            ),
            (_PROPERTIES, "GetAll"): ("a{sv}", ({"Inhibited": inhibited},)),
            (TEST_INTERFACE, "Counts"): ("uu", (len(self.inhibitions), self.notifications)),
            (TEST_INTERFACE, "ClearInhibitions"): ("", ()),
        }
        answer = answers.get((interface, member), UNKNOWN_METHOD)
        if member == "ClearInhibitions" and interface == TEST_INTERFACE:
            self.inhibitions.clear()
        return answer

    def _notifications(
        self, member: str, sender: str, body: tuple[Any, ...]
    ) -> tuple[str, tuple[Any, ...]] | str:
        if member == "GetServerInformation":
            return "ssss", ("Plasma", "KDE", "6.0-fake", "1.2")
        if member == "GetCapabilities":
            return "as", (["body", "inhibitions"],)
        if member == "Inhibit":
            cookie = next(self._cookies)
            self.inhibitions[cookie] = sender
            return "u", (cookie,)
        if member == "UnInhibit":
            self.inhibitions.pop(body[0], None)
            return "", ()
        if member == "Notify":
            self.notifications += 1
            return "u", (self.notifications,)
        return UNKNOWN_METHOD

    def forget(self, vanished: str) -> None:
        """Release every inhibition held by a connection that left the bus."""
        for cookie in [c for c, owner in self.inhibitions.items() if owner == vanished]:
            del self.inhibitions[cookie]


if __name__ == "__main__":
    plasma = FakePlasma()
    sys.exit(serve(NAME, plasma.handle, plasma.forget))
