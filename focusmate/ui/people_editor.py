"""The people list of the Calendars tab: whom the one-on-ones are with, by name, e-mail
addresses and other names ("Jo", "J. Lee"), and the user's own addresses, so that an
invitation they declined is recognised.

A list of names with the chosen person's fields beneath it (each field has its own name for a
screen reader, which a table's cells would not). Addresses and other names are typed
comma-separated. Nothing is saved here: the settings window's Save takes ``people()`` and
``me()`` into Settings.calendar with the other settings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focusmate.core.errors import InvalidInput
from focusmate.core.one_on_ones import Person, address_key
from focusmate.core.text import translate
from focusmate.core.validation import check_typed

#: Addresses and other names are separated by commas (semicolons too, as mail programs do).
_SEPARATORS = re.compile(r"[,;]")


@dataclass
class _Row:
    """One person as typed so far."""

    name: str
    emails: str
    aliases: str


def split_list(text: str) -> tuple[str, ...]:
    """The comma-separated parts of ``text``, trimmed, empty ones dropped."""
    return tuple(part.strip() for part in _SEPARATORS.split(text) if part.strip())


def check_addresses(text: str, what: str) -> tuple[str, ...]:
    """The e-mail addresses in ``text``; InvalidInput naming one that is none."""
    addresses = split_list(check_typed(text, what))
    for address in addresses:
        if "@" not in address or any(char.isspace() for char in address):
            raise InvalidInput(f"{what}: {address!r} is not an e-mail address")
    return addresses


class PeopleEditor(QGroupBox):
    """Edits a copy of the people list and the user's addresses."""

    def __init__(self, people: Sequence[Person], me: Sequence[str]) -> None:
        super().__init__(translate("PeopleEditor", "People you hold one-on-ones with"))
        self._rows = [_Row(p.name, ", ".join(p.emails), ", ".join(p.aliases)) for p in people]
        self.list = QListWidget()
        self.list.setAccessibleName(translate("PeopleEditor", "People"))
        self.list.setMaximumHeight(110)
        self.add_button = QPushButton(translate("PeopleEditor", "Add &person"))
        self.remove_button = QPushButton(translate("PeopleEditor", "Remove pe&rson"))
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(translate("PeopleEditor", "Name of the person"))
        self.emails_edit = QLineEdit()
        self.emails_edit.setAccessibleName(translate("PeopleEditor", "Their e-mail addresses"))
        self.emails_edit.setPlaceholderText(
            translate("PeopleEditor", "e.g. jordan@example.com, jo@example.org")
        )
        self.aliases_edit = QLineEdit()
        self.aliases_edit.setAccessibleName(translate("PeopleEditor", "Other names in titles"))
        self.aliases_edit.setPlaceholderText(translate("PeopleEditor", "e.g. Jo, J. Lee"))
        self.me_edit = QLineEdit(", ".join(me))
        self.me_edit.setAccessibleName(translate("PeopleEditor", "My e-mail addresses"))
        self.me_edit.setToolTip(
            translate(
                "PeopleEditor",
                "Your own addresses, comma-separated: invitations you declined are then left out.",
            )
        )
        self._layout()
        self.list.addItems([self._shown_name(row) for row in self._rows])
        self.list.currentRowChanged.connect(self._on_row_chosen)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.name_edit.textEdited.connect(self._on_name_edited)
        self.emails_edit.textEdited.connect(self._on_emails_edited)
        self.aliases_edit.textEdited.connect(self._on_aliases_edited)
        self.list.setCurrentRow(0 if self._rows else -1)
        self._on_row_chosen(self.list.currentRow())

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        fields = QFormLayout()
        fields.addRow(translate("PeopleEditor", "&Name:"), self.name_edit)
        fields.addRow(translate("PeopleEditor", "E-mail a&ddresses:"), self.emails_edit)
        fields.addRow(translate("PeopleEditor", "&Other names:"), self.aliases_edit)
        fields.addRow(translate("PeopleEditor", "M&y e-mail addresses:"), self.me_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addLayout(fields)

    def focus_chain(self) -> list[QWidget]:
        """The editor's controls in reading order."""
        return [
            self.list,
            self.add_button,
            self.remove_button,
            self.name_edit,
            self.emails_edit,
            self.aliases_edit,
            self.me_edit,
        ]

    # -- the result --------------------------------------------------------------------------

    def people(self) -> tuple[Person, ...]:
        """The people as edited (rows left wholly empty dropped); InvalidInput if a row has
        addresses or other names but no name, or an address is none."""
        people = []
        for row in self._rows:
            name = check_typed(row.name.strip(), "a person's name")
            emails = check_addresses(row.emails, "a person's e-mail addresses")
            aliases = split_list(check_typed(row.aliases, "a person's other names"))
            if not name and (emails or aliases):
                raise InvalidInput("a person in the people list has no name")
            if name:
                people.append(Person(name, emails, aliases))
        return tuple(people)

    def me(self) -> tuple[str, ...]:
        """The user's own addresses as compared (lower case); InvalidInput if one is none."""
        typed = check_addresses(self.me_edit.text(), "your e-mail addresses")
        return tuple(dict.fromkeys(address_key(address) for address in typed))

    # -- editing -----------------------------------------------------------------------------

    def _shown_name(self, row: _Row) -> str:
        return row.name.strip() or translate("PeopleEditor", "(new person)")

    def _current(self) -> _Row | None:
        index = self.list.currentRow()
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def _on_row_chosen(self, index: int) -> None:
        row = self._rows[index] if 0 <= index < len(self._rows) else None
        for edit, text in (
            (self.name_edit, "" if row is None else row.name),
            (self.emails_edit, "" if row is None else row.emails),
            (self.aliases_edit, "" if row is None else row.aliases),
        ):
            edit.setText(text)
            edit.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None)

    def _on_add_clicked(self) -> None:
        self._rows.append(_Row("", "", ""))
        self.list.addItem(self._shown_name(self._rows[-1]))
        self.list.setCurrentRow(len(self._rows) - 1)
        self.name_edit.setFocus()

    def _on_remove_clicked(self) -> None:
        index = self.list.currentRow()
        if not 0 <= index < len(self._rows):
            return
        del self._rows[index]
        self.list.takeItem(index)
        self._on_row_chosen(self.list.currentRow())

    def _on_name_edited(self, text: str) -> None:
        row = self._current()
        item = self.list.currentItem()
        if row is not None and item is not None:
            row.name = text
            item.setText(self._shown_name(row))

    def _on_emails_edited(self, text: str) -> None:
        row = self._current()
        if row is not None:
            row.emails = text

    def _on_aliases_edited(self, text: str) -> None:
        row = self._current()
        if row is not None:
            row.aliases = text
