"""Global shortcuts through the xdg-desktop-portal GlobalShortcuts interface; never raises.

Where the desktop offers it (KDE Plasma 5.27 and later, Hyprland, GNOME 48 and later), this is
how a Wayland session gets global hotkeys at all: pynput sees no keys there.  The desktop owns
the keys; focusmate registers its actions (phone, app, undo, custom mark kinds) with a
description and a preferred trigger, and the portal tells it when one is pressed.

:class:`PortalShortcuts` has the same face as :class:`~focusmate.desktop.hotkeys.GlobalHotkeys`
(``triggered(action)``, ``availability_changed``, ``start``/``stop``/``availability``/
``listening``), so windows.on_hotkey works unchanged, plus :attr:`PortalShortcuts.bound` (the
triggers the desktop reports, e.g. ``{"phone": "Ctrl+Alt+P"}``) and
:meth:`PortalShortcuts.open_system_settings` (the system's own dialog to change them).

One thread (``portal-shortcuts``) owns the bus connection and does every call; it sleeps in
``select`` on the bus socket and a wake-up pipe, so it costs nothing while idle.  The GUI
thread only posts commands to it (a queue, then a wake-up through jeepney's ``interrupt``) and
receives private signals connected with ``Qt.QueuedConnection`` (ARCHITECTURE invariant 8):

1. ``Activated(session, action, …)`` on the bus -> the thread emits ``_activated`` with its
   generation -> on the GUI thread ``_on_activated`` drops stale ones and emits ``triggered``.
2. ``ShortcutsChanged`` (the user changed a trigger in System Settings) or a rebind's answer ->
   ``_bound`` -> :attr:`bound` and ``availability_changed``.
3. ``Session.Closed`` (the portal ended our session, e.g. it restarted) -> the thread creates
   a new session itself, at most :data:`MAX_RECREATIONS` times in a row without an activation.

The calls and their answers are planned in core/portal_shortcuts.py (pure): on version 1 of the
interface (Plasma 5.27) the shortcuts go in ``CreateSession``'s options and ``BindShortcuts``
only opens the Shortcuts dialog; from version 2, ``BindShortcuts`` binds and
``ConfigureShortcuts`` opens the dialog.  Requests answer through ``Request.Response`` on a
path made from our unique name and a token; the bus match for it is added before the call.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import queue
import secrets
import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from jeepney import DBusAddress, MessageFlag, MessageType, new_method_call
from jeepney.bus_messages import MatchRule, message_bus
from jeepney.io.threading import DBusConnection, ReceiveStopped, open_dbus_connection
from jeepney.low_level import HeaderFields, Message
from PySide6.QtCore import Q_ARG, QCoreApplication, QObject, Qt, Signal, Slot

from focusmate.core.hotkeys import HotkeyBindings
from focusmate.core.portal_shortcuts import (
    Describe,
    PortalPlan,
    bound_triggers,
    request_path,
    shortcut_list,
)
from focusmate.core.text import translate
from focusmate.desktop.hotkeys import NOT_STARTED, STOPPED, HotkeyAvailability, _emit

__all__ = ["PortalShortcuts", "gnome_shell_major", "portal_version"]

log = logging.getLogger(__name__)

PORTAL_NAME: Final = "org.freedesktop.portal.Desktop"
PORTAL_PATH: Final = "/org/freedesktop/portal/desktop"
INTERFACE: Final = "org.freedesktop.portal.GlobalShortcuts"
REQUEST: Final = "org.freedesktop.portal.Request"
SESSION: Final = "org.freedesktop.portal.Session"
#: A method call's reply (the portal may be D-Bus-activated by the first one: a second or two).
CALL_TIMEOUT_S: Final = 5.0
#: A request's Response that needs no user (CreateSession, ListShortcuts; BindShortcuts on v2
#: may show a dialog first: the user has this long before start() reports it not ready).
RESPONSE_TIMEOUT_S: Final = 10.0
#: How long start() waits for the session; the thread goes on after it gives up.
READY_TIMEOUT_S: Final = 12.0
#: Sessions re-created in a row after the portal closed one, before giving up.
MAX_RECREATIONS: Final = 3

#: Our session's token: see create_session.
SESSION_TOKEN: Final = "focusmate"  # noqa: S105 - a D-Bus object name, not a secret

_STOP: Final = "stop"
_REBIND: Final = "rebind"


class PortalError(Exception):
    """The portal is not there, refused, or answered something unexpected (English)."""


def _address() -> DBusAddress:
    return DBusAddress(PORTAL_PATH, bus_name=PORTAL_NAME, interface=INTERFACE)


def _value(variant: Any) -> Any:
    """A jeepney variant ``(signature, value)``'s value (or the value itself)."""
    return variant[1] if isinstance(variant, tuple) and len(variant) == 2 else variant


