"""The check-in before a one-on-one: remember the person, clear the desk, set an intention.

Shown by the start dialog when the manager chooses "Check in first". It renders a CarryOver
(core.checkin) for the salesperson: when they last met, what the manager noted they were
thinking or feeling, the commitment made, whether the same challenge keeps coming back.
Then a short checklist, an intention, and an optional slow-down countdown (silent; it only
counts). Everything here is optional: Start works at any moment.

By keyboard: Tab goes through the checklist, the intention and the slow-down button in
reading order; each has a mnemonic. The labels that change (the carry-over, the
do-not-disturb state, the countdown) are read by their text, with a description of what
they are; dates follow the user's locale.
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QDate, QElapsedTimer, QLocale, Qt, QTimer
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
from focusmate.core.model import SLOW_DOWN_S, CheckIn, ChecklistItem
from focusmate.core.session_time import format_clock
from focusmate.core.text import translate
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
        # Labels that change are read by their text (an accessible name would replace it);
        # the description says what they are.
        self.carry_label.setAccessibleDescription(translate("CheckInPage", "Last time"))
        self.carry_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.checks: dict[ChecklistItem, QCheckBox] = {}
        checklist = QVBoxLayout()
        texts = {
            ChecklistItem.PHONE_AWAY: translate("CheckInPage", "&Phone out of reach"),
            ChecklistItem.NOTIFICATIONS_SILENCED: translate(
                "CheckInPage", "&Notifications silenced"
            ),
            ChecklistItem.OTHER_APPS_CLOSED: translate("CheckInPage", "Other apps &closed"),
        }
        for item in ChecklistItem:
            box = QCheckBox(texts[item])  # named by its text, without the "&"
            self.checks[item] = box
            checklist.addWidget(box)
        self.dnd_label = QLabel()
        self.dnd_label.setWordWrap(True)
        self.dnd_label.setIndent(24)
        self.dnd_label.setAccessibleDescription(translate("CheckInPage", "Do-not-disturb"))
        checklist.insertWidget(2, self.dnd_label)
        self.intention_edit = QLineEdit(translate("CheckInPage", "Empathy first, advice second"))
        self.intention_edit.setMaxLength(INTENTION_MAX_CHARS)
        self.intention_edit.setAccessibleName(translate("CheckInPage", "Intention"))
        self.slow_button = QPushButton(
            translate("CheckInPage", "Slow &down for {seconds} s").format(seconds=slow_down_s)
        )
        self.slow_button.setAutoDefault(False)  # Enter always starts the session
        self.slow_button.clicked.connect(self.start_slow_down)
        self.countdown_label = QLabel()
        self.countdown_label.setAccessibleDescription(
            translate("CheckInPage", "Slow-down countdown")
        )
        slow = QHBoxLayout()
        slow.addWidget(self.slow_button)
        slow.addWidget(self.countdown_label, 1)
        form = QFormLayout()
        form.addRow(translate("CheckInPage", "In&tention:"), self.intention_edit)
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
        heading = translate("CheckInPage", "Before you meet {name}")
        self.heading.setText(f"<b>{heading.format(name=html.escape(name))}</b>")
        self.carry_label.setText(carry_text(name, carry))
        silenced, text = dnd_line(dnd)
        self.dnd_label.setText(f"<i>{html.escape(text)}</i>")
        box = self.checks[ChecklistItem.NOTIFICATIONS_SILENCED]
        box.setAccessibleDescription(text)  # heard on the checkbox, before ticking it
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
            self.countdown_label.setText(
                translate("CheckInPage", "Ready. Take this calm in with you.")
            )
            return
        self.countdown_label.setText(
            translate("CheckInPage", "Breathe slowly… {clock}").format(
                clock=format_clock(remaining)
            )
        )

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
    """The carry-over as a few lines of rich text (escaped), in the user's language."""
    who = html.escape(name)
    if carry.last_session is None:
        return translate(
            "CheckInPage", "Your first session with {name} in focusmate: nothing carried over yet."
        ).format(name=who)
    last = carry.last_session.started_at
    lines = [translate("CheckInPage", "Last session: <b>{day}</b>.").format(day=_day(last))]
    reflected = carry.reflected
    if reflected is None:
        lines.append(translate("CheckInPage", "You did not reflect on it."))
    else:
        if reflected is not carry.last_session:
            lines.append(
                translate("CheckInPage", "Your last reflection: {day}.").format(
                    day=_day(reflected.started_at)
                )
            )
        feeling = carry.their_perspective
        lines.append(
            translate("CheckInPage", "They were thinking or feeling: “{text}”").format(
                text=html.escape(feeling)
            )
            if feeling
            else translate(
                "CheckInPage", "You noted nothing about what they were thinking or feeling."
            )
        )
        commitment = carry.commitment
        lines.append(
            translate("CheckInPage", "You committed: <b>“{text}”</b>").format(
                text=html.escape(commitment)
            )
            if commitment
            else translate("CheckInPage", "No commitment was noted.")
        )
    if carry.recurring:
        # Two or more sessions by definition, so English and German need no singular here.
        lines.append(
            translate(
                "CheckInPage",
                "<b>The same challenge has come up {n} sessions in a row</b> (since {day}).",
            ).format(n=carry.recurring, day=_day(carry.chain[0].started_at))
        )
    elif (
        reflected is not None
        and reflected.reflection is not None
        and reflected.reflection.same_challenge is False
    ):
        lines.append(translate("CheckInPage", "Last time it was a new challenge."))
    return "<br>".join(lines)


def _day(instant: datetime) -> str:
    """A session's local date, short: "Mon 30 Nov" (the pattern is translated: German
    writes "Mo. 30. Nov.")."""
    local = instant.astimezone()
    pattern = translate("CheckInPage", "ddd d MMM")
    return QLocale().toString(QDate(local.year, local.month, local.day), pattern)
