"""The loop shared by the FAKE D-Bus servers of these tests (fake_kde_server, fake_swaync_server).

A fake owns one well-known name on the session bus and answers method calls with a handler;
it is told when a connection leaves the bus (``NameOwnerChanged`` with no new owner), so a fake
can release what that caller held.  It prints "ready" once it owns its name.  Test code only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from jeepney import HeaderFields, MessageType, new_error, new_method_return
from jeepney.bus_messages import MatchRule, message_bus
from jeepney.io.blocking import open_dbus_connection

#: (interface, member, sender, body) -> (signature, reply body), or an error name, or None to
#: never answer (for timeout tests).
Handler = Callable[[str, str, str, tuple[Any, ...]], "tuple[str, tuple[Any, ...]] | str | None"]

UNKNOWN_METHOD = "org.freedesktop.DBus.Error.UnknownMethod"
_DO_NOT_QUEUE = 4
_PRIMARY_OWNER = 1


def serve(
    bus_name: str,
    handler: Handler,
    on_vanished: Callable[[str], None] = lambda name: None,
) -> int:
    """Own ``bus_name`` and answer calls with ``handler`` until the bus goes away."""
    connection = open_dbus_connection("SESSION")
    connection.send_and_get_reply(
        message_bus.AddMatch(
            MatchRule(type="signal", sender="org.freedesktop.DBus", member="NameOwnerChanged")
        )
    )
    (result,) = connection.send_and_get_reply(message_bus.RequestName(bus_name, _DO_NOT_QUEUE)).body
    if result != _PRIMARY_OWNER:
        print(f"could not own {bus_name} (RequestName answered {result})", file=sys.stderr)
        return 1
    print("ready", flush=True)
    while True:
        try:
            msg = connection.receive()
        except (ConnectionError, OSError):
            return 0  # the bus is gone: the test is over
        fields = msg.header.fields
        if msg.header.message_type == MessageType.signal:
            if fields.get(HeaderFields.member) == "NameOwnerChanged":
                name, _old_owner, new_owner = msg.body
                if not new_owner:
                    on_vanished(name)
            continue
        if msg.header.message_type != MessageType.method_call:
            continue
        answer = handler(
            fields.get(HeaderFields.interface, ""),
            fields.get(HeaderFields.member, ""),
            fields.get(HeaderFields.sender, ""),
            tuple(msg.body),
        )
        if answer is None:
            continue
        if isinstance(answer, str):
            connection.send(new_error(msg, answer))
        else:
            connection.send(new_method_return(msg, answer[0] or None, answer[1]))
