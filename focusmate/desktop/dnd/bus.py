"""Small jeepney helpers for the do-not-disturb backends: every call bounded, every error soft.

Each helper takes an open connection (see :func:`session_bus`) and raises
:class:`~focusmate.core.dnd.DndUnavailable` — never a jeepney or socket error — when the bus,
the service or the reply is not what was expected.  Calls carry an explicit signature and a
CALL_TIMEOUT_S deadline.  Calls to a service are sent with NO_AUTO_START: asking a question must
never D-Bus-activate a notification daemon (several installed daemons claim the same name, and a
call made to an unowned name would start an arbitrary one).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # jeepney loads with the first call: the app's start-up needs no bus
    from jeepney.io.blocking import DBusConnection

from focusmate.core.dnd import DndUnavailable

#: Upper bound of every D-Bus round trip (connect + authenticate, or one call), in seconds.
CALL_TIMEOUT_S = 1.0

NOTIFICATIONS_NAME = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
_PROPERTIES = "org.freedesktop.DBus.Properties"


def _bus_errors() -> tuple[type[BaseException], ...]:
    """What a failed bus operation can raise inside jeepney: socket errors (OSError,
    TimeoutError), bad addresses or authentication (ValueError, RuntimeError) and error
    replies."""
    from jeepney.wrappers import DBusErrorResponse  # noqa: PLC0415 - see TYPE_CHECKING

    return (OSError, ValueError, RuntimeError, EOFError, DBusErrorResponse)


@dataclass(frozen=True, slots=True)
class Target:
    """One D-Bus interface on one object of one service."""

    bus_name: str
    object_path: str
    interface: str

    @property
    def address(self) -> Any:
        from jeepney import DBusAddress  # noqa: PLC0415 - see TYPE_CHECKING

        return DBusAddress(self.object_path, bus_name=self.bus_name, interface=self.interface)


class ServerInformation(NamedTuple):
    """org.freedesktop.Notifications.GetServerInformation's answer."""

    name: str
    vendor: str
    version: str
    spec_version: str


NOTIFICATIONS = Target(NOTIFICATIONS_NAME, NOTIFICATIONS_PATH, NOTIFICATIONS_NAME)


def open_session_bus(env: Mapping[str, str] | None = None) -> Any:
    """A new connection to the session bus named by ``env`` (default: os.environ).

    The caller owns it and must close it.
    """
    address = (os.environ if env is None else env).get("DBUS_SESSION_BUS_ADDRESS", "")
    if not address:
        raise DndUnavailable("there is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset)")
    from jeepney.io.blocking import open_dbus_connection  # noqa: PLC0415 - see TYPE_CHECKING

    try:
        return open_dbus_connection(address, auth_timeout=CALL_TIMEOUT_S)
    except _bus_errors() as error:
        raise DndUnavailable(f"cannot connect to the D-Bus session bus: {error}") from error


@contextmanager
def session_bus(env: Mapping[str, str] | None = None) -> Iterator[Any]:
    """A short-lived session bus connection, closed on exit."""
    connection = open_session_bus(env)
    try:
        yield connection
    finally:
        connection.close()


def call(
    connection: DBusConnection,
    target: Target,
    method: str,
    signature: str = "",
    body: tuple[Any, ...] = (),
    *,
    activate: bool = False,
) -> tuple[Any, ...]:
    """Call ``target.method(*body)`` and return the reply's body; DndUnavailable on any error.

    ``activate`` lets the bus start the service if it is not running (for settings daemons such
    as xfconfd, never for a notification server).
    """
    from jeepney import MessageFlag, new_method_call  # noqa: PLC0415 - see TYPE_CHECKING
    from jeepney.wrappers import DBusErrorResponse, unwrap_msg  # noqa: PLC0415

    message = new_method_call(target.address, method, signature or None, body)
    if not activate:
        message.header.flags |= MessageFlag.no_auto_start
    try:
        reply = connection.send_and_get_reply(message, timeout=CALL_TIMEOUT_S)
        result: tuple[Any, ...] = unwrap_msg(reply)
    except DBusErrorResponse as error:
        raise DndUnavailable(f"{target.bus_name} refused {method}: {error}") from error
    except TimeoutError as error:
        raise DndUnavailable(
            f"{target.bus_name} did not answer {method} within {CALL_TIMEOUT_S:g} s"
        ) from error
    except _bus_errors() as error:
        raise DndUnavailable(f"the call {method} to {target.bus_name} failed: {error}") from error
    return result


def name_has_owner(connection: DBusConnection, name: str) -> bool:
    """Whether ``name`` is owned on the bus (asks the bus itself: never activates ``name``)."""
    from jeepney.bus_messages import message_bus  # noqa: PLC0415 - see TYPE_CHECKING
    from jeepney.wrappers import unwrap_msg  # noqa: PLC0415

    try:
        reply = connection.send_and_get_reply(
            message_bus.NameHasOwner(name), timeout=CALL_TIMEOUT_S
        )
        (owned,) = unwrap_msg(reply)
    except _bus_errors() as error:
        raise DndUnavailable(f"cannot ask the bus who owns {name}: {error}") from error
    return bool(owned)


def server_information(connection: DBusConnection) -> ServerInformation | None:
    """The running notification server's name and vendor; None when no server runs."""
    if not name_has_owner(connection, NOTIFICATIONS_NAME):
        return None
    reply = call(connection, NOTIFICATIONS, "GetServerInformation")
    if len(reply) != 4 or not all(isinstance(part, str) for part in reply):
        raise DndUnavailable(f"unexpected GetServerInformation reply {reply!r}")
    return ServerInformation(*reply)


def get_property(connection: DBusConnection, target: Target, name: str) -> Any:
    """The value of property ``name`` of ``target`` (its variant unwrapped)."""
    reply = call(
        connection,
        Target(target.bus_name, target.object_path, _PROPERTIES),
        "Get",
        "ss",
        (target.interface, name),
    )
    return variant_value(single(reply, f"Get({name})"), f"Get({name})")


def set_property(
    connection: DBusConnection, target: Target, name: str, signature: str, value: Any
) -> None:
    """Set property ``name`` of ``target`` to ``value`` of D-Bus type ``signature``."""
    call(
        connection,
        Target(target.bus_name, target.object_path, _PROPERTIES),
        "Set",
        "ssv",
        (target.interface, name, (signature, value)),
    )


def single(reply: tuple[Any, ...], what: str) -> Any:
    """The one value of a reply body; DndUnavailable if there is not exactly one."""
    if len(reply) != 1:
        raise DndUnavailable(f"unexpected reply to {what}: {reply!r}")
    return reply[0]


def variant_value(variant: Any, what: str) -> Any:
    """The value inside a variant as jeepney returns it (a (signature, value) pair)."""
    if not (isinstance(variant, tuple) and len(variant) == 2 and isinstance(variant[0], str)):
        raise DndUnavailable(f"unexpected variant in the reply to {what}: {variant!r}")
    return variant[1]


def expect_bool(value: Any, what: str) -> bool:
    """``value`` if it is a bool, else DndUnavailable naming ``what``."""
    if not isinstance(value, bool):
        raise DndUnavailable(f"{what} is not a boolean: {value!r}")
    return value