class _Bus:
    """One blocking connection used by the portal thread alone: calls wait for their reply
    while signals that arrive meanwhile are kept, in order, for :meth:`next_message`."""

    def __init__(self, connection: DBusConnection) -> None:
        self.connection = connection
        self.unique_name: str = connection.unique_name
        self._backlog: deque[Message] = deque()

    def call(self, message: Message, timeout_s: float = CALL_TIMEOUT_S) -> tuple[Any, ...]:
        serial = next(self.connection.outgoing_serial)
        self.connection.send(message, serial=serial)
        while True:
            try:
                reply = self.connection.receive(timeout=timeout_s)
            except ReceiveStopped:  # a command from the GUI thread: it waits in the queue
                self.connection.reset_interrupt()
                continue
            except TimeoutError:
                raise PortalError(
                    f"no answer to {message.header.fields.get(HeaderFields.member)}"
                ) from None
            if reply.header.fields.get(HeaderFields.reply_serial) != serial:
                self._backlog.append(reply)
                continue
            if reply.header.message_type is MessageType.error:
                name = reply.header.fields.get(HeaderFields.error_name, "error")
                detail = reply.body[0] if reply.body else ""
                raise PortalError(f"{name}: {detail}".rstrip(": "))
            return tuple(reply.body)

    def next_message(self, timeout_s: float | None = None) -> Message:
        """The next incoming message: blocks on the socket (ReceiveStopped on a wake-up)."""
        if self._backlog:
            return self._backlog.popleft()
        return self.connection.receive(timeout=timeout_s)

    def add_match(self, rule: MatchRule) -> None:
        self.call(message_bus.AddMatch(rule))


def portal_version(bus: _Bus) -> int:
    """The GlobalShortcuts interface's version; PortalError when no portal offers it."""
    message = new_method_call(
        DBusAddress(PORTAL_PATH, bus_name=PORTAL_NAME, interface="org.freedesktop.DBus.Properties"),
        "Get",
        "ss",
        (INTERFACE, "version"),
    )
    (variant,) = bus.call(message)
    version = _value(variant)
    if not isinstance(version, int) or version < 1:
        raise PortalError(f"the portal reports GlobalShortcuts version {version!r}")
    return version


def gnome_shell_major(environ: Mapping[str, str]) -> int | None:
    """The running GNOME Shell's major version (org.gnome.Shell's ShellVersion), or None.

    Asked with NO_AUTO_START and a short deadline: it must not start anything, and it runs
    on the GUI thread at start-up.
    """
    address = environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    if not address:
        return None
    message = new_method_call(
        DBusAddress(
            "/org/gnome/Shell",
            bus_name="org.gnome.Shell",
            interface="org.freedesktop.DBus.Properties",
        ),
        "Get",
        "ss",
        ("org.gnome.Shell", "ShellVersion"),
    )
    message.header.flags |= MessageFlag.no_auto_start
    try:
        connection = open_dbus_connection(address, auth_timeout=1.0)
    except (OSError, ValueError, RuntimeError):
        return None
    try:
        with contextlib.suppress(PortalError, OSError, ValueError):
            (variant,) = _Bus(connection).call(message, timeout_s=1.0)
            major = str(_value(variant)).split(".")[0]
            return int(major) if major.isdigit() else None
        return None
    finally:
        connection.close()


