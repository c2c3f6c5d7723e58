"""Global hotkeys with pynput, delivered to the GUI thread as a Qt signal; never raises.

:class:`GlobalHotkeys` listens for the bindings of a :class:`~focusmate.core.hotkeys.HotkeyBindings`
anywhere on the desktop and emits :attr:`GlobalHotkeys.triggered` with the action name (``"phone"``,
``"app"``, ``"undo"``, a custom mark kind) on the thread that created it, the GUI thread.

How a key press reaches the GUI thread:

1. pynput's listener thread (X11: the RECORD extension) calls our press/release callbacks.  They
   translate the key, ask a :class:`~focusmate.core.hotkeys.ChordMatcher` (pure, owned by that
   thread alone) whether it completes a binding, and if so emit the private ``_hit`` signal with
   the action and the listener's generation.  That is all they do: no Qt object is created or
   touched there, no lock is taken, nothing blocks.
2. ``_hit`` is connected to ``_on_hit`` with an explicit ``Qt.QueuedConnection``; this QObject
   lives on the GUI thread, so Qt posts the call to the GUI thread's event loop.
3. ``_on_hit`` drops hits from a listener that has since been stopped or replaced (the generation
   no longer matches), then emits the public :attr:`GlobalHotkeys.triggered`, on the GUI thread,
   so every receiver (a slot, a lambda, a direct connection) runs there.

Every signal here is emitted with :func:`_emit` (``QMetaObject.invokeMethod``), never with
``SignalInstance.emit()``: PySide6 6.12.0 loses a reference to ``True`` on each ``emit()`` call
and aborts the interpreter after a few hundred of them (see :func:`_emit`).

Debounce and matching are :class:`~focusmate.core.hotkeys.ChordMatcher`'s: one trigger per press
of the bound key with at least its modifiers held; auto-repeat of a held key does not trigger
again; extra modifiers still trigger (Ctrl+Alt+Shift+P fires Ctrl+Alt+P unless Ctrl+Alt+Shift+P
has a binding of its own).  As pynput's ``GlobalHotKeys`` does, events that pynput marks as
injected (its own ``Controller``'s; not xdotool's) are ignored.

Failing soft: :meth:`GlobalHotkeys.start` returns a :class:`HotkeyAvailability` and never raises.
Without a display, in a Wayland session, with conflicting bindings, when pynput cannot be
imported or its listener does not come up, the answer is ``available=False`` with a reason a user
can act on.  ``pynput`` is imported only inside :meth:`GlobalHotkeys.start`: importing it raises
ImportError when there is no X display.  If the listener thread dies later (the X server went
away), :attr:`GlobalHotkeys.availability_changed` reports it.  Bindings the system keeps for
itself (Ctrl+Alt+F1-F12 on Linux, Ctrl+Alt+Delete) are left out, and the reason names them.

The reason is English (the log, the tests); :attr:`HotkeyAvailability.shown` says the same to
the user in whole sentences of their language, worded when it is read: the hotkeys may start
before the app's translations are installed.

Known limits: pynput reads the X keymap when its listener starts, so after the keyboard layout
is changed with setxkbmap/xmodmap, start() again; a Shift+digit binding does not match on X11
(pynput reports the shifted symbol, e.g. '!' for Shift+1).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from PySide6.QtCore import Q_ARG, QCoreApplication, QMetaObject, QObject, Qt, Signal, Slot

from focusmate.core.errors import InvalidInput
from focusmate.core.hotkeys import (
    UNDO_ACTION,
    ChordMatcher,
    Hotkey,
    HotkeyBindings,
    Modifier,
    Reserved,
    system_reservation,
)
from focusmate.core.text import translate
from focusmate.desktop.x_display import x_extension_present

__all__ = ["GlobalHotkeys", "HotkeyAvailability", "session_availability"]

#: How long :meth:`GlobalHotkeys.start` waits for pynput's listener to be ready.
READY_TIMEOUT_S: Final = 2.0
#: How long :meth:`GlobalHotkeys.stop` waits for the listener thread to end (~15 ms on X11).
STOP_TIMEOUT_S: Final = 0.5

# Key codes of F1 for keys pynput 1.8 does not name (it stops at F20): the X11 keysym XK_F1 and
# the Windows virtual key VK_F1; F<n> is F1's code + n - 1.
_X11_KEYSYM_F1: Final = 0xFFBE
_WIN32_VK_F1: Final = 0x70
_PYNPUT_LAST_NAMED_F: Final = 20


#: Words a reason in the user's language when called (so: after the translators are installed).
Wording = Callable[[], str]


@dataclass(frozen=True, slots=True)
class HotkeyAvailability:
    """Whether global hotkeys work, and what to tell the user.

    ``reason`` (English, for the log) explains an unavailable state and what to do instead;
    when ``available`` it is empty, or a limitation worth knowing (XWayland, elevated windows
    on Windows).  :attr:`shown` is the same for a window, in the user's language.  Two
    availabilities are equal when ``available`` and ``reason`` are.
    """

    available: bool
    reason: str
    wording: Wording | None = field(default=None, compare=False, repr=False)

    @property
    def shown(self) -> str:
        """The reason in whole sentences of the user's language, worded now ("" if none)."""
        if self.wording is not None:
            return self.wording()
        return self.reason


