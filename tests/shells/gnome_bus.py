"""GNOME Shell's own doors, used the way GNOME's own programs use them; run as a script by
the shell's user (the session bus takes only its own user), with jeepney alone.

    python gnome_bus.py screenshot FILE      the whole screen, as GNOME Screenshot takes it
    python gnome_bus.py keys KEY [KEY ...]   key presses, e.g. Escape or Super+v

``screenshot``: GNOME Shell 43 answers ``org.gnome.Shell.Screenshot.Screenshot`` only to the
owner of one of the names it trusts (``org.gnome.Screenshot`` among them), so this connection
takes that name first, as the GNOME Screenshot program does.

``keys``: through Mutter's remote-desktop interface (``org.gnome.Mutter.RemoteDesktop``, what
GNOME's screen sharing uses), a virtual keyboard whose presses reach the shell as a person's
would; a headless shell has no keyboard of its own.
"""

from __future__ import annotations

import sys
import time

from jeepney import DBusAddress, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection

#: The X keysyms of the keys the tests press.
KEYSYMS = {"escape": 0xFF1B, "super": 0xFFEB, "v": 0x76}
_DO_NOT_QUEUE = 4  # RequestName flag: fail rather than wait in line for the name
_MUTTER_RD = "org.gnome.Mutter.RemoteDesktop"


def screenshot(bus: DBusConnection, path: str) -> None:
    owned = bus.send_and_get_reply(
        new_method_call(message_bus, "RequestName", "su", ("org.gnome.Screenshot", _DO_NOT_QUEUE))
    )
    if owned.body[0] not in (1, 4):  # primary owner, or already owner
        raise SystemExit(f"cannot own org.gnome.Screenshot: RequestName answered {owned.body}")
    shell = DBusAddress(
        "/org/gnome/Shell/Screenshot",
        bus_name="org.gnome.Shell.Screenshot",
        interface="org.gnome.Shell.Screenshot",
    )
    # (include_cursor, flash, filename) -> (success, filename_used)
    reply = bus.send_and_get_reply(
        new_method_call(shell, "Screenshot", "bbs", (False, False, path)), timeout=20
    )
    if not reply.body or reply.body[0] is not True:
        raise SystemExit(f"GNOME Shell refused the screenshot: {reply.body}")


def keys(bus: DBusConnection, chords: list[str]) -> None:
    desktop = DBusAddress(
        "/org/gnome/Mutter/RemoteDesktop", bus_name=_MUTTER_RD, interface=_MUTTER_RD
    )
    made = bus.send_and_get_reply(new_method_call(desktop, "CreateSession"), timeout=10)
    session = DBusAddress(made.body[0], bus_name=_MUTTER_RD, interface=f"{_MUTTER_RD}.Session")
    bus.send_and_get_reply(new_method_call(session, "Start"), timeout=10)
    try:
        for chord in chords:
            syms = [KEYSYMS[name.lower()] for name in chord.split("+")]
            for pressed, order in ((True, syms), (False, list(reversed(syms)))):
                for sym in order:
                    bus.send_and_get_reply(
                        new_method_call(session, "NotifyKeyboardKeysym", "ub", (sym, pressed)),
                        timeout=10,
                    )
            time.sleep(0.2)  # one chord handled before the next (each opens or closes a view)
    finally:
        bus.send_and_get_reply(new_method_call(session, "Stop"), timeout=10)


def main(argv: list[str]) -> None:
    command, *rest = argv
    with open_dbus_connection("SESSION") as bus:
        if command == "screenshot":
            screenshot(bus, rest[0])
        elif command == "keys":
            keys(bus, rest)
        else:
            raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
