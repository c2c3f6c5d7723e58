"""Real key presses into kwin_wayland, through KWin's ``org_kde_kwin_fake_input`` protocol.

kwin_wayland --virtual reads no input device and offers no virtual-keyboard protocol
(``wtype``: "Compositor does not support the virtual keyboard protocol"); its fake-input
protocol is offered only to a client whose executable has a desktop file listing it in
X-KDE-Wayland-Interfaces (kde.py writes one for this interpreter in the test user's data
folder). A key sent this way enters KWin's input pipeline like one from a keyboard: KWin's
global shortcut handling (kglobalaccel) sees it, and so the portal's Activated follows, as
for a real key press.

Run it as ``python -m tests.shells.kwin_keys SOCKET CHORD`` (a process of its own: KWin
identifies the client by its executable).

No Wayland library is needed: this speaks the Wayland wire protocol on the compositor's socket
itself (a message is the object id, then the size << 16 | opcode, then the arguments, each
padded to 4 bytes), binds the fake-input global, authenticates and sends ``keyboard_key``.
"""

from __future__ import annotations

import socket
import struct
import time
from pathlib import Path
from typing import Final

#: Linux input event codes (linux/input-event-codes.h).
KEY_CODES: Final = {"ctrl": 29, "alt": 56, "shift": 42, "meta": 125, "p": 25, "a": 30, "z": 44}

# Object ids: the client numbers its objects itself, each the next free one (2, 3, ...).
_DISPLAY: Final = 1
_REGISTRY: Final = 2
# org_kde_kwin_fake_input's requests, in the order of its protocol file.
_AUTHENTICATE: Final = 0
_KEYBOARD_KEY: Final = 10  # since version 4
_KEYBOARD_KEY_SINCE: Final = 4


def _string(text: str) -> bytes:
    data = text.encode() + b"\0"
    return struct.pack("<I", len(data)) + data + b"\0" * (-len(data) % 4)


def _message(sender: int, opcode: int, payload: bytes = b"") -> bytes:
    return struct.pack("<II", sender, (8 + len(payload)) << 16 | opcode) + payload


class _Wayland:
    def __init__(self, path: Path) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(5)
        self.sock.connect(str(path))
        self._buffer = b""
        self._next_id = _REGISTRY + 1

    def new_id(self) -> int:
        """The next object id (the server refuses any other)."""
        made, self._next_id = self._next_id, self._next_id + 1
        return made

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def events(self) -> list[tuple[int, int, bytes]]:
        """Read until our sync callback fires (a round trip); every event before it."""
        callback = self.new_id()
        self.send(_message(_DISPLAY, 0, struct.pack("<I", callback)))  # wl_display.sync
        seen: list[tuple[int, int, bytes]] = []
        while True:
            while len(self._buffer) < 8:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise ConnectionError("kwin_wayland closed the connection")
                self._buffer += chunk
            sender, word = struct.unpack("<II", self._buffer[:8])
            size, opcode = word >> 16, word & 0xFFFF
            while len(self._buffer) < size:
                self._buffer += self.sock.recv(65536)
            payload, self._buffer = self._buffer[8:size], self._buffer[size:]
            if sender == _DISPLAY and opcode == 0:  # wl_display.error
                raise ConnectionError(f"kwin_wayland refused a request: {payload!r}")
            if sender == callback:
                return seen
            seen.append((sender, opcode, payload))


def _globals(events: list[tuple[int, int, bytes]]) -> dict[str, tuple[int, int]]:
    """interface -> (name, version), from wl_registry.global events."""
    found = {}
    for sender, opcode, payload in events:
        if sender == _REGISTRY and opcode == 0:
            name, length = struct.unpack("<II", payload[:8])
            interface = payload[8 : 8 + length - 1].decode()
            (version,) = struct.unpack("<I", payload[8 + length + (-length % 4) :][:4])
            found[interface] = (name, version)
    return found


def press(socket_path: Path, chord: str) -> float:
    """Press and release ``chord`` (e.g. "ctrl+alt+p") through KWin's fake input; the
    ``time.monotonic()`` at which the keys went out (CLOCK_MONOTONIC: the same clock in
    every process of the machine)."""
    keys = [KEY_CODES[part] for part in chord.lower().split("+")]
    wayland = _Wayland(socket_path)
    try:
        wayland.send(_message(_DISPLAY, 1, struct.pack("<I", _REGISTRY)))  # get_registry
        offered = _globals(wayland.events())
        if "org_kde_kwin_fake_input" not in offered:
            raise ConnectionError(
                "kwin_wayland offers no org_kde_kwin_fake_input "
                "(is KWIN_WAYLAND_NO_PERMISSION_CHECKS=1 set for it?)"
            )
        name, version = offered["org_kde_kwin_fake_input"]
        if version < _KEYBOARD_KEY_SINCE:
            raise ConnectionError(f"org_kde_kwin_fake_input version {version} has no keys")
        fake = wayland.new_id()
        bind = (
            struct.pack("<I", name)
            + _string("org_kde_kwin_fake_input")
            + struct.pack("<II", _KEYBOARD_KEY_SINCE, fake)
        )
        wayland.send(_message(_REGISTRY, 0, bind))
        wayland.send(_message(fake, _AUTHENTICATE, _string("focusmate tests") + _string("keys")))
        pressed = time.monotonic()
        for state, order in ((1, keys), (0, list(reversed(keys)))):
            for key in order:
                wayland.send(_message(fake, _KEYBOARD_KEY, struct.pack("<II", key, state)))
        wayland.events()  # a round trip: KWin has handled every key
    finally:
        wayland.sock.close()
    return pressed


if __name__ == "__main__":
    import sys

    print(press(Path(sys.argv[1]), sys.argv[2]))