NOT_STARTED: Final = HotkeyAvailability(
    False,
    "global hotkeys are not started",
    lambda: translate("Hotkeys", "Global hotkeys are not started."),
)
STOPPED: Final = HotkeyAvailability(
    False, "global hotkeys are stopped", lambda: translate("Hotkeys", "Global hotkeys are stopped.")
)


def _commands(bindings: HotkeyBindings) -> str:
    """The commands to bind instead (literal: the shell runs them), e.g. "`focusmate log phone`"."""
    kinds = [action for action in bindings if action != UNDO_ACTION] or ["phone"]
    return ", ".join(f"`focusmate log {kind}`" for kind in kinds)


def _shortcut_hint(bindings: HotkeyBindings) -> str:
    return f"bind desktop shortcuts to {_commands(bindings)}"


def _in_turn(*wordings: Wording) -> Wording:
    """Several reasons, worded one after another."""
    return lambda: " ".join(text for text in (wording() for wording in wordings) if text)


def session_availability(
    environ: Mapping[str, str], platform: str, bindings: HotkeyBindings
) -> HotkeyAvailability:
    """What the session alone says, before pynput is imported.

    ``available=False`` is final (no display, pure Wayland); ``available=True`` means "try",
    with a note in ``reason`` when the platform limits what the listener sees.
    """
    if platform == "darwin":
        return HotkeyAvailability(True, "")
    commands = _commands(bindings)
    if platform == "win32":
        return HotkeyAvailability(
            True,
            "Windows: key presses are not seen while an administrator window has focus",
            lambda: translate(
                "Hotkeys",
                "Windows: hotkeys are not seen while a program running as administrator has "
                "the focus.",
            ),
        )
    x_display = environ.get("DISPLAY", "")
    wayland = bool(environ.get("WAYLAND_DISPLAY")) or (
        environ.get("XDG_SESSION_TYPE", "").lower() == "wayland"
    )
    if wayland and not x_display:
        return HotkeyAvailability(
            False,
            "Wayland session: global hotkeys are not possible; " + _shortcut_hint(bindings),
            lambda: translate(
                "Hotkeys",
                "This is a Wayland session, where global hotkeys are not possible. Bind "
                "desktop shortcuts to {commands} instead.",
            ).format(commands=commands),
        )
    if wayland:
        return HotkeyAvailability(
            True,
            "XWayland: hotkeys are seen only while an X11 (XWayland) window has focus, not in "
            "native Wayland windows; for those, " + _shortcut_hint(bindings),
            lambda: translate(
                "Hotkeys",
                "Hotkeys are seen only while an X11 (XWayland) window has the focus, not in "
                "native Wayland windows. For those, bind desktop shortcuts to {commands}.",
            ).format(commands=commands),
        )
    if not x_display:
        return HotkeyAvailability(
            False,
            "no X display (DISPLAY is not set): global hotkeys are off; "
            + _shortcut_hint(bindings),
            lambda: translate(
                "Hotkeys",
                "There is no X display (DISPLAY is not set), so global hotkeys are off. Bind "
                "desktop shortcuts to {commands} instead.",
            ).format(commands=commands),
        )
    return HotkeyAvailability(True, "")


def _emit(sender: QObject, signal: str, *arguments: Any) -> None:
    """Emit ``sender``'s ``signal`` in this thread through Qt's own C++ path.

    Not ``SignalInstance.emit()``: in PySide6 6.12.0 on Python 3.11 every ``emit()`` call drops
    one reference to ``True`` that it never took, and after a few hundred emits (``True`` starts
    near 600 references) the interpreter aborts with "Fatal Python error: bool_dealloc".
    ``QMetaObject.invokeMethod`` with a direct connection emits the same signal without that bug;
    receivers and queued connections behave exactly as with ``emit()``.
    """
    QMetaObject.invokeMethod(sender, signal, Qt.ConnectionType.DirectConnection, *arguments)


