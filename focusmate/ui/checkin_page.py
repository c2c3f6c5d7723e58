"""The check-in before a one-on-one: remember the person, clear the desk, set an intention.

Shown by the start dialog when the manager chooses "Check in first". It renders a CarryOver
(core.checkin) for the salesperson: when they last met, what the manager noted they were
thinking or feeling, the commitment made, whether the same challenge keeps coming back.
Then a short checklist, an intention, and an optional slow-down countdown (silent; it only
counts). Everything here is optional: Start works at any moment.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focusmate.core.checkin import CarryOver, dnd_line
from focusmate.core.dnd import DndStatus
from focusmate.core.model import DEFAULT_INTENTION, SLOW_DOWN_S, CheckIn, ChecklistItem
from focusmate.core.session import format_clock
from focusmate.core.validation import INTENTION_MAX_CHARS

TICK_MS = 1000


class CheckInPage(QWidget):
    """Renders the carry-over and collects a CheckIn; ``checkin()`` reads it at any time."""

    def __init__(self, slow_down_s: int = SLOW_DOWN_S, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._slow_down_s = slow_down_s
        self.heading = QLabel()
        self.carry_label = QLabel()
        self.carry_label.setWordWrap(True)
        self.carry_label.setAccessibleName("Last time")
        self.carry_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.checks: dict[ChecklistItem, QCheckBox] = {}
        checklist = QVBoxLayout()
        mnemonics = {ChecklistItem.PHONE_AWAY: "&Phone out of reach",
                     ChecklistItem.NOTIFICATIONS_SILENCED: "&Notifications silenced",
                     ChecklistItem.OTHER_APPS_CLOSED: "Other apps &closed"}  # fmt: skip
        for item in ChecklistItem:
            box = QCheckBox(mnemonics[item])
            box.setAccessibleName(item.label)
            self.checks[item] = box
            checklist.addWidget(box)
        self.dnd_label = QLabel()
        self.dnd_label.setWordWrap(True)
        self.dnd_label.setIndent(24)
        self.dnd_label.setAccessibleName("Notifications")
        checklist.insertWidget(2, self.dnd_label)
        self.intention_edit = QLineEdit(DEFAULT_INTENTION)
        self.intention_edit.setMaxLength(INTENTION_MAX_CHARS)
        self.intention_edit.setAccessibleName("Intention")
        self.slow_button = QPushButton(f"Slow &down for {slow_down_s} s")
        self.slow_button.setAutoDefault(False)  # Enter always starts the session
        self.slow_button.clicked.connect(self.start_slow_down)
        self.countdown_label = QLabel()
        self.countdown_label.setAccessibleName("Slow-down countdown")
        slow = QHBoxLayout()
        slow.addWidget(self.slow_button)
        slow.addWidget(self.countdown_label, 1)
        form = QFormLayout()
        form.addRow("In&tention:", self.intention_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.carry_label)
        layout.addLayout(checklist)
        layout.addLayout(form)
        layout.addLayout(slow)
        layout.addStretch(1)
        self._elapsed = QElapsedTimer()
        self._spent_s = 0
        self._ticker = QTimer(self)
        self._ticker.setTimerType(Qt.TimerType.PreciseTimer)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)

    def show_for(self, name: str, carry: CarryOver, dnd: DndStatus | None) -> None:
        """Fill the page for ``name`` (called each time the page is shown)."""
        self.heading.setText(f"<b>Before you meet {html.escape(name)}</b>")
        self.carry_label.setText(carry_text(name, carry))
        silenced, text = dnd_line(dnd)
        self.dnd_label.setText(f"<i>{html.escape(text)}</i>")
        box = self.checks[ChecklistItem.NOTIFICATIONS_SILENCED]
        if silenced and not box.isChecked():
            box.setChecked(True)

    @property
    def counting(self) -> bool:
        return self._ticker.isActive()

    def start_slow_down(self) -> None:
        """Count down quietly; only the label changes (no sound, no pop-up)."""
        self._elapsed.start()
        self._ticker.start()
        self.slow_button.setEnabled(False)
        self._tick()

    def _tick(self) -> None:
        elapsed_s = min(self._slow_down_s, self._elapsed.elapsed() // 1000)
        self._spent_s = max(self._spent_s, int(elapsed_s))
        remaining = self._slow_down_s - int(elapsed_s)
        if remaining <= 0:
            self._ticker.stop()
            self.slow_button.setEnabled(True)
            self.countdown_label.setText("Ready. Take this calm in with you.")
            return
        self.countdown_label.setText(f"Breathe slowly… {format_clock(remaining)}")

    def stop(self) -> None:
        """Stop the countdown (the dialog is closing or the session starts)."""
        if self._ticker.isActive():
            self._tick()
            self._ticker.stop()

    def checkin(self) -> CheckIn:
        if self._ticker.isActive():
            self._spent_s = max(self._spent_s, int(self._elapsed.elapsed() // 1000))
        return CheckIn(
            intention=self.intention_edit.text(),
            checked=frozenset(item for item, box in self.checks.items() if box.isChecked()),
            slowed_down_s=min(self._spent_s, self._slow_down_s),
        )


def carry_text(name: str, carry: CarryOver) -> str:
    """The carry-over as a few lines of rich text (escaped)."""
    who = html.escape(name)
    if carry.last_session is None:
        return f"Your first session with {who} in focusmate: nothing carried over yet."
    lines = [f"Last session: <b>{carry.last_session.started_at.astimezone():%a %d %b}</b>."]
    reflected = carry.reflected
    if reflected is None:
        lines.append("You did not reflect on it.")
    else:
        if reflected is not carry.last_session:
            lines.append(f"Your last reflection: {reflected.started_at.astimezone():%a %d %b}.")
        feeling = carry.their_perspective
        lines.append(
            f"They were thinking or feeling: “{html.escape(feeling)}”"
            if feeling
            else "You noted nothing about what they were thinking or feeling."
        )
        commitment = carry.commitment
        lines.append(
            f"You committed: <b>“{html.escape(commitment)}”</b>"
            if commitment
            else "No commitment was noted."
        )
    if carry.recurring:
        first = carry.chain[0].started_at.astimezone()
        lines.append(
            f"<b>The same challenge has come up {carry.recurring} sessions in a row</b> "
            f"(since {first:%a %d %b})."
        )
    elif (
        reflected is not None
        and reflected.reflection is not None
        and reflected.reflection.same_challenge is False
    ):
        lines.append("Last time it was a new challenge.")
    return "<br>".join(lines)
