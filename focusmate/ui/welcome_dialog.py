"""The first-run welcome: the method in three sentences, what works on this desktop, two choices.

Shown once, when a new user first starts focusmate (ui.first_run decides when), and again from the
menu ("Welcome & how it works…"). It says what the global hotkeys are and whether they work
here (with the desktop-shortcut commands where they do not), what happens to notifications
during a session, and offers two choices: start at login (off unless the user ticks it) and
the weekday morning reminder. It only renders and emits: ``submitted`` carries the choices when
the user presses "Get started"; Escape or closing the window changes nothing (ui.first_run still
counts the welcome as seen).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import time

from PySide6.QtCore import QLocale, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from focusmate.core.dnd import DndStatus
from focusmate.core.hotkeys import APP_ACTION, PHONE_ACTION, UNDO_ACTION, HotkeyBindings
from focusmate.core.marks import MarkKinds
from focusmate.core.reminders import WORKING_DAYS, MorningReminder
from focusmate.core.text import translate
from focusmate.ui.error_label import ErrorLabel
from focusmate.ui.hotkey_status import HotkeyStatus

MIN_WIDTH_PX = 540


@dataclass(frozen=True, slots=True)
class WelcomeChoices:
    """What the user chose when pressing "Get started"."""

    start_at_login: bool
    morning_reminder: bool


class WelcomeDialog(QDialog):
    """A calm, short window; nothing in it is required, and Enter finishes it."""

    #: "Get started" was pressed (carries WelcomeChoices); ui.first_run applies them, then
    #: accept()s, or calls show_error() and the window stays open.
    submitted = Signal(object)

    def __init__(
        self,
        *,
        bindings: HotkeyBindings,
        kinds: MarkKinds,
        hotkeys: HotkeyStatus,
        dnd: DndStatus,
        start_at_login: bool | None,
        reminder: MorningReminder,
        parent: QWidget | None = None,
    ) -> None:
        """``start_at_login`` is whether it is on now, or None where this system has no way
        to do it (the choice is then not offered)."""
        super().__init__(parent)
        self._bindings = bindings
        self._kinds = kinds
        self.initial_start_at_login = bool(start_at_login)
        title = translate("Welcome", "Welcome to focusmate")
        self.setWindowTitle(title)
        self.setMinimumWidth(MIN_WIDTH_PX)

        self.heading = QLabel(f"<h3>{html.escape(title)}</h3>")
        self.method_label = _paragraph("\n\n".join(method_sentences()))
        self.method_label.setAccessibleName(translate("Welcome", "How it works"))
        during = translate("Welcome", "During a session")
        self.session_heading = QLabel(f"<b>{html.escape(during)}</b>")
        self.hotkeys_label = _paragraph("")
        self.hotkeys_label.setTextFormat(Qt.TextFormat.RichText)
        self.hotkeys_label.setAccessibleName(translate("Welcome", "Hotkeys"))
        self.hotkey_note = _paragraph("")
        self.hotkey_note.setAccessibleName(translate("Welcome", "Desktop shortcuts"))
        self.dnd_label = _paragraph(dnd.detail)
        self.dnd_label.setAccessibleName(translate("Welcome", "Notifications"))

        self.autostart_box = QCheckBox(translate("Welcome", "Start focusmate when I &log in"))
        self.autostart_box.setChecked(self.initial_start_at_login)
        self.autostart_box.setVisible(start_at_login is not None)
        self.reminder_box = QCheckBox(reminder_text(reminder))
        self.reminder_box.setChecked(reminder.enabled)
        self.reminder_box.setToolTip(
            translate(
                "Welcome",
                "A quiet notification with two minutes to look back on yesterday's one-on-ones.",
            )
        )
        self.error_label = ErrorLabel()
        self.reopen_hint = _paragraph(
            translate(
                "Welcome",
                "You can open this page again from the focusmate menu: Welcome & how it works.",
            )
        )
        self.reopen_hint.setEnabled(False)  # greyed: a hint, not something to act on

        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(
            translate("Welcome", "&Get started"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setDefault(True)
        self.buttons.accepted.connect(self._submit)

        layout = QVBoxLayout(self)
        for widget in (
            self.heading,
            self.method_label,
            self.session_heading,
            self.hotkeys_label,
            self.hotkey_note,
            self.dnd_label,
        ):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(self.autostart_box)
        layout.addWidget(self.reminder_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.reopen_hint)
        layout.addWidget(self.buttons)
        for name, widget in vars(self).items():  # names for tests and accessibility tools
            if isinstance(widget, QWidget):
                widget.setObjectName(name)
        self.show_hotkeys(hotkeys)
        first = self.autostart_box if start_at_login is not None else self.reminder_box
        first.setFocus()

    def show_hotkeys(self, status: HotkeyStatus) -> None:
        """Say which keys mark what, or that global hotkeys do not work here and what to bind."""
        note = status.note
        if status.available is False and note:
            # Why, in the reason's own words (said once), then the commands to bind.
            reason, _, note = note.partition("\n\n")
            menu = translate("Welcome", "You can still log marks from the focusmate menu.")
            self.hotkeys_label.setText(html.escape(f"{reason} {menu}"))
        elif status.available is False:
            self.hotkeys_label.setText(
                html.escape(
                    translate(
                        "Welcome",
                        "Global hotkeys do not work on this desktop. You can still log marks "
                        "from the focusmate menu, or bind the commands below to keys.",
                    )
                )
            )
        elif status.bound is not None:
            # The desktop holds the keys: the note lists them as it reports them.
            self.hotkeys_label.setText(
                html.escape(
                    translate(
                        "Welcome",
                        "Your desktop runs focusmate's global shortcuts: accept them if it "
                        "asks. You can change them in its System Settings, or from focusmate's "
                        "Settings.",
                    )
                )
            )
        elif not self._bindings:
            self.hotkeys_label.setText(
                html.escape(
                    translate(
                        "Welcome",
                        "No hotkeys are set. Log marks from the focusmate menu, or choose keys "
                        "in Settings.",
                    )
                )
            )
        else:
            self.hotkeys_label.setText(hotkeys_html(self._bindings, self._kinds))
        self.hotkey_note.setText(note)
        self.hotkey_note.setVisible(bool(note))

    def show_error(self, message: str) -> None:
        """Why a choice could not be saved; the window stays open with the choices as they are."""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def choices(self) -> WelcomeChoices:
        return WelcomeChoices(
            start_at_login=self.autostart_box.isChecked(),
            morning_reminder=self.reminder_box.isChecked(),
        )

    def _submit(self) -> None:
        self.show_error("")
        self.submitted.emit(self.choices())


def method_sentences() -> list[str]:
    """The method, in three sentences."""
    return [
        translate(
            "Welcome",
            "Top sales producers who become managers often struggle in one-on-one coaching "
            "for lack of emotional self-awareness: they arrive harried and half-present, with "
            "the phone in sight.",
        ),
        translate(
            "Welcome",
            "Salespeople cannot hear advice until they know they have been heard, so empathy "
            "comes first and advice second: name what they think and feel, then pause.",
        ),
        translate(
            "Welcome",
            "focusmate helps you stay present: click its tray icon before a one-on-one and "
            "notifications go quiet; log each phone check or app switch with a hotkey; reflect "
            "at the end; the weekly review shows where your presence slipped.",
        ),
    ]


def action_text(action: str, kinds: MarkKinds) -> str:
    """What a hotkey does, in the user's language (a user's own kind in their own words)."""
    if action == PHONE_ACTION:
        return translate("Welcome", "Log a phone check")
    if action == APP_ACTION:
        return translate("Welcome", "Log an app switch")
    if action == UNDO_ACTION:
        return translate("Welcome", "Undo the last mark")
    return translate("Welcome", "Log “{kind}”").format(kind=kinds.describe(action).label)


def key_text(portable: str) -> str:
    """A hotkey as this desktop writes it ("Strg+Alt+P" in German)."""
    sequence = QKeySequence.fromString(portable, QKeySequence.SequenceFormat.PortableText)
    return sequence.toString(QKeySequence.SequenceFormat.NativeText) or portable


def hotkeys_html(bindings: HotkeyBindings, kinds: MarkKinds) -> str:
    """A small two-column table: the keys, then what they do (all of it escaped)."""
    rows = "".join(
        f"<tr><td><b>{html.escape(key_text(str(hotkey)))}</b></td>"
        f"<td>&nbsp;&nbsp;{html.escape(action_text(action, kinds))}</td></tr>"
        for action, hotkey in bindings.items()
    )
    intro = html.escape(
        translate("Welcome", "These keys work in any window, without bringing focusmate forward:")
    )
    return f"{intro}<table>{rows}</table>"


def reminder_text(reminder: MorningReminder) -> str:
    """The reminder checkbox's label, with its time as the user's locale writes it."""
    at = _local_time(reminder.at)
    if reminder.weekdays == WORKING_DAYS:
        return translate("Welcome", "&Remind me each weekday morning at {time}").format(time=at)
    return translate(
        "Welcome", "&Remind me in the morning at {time}, on the days chosen in Settings"
    ).format(time=at)


def _local_time(at: time) -> str:
    return QLocale().toString(QTime(at.hour, at.minute), QLocale.FormatType.ShortFormat)


def _paragraph(text: str) -> QLabel:
    """A wrapped plain-text label (a "<" in a message or a command is never taken for HTML)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
