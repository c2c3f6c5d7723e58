"""The settings' small editor of the kinds of session: add, rename, remove the user's own.

The built-in kinds (coaching session, client meeting) are listed first and cannot be
renamed or removed. A kind the user adds keeps the id made from its first name, so renaming
it changes only the words; removing it only stops offering it for new sessions: past
sessions keep their kind, and the catalogue its last name (core.session_kind). Nothing here
is saved until the settings are: the editor holds a SessionKinds value and hands it back.

Keyboard: Alt+K reaches the list, the name field follows; Enter in the field adds, Alt+A
adds, Alt+N renames the selected kind to the name typed, Alt+M removes it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focusmate.core.errors import FocusmateError
from focusmate.core.session_kind import SessionKinds
from focusmate.core.text import translate
from focusmate.ui.error_text import shown_error


class SessionKindsEditor(QGroupBox):
    """The kinds of session as edited; ``kinds()`` is the catalogue to save."""

    #: A change was refused: the reason in the user's language (the dialog shows it).
    problem = Signal(str)
    #: The kinds changed (added, renamed, removed).
    changed = Signal()

    def __init__(self, kinds: SessionKinds, parent: QWidget | None = None) -> None:
        super().__init__(translate("SessionKindsEditor", "&Kinds of session"), parent)
        self._kinds = kinds
        self.kinds_list = QListWidget()
        self.kinds_list.setAccessibleName(translate("SessionKindsEditor", "Kinds of session"))
        self.kinds_list.currentRowChanged.connect(self._follow_selection)
        self.name_edit = QComboBox()
        self.name_edit.setEditable(True)
        # Suggestions, in the user's language: the name they pick is kept in their words.
        self.name_edit.addItems(
            [
                translate("SessionKindsEditor", "Team meeting"),
                translate("SessionKindsEditor", "Interview"),
            ]
        )
        self.name_edit.setCurrentText("")
        self.name_edit.setAccessibleName(
            translate("SessionKindsEditor", "Name of a kind of session")
        )
        line_edit = self.name_edit.lineEdit()
        if line_edit is not None:  # always, for an editable combo box
            line_edit.setPlaceholderText(translate("SessionKindsEditor", "e.g. Team meeting"))
            line_edit.returnPressed.connect(self._add)
        self.add_button = self._button(translate("SessionKindsEditor", "&Add"), self._add)
        self.rename_button = self._button(translate("SessionKindsEditor", "Re&name"), self._rename)
        self.remove_button = self._button(translate("SessionKindsEditor", "Re&move"), self._remove)
        note = QLabel(
            translate(
                "SessionKindsEditor",
                "Your own kinds get the short reflection. Removing one keeps your past "
                "sessions as they are.",
            )
        )
        note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.rename_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.kinds_list)
        layout.addLayout(row)
        layout.addWidget(note)
        self.kinds_list.setMaximumHeight(self.kinds_list.sizeHintForRow(0) * 5 + 8)
        self._show()

    def _button(self, text: str, action: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)  # Enter in the dialog still saves it
        button.clicked.connect(action)
        return button

    def kinds(self) -> SessionKinds:
        return self._kinds

    def focus_chain(self) -> list[QWidget]:
        """Its controls in reading order, for the dialog's Tab chain."""
        return [
            self.kinds_list,
            self.name_edit,
            self.add_button,
            self.rename_button,
            self.remove_button,
        ]

    def _show(self, selected: str | None = None) -> None:
        self.kinds_list.clear()
        for kind in self._kinds.offered:
            item = QListWidgetItem(kind.label)
            item.setData(Qt.ItemDataRole.UserRole, kind.value)
            self.kinds_list.addItem(item)
            if kind.value == selected:
                self.kinds_list.setCurrentItem(item)
        self._follow_selection()

    def _selected(self) -> str | None:
        item = self.kinds_list.currentItem()
        if item is None:
            return None
        kind_id = item.data(Qt.ItemDataRole.UserRole)
        return kind_id if isinstance(kind_id, str) else None

    def _follow_selection(self) -> None:
        """Rename and Remove only for a kind of the user's."""
        kind_id = self._selected()
        own = kind_id is not None and not self._kinds.get(kind_id).builtin
        self.rename_button.setEnabled(own)
        self.remove_button.setEnabled(own)

    def _change(self, change: Callable[[], SessionKinds], selected: str | None) -> None:
        """Apply ``change``, then select ``selected`` (None: the kind it added, if any)."""
        try:
            kinds = change()
        except FocusmateError as error:
            self.problem.emit(shown_error(error))
            return
        added = set(kinds.ids) - set(self._kinds.ids)
        self._kinds = kinds
        self.name_edit.setCurrentText("")
        self._show(selected or next(iter(added), None))
        self.changed.emit()

    def _add(self) -> None:
        name = self.name_edit.currentText()
        self._change(lambda: self._kinds.with_added(name), None)

    def _rename(self) -> None:
        kind_id, name = self._selected(), self.name_edit.currentText()
        if kind_id is not None:
            self._change(lambda: self._kinds.with_renamed(kind_id, name), kind_id)

    def _remove(self) -> None:
        kind_id = self._selected()
        if kind_id is not None:
            self._change(lambda: self._kinds.with_removed(kind_id), None)