def _describe(exc: BaseException) -> str:
    """The exception in one line, for the log (pynput's ImportError adds paragraphs of advice)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class _Off(Exception):  # noqa: N818 - internal, reads as a sentence
    """Global hotkeys cannot work; ``reason`` says why and what to do instead (English), and
    ``wording`` says it in the user's language."""

    def __init__(self, reason: str, wording: Wording) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wording = wording


def _choose_another() -> str:
    return translate("Hotkeys", "Choose another hotkey in the settings.")


def _unusable(hotkey: Hotkey, *, macos_has_no_key: bool) -> Wording:
    """Why focusmate cannot listen for ``hotkey`` here, worded when shown."""

    def wording() -> str:
        if macos_has_no_key:
            text = translate("Hotkeys", "macOS has no {key} key, so {hotkey} cannot be used.")
        else:
            text = translate("Hotkeys", "focusmate cannot listen for {hotkey} on this system.")
        return text.format(key=hotkey.key, hotkey=hotkey) + " " + _choose_another()

    return wording


def _trigger_keys(keyboard: Any, bindings: HotkeyBindings, platform: str) -> dict[Hashable, str]:
    """pynput's canonical key object of each bound key -> the key's canonical name."""
    triggers: dict[Hashable, str] = {}
    for hotkey in bindings.values():
        number = hotkey.function_key_number
        if number is not None and number > _PYNPUT_LAST_NAMED_F:
            if platform == "darwin":
                raise _Off(
                    f"{hotkey}: macOS has no {hotkey.key} key",
                    _unusable(hotkey, macos_has_no_key=True),
                )
            first = _WIN32_VK_F1 if platform == "win32" else _X11_KEYSYM_F1
            key = keyboard.KeyCode.from_vk(first + number - 1)
        else:
            try:
                (key,) = keyboard.HotKey.parse(hotkey.pynput_key())
            except (ValueError, KeyError) as exc:
                raise _Off(
                    f"{hotkey} cannot be listened for on this system",
                    _unusable(hotkey, macos_has_no_key=False),
                ) from exc
        triggers[key] = hotkey.key
    return triggers


def _modifier_keys(keyboard: Any) -> dict[Hashable, Modifier]:
    """pynput's canonical modifier keys -> our modifiers (AltGr is not Alt: ignored)."""
    key = keyboard.Key
    return {
        key.ctrl: Modifier.CTRL,
        key.alt: Modifier.ALT,
        key.shift: Modifier.SHIFT,
        key.cmd: Modifier.META,
    }


_listener_class: type[Any] | None = None


def _listener_class_for(keyboard: Any) -> type[Any]:
    """pynput's keyboard Listener, plus a callback when its thread ends (made once, lazily)."""
    global _listener_class  # noqa: PLW0603 - a cache of a class built after a lazy import
    if _listener_class is None:

        class _Listener(keyboard.Listener):  # type: ignore[misc]
            """A keyboard listener that says when its thread ends, and why."""

            def __init__(self, on_end: Callable[[str], None], **kwargs: Any) -> None:
                super().__init__(**kwargs)
                self._focusmate_on_end = on_end

            def run(self) -> None:
                error = ""
                try:
                    super().run()
                except Exception as exc:  # the thread must end quietly, saying why
                    error = _describe(exc)
                finally:
                    self._focusmate_on_end(error)

        _listener_class = _Listener
    return _listener_class


def _disable_record_context(listener: Any) -> None:
    """Make pynput's X11 listener notice ``stop()`` now rather than at the next key press.

    pynput 1.8 queues its RECORD "disable context" request on the connection its own thread is
    blocked reading, so the request goes out only with the next key event and the thread (with
    two X connections) lingers until the user types.  Disabling the context from a fresh
    connection, as pynput itself does when its thread ends, ends it at once.
    """
    context = getattr(listener, "_context", None)
    if context is None:
        return
    import Xlib.display  # type: ignore[import-untyped]  # noqa: PLC0415 - comes with pynput

    display = Xlib.display.Display()
    try:
        display.record_disable_context(context)
        display.flush()
    finally:
        display.close()


