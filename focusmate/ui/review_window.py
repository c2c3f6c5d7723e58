"""The weekly review: one ISO week's chart, totals and sessions, with week navigation.

The chart module (Qt Quick + Qt Graphs) is imported only when this window is built,
so start-up never pays for it. Double-click (or Enter on) a session to open its reflection.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from focusmate.core.describe import counts_text
from focusmate.core.marks import MarkKinds
from focusmate.core.scoring import PRESENCE_EXPLANATION, presence_score
from focusmate.core.weekly import IsoWeek, WeekStats, session_minutes
from focusmate.ui.icons import app_icon

WeekSource = Callable[[IsoWeek], WeekStats]
TABLE_COLUMNS = ("Day", "Time", "With", "Minutes", "Phone", "App", "Other marks", "Presence")
SESSION_ID_ROLE = Qt.ItemDataRole.UserRole
EMPTY_TEXT = (
    "No coaching sessions this week.\n\n"
    "Before your next one-on-one, click the focusmate icon and start a session."
)


class ReviewWindow(QWidget):
    #: The manager opened a session (double-click or Enter on its row): carries its id.
    session_activated = Signal(str)

    def __init__(
        self, source: WeekSource, week: IsoWeek, this_week: IsoWeek, kinds: MarkKinds
    ) -> None:
        super().__init__()
        from focusmate.ui.week_chart import WeekChart  # noqa: PLC0415 - lazy: Qt Quick is heavy

        self._source = source
        self._kinds = kinds
        self._this_week = this_week
        self.week = week
        self.setWindowTitle("focusmate: weekly review")
        self.setWindowIcon(app_icon())
        self.resize(900, 640)
        self.title = QLabel()
        self.title.setAccessibleName("Week")
        self.prev_button = QPushButton("◀ &Previous week")
        self.today_button = QPushButton("&This week")
        self.next_button = QPushButton("&Next week ▶")
        self.prev_button.clicked.connect(lambda: self.show_week(self.week.shifted(-1)))
        self.next_button.clicked.connect(lambda: self.show_week(self.week.shifted(1)))
        self.today_button.clicked.connect(lambda: self.show_week(self._this_week))
        QShortcut(QKeySequence(Qt.Key.Key_Left | Qt.KeyboardModifier.AltModifier), self,
                  self.prev_button.click)  # fmt: skip
        QShortcut(QKeySequence(Qt.Key.Key_Right | Qt.KeyboardModifier.AltModifier), self,
                  self.next_button.click)  # fmt: skip
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.title, 1, Qt.AlignmentFlag.AlignCenter)
        nav.addWidget(self.today_button)
        nav.addWidget(self.next_button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = WeekChart()
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.table = _sessions_table()
        self.table.activated.connect(self._on_row_activated)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.chart, 3)
        content_layout.addWidget(self.table, 2)
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.addLayout(nav)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        hint = QLabel(f"{PRESENCE_EXPLANATION} Double-click a session to open its reflection.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.show_week(week)

    def show_week(self, week: IsoWeek) -> None:
        self.week = week
        stats = self._source(week)
        first, last = week.days[0], week.days[-1]
        self.title.setText(f"<b>Week {week.week}, {week.year}</b> · {first:%d %b} – {last:%d %b}")
        self.today_button.setEnabled(week != self._this_week)
        self.next_button.setEnabled(week < self._this_week)
        if not stats.sessions:
            self.summary.setText("")
            self.stack.setCurrentWidget(self.empty_label)
            return
        self.stack.setCurrentIndex(0)
        self.summary.setText(_summary(stats, self._kinds))
        self.chart.show_week(stats)
        self._fill_table(stats)

    def _fill_table(self, stats: WeekStats) -> None:
        self.table.setRowCount(len(stats.sessions))
        for row, session in enumerate(stats.sessions):
            local = session.started_at.astimezone()
            counts = session.mark_counts()
            score = presence_score(session)
            minutes = session_minutes(session, session.ended_at or session.started_at)
            cells = (
                f"{local:%a %d %b}", f"{local:%H:%M}", session.with_name,
                f"{minutes:.0f}" if session.ended_at else "running",
                str(counts.get("phone", 0)), str(counts.get("app", 0)),
                str(sum(n for k, n in counts.items() if k not in {"phone", "app"})),
                "pending" if score is None else f"{score:.1f}",
            )  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(SESSION_ID_ROLE, session.id)
                self.table.setItem(row, column, item)

    def refresh(self) -> None:
        """Show the current week again (after a session or a reflection changed)."""
        self.show_week(self.week)

    def refresh_if_visible(self) -> None:
        """Keep an open review current; a hidden one is refreshed when it is shown again."""
        if self.isVisible():
            self.refresh()

    def _on_row_activated(self, index: QModelIndex) -> None:
        session_id = index.data(SESSION_ID_ROLE)
        if isinstance(session_id, str):
            self.session_activated.emit(session_id)


def _sessions_table() -> QTableWidget:
    table = QTableWidget(0, len(TABLE_COLUMNS))
    table.setHorizontalHeaderLabels(TABLE_COLUMNS)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().hide()
    table.setAccessibleName("Sessions of the week")
    return table


def _summary(stats: WeekStats, kinds: MarkKinds) -> str:
    marks = stats.total_marks
    score = stats.average_score
    parts = [
        f"{len(stats.sessions)} session{'s' if len(stats.sessions) != 1 else ''}",
        f"{stats.total_minutes:.0f} coaching minutes",
        counts_text(marks, kinds),
        "no reflections yet" if score is None else f"average presence {score:.1f} of 5",
    ]
    return " · ".join(parts)
