"""The settings window: session length, kinds of marks, their hotkeys, do-not-disturb backend.

It edits a copy of the typed Settings and emits ``submitted`` with the new value; the app
validates, saves atomically and applies it without a restart, or hands back an error that
is shown here (nothing typed is lost). Conflicting hotkeys are refused here already.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
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
    QVBoxLayout,
    QWidget,
)

from focusmate.core.errors import FocusmateError
from focusmate.core.hotkeys import HotkeyBindings
from focusmate.core.marks import BUILTIN_KINDS, SUGGESTED_NAMES, MarkKind, MarkKinds
from focusmate.core.settings import UNDO_ACTION, Settings
from focusmate.core.validation import MINUTES_MAX, MINUTES_MIN
from focusmate.ui.icons import app_icon

AUTOMATIC = "Automatic (detect this desktop)"


class SettingsDialog(QDialog):
    submitted = Signal(object)  # Settings

    def __init__(
        self, settings: Settings, dnd_backends: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("focusmate settings")
        self.setWindowIcon(app_icon())
        self._settings = settings
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(MINUTES_MIN, MINUTES_MAX)
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.setValue(settings.default_minutes)
        self.minutes_spin.setAccessibleName("Default session length")
        self.dnd_combo = QComboBox()
        self.dnd_combo.setAccessibleName("Do-not-disturb backend")
        self.dnd_combo.addItem(AUTOMATIC, None)
        for name in dnd_backends:
            self.dnd_combo.addItem(name, name)
        self.dnd_combo.setCurrentIndex(max(0, self.dnd_combo.findData(settings.dnd_backend)))
        self.kinds_list = QListWidget()
        self.kinds_list.setAccessibleName("Your kinds of marks")
        self.new_kind = QComboBox()
        self.new_kind.setEditable(True)
        self.new_kind.addItems(list(SUGGESTED_NAMES))
        self.new_kind.setCurrentText("")
        self.new_kind.setAccessibleName("New kind of mark")
        self.add_button = QPushButton("&Add kind")
        self.remove_button = QPushButton("&Remove kind")
        self.add_button.clicked.connect(self._add_kind)
        self.remove_button.clicked.connect(self._remove_kind)
        self.hotkey_edits: dict[str, QKeySequenceEdit] = {}
        self._hotkeys_form = QFormLayout()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        self._custom = list(settings.custom_kinds)
        self._layout(buttons)
        self._rebuild_kinds(settings.hotkeys)

    def _layout(self, buttons: QDialogButtonBox) -> None:
        general = QFormLayout()
        general.addRow("Default &length:", self.minutes_spin)
        general.addRow("&Do not disturb:", self.dnd_combo)
        kinds_box = QGroupBox("Kinds of marks")
        kinds_layout = QVBoxLayout(kinds_box)
        kinds_layout.addWidget(self.kinds_list)
        row = QHBoxLayout()
        row.addWidget(self.new_kind, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        kinds_layout.addLayout(row)
        hotkeys_box = QGroupBox("Global hotkeys (log without looking away)")
        hotkeys_box.setLayout(self._hotkeys_form)
        layout = QVBoxLayout(self)
        layout.addLayout(general)
        layout.addWidget(kinds_box)
        layout.addWidget(hotkeys_box)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def _actions(self) -> list[tuple[str, str]]:
        kinds = [*BUILTIN_KINDS, *self._custom]
        return [(k.value, f"Log {k.label}") for k in kinds] + [(UNDO_ACTION, "Undo last mark")]

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
            edit.setAccessibleName(f"Hotkey: {label}")
            self._hotkeys_form.addRow(f"{label}:", edit)
            edits[action] = edit
        self.hotkey_edits = edits

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
            self.show_error(str(error))
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

    def settings(self) -> Settings:
        """The edited settings; raises FocusmateError for conflicting or invalid hotkeys."""
        hotkeys = self._current_hotkeys()
        HotkeyBindings.from_text(hotkeys).check_conflicts()
        return replace(
            self._settings,
            default_minutes=self.minutes_spin.value(),
            dnd_backend=self.dnd_combo.currentData(),
            custom_kinds=tuple(self._custom),
            hotkeys=hotkeys,
        )

    def _submit(self) -> None:
        try:
            settings = self.settings()
        except FocusmateError as error:
            self.show_error(str(error))
            return
        self.submitted.emit(settings)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message[:1].upper() + message[1:])
        self.error_label.show()
