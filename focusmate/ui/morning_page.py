"""Morning stillness: a quiet page with the last coaching day and a two-minute timer.

Opened from the morning reminder (a click on the notification) or the tray menu, never
during a session. It shows the last coaching day's sessions, the four questions with the
day's average answer to each, and the commitments made; a countdown runs while the page is
visible, silently (no sound, nothing flashes).

By keyboard: Close has the focus (Enter, Space or Alt+C), Escape closes too. The texts are
read by their content; dates, times and numbers follow the user's locale.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

from PySide6.QtCore import QDate, QElapsedTimer, QLocale, Qt, QTime, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from focusmate.core.describe import time_spoken
from focusmate.core.model import empathy_prompt
from focusmate.core.morning import STILLNESS_S, MorningDigest
from focusmate.core.scoring import presence_score
from focusmate.core.session import timing
from focusmate.core.session_time import Timing, format_clock
from focusmate.core.text import plural, translate
from focusmate.ui.icons import app_icon

TICK_MS = 1000


class MorningPage(QWidget):
    """Renders a MorningDigest; the timer restarts each time the page is shown."""

    def __init__(self, stillness_s: int = STILLNESS_S, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stillness_s = stillness_s
        self.setWindowTitle(translate("MorningPage", "focusmate: morning stillness"))
        self.setWindowIcon(app_icon())
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        # Labels are read by their text (an accessible name would replace it); the
        # description says what they are.
        self.sessions_label = QLabel()
        self.sessions_label.setWordWrap(True)
        self.sessions_label.setAccessibleDescription(translate("MorningPage", "Sessions"))
        self.questions_label = QLabel()
        self.questions_label.setWordWrap(True)
        self.questions_label.setAccessibleDescription(
            translate("MorningPage", "The four questions")
        )
        self.commitments_label = QLabel()
        self.commitments_label.setWordWrap(True)
        self.commitments_label.setAccessibleDescription(translate("MorningPage", "Commitments"))
        self.timer_label = QLabel()
        self.timer_label.setAccessibleDescription(translate("MorningPage", "Stillness timer"))
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big = QFont(self.timer_label.font())
        big.setPointSizeF(big.pointSizeF() * 2.2)
        self.timer_label.setFont(big)
        self.close_button = QPushButton(translate("MorningPage", "&Close"))
        self.close_button.setAutoDefault(True)  # Enter presses it when it has the focus
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        layout = QVBoxLayout(self)
        for widget in (
            self.intro,
            self.sessions_label,
            self.questions_label,
            self.commitments_label,
            self.timer_label,
            self.close_button,
        ):
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
        self.intro.setText(_intro_text(digest, self._stillness_s // 60))
        self.sessions_label.setText(_sessions_text(digest))
        self.questions_label.setText(_questions_text(digest))
        self.commitments_label.setText(_commitments_text(digest))
        self.commitments_label.setVisible(bool(digest.commitments))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._elapsed.start()
        self._ticker.start()
        self._tick()
        self.close_button.setFocus()

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
            self.timer_label.setText(
                translate("MorningPage", "Carry this stillness into your day.")
            )
            self.timer_label.setAccessibleName("")  # read the sentence itself
            return
        self.timer_label.setText(format_clock(remaining))
        spoken = time_spoken(Timing(elapsed_s=0, remaining_s=remaining))
        if self.timer_label.accessibleName() != spoken:  # announced once a minute, not a second
            self.timer_label.setAccessibleName(spoken)


def _intro_text(digest: MorningDigest, minutes: int) -> str:
    """Whole sentences: which day to look back on is said in one of three ways."""
    sit = plural(
        minutes,
        translate("MorningPage", "Before you check your phone, sit still for {n} minute."),
        translate("MorningPage", "Before you check your phone, sit still for {n} minutes."),
    )
    if digest.day is None:
        back = translate("MorningPage", "Look back on the last few days.")
    elif digest.day == digest.today - timedelta(days=1):
        back = translate("MorningPage", "Look back on yesterday's one-on-ones.")
    else:
        back = translate("MorningPage", "Look back on the one-on-ones of {day}.").format(
            day=html.escape(_long_day(digest.day))
        )
    return " ".join(
        [
            translate("MorningPage", "<b>Morning stillness.</b>"),
            sit,
            back,
            translate("MorningPage", "Read the questions slowly; answer them to yourself."),
        ]
    )


def _long_day(day: date) -> str:
    """'Friday 20 November' (the pattern is translated: German writes 'Freitag, 20. November')."""
    pattern = translate("MorningPage", "dddd d MMMM")
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


def _number(value: float) -> str:
    """One decimal, in the user's locale (3.7 in English, 3,7 in German)."""
    return QLocale().toString(value, "f", 1)


def _sessions_text(digest: MorningDigest) -> str:
    if not digest.sessions:
        return translate(
            "MorningPage", "No one-on-ones in the last week. Think of the next one instead."
        )
    lines = []
    for session in digest.sessions:
        local = session.started_at.astimezone()
        at = QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
        minutes = timing(session, session.ended_at or session.started_at).elapsed_s // 60
        score = presence_score(session)
        marks = plural(
            len(session.marks),
            translate("MorningPage", "{n} mark"),
            translate("MorningPage", "{n} marks"),
        )
        presence = (
            translate("MorningPage", "not reflected on")
            if score is None
            else translate("MorningPage", "presence {score}").format(score=_number(score))
        )
        lines.append(
            translate(
                "MorningPage", "{time} <b>{name}</b> · {minutes} min · {marks} · {presence}"
            ).format(
                time=at,
                name=html.escape(session.with_name),
                minutes=minutes,
                marks=marks,
                presence=presence,
            )
        )
    return "<br>".join(lines)


def _questions_text(digest: MorningDigest) -> str:
    def mean(value: float | None) -> str:
        if value is None:
            return translate("MorningPage", "not answered")
        return translate("MorningPage", "you answered {value} on average").format(
            value=_number(value)
        )

    lines = [translate("MorningPage", "<b>Over all of them:</b>")]
    lines.extend(f"{html.escape(q.prompt)} <i>({mean(m)})</i>" for q, m in digest.question_means)
    lines.append(f"{html.escape(empathy_prompt())} <i>({mean(digest.empathy_mean)})</i>")
    return "<br>".join(lines)


def _commitments_text(digest: MorningDigest) -> str:
    items = (
        translate("MorningPage", "{name}: “{text}”").format(
            name=html.escape(name), text=html.escape(text)
        )
        for name, text in digest.commitments
    )
    return "<br>".join([translate("MorningPage", "<b>You committed:</b>"), *items])
