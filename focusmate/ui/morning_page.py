"""Morning stillness: a quiet page with the last coaching day and a two-minute timer.

Opened from the morning reminder (a click on the notification) or the tray menu, never
during a session. It shows the last coaching day's sessions, the four questions with the
day's average answer to each, and the commitments made; a countdown runs while the page is
visible, silently (no sound, nothing flashes).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from focusmate.core.model import EMPATHY_PROMPT
from focusmate.core.morning import STILLNESS_S, MorningDigest
from focusmate.core.scoring import presence_score
from focusmate.core.session import format_clock, timing
from focusmate.ui.icons import app_icon

TICK_MS = 1000


class MorningPage(QWidget):
    """Renders a MorningDigest; the timer restarts each time the page is shown."""

    def __init__(self, stillness_s: int = STILLNESS_S, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stillness_s = stillness_s
        self.setWindowTitle("focusmate: morning stillness")
        self.setWindowIcon(app_icon())
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.sessions_label = QLabel()
        self.sessions_label.setWordWrap(True)
        self.sessions_label.setAccessibleName("Sessions")
        self.questions_label = QLabel()
        self.questions_label.setWordWrap(True)
        self.questions_label.setAccessibleName("The four questions")
        self.commitments_label = QLabel()
        self.commitments_label.setWordWrap(True)
        self.commitments_label.setAccessibleName("Commitments")
        self.timer_label = QLabel()
        self.timer_label.setAccessibleName("Stillness timer")
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big = QFont(self.timer_label.font())
        big.setPointSizeF(big.pointSizeF() * 2.2)
        self.timer_label.setFont(big)
        self.close_button = QPushButton("&Close")
        self.close_button.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.sessions_label, self.questions_label,
                       self.commitments_label, self.timer_label, self.close_button):  # fmt: skip
            layout.addWidget(widget)
        self._elapsed = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setTimerType(Qt.TimerType.PreciseTimer)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self.setMinimumWidth(460)

    @property
    def counting(self) -> bool:
        return self._ticker.isActive()

    def show_digest(self, digest: MorningDigest) -> None:
        label = digest.day_label
        minutes = self._stillness_s // 60
        self.intro.setText(
            "<b>Morning stillness.</b> Before you check your phone, sit for "
            f"{minutes} minute{'s' if minutes != 1 else ''} with {html.escape(label)}'s "
            "one-on-ones. Read the questions slowly; answer them to yourself."
        )
        self.sessions_label.setText(_sessions_text(digest))
        self.questions_label.setText(_questions_text(digest))
        self.commitments_label.setText(_commitments_text(digest))
        self.commitments_label.setVisible(bool(digest.commitments))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._elapsed.start()
        self._ticker.start()
        self._tick()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self._ticker.stop()  # no ticking while nobody looks
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._ticker.stop()
        super().closeEvent(event)

    def _tick(self) -> None:
        remaining = self._stillness_s - int(self._elapsed.elapsed() // 1000)
        if remaining <= 0:
            self._ticker.stop()
            self.timer_label.setText("Carry this stillness into your day.")
            return
        self.timer_label.setText(format_clock(remaining))


def _sessions_text(digest: MorningDigest) -> str:
    if not digest.sessions:
        return "No one-on-ones in the last week. Think of the next one instead."
    lines = []
    for session in digest.sessions:
        local = session.started_at.astimezone()
        minutes = timing(session, session.ended_at or session.started_at).elapsed_s // 60
        score = presence_score(session)
        marks = len(session.marks)
        lines.append(
            f"{local:%H:%M} <b>{html.escape(session.with_name)}</b> · {minutes} min · "
            f"{marks} mark{'s' if marks != 1 else ''} · "
            + ("not reflected on" if score is None else f"presence {score:.1f}")
        )
    return "<br>".join(lines)


def _questions_text(digest: MorningDigest) -> str:
    def mean(value: float | None) -> str:
        return "not answered" if value is None else f"you answered {value:.1f} on average"

    lines = ["<b>Over all of them:</b>"]
    lines.extend(f"{html.escape(q.prompt)} <i>({mean(m)})</i>" for q, m in digest.question_means)
    lines.append(f"{html.escape(EMPATHY_PROMPT)} <i>({mean(digest.empathy_mean)})</i>")
    return "<br>".join(lines)


def _commitments_text(digest: MorningDigest) -> str:
    items = (f"{html.escape(name)}: “{html.escape(text)}”" for name, text in digest.commitments)
    return "<b>You committed:</b><br>" + "<br>".join(items)
