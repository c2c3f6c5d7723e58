"""A FAKE xdg-desktop-portal GlobalShortcuts on a private session bus, for what cannot run here.

Real KDE Plasma 5.27 (version 1 of the interface) runs in tests/shells. Version 2 (Plasma 6,
GNOME 48) is not installable on this Debian 12 machine, and a session the portal closes cannot
be provoked on demand from a real one: this fake follows the specification
(org.freedesktop.portal.GlobalShortcuts.xml, the Request and Session documentation) for both,
records every call, and lets a test emit Activated, ShortcutsChanged and Session.Closed.

It is a jeepney connection in a thread of its own that owns ``org.freedesktop.portal.Desktop``
on a dbus-daemon the test starts (``private_bus``).
"""

from __future__ import annotations

import contextlib
import select
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jeepney import DBusAddress, MessageType, new_error, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection
from jeepney.low_level import HeaderFields, Message

NAME = "org.freedesktop.portal.Desktop"
PATH = "/org/freedesktop/portal/desktop"
INTERFACE = "org.freedesktop.portal.GlobalShortcuts"


@contextlib.contextmanager
def private_bus() -> Iterator[str]:
    """A dbus-daemon of its own; yields its address."""
    if not shutil.which("dbus-daemon"):
        raise AssertionError("dbus-daemon is missing (Debian: apt-get install dbus)")
    folder = Path(tempfile.mkdtemp(prefix="fm-portal-"))
    socket = folder / "bus"
    # The address is printed once the daemon listens: the socket's file alone appears at
    # bind(), before listen(), and a connection then is refused (seen under load).
    proc = subprocess.Popen(
        [
            "dbus-daemon",
            "--session",
            "--nofork",
            "--nopidfile",
            "--nosyslog",
            "--print-address=1",
            f"--address=unix:path={socket}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], 10)
        if not ready or not proc.stdout.readline().strip():
            raise AssertionError("the private dbus-daemon did not start")
        yield f"unix:path={socket}"
    finally:
        proc.terminate()
        proc.wait(5)
        if proc.stdout is not None:
            proc.stdout.close()
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class FakePortal:
    """The fake: ``version`` of the interface; ``calls`` lists (method, body) as received."""

    address: str
    version: int
    calls: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    sessions: list[str] = field(default_factory=list)
    #: What the fake's desktop binds each shortcut to (the user's choice in its dialog).
    triggers: dict[str, str] = field(default_factory=dict)
    #: False: version 2's BindShortcuts never answers (its dialog waits for the user).
    answer_bind: bool = True

    def __post_init__(self) -> None:
        self._connection = open_dbus_connection(self.address)
        self._connection.send_and_get_reply(message_bus.RequestName(NAME))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="fake-portal", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self._connection.sock.shutdown(2)
        self._thread.join(5)
        self._connection.close()

    # -- what a test does --------------------------------------------------------------------

    def activate(self, action: str) -> None:
        self._signal(PATH, INTERFACE, "Activated", "osta{sv}", (self.sessions[-1], action, 1, {}))

    def change(self, triggers: dict[str, str]) -> None:
        self.triggers = dict(triggers)
        self._signal(
            PATH, INTERFACE, "ShortcutsChanged", "oa(sa{sv})", (self.sessions[-1], self._bound())
        )

    def close_session(self) -> None:
        self._signal(self.sessions[-1], "org.freedesktop.portal.Session", "Closed", "a{sv}", ({},))

    def methods(self) -> list[str]:
        return [method for method, _ in self.calls]

    # -- the service -------------------------------------------------------------------------

    def _signal(self, path: str, interface: str, member: str, signature: str, body: Any) -> None:
        address = DBusAddress(path, interface=interface)
        self._connection.send(new_signal(address, member, signature, body))

    def _bound(self) -> list[tuple[str, dict[str, tuple[str, str]]]]:
        return [
            (action, {"description": ("s", action), "trigger_description": ("s", trigger)})
            for action, trigger in self.triggers.items()
        ]

    def _respond(self, request: str, results: dict[str, Any]) -> None:
        self._signal(request, "org.freedesktop.portal.Request", "Response", "ua{sv}", (0, results))

    def _request_path(self, sender: str, options: dict[str, Any]) -> str:
        token = options["handle_token"][1]
        return f"/org/freedesktop/portal/desktop/request/{sender[1:].replace('.', '_')}/{token}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                message = self._connection.receive()
            except (OSError, EOFError, ValueError):
                return
            if message.header.message_type is MessageType.method_call:
                self._answer(message)

    def _answer(self, message: Message) -> None:
        fields = message.header.fields
        member = fields.get(HeaderFields.member)
        sender = fields.get(HeaderFields.sender, "")
        body = tuple(message.body)
        self.calls.append((member, body))
        reply = self._connection.send
        if member == "Get" and body == (INTERFACE, "version"):
            reply(new_method_return(message, "v", (("u", self.version),)))
            return
        if member == "CreateSession":
            (options,) = body
            request = self._request_path(sender, options)
            token = options["session_handle_token"][1]
            session = (
                f"/org/freedesktop/portal/desktop/session/{sender[1:].replace('.', '_')}/{token}"
            )
            self.sessions.append(session)
            if "shortcuts" in options:  # version 1's way
                self.triggers = _preferred(options["shortcuts"][1])
            reply(new_method_return(message, "o", (request,)))
            self._respond(request, {"session_handle": ("s", session)})
            return
        if member == "BindShortcuts":
            session, shortcuts, _parent, options = body
            request = self._request_path(sender, options)
            if self.version >= 2:  # version 2 binds here
                self.triggers = _preferred(shortcuts)
            reply(new_method_return(message, "o", (request,)))
            if self.answer_bind:
                self._respond(request, {"shortcuts": ("a(sa{sv})", self._bound())})
            return
        if member == "ListShortcuts":
            _session, options = body
            request = self._request_path(sender, options)
            reply(new_method_return(message, "o", (request,)))
            self._respond(request, {"shortcuts": ("a(sa{sv})", self._bound())})
            return
        if member == "ConfigureShortcuts" and self.version >= 2:
            reply(new_method_return(message, "", ()))
            return
        if member == "Close":
            reply(new_method_return(message, "", ()))
            return
        reply(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", (str(member),)))


def _preferred(shortcuts: list[tuple[str, dict[str, Any]]]) -> dict[str, str]:
    """The fake desktop accepts each preferred trigger, written its own way ("CTRL+ALT+p" ->
    "Ctrl+Alt+P"), as Plasma 5.27 did."""
    names = {"CTRL": "Ctrl", "ALT": "Alt", "SHIFT": "Shift", "LOGO": "Meta"}
    bound = {}
    for action, properties in shortcuts:
        parts = properties["preferred_trigger"][1].split("+")
        key = parts[-1]
        bound[action] = "+".join(
            [*(names[m] for m in parts[:-1]), key.upper() if len(key) == 1 else key]
        )
    return bound
