"""The settings window: session length, do-not-disturb backend, start at login, the morning
reminder, the data folder, kinds of marks and their hotkeys, and the calendars with the
people list (the Calendars tab is ui.calendars_tab; its sources change at once through the
calendar service, the people list is saved here with the rest).

It edits a copy of the typed Settings and emits ``submitted`` with the new value; the app
validates, saves atomically and applies it without a restart, or hands back an error that
is shown here (nothing typed is lost). Conflicting hotkeys are refused here already.

Two things live outside the settings file, so the window reaches them through the ports
the app hands it (:class:`SystemParts`): start at login, whose truth is the operating
system's entry (read when the window opens, changed on Save before the settings are
submitted; if that fails nothing is submitted), and the data folder, which moves at once
when the user picks a new one, after which focusmate restarts itself (its group is
ui.data_folder_box).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QTime, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from focusmate.core.calendar_sources import CalendarSettings
from focusmate.core.errors import FocusmateError, InvalidInput, Problem
from focusmate.core.hotkeys import HotkeyBindings
from focusmate.core.marks import BUILTIN_KINDS, SUGGESTED_NAMES, MarkKind, MarkKinds
from focusmate.core.ports import StartAtLogin
from focusmate.core.reminders import MorningReminder
from focusmate.core.settings import UNDO_ACTION, Settings
from focusmate.core.text import translate
from focusmate.core.validation import MINUTES_MAX, MINUTES_MIN
from focusmate.ui.calendars_tab import CalendarParts, CalendarsTab
from focusmate.ui.data_folder_box import DataFolderBox, DataFolderPort, ask_for_folder, tell
from focusmate.ui.error_label import ErrorLabel
from focusmate.ui.error_text import shown_error
from focusmate.ui.icons import app_icon
from focusmate.ui.kinds_editor import SessionKindsEditor
from focusmate.ui.sync_tab import SyncTab
from focusmate.ui.tab_order import buttons_in_order, chain_tab_order

if TYPE_CHECKING:  # the sync service loads only where sync runs
    from focusmate.services.sync_on_use import SyncOnUse

# Qt numbers the days 1 (Monday) to 7 (Sunday); core.reminders 0 to 6.
_QT_MONDAY = 1


@dataclass(frozen=True)
class SystemParts:
    """What the settings window changes outside the settings file (injected by the app)."""

    start_at_login: StartAtLogin
    # The command the start-at-login entry runs (desktop.autostart.launch_command()).
    launch_command: Sequence[str]
    data_folder: DataFolderPort
    choose_folder: Callable[[QWidget, str], str | None] = ask_for_folder
    inform: Callable[[QWidget, str], None] = tell


class SettingsDialog(QDialog):
    # Save was pressed and the edits are valid (carries the Settings).
    submitted = Signal(object)

    def __init__(
        self,
        settings: Settings,
        dnd_backends: Sequence[str],
        parent: QWidget | None = None,
        *,
        system: SystemParts | None = None,
        calendars: CalendarParts | None = None,
    ) -> None:
        """``calendars``: the calendar service and the saved settings for the Calendars tab
        (None: the tab says calendars are not available)."""
        super().__init__(parent)
        self.setWindowTitle(translate("SettingsDialog", "focusmate settings"))
        self.setWindowIcon(app_icon())
        self._settings = settings
        self._system: SystemParts | None = None
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(MINUTES_MIN, MINUTES_MAX)
        self.minutes_spin.setSuffix(translate("SettingsDialog", " min"))
        self.minutes_spin.setValue(settings.default_minutes)
        self.dnd_combo = QComboBox()
        self.dnd_combo.addItem(translate("SettingsDialog", "Automatic (detect this desktop)"), None)
        for name in dnd_backends:
            self.dnd_combo.addItem(name, name)
        self.dnd_combo.setCurrentIndex(max(0, self.dnd_combo.findData(settings.dnd_backend)))
        self.autostart_check = QCheckBox(
            translate("SettingsDialog", "Start focusmate &when I log in")
        )
        self._build_reminder(settings.morning_reminder)
        self.pulse_page_check = QCheckBox(
            translate("SettingsDialog", "Let the salesperson answer the pulse on their &phone")
        )
        self.pulse_page_check.setChecked(settings.pulse_page_enabled)
        self.pulse_page_note = QLabel(
            translate(
                "SettingsDialog",
                "focusmate shows a QR code and serves a one-page form on this network for 10 "
                "minutes or until they answer. Nothing else of yours is shown.",
            )
        )
        self.pulse_page_note.setWordWrap(True)
        self.pulse_page_check.setAccessibleDescription(self.pulse_page_note.text())
        self.session_kinds_editor = SessionKindsEditor(settings.session_kinds)
        self.folder_box = DataFolderBox(self._unsaved_changes)
        self.folder_box.problem.connect(self.show_error)
        # The same widgets under the names the window always had.
        self.folder_field, self.move_button = self.folder_box.field, self.folder_box.move_button
        self.folder_note = self.folder_box.note
        self.kinds_list = QListWidget()
        self.kinds_list.setAccessibleName(translate("SettingsDialog", "Your kinds of marks"))
        self.new_kind = QComboBox()
        self.new_kind.setEditable(True)
        self.new_kind.addItems(list(SUGGESTED_NAMES))
        self.new_kind.setCurrentText("")
        self.new_kind.setAccessibleName(translate("SettingsDialog", "New kind of mark"))
        self.add_button = QPushButton(translate("SettingsDialog", "&Add kind"))
        self.remove_button = QPushButton(translate("SettingsDialog", "&Remove kind"))
        self.add_button.clicked.connect(self._add_kind)
        self.remove_button.clicked.connect(self._remove_kind)
        self.hotkey_edits: dict[str, QKeySequenceEdit] = {}
        self._hotkeys_form = QFormLayout()
        self.error_label = ErrorLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self._custom = list(settings.custom_kinds)
        self._calendars = calendars
        self.calendars_tab = CalendarsTab(settings.calendar, calendars)
        self._layout()
        self._rebuild_kinds(settings.hotkeys)
        if system is not None:
            self.attach_system(system)

    # -- building ----------------------------------------------------------------------------

    def _build_reminder(self, reminder: MorningReminder) -> None:
        locale = QLocale()
        self.reminder_check = QCheckBox(translate("SettingsDialog", "Remind me each &morning"))
        self.reminder_check.setChecked(reminder.enabled)
        self.reminder_time = QTimeEdit(QTime(reminder.at.hour, reminder.at.minute))
        self.reminder_time.setDisplayFormat(locale.timeFormat(QLocale.FormatType.ShortFormat))
        # One box per day (0 = Monday), in the order of the user's week.
        self.weekday_boxes: dict[int, QCheckBox] = {}
        first = locale.firstDayOfWeek().value - _QT_MONDAY
        for offset in range(7):
            day = (first + offset) % 7
            qt_day = day + _QT_MONDAY
            box = QCheckBox(locale.dayName(qt_day, QLocale.FormatType.ShortFormat))
            box.setAccessibleName(locale.dayName(qt_day, QLocale.FormatType.LongFormat))
            box.setChecked(day in reminder.weekdays)
            self.weekday_boxes[day] = box
        self.reminder_check.toggled.connect(self._follow_reminder_switch)
        self._follow_reminder_switch(reminder.enabled)

    def _layout(self) -> None:
        """Three tabs (the hotkey list grows with the kinds), then messages and the buttons."""
        general_page = QWidget()
        general = QFormLayout(general_page)
        general.addRow(translate("SettingsDialog", "Default &length:"), self.minutes_spin)
        general.addRow(translate("SettingsDialog", "&Do not disturb:"), self.dnd_combo)
        general.addRow(self.autostart_check)
        self.autostart_check.hide()  # until the app hands over the operating system's entry
        general.addRow(self.folder_box)
        general.addRow(self.pulse_page_check)
        general.addRow(self.pulse_page_note)
        general.addRow(self.session_kinds_editor)
        self.session_kinds_editor.problem.connect(self.show_error)
        self.session_kinds_editor.changed.connect(self.error_label.hide)
        reminder_page = QWidget()
        reminder = QFormLayout(reminder_page)
        reminder.addRow(self.reminder_check)
        reminder.addRow(translate("SettingsDialog", "&Time:"), self.reminder_time)
        days = QHBoxLayout()
        for box in self.weekday_boxes.values():
            days.addWidget(box)
        days.addStretch(1)
        reminder.addRow(translate("SettingsDialog", "On these days:"), days)
        reminder_note = QLabel(
            translate(
                "SettingsDialog",
                "A quiet notification invites you to two minutes of morning stillness. It waits "
                "while a session runs.",
            )
        )
        reminder_note.setWordWrap(True)
        reminder.addRow(reminder_note)
        kinds_box = QGroupBox(translate("SettingsDialog", "Kinds of marks"))
        kinds_layout = QVBoxLayout(kinds_box)
        kinds_layout.addWidget(self.kinds_list)
        row = QHBoxLayout()
        row.addWidget(self.new_kind, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        kinds_layout.addLayout(row)
        hotkeys_box = QGroupBox(
            translate("SettingsDialog", "Global hotkeys (log without looking away)")
        )
        hotkeys_layout = QVBoxLayout(hotkeys_box)
        hotkeys_layout.addLayout(self._hotkeys_form)
        self._add_system_shortcuts(hotkeys_layout)
        marks_page = QWidget()
        marks = QVBoxLayout(marks_page)
        marks.addWidget(kinds_box)
        marks.addWidget(hotkeys_box)
        self.tabs = QTabWidget()
        # Every tab title in sight: with four tabs, German titles would otherwise scroll.
        self.tabs.setUsesScrollButtons(False)
        self.tabs.addTab(general_page, translate("SettingsDialog", "&General"))
        self.tabs.addTab(reminder_page, translate("SettingsDialog", "Morning r&eminder"))
        self.tabs.addTab(marks_page, translate("SettingsDialog", "Marks and &hotkeys"))
        self.tabs.addTab(self.calendars_tab, translate("SettingsDialog", "&Calendars"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def attach_sync(self, sync: SyncOnUse) -> None:
        """The Sync tab (issue 19), where the app runs sync."""
        self.sync_tab = SyncTab(sync)
        self.tabs.addTab(self.sync_tab, translate("SettingsDialog", "&Sync"))

    def _add_system_shortcuts(self, layout: QVBoxLayout) -> None:
        """Through the desktop's portal (show_system_shortcuts): what the desktop fires each
        action on, and its own dialog to change them. Hidden with pynput."""
        self.system_shortcuts_label = QLabel()
        self.system_shortcuts_label.setWordWrap(True)
        self.system_shortcuts_label.setObjectName("system_shortcuts_label")
        self.system_shortcuts_button = QPushButton(
            translate("SettingsDialog", "Change &in System Settings…")
        )
        self.system_shortcuts_button.setObjectName("system_shortcuts_button")
        self.system_shortcuts_label.hide()
        self.system_shortcuts_button.hide()
        self._open_system_shortcuts: Callable[[], bool] | None = None
        self.system_shortcuts_button.clicked.connect(self._change_system_shortcuts)
        layout.addWidget(self.system_shortcuts_label)
        layout.addWidget(self.system_shortcuts_button)

    def show_system_shortcuts(
        self, bound: Mapping[str, str] | None, change: Callable[[], bool] | None
    ) -> None:
        """The desktop holds the global shortcuts (its portal): show each action's trigger as
        it reports it and offer its own dialog; the keys above are only what focusmate asks
        for. ``bound`` None: pynput listens, nothing to show."""
        self._open_system_shortcuts = change
        if bound is None:
            self.system_shortcuts_label.hide()
            self.system_shortcuts_button.hide()
            return
        labels = dict(self._actions())
        lines = [
            translate(
                "SettingsDialog",
                "Your desktop runs these shortcuts; the keys above are what focusmate asks it for.",
            )
        ]
        for action, label in labels.items():
            trigger = bound.get(action)
            if trigger:
                text = translate("SettingsDialog", "{action}: {trigger}, set in System Settings")
            else:
                text = translate(
                    "SettingsDialog", "{action}: no key yet, set one in System Settings"
                )
            lines.append(text.format(action=label, trigger=trigger))
        self.system_shortcuts_label.setText("\n".join(lines))
        self.system_shortcuts_label.show()
        self.system_shortcuts_button.setVisible(change is not None)

    def _change_system_shortcuts(self) -> None:
        if self._open_system_shortcuts is None or not self._open_system_shortcuts():
            self.error_label.setText(
                translate("SettingsDialog", "The desktop's shortcut settings cannot be opened.")
            )
            self.error_label.show()

    def attach_system(self, system: SystemParts) -> None:
        """Show start at login and the data folder, through the app's ports (once)."""
        if self._system is not None:
            return
        self._system = system
        self.autostart_check.setChecked(system.start_at_login.is_enabled())
        self.autostart_check.show()
        self.folder_box.attach(system.data_folder, system.choose_folder, system.inform)
        self._set_tab_order()

    def _follow_reminder_switch(self, enabled: bool) -> None:
        self.reminder_time.setEnabled(enabled)
        for box in self.weekday_boxes.values():
            box.setEnabled(enabled)

    def _actions(self) -> list[tuple[str, str]]:
        kinds = [*BUILTIN_KINDS, *self._custom]
        log = [
            (k.value, translate("SettingsDialog", "Log {kind}").format(kind=k.shown_label))
            for k in kinds
        ]
        return [*log, (UNDO_ACTION, translate("SettingsDialog", "Undo last mark"))]

    def _rebuild_kinds(self, hotkeys: dict[str, str]) -> None:
        self.kinds_list.clear()
        self.kinds_list.addItems([k.label for k in self._custom])
        while self._hotkeys_form.rowCount():
            self._hotkeys_form.removeRow(0)
        edits = {}
        for action, label in self._actions():
            edit = QKeySequenceEdit(QKeySequence(hotkeys.get(action, "")))
            edit.setMaximumSequenceLength(1)
            edit.setClearButtonEnabled(True)
            edit.setAccessibleName(
                translate("SettingsDialog", "Hotkey: {action}").format(action=label)
            )
            self._hotkeys_form.addRow(
                translate("SettingsDialog", "{action}:").format(action=label), edit
            )
            edits[action] = edit
        self.hotkey_edits = edits
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        """Reading order: the tabs, each page top to bottom (Tab skips the hidden pages), then
        the buttons; the hotkey fields are rebuilt as kinds come and go, so this is redone."""
        chain: list[QWidget] = [
            self.tabs.tabBar(),
            self.minutes_spin,
            self.dnd_combo,
            self.autostart_check,
            *self.folder_box.focus_chain(),
            self.pulse_page_check,
            *self.session_kinds_editor.focus_chain(),
            self.reminder_check,
            self.reminder_time,
            *self.weekday_boxes.values(),
            self.kinds_list,
            self.new_kind,
            self.add_button,
            self.remove_button,
            *self.hotkey_edits.values(),
            self.system_shortcuts_button,
            *self.calendars_tab.focus_chain(),
            *buttons_in_order(self.buttons),
        ]
        chain_tab_order(chain)

    # -- kinds and hotkeys -------------------------------------------------------------------

    def _current_hotkeys(self) -> dict[str, str]:
        texts = {
            action: edit.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
            for action, edit in self.hotkey_edits.items()
        }
        return {action: text for action, text in texts.items() if text}

    def _add_kind(self) -> None:
        try:
            kind = MarkKind.custom(self.new_kind.currentText())
            MarkKinds([*self._custom, kind])  # refuses a duplicate or reserved id
        except FocusmateError as error:
            self.show_error(shown_error(error))
            return
        hotkeys = self._current_hotkeys()
        self._custom.append(kind)
        self.new_kind.setCurrentText("")
        self.error_label.hide()
        self._rebuild_kinds(hotkeys)

    def _remove_kind(self) -> None:
        row = self.kinds_list.currentRow()
        if row < 0:
            return
        hotkeys = self._current_hotkeys()
        removed = self._custom.pop(row)
        hotkeys.pop(removed.value, None)
        self._rebuild_kinds(hotkeys)

    # -- the result --------------------------------------------------------------------------

    def morning_reminder(self) -> MorningReminder:
        """The reminder as edited; InvalidInput when it is on but no day is ticked."""
        days = frozenset(day for day, box in self.weekday_boxes.items() if box.isChecked())
        enabled = self.reminder_check.isChecked()
        if enabled and not days:
            raise InvalidInput(
                "the morning reminder is on but no day is ticked", Problem.NO_REMINDER_DAY
            )
        at = self.reminder_time.time()
        return MorningReminder(enabled, time(at.hour(), at.minute()), days)

    def settings(self) -> Settings:
        """The edited settings; raises FocusmateError for conflicting or invalid hotkeys, or
        an invalid people list."""
        hotkeys = self._current_hotkeys()
        HotkeyBindings.from_text(hotkeys).check_conflicts()
        return replace(
            self._settings,
            default_minutes=self.minutes_spin.value(),
            dnd_backend=self.dnd_combo.currentData(),
            custom_kinds=tuple(self._custom),
            hotkeys=hotkeys,
            morning_reminder=self.morning_reminder(),
            calendar=self.calendars_tab.calendar_settings(self._saved_calendar()),
            pulse_page_enabled=self.pulse_page_check.isChecked(),
            added_session_kinds=self.session_kinds_editor.kinds().added,
        )

    def _saved_calendar(self) -> CalendarSettings:
        """The calendar settings as saved now: sources are added and removed through the
        calendar service while this window is open, and Save must not undo that."""
        if self._calendars is None:
            return self._settings.calendar
        return self._calendars.saved_settings().calendar

    def _submit(self) -> None:
        try:
            settings = self.settings()
        except FocusmateError as error:
            self.show_error(shown_error(error))
            return
        if not self._apply_start_at_login():
            return
        self.submitted.emit(settings)

    def _apply_start_at_login(self) -> bool:
        """Make the operating system's entry match the box; False (and say why) if it fails."""
        if self._system is None:
            return True
        entry = self._system.start_at_login
        wanted = self.autostart_check.isChecked()
        if wanted == entry.is_enabled():
            return True
        try:
            if wanted:
                entry.enable(self._system.launch_command)
            else:
                entry.disable()
        except FocusmateError as error:
            self.autostart_check.setChecked(entry.is_enabled())
            self.show_error(
                translate(
                    "SettingsDialog",
                    "Start at login could not be changed, so nothing was saved: {reason}",
                ).format(reason=shown_error(error))
            )
            return False
        return True

    def _unsaved_changes(self) -> bool:
        try:
            edited = self.settings()
        except FocusmateError:
            return True
        login = self._system is not None and (
            self.autostart_check.isChecked() != self._system.start_at_login.is_enabled()
        )
        opened = self._settings.calendar
        saved = self._saved_calendar()
        # Sources and series choices changed since opening are saved already: not unsaved.
        baseline = replace(
            self._settings,
            calendar=CalendarSettings(saved.sources, opened.people, saved.series, opened.me),
        )
        return edited != baseline or login

    def show_error(self, message: str) -> None:
        self.error_label.setText(message[:1].upper() + message[1:])
        self.error_label.show()
