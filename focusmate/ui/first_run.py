"""The first-run welcome: shown at start-up to someone new (no history, never welcomed).

Never during a session: it does not open then, and an open welcome closes when a session
starts (ARCHITECTURE invariant 5). Its two choices are applied here: start at login through the OS
adapter (only if the tick changed), the morning reminder through the SettingsService, saved
together with "welcomed". However it is closed, Escape too, it counts as seen. It also shows
whether the global hotkeys work here, as the app last heard (:meth:`FirstRun.show_hotkeys`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from focusmate.core.errors import FocusmateError
from focusmate.core.hotkeys import HotkeyBindings
from focusmate.core.ports import StartAtLogin
from focusmate.core.settings import Settings
from focusmate.core.text import translate
from focusmate.services.controller import SessionController
from focusmate.services.settings import SettingsService
from focusmate.ui.error_text import shown_error
from focusmate.ui.hotkey_status import HotkeyStatus
from focusmate.ui.window_slot import WindowSlot

if TYPE_CHECKING:  # built when it opens: start-up does not load it (issue 18)
    from focusmate.ui.welcome_dialog import WelcomeChoices, WelcomeDialog

log = logging.getLogger(__name__)


class FirstRun:
    """The welcome window and what its choices change."""

    def __init__(
        self,
        controller: SessionController,
        settings: SettingsService | None,
        autostart: StartAtLogin | None,
        autostart_command: Sequence[str],
    ) -> None:
        """``settings`` None: nothing is saved (and no welcome at start-up); ``autostart``
        None: start at login is not offered; ``autostart_command``: what it would run."""
        self._controller = controller
        self._settings = settings
        self._autostart = autostart
        self._autostart_command = autostart_command
        self._hotkeys = HotkeyStatus()
        self._slot = WindowSlot(self._build)
        controller.state_changed.connect(self._on_state_changed)

    @property
    def hotkeys(self) -> HotkeyStatus:
        """What the global hotkeys last said (the welcome shows it)."""
        return self._hotkeys

    @property
    def slot(self) -> WindowSlot[WelcomeDialog]:
        """The welcome's window slot (the window manager closes it when the app quits)."""
        return self._slot

    def welcome_if_new(self) -> None:
        """At start-up: the welcome for someone new to focusmate. Someone upgrading, with
        sessions already, is only noted as welcomed (they know the method)."""
        if self._settings is None or self._settings.current.welcomed:
            return
        if self._controller.current is not None or self._controller.all_sessions():
            self._note_welcomed()
            return
        self.open()

    def open(self) -> None:
        """The welcome (first run, or the menu); never during a session."""
        if self._controller.current is None:
            self._slot.open()

    def show_hotkeys(self, status: HotkeyStatus) -> None:
        """The global hotkeys started or changed: an open welcome says so at once."""
        self._hotkeys = status
        if (dialog := self._slot.window) is not None:
            dialog.show_hotkeys(status)

    def _build(self) -> WelcomeDialog:
        from focusmate.ui.welcome_dialog import WelcomeDialog  # noqa: PLC0415 - when it opens

        settings = self._settings.current if self._settings is not None else Settings()
        dialog = WelcomeDialog(
            bindings=_bindings(settings),
            kinds=self._controller.kinds,
            hotkeys=self._hotkeys,
            dnd=self._controller.dnd_status(),
            start_at_login=None if self._autostart is None else self._autostart.is_enabled(),
            reminder=settings.morning_reminder,
        )
        dialog.submitted.connect(self._on_submitted)
        # However it was closed (Escape too), the welcome was seen: not shown again.
        dialog.finished.connect(self._note_welcomed)
        return dialog

    def _on_submitted(self, choices: WelcomeChoices) -> None:
        """On "Get started": start at login as ticked (only if it changed), then the reminder
        and "welcomed" saved together; a failure is shown in the window, which stays open."""
        dialog = self._slot.window
        if dialog is None:
            return
        if self._autostart is not None and choices.start_at_login != dialog.initial_start_at_login:
            try:
                if choices.start_at_login:
                    self._autostart.enable(self._autostart_command)
                else:
                    self._autostart.disable()
            except FocusmateError as error:
                sentence = translate("Welcome", "Start at login could not be changed: {reason}")
                _refused(dialog, sentence, error)
                return
            dialog.initial_start_at_login = choices.start_at_login  # done, even if more fails
        if self._settings is not None:
            current = self._settings.current
            reminder = replace(current.morning_reminder, enabled=choices.morning_reminder)
            chosen = replace(current, morning_reminder=reminder, welcomed=True)
            try:
                if chosen != current:
                    self._settings.apply(chosen)
            except FocusmateError as error:
                sentence = translate("Welcome", "Your choices could not be saved: {reason}")
                _refused(dialog, sentence, error)
                return
        dialog.accept()

    def _note_welcomed(self) -> None:
        if self._settings is None or self._settings.current.welcomed:
            return
        try:
            self._settings.apply(replace(self._settings.current, welcomed=True))
        except FocusmateError as error:  # shown once more at the next start; no harm done
            log.warning("could not note that the welcome was seen: %s", error)

    def _on_state_changed(self) -> None:
        if self._controller.current is not None and (dialog := self._slot.window) is not None:
            dialog.reject()  # a session started: nothing stays open in front of it


def _refused(dialog: WelcomeDialog, sentence: str, error: FocusmateError) -> None:
    """A choice failed: logged in English, said in the window (``sentence`` has {reason})."""
    log.error("%s", error)
    dialog.show_error(sentence.format(reason=shown_error(error)))


def _bindings(settings: Settings) -> HotkeyBindings:
    """The hotkeys as set (none if the settings hold one that cannot be parsed)."""
    try:
        return HotkeyBindings.from_text(settings.hotkeys)
    except FocusmateError:
        return HotkeyBindings()
