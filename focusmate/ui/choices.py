"""Rows of choices that are quick by keyboard: Tab reaches a row, a digit picks an option.

Each exclusive group of radio buttons is a single Tab stop (a "roving tab stop", as in the
WAI-ARIA radio group pattern): only its checked button, or its first while none is checked,
takes Tab focus. On a focused row, a digit 1-9 picks that option at once (a 1-5 rating is one
key press), the arrow keys move to the previous or next option and pick it, Space picks the
focused one. Qt's own handling of Tab in radio groups depends on the order the buttons were
parented and checked; this makes it the same everywhere.

``add_scale`` lays out one 1-5 rating in a grid: the reflection's questions and the
salesperson's pulse share its look and its keys.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from focusmate.core.model import ANSWER_MAX, ANSWER_MIN
from focusmate.core.text import translate

T = TypeVar("T")

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}
_BACK = {Qt.Key.Key_Left, Qt.Key.Key_Up}
_FORWARD = {Qt.Key.Key_Right, Qt.Key.Key_Down}


class RadioKeys(QObject):
    """Keyboard behaviour for a QButtonGroup whose ids are 1..n (see the module docstring)."""

    def __init__(self, group: QButtonGroup) -> None:
        super().__init__(group)
        self._group = group
        group.idToggled.connect(lambda _id, _on: self._update_tab_stop())

    def watch(self, button: QRadioButton) -> None:
        button.installEventFilter(self)
        self._update_tab_stop()

    def _buttons(self) -> list[QAbstractButton]:
        return sorted(self._group.buttons(), key=self._group.id)

    def _update_tab_stop(self) -> None:
        buttons = self._buttons()
        if not buttons:
            return
        current = self._group.checkedButton() or buttons[0]
        for button in buttons:
            wanted = Qt.FocusPolicy.StrongFocus if button is current else Qt.FocusPolicy.ClickFocus
            if button.focusPolicy() != wanted:
                button.setFocusPolicy(wanted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() is not QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers != Qt.KeyboardModifier.NoModifier:
            return False
        key = Qt.Key(event.key())
        buttons = self._buttons()
        target: QAbstractButton | None = None
        if key in _DIGITS:
            target = self._group.button(_DIGITS[key])
        elif (key in _BACK or key in _FORWARD) and watched in buttons:
            index = buttons.index(watched) + (1 if key in _FORWARD else -1)
            target = buttons[max(0, min(index, len(buttons) - 1))]
        if target is None:
            return False
        target.click()
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True


class ChoiceRow(QWidget, Generic[T]):
    """One exclusive choice among labelled values, laid out in a row (key 1 picks the first).

    ``value()`` is None until the manager picks one; ``changed`` fires on every pick.
    """

    changed = Signal()

    def __init__(
        self, options: Sequence[tuple[T, str]], accessible_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self._values = [value for value, _ in options]
        self.group = QButtonGroup(self)
        keys = RadioKeys(self.group)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for number, (_, label) in enumerate(options, start=1):
            button = QRadioButton(label)
            button.setAccessibleName(f"{accessible_name} {label}")
            self.group.addButton(button, number)
            keys.watch(button)
            layout.addWidget(button)
        layout.addStretch(1)
        self.group.idClicked.connect(lambda _id: self.changed.emit())

    @property
    def buttons(self) -> list[QRadioButton]:
        return [b for b in self.group.buttons() if isinstance(b, QRadioButton)]

    def value(self) -> T | None:
        checked = self.group.checkedId()
        return self._values[checked - 1] if checked > 0 else None

    def set_value(self, value: T | None) -> None:
        """Show ``value`` as chosen (None: nothing chosen) without emitting ``changed``."""
        if value is None or value not in self._values:
            checked = self.group.checkedButton()
            if checked is not None:
                self.group.setExclusive(False)
                checked.setChecked(False)
                self.group.setExclusive(True)
            return
        button = self.group.button(self._values.index(value) + 1)
        if button is not None:
            button.setChecked(True)

    def choose(self, value: T) -> None:
        """Pick ``value`` as a click would (emits ``changed``)."""
        button = self.group.button(self._values.index(value) + 1)
        if button is not None:
            button.click()


def add_scale(
    grid: QGridLayout, row: int, prompt_text: str, anchors: tuple[str, str], owner: QWidget
) -> QButtonGroup:
    """One 1-5 rating in ``grid`` at ``row`` (two grid rows): its prompt, then
    '1 = low  (1) (2) (3) (4) (5)  5 = high' in columns shared by the scales of a grid, so
    they line up. Each button is named for a screen reader by the prompt and its value
    ("Was I fully present? 4 of 5"), the ends also by what they mean. The group (ids 1-5,
    kept by ``owner``) has RadioKeys' keyboard."""
    prompt = QLabel(f"<b>{html.escape(prompt_text)}</b>")
    prompt.setWordWrap(True)
    grid.addWidget(prompt, row, 0, 1, ANSWER_MAX + 3)
    meanings = {ANSWER_MIN: anchors[0], ANSWER_MAX: anchors[1]}
    # The words keep the context they were first translated in (the reflection's).
    ends = {
        value: translate("ReflectionDialog", "{value} = {meaning}").format(
            value=_whole(value), meaning=meaning
        )
        for value, meaning in meanings.items()
    }
    low_label = QLabel(ends[ANSWER_MIN])
    low_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    grid.addWidget(low_label, row + 1, 0)
    group = QButtonGroup(owner)
    keys = RadioKeys(group)
    for value in range(ANSWER_MIN, ANSWER_MAX + 1):
        button = QRadioButton(_whole(value))
        button.setAccessibleName(
            translate("ReflectionDialog", "{question} {value} of {most}").format(
                question=prompt_text, value=_whole(value), most=_whole(ANSWER_MAX)
            )
        )
        button.setAccessibleDescription(ends.get(value, ""))
        group.addButton(button, value)
        keys.watch(button)
        grid.addWidget(button, row + 1, value)
    grid.addWidget(QLabel(ends[ANSWER_MAX]), row + 1, ANSWER_MAX + 1)
    return group


def _whole(number: int) -> str:
    return QLocale().toString(number)