def _shortcuts_body(
    bindings: HotkeyBindings, describe: Describe
) -> list[tuple[str, dict[str, Any]]]:
    return [
        (action, {key: ("s", text) for key, text in properties.items()})
        for action, properties in shortcut_list(bindings, describe)
    ]


_VERSION_1: Final = PortalPlan(1)


@dataclass
class _Session:
    """What the thread knows of the current portal session."""

    handle: str = ""
    plan: PortalPlan = _VERSION_1


class _Worker:
    """The portal thread's state and calls (runs on that thread alone)."""

    def __init__(
        self,
        bus: _Bus,
        bindings: HotkeyBindings,
        describe: Describe,
        commands: queue.SimpleQueue[str],
        report: Callable[[str, str], None],
    ) -> None:
        self.bus = bus
        self.bindings = bindings
        self.describe = describe
        self.commands = commands
        self.report = report  # (what, detail): "activated", "bound", "ready", "failed", "ended"
        self.session = _Session()
        self._pending: dict[str, Callable[[int, dict[str, Any]], None]] = {}
        self._tokens = itertools.count(1)
        self._prefix = "focusmate_" + secrets.token_hex(4)

    # -- requests ---------------------------------------------------------------------------

    def _token(self) -> str:
        return f"{self._prefix}_{next(self._tokens)}"

    def _request(
        self,
        method: str,
        signature: str,
        body: tuple[Any, ...],
        token: str,
        *,
        wait: bool,
        on_response: Callable[[int, dict[str, Any]], None] | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """Call a request method; with ``wait``, block until its Response (code, results)."""
        path = request_path(self.bus.unique_name, token)
        if on_response is not None:
            self._pending[path] = on_response
        (handle,) = self.bus.call(new_method_call(_address(), method, signature, body))
        if handle != path:  # an old portal answers on a path of its own: follow it
            if on_response is not None:
                self._pending[handle] = self._pending.pop(path)
            path = handle
        if not wait:
            return 0, {}
        deadline = RESPONSE_TIMEOUT_S
        while True:
            try:
                message = self.bus.next_message(deadline)
            except ReceiveStopped:
                self.bus.connection.reset_interrupt()
                continue
            except TimeoutError:
                raise PortalError(f"the portal did not answer {method}") from None
            if self._is_response(message, path):
                code, results = message.body
                return int(code), dict(results)
            self.handle(message)

    @staticmethod
    def _is_response(message: Message, path: str) -> bool:
        fields = message.header.fields
        return (
            message.header.message_type is MessageType.signal
            and fields.get(HeaderFields.interface) == REQUEST
            and fields.get(HeaderFields.member) == "Response"
            and fields.get(HeaderFields.path) == path
        )

    # -- the session ------------------------------------------------------------------------

    def subscribe(self) -> None:
        """Signals from the portal reach us (the bus sends only what a match asks for)."""
        for interface in (INTERFACE, REQUEST, SESSION):
            self.bus.add_match(MatchRule(type="signal", sender=PORTAL_NAME, interface=interface))
        owner = MatchRule(
            type="signal",
            sender="org.freedesktop.DBus",
            interface="org.freedesktop.DBus",
            member="NameOwnerChanged",
        )
        owner.add_arg_condition(0, PORTAL_NAME)
        self.bus.add_match(owner)

    def create_session(self) -> None:
        """A new session with our shortcuts registered (by the version's way), then the
        triggers the desktop reports; raises PortalError."""
        plan = PortalPlan(portal_version(self.bus))
        shortcuts = _shortcuts_body(self.bindings, self.describe)
        options: dict[str, Any] = {
            "handle_token": ("s", self._token()),
            # A fixed token: KDE Plasma names the shortcuts' group in its settings after it
            # when the app has no app_id (not sandboxed), so a fixed one keeps the keys the
            # user chose there from one run to the next (a random one made a new group each
            # time, seen on Plasma 5.27.5).
            "session_handle_token": ("s", SESSION_TOKEN),
        }
        if plan.shortcuts_in_create_session:
            options["shortcuts"] = ("a(sa{sv})", shortcuts)
        code, results = self._request(
            "CreateSession", "a{sv}", (options,), _value(options["handle_token"]), wait=True
        )
        if code != 0:
            raise PortalError(f"CreateSession was refused (response {code})")
        handle = str(_value(results.get("session_handle", "")))
        if not handle:
            raise PortalError("CreateSession answered without a session handle")
        self.session = _Session(handle, plan)
        bound = self.list_shortcuts()  # version 2: what the user accepted in an earlier run
        self.report("ready", json.dumps({"version": plan.version, "bound": bound}))
        if plan.bind_after_create:
            # Not waited for: the desktop may first ask the user in a dialog (GNOME 48), for as
            # long as they take; its Response reports what was bound.
            token = self._token()
            self._request(
                "BindShortcuts",
                "oa(sa{sv})sa{sv}",
                (handle, shortcuts, "", {"handle_token": ("s", token)}),
                token,
                wait=False,
                on_response=self._on_rebound,
            )

    def list_shortcuts(self) -> dict[str, str]:
        token = self._token()
        code, results = self._request(
            "ListShortcuts",
            "oa{sv}",
            (self.session.handle, {"handle_token": ("s", token)}),
            token,
            wait=True,
        )
        if code != 0:
            raise PortalError(f"ListShortcuts was refused (response {code})")
        return bound_triggers(_value(results.get("shortcuts", [])))

    def rebind(self) -> None:
        """Open the system's dialog for our shortcuts; its answer comes later, as a Response
        (version 1) or ShortcutsChanged."""
        plan, handle = self.session.plan, self.session.handle
        if not handle:
            return
        token = self._token()
        options = {"handle_token": ("s", token)}
        try:
            if plan.rebind_method == "BindShortcuts":
                body: tuple[Any, ...] = (
                    handle,
                    _shortcuts_body(self.bindings, self.describe),
                    "",
                    options,
                )
                self._request(
                    "BindShortcuts",
                    "oa(sa{sv})sa{sv}",
                    body,
                    token,
                    wait=False,
                    on_response=self._on_rebound,
                )
            else:
                self._request(
                    "ConfigureShortcuts",
                    "osa{sv}",
                    (handle, "", options),
                    token,
                    wait=False,
                    on_response=self._on_rebound,
                )
        except PortalError as error:
            log.warning("global shortcuts: cannot open the system's dialog: %s", error)

    def _on_rebound(self, code: int, results: dict[str, Any]) -> None:
        if code == 0 and "shortcuts" in results:
            self.report("bound", json.dumps(bound_triggers(_value(results["shortcuts"]))))
        elif code != 0:
            log.warning("global shortcuts: the desktop's dialog answered %d (1: cancelled)", code)

    def close_session(self) -> None:
        if self.session.handle:
            with contextlib.suppress(PortalError, OSError):
                self.bus.call(
                    new_method_call(
                        DBusAddress(self.session.handle, bus_name=PORTAL_NAME, interface=SESSION),
                        "Close",
                    ),
                    timeout_s=1.0,
                )

    # -- the loop ---------------------------------------------------------------------------

    def handle(self, message: Message) -> bool:
        """Act on one incoming message; False when the session is gone (re-create it)."""
        if message.header.message_type is not MessageType.signal:
            return True
        fields = message.header.fields
        interface = fields.get(HeaderFields.interface)
        member = fields.get(HeaderFields.member)
        path = fields.get(HeaderFields.path)
        body = message.body
        if interface == INTERFACE and body and body[0] == self.session.handle:
            if member == "Activated":
                self.report("activated", str(body[1]))
            elif member == "ShortcutsChanged":
                self.report("bound", json.dumps(bound_triggers(body[1])))
        elif interface == REQUEST and member == "Response" and path in self._pending:
            callback = self._pending.pop(path)
            callback(int(body[0]), dict(body[1]))
        elif interface == SESSION and member == "Closed" and path == self.session.handle:
            log.warning("global shortcuts: the portal closed our session; creating a new one")
            self.session = _Session()
            return False
        elif (
            member == "NameOwnerChanged"
            and len(body) == 3
            and body[0] == PORTAL_NAME
            and not body[2]
        ):
            log.warning("global shortcuts: the portal went away; creating a new session")
            self.session = _Session()
            return False
        return True

    def run(self) -> None:
        """Create the session, then serve it until told to stop."""
        failures = 0
        created = False
        try:
            self.subscribe()
        except PortalError as error:
            self.report("failed", str(error))
            return
        while True:
            if not self.session.handle:
                try:
                    self.create_session()
                    created = True
                except PortalError as error:
                    failures += 1
                    self.report("failed", str(error))
                    if not created or failures > MAX_RECREATIONS:
                        return  # no portal here, or one that keeps closing our sessions
                    continue
            try:
                command = self.commands.get_nowait()
            except queue.Empty:
                command = ""
            if command == _STOP:
                self.close_session()
                return
            if command == _REBIND:
                self.rebind()
                continue
            try:
                message = self.bus.next_message()
            except ReceiveStopped:
                self.bus.connection.reset_interrupt()
                continue
            if not self.handle(message):
                continue  # the session is gone: re-created at the top of the loop
            if message.header.fields.get(HeaderFields.member) == "Activated":
                failures = 0


class PortalShortcuts(QObject):
    """Global shortcuts registered with the desktop's portal.  Create it on the GUI thread."""

    #: An action's shortcut was pressed (the action name); emitted on the GUI thread.
    triggered = Signal(str)
    #: :attr:`availability` or :attr:`bound` changed.
    availability_changed = Signal()

    # Emitted on the portal thread; connected queued to the slots below.
    _event = Signal(int, str, str)  # generation, what, detail

    def __init__(
        self,
        describe: Describe,
        parent: QObject | None = None,
        *,
        environ: Mapping[str, str] | None = None,
        ready_timeout_s: float = READY_TIMEOUT_S,
    ) -> None:
        super().__init__(parent)
        self._describe = describe
        self._environ = environ
        self._ready_timeout_s = ready_timeout_s
        self._availability = NOT_STARTED
        self._bound: dict[str, str] = {}
        self._version = 0
        self._generation = 0
        self._thread: threading.Thread | None = None
        self._commands: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._connection: DBusConnection | None = None
        self._ready = threading.Event()
        self._event.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    @property
    def availability(self) -> HotkeyAvailability:
        return self._availability

    @property
    def listening(self) -> bool:
        """True while a portal session is open for our shortcuts."""
        return self._thread is not None and self._availability.available

    @property
    def bound(self) -> dict[str, str]:
        """action -> the trigger the desktop fires it on, as the desktop writes it."""
        return dict(self._bound)

    @property
    def version(self) -> int:
        """The portal's GlobalShortcuts version (0 before a session was created)."""
        return self._version

    def start(self, bindings: HotkeyBindings) -> HotkeyAvailability:
        """Register ``bindings`` with the portal (replacing an earlier session); never raises.

        Blocks until the session is created (milliseconds; the first call may start the portal)
        or ``ready_timeout_s``; after that the thread goes on and reports by signal.
        """
        self._halt()
        self._ready = threading.Event()
        environ = os.environ if self._environ is None else self._environ
        address = environ.get("DBUS_SESSION_BUS_ADDRESS", "")
        if not bindings:
            return self._set(_off("no hotkeys are bound", "No global hotkeys are set."))
        if not address:
            return self._set(_off("there is no D-Bus session bus", "There is no session bus."))
        try:
            connection = open_dbus_connection(address, auth_timeout=CALL_TIMEOUT_S)
        except (OSError, ValueError, RuntimeError) as error:
            return self._set(_off(f"cannot reach the session bus: {error}", str(error)))
        self._generation += 1
        generation = self._generation
        self._connection = connection
        commands: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._commands = commands
        ready = self._ready

        def report(what: str, detail: str) -> None:
            _emit(self, "_event", Q_ARG(int, generation), Q_ARG(str, what), Q_ARG(str, detail))
            if what in {"ready", "failed"}:  # after the event is posted: start() takes it
                ready.set()

        worker = _Worker(_Bus(connection), bindings, self._describe, commands, report)

        def run() -> None:
            try:
                worker.run()
            except Exception as error:  # the bus went away: say so, end quietly
                report("failed", f"{type(error).__name__}: {error}")
            finally:
                report("ended", "")
                with contextlib.suppress(Exception):
                    connection.close()

        self._thread = threading.Thread(target=run, name="portal-shortcuts", daemon=True)
        self._thread.start()
        ready.wait(self._ready_timeout_s)
        # The thread's report is queued for the GUI thread: take it now, so start() answers.
        QCoreApplication.sendPostedEvents(self)
        if not ready.is_set():
            self._set(
                _off("the portal did not create a session in time", "The desktop did not answer.")
            )
        return self._availability

    def open_system_settings(self) -> bool:
        """Open the desktop's own dialog to change the triggers; False if there is none."""
        if self._thread is None or self._connection is None:
            return False
        self._commands.put(_REBIND)
        self._connection.interrupt()
        return True

    @Slot()
    def stop(self) -> None:
        """Close the session; no trigger is emitted after this returns."""
        self._halt()
        self._set(STOPPED)

    def _halt(self) -> None:
        self._generation += 1
        thread, self._thread = self._thread, None
        connection, self._connection = self._connection, None
        if thread is not None and connection is not None:
            self._commands.put(_STOP)
            with contextlib.suppress(OSError):
                connection.interrupt()
            thread.join(2.0)
        self._bound = {}

    def _set(self, availability: HotkeyAvailability) -> HotkeyAvailability:
        changed = availability != self._availability
        self._availability = availability
        if changed:
            _emit(self, "availability_changed")
        return availability

    @Slot(int, str, str)
    def _on_event(self, generation: int, what: str, detail: str) -> None:
        if generation != self._generation:
            return  # from a session we stopped or replaced
        if what == "activated":
            _emit(self, "triggered", Q_ARG(str, detail))
        elif what == "ready":
            answer = json.loads(detail)
            self._version = int(answer["version"])
            self._bound = dict(answer["bound"])
            log.info(
                "global shortcuts through the portal (version %d): %s", self._version, self._bound
            )
            self._availability = HotkeyAvailability(True, "")  # bound may differ: always say so
            _emit(self, "availability_changed")
        elif what == "bound":
            self._bound = dict(json.loads(detail))
            _emit(self, "availability_changed")
        elif what == "failed":
            self._set(_off(f"the desktop's portal: {detail}", detail))
        elif what == "ended" and self._availability.available:
            self._thread = None
            self._set(_off("the portal session ended", "The desktop's shortcut session ended."))


def _off(reason: str, detail: str) -> HotkeyAvailability:
    return HotkeyAvailability(
        False,
        f"global shortcuts through the portal are off: {reason}",
        lambda: translate(
            "Hotkeys", "The desktop's global shortcuts are not available ({detail})."
        ).format(detail=detail),
    )