class _Running:
    """The listener of one start(), and how to end it safely whatever state it is in.

    pynput's ``stop()`` waits for the listener to be ready, forever if it died first; so a
    listener is stopped only once it has been ready: by :meth:`end` if it is ready by then,
    else by the helper thread that waits for it, once it is.
    """

    def __init__(self, listener: Any, *, x11: bool) -> None:
        self.listener = listener
        self._x11 = x11
        self.ready = threading.Event()
        self._abandoned = threading.Event()

    def start(self) -> None:
        self.listener.start()
        # pynput's wait() has no timeout: wait on a helper thread, so that start() can give up.
        threading.Thread(target=self._wait_ready, name="hotkeys-ready", daemon=True).start()

    def _wait_ready(self) -> None:
        self.listener.wait()
        self.ready.set()
        if self._abandoned.is_set():  # end() ran before we were ready: stop it now
            self._stop_quietly()

    def end(self, timeout_s: float) -> None:
        """Stop the listener (now if ready, else as soon as it is) and wait for its thread."""
        self._abandoned.set()
        if self.ready.is_set():
            self._stop_quietly()
            self.listener.join(timeout_s)

    def _stop_quietly(self) -> None:
        with contextlib.suppress(Exception):  # a listener that failed may raise again
            self.listener.stop()
        if self._x11:
            with contextlib.suppress(Exception):  # the server may be gone: nothing to end
                _disable_record_context(self.listener)


class GlobalHotkeys(QObject):
    """System-wide hotkeys, delivered on the GUI thread.  Create it on the GUI thread."""

    #: An action's hotkey was pressed (the action name); emitted on the GUI thread.
    triggered = Signal(str)
    #: :attr:`availability` changed: after start() and stop(), or when the listener died.
    availability_changed = Signal()

    # Emitted from the listener thread; connected queued to the slots below.
    _hit = Signal(int, str)  # generation, action
    _ended = Signal(int, str)  # generation, error ("" when the thread just ended)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        environ: Mapping[str, str] | None = None,
        platform: str | None = None,
        ready_timeout_s: float = READY_TIMEOUT_S,
    ) -> None:
        """``environ`` and ``platform`` default to ``os.environ`` (read at each start()) and
        ``sys.platform``; tests pass their own."""
        super().__init__(parent)
        self._environ = environ
        self._platform = platform or sys.platform
        self._ready_timeout_s = ready_timeout_s
        self._availability = NOT_STARTED
        self._running: _Running | None = None
        self._generation = 0
        self._hit.connect(self._on_hit, Qt.ConnectionType.QueuedConnection)
        self._ended.connect(self._on_listener_ended, Qt.ConnectionType.QueuedConnection)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    @property
    def availability(self) -> HotkeyAvailability:
        """Whether hotkeys work now, and why not (or what limits them)."""
        return self._availability

    @property
    def listening(self) -> bool:
        """True while a listener is running."""
        return self._running is not None

    def start(self, bindings: HotkeyBindings) -> HotkeyAvailability:
        """Listen for ``bindings`` (replacing any earlier ones); never raises.

        Blocks until the listener is ready: a few milliseconds normally, at most
        ``ready_timeout_s``.
        """
        self._halt()
        try:
            availability = self._start(bindings)
        except _Off as off:
            self._halt()
            availability = HotkeyAvailability(False, off.reason, off.wording)
        except Exception as exc:  # never raise into the UI
            self._halt()
            error = _describe(exc)
            availability = HotkeyAvailability(
                False,
                f"global hotkeys could not start: {error}",
                lambda: translate("Hotkeys", "Global hotkeys could not start ({error}).").format(
                    error=error
                ),
            )
        self._set_availability(availability)
        return availability

    @Slot()
    def stop(self) -> None:
        """Stop listening; no trigger is emitted after this returns, even one already queued."""
        self._halt()
        self._set_availability(STOPPED)

    # ------------------------------------------------------------------ internals

    def _halt(self) -> None:
        """End the listener, if any, and drop every hit it has queued (availability unchanged)."""
        self._generation += 1
        running, self._running = self._running, None
        if running is not None:
            with contextlib.suppress(Exception):  # join() re-raises the listener's own error
                running.end(STOP_TIMEOUT_S)

    def check(self, bindings: HotkeyBindings) -> HotkeyAvailability:
        """What start() would answer, as far as it can be known without listening: the
        bindings, the session, and on X11 whether the display answers and offers RECORD
        (asked through libxcb, ~1 ms: pynput is not loaded). Never raises; changes nothing."""
        try:
            bindings, refused, session = self._checked(bindings)
            environ = os.environ if self._environ is None else self._environ
            display = environ.get("DISPLAY", "")
            if self._uses_x11 and display:
                present = x_extension_present(display, "RECORD")
                if present is None:
                    raise self._unreachable(environ, bindings, "the display does not answer")
                if not present:
                    raise _Off(
                        "the hotkey listener cannot start: the X display has no RECORD "
                        "extension (is the X RECORD extension enabled?)",
                        self._not_started_words,
                    )
        except _Off as off:
            return HotkeyAvailability(False, off.reason, off.wording)
        return self._noted(refused, session)

    def _start(self, bindings: HotkeyBindings) -> HotkeyAvailability:
        """Start listening, or raise :class:`_Off` with the reason; a note when it works."""
        bindings, refused, session = self._checked(bindings)
        environ = os.environ if self._environ is None else self._environ
        keyboard = self._import_pynput(environ, bindings)
        running = self._launch(
            keyboard, ChordMatcher(bindings), _trigger_keys(keyboard, bindings, self._platform)
        )
        self._wait_until_ready(running)
        return self._noted(refused, session)

    @staticmethod
    def _noted(refused: HotkeyAvailability, session: HotkeyAvailability) -> HotkeyAvailability:
        """Available, with the notes of the refused bindings and of the session, if any."""
        return HotkeyAvailability(
            True,
            "; ".join(note.reason for note in (refused, session) if note.reason),
            _in_turn(lambda: refused.shown, lambda: session.shown),
        )

    def _checked(
        self, bindings: HotkeyBindings
    ) -> tuple[HotkeyBindings, HotkeyAvailability, HotkeyAvailability]:
        """The bindings to listen for, the note on those refused and the session's note; or
        :class:`_Off` when nothing can be listened for here."""
        try:
            bindings.check_conflicts()
        except InvalidInput as exc:
            facts = exc.facts
            raise _Off(
                str(exc),
                lambda: translate(
                    "Hotkeys",
                    "{hotkey} is set for more than one action ({actions}), so global hotkeys "
                    "are off. Choose a different hotkey for each in the settings.",
                ).format(hotkey=facts.get("hotkey", ""), actions=facts.get("actions", "")),
            ) from None
        if not bindings:
            raise _Off(
                "no hotkeys are bound",
                lambda: translate(
                    "Hotkeys",
                    "No global hotkeys are set. Choose keys in the settings, or log marks from "
                    "the focusmate menu.",
                ),
            )
        bindings, refused = self._without_reserved(bindings)
        environ = os.environ if self._environ is None else self._environ
        session = session_availability(environ, self._platform, bindings)
        if not session.available:
            raise _Off(session.reason, lambda: session.shown)
        return bindings, refused, session

    def _without_reserved(
        self, bindings: HotkeyBindings
    ) -> tuple[HotkeyBindings, HotkeyAvailability]:
        """The bindings the system lets through, and a note naming the others (its reason is
        '' if none)."""
        usable: dict[str, Hotkey] = {}
        refused: list[tuple[str, Hotkey, Reserved]] = []
        for action, hotkey in bindings.items():
            why = system_reservation(hotkey, self._platform)
            if why is None:
                usable[action] = hotkey
            else:
                refused.append((action, hotkey, why))
        if not refused:
            return bindings, HotkeyAvailability(True, "")
        reason = (
            "not listening for "
            + ", ".join(
                f"{hotkey} for '{action}' ({why.explained(hotkey)})"
                for action, hotkey, why in refused
            )
            + "; choose another hotkey"
        )

        def wording() -> str:
            sentences = [why.shown(hotkey, action) for action, hotkey, why in refused]
            return " ".join([*sentences, _choose_another()])

        if not usable:
            raise _Off(reason, wording)
        return HotkeyBindings(usable), HotkeyAvailability(True, reason, wording)

    def _import_pynput(self, environ: Mapping[str, str], bindings: HotkeyBindings) -> Any:
        """``pynput.keyboard``, imported now: the import itself fails without a display."""
        try:
            from pynput import keyboard  # noqa: PLC0415 - raises ImportError without a display
        except Exception as exc:  # ImportError, or Xlib's own errors
            raise self._unreachable(environ, bindings, _describe(exc)) from None
        return keyboard

    def _unreachable(
        self, environ: Mapping[str, str], bindings: HotkeyBindings, error: str
    ) -> _Off:
        """The X display (or pynput) cannot be reached: ``error`` says how."""
        display = environ.get("DISPLAY", "")
        where = f"the X display {display!r}" if self._uses_x11 else "pynput"

        # One plain sentence for the user: the exception stays in the log (the reason),
        # and the windows add the commands to bind (core.shortcut_help) below it.
        def wording() -> str:
            if self._uses_x11:
                return translate(
                    "Hotkeys",
                    "Global hotkeys are off: focusmate cannot open the X display {display}.",
                ).format(display=display)
            return translate(
                "Hotkeys",
                "Global hotkeys are off: focusmate cannot load its keyboard listener.",
            )

        return _Off(
            f"global hotkeys are off: cannot reach {where} ({error}); " + _shortcut_hint(bindings),
            wording,
        )

    def _wait_until_ready(self, running: _Running) -> None:
        """Wait (at most ``ready_timeout_s``) until the listener sees keys; else raise _Off."""
        deadline = time.monotonic() + self._ready_timeout_s
        while not running.ready.wait(0.01):
            if not running.listener.is_alive() or time.monotonic() >= deadline:
                hint = " (is the X RECORD extension enabled?)" if self._uses_x11 else ""
                raise _Off("the hotkey listener did not start" + hint, self._not_started_words)
        if self._platform == "darwin" and not getattr(running.listener, "IS_TRUSTED", True):
            raise _Off(
                "macOS: allow focusmate under Privacy & Security › Accessibility and "
                "Input Monitoring, then start it again",
                lambda: translate(
                    "Hotkeys",
                    "macOS: allow focusmate under Privacy & Security › Accessibility and "
                    "Input Monitoring, then start focusmate again.",
                ),
            )

    def _not_started_words(self) -> str:
        if self._uses_x11:
            return translate(
                "Hotkeys",
                "The hotkey listener did not start. Is the X RECORD extension enabled?",
            )
        return translate("Hotkeys", "The hotkey listener did not start.")

    @property
    def _uses_x11(self) -> bool:
        return self._platform not in {"darwin", "win32"}

    def _launch(
        self, keyboard: Any, matcher: ChordMatcher, triggers: Mapping[Hashable, str]
    ) -> _Running:
        """Start pynput's listener; everything its callbacks use is bound here, on this thread."""
        self._generation += 1
        generation = self._generation

        def emit_hit(generation: int, action: str) -> None:
            _emit(self, "_hit", Q_ARG(int, generation), Q_ARG(str, action))

        def emit_ended(generation: int, error: str) -> None:
            _emit(self, "_ended", Q_ARG(int, generation), Q_ARG(str, error))

        modifiers = _modifier_keys(keyboard)

        def physical(key: Any) -> tuple[Hashable, Modifier | str | None]:
            # (identity of the physical key, what it means).  Modifiers keep their side (left
            # and right Ctrl differ); a bound key is named by its canonical name, so a 'p'
            # pressed and released as 'P' (Shift went down in between) is one key.
            normal = listener.canonical(key)
            modifier = modifiers.get(normal)
            if modifier is not None:
                return key, modifier
            name = triggers.get(normal)
            return name, name

        def on_press(key: Any, injected: bool) -> None:
            if injected or key is None:
                return
            identity, meaning = physical(key)
            action = matcher.press(identity, meaning)
            if action is not None:
                emit_hit(generation, action)

        def on_release(key: Any, injected: bool) -> None:
            if injected or key is None:
                return
            matcher.release(physical(key)[0])

        def on_end(error: str) -> None:
            emit_ended(generation, error)

        listener = _listener_class_for(keyboard)(on_end, on_press=on_press, on_release=on_release)
        running = _Running(listener, x11=self._uses_x11)
        self._running = running
        running.start()
        return running

    def _set_availability(self, availability: HotkeyAvailability) -> None:
        changed = availability != self._availability
        self._availability = availability
        if changed:
            _emit(self, "availability_changed")

    @Slot(int, str)
    def _on_hit(self, generation: int, action: str) -> None:
        if generation == self._generation and self._running is not None:
            _emit(self, "triggered", Q_ARG(str, action))

    @Slot(int, str)
    def _on_listener_ended(self, generation: int, error: str) -> None:
        if generation != self._generation or self._running is None:
            return  # a listener we stopped or replaced
        self._running = None
        self._generation += 1
        reason = "the hotkey listener stopped unexpectedly"

        def wording() -> str:
            if error:
                return translate(
                    "Hotkeys", "The hotkey listener stopped unexpectedly ({error})."
                ).format(error=error)
            return translate("Hotkeys", "The hotkey listener stopped unexpectedly.")

        self._set_availability(
            HotkeyAvailability(False, f"{reason}: {error}" if error else reason, wording)
        )
