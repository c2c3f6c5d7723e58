"""The weekly review: one ISO week's chart, totals against last week, insights in words,
sessions and people (least presence first), with week navigation and exports.

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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from focusmate.core.describe import counts_text
from focusmate.core.marks import MarkKinds
from focusmate.core.people import PersonStats
from focusmate.core.scoring import PRESENCE_EXPLANATION, presence_score
from focusmate.core.week_review import WeekReview
from focusmate.core.weekly import IsoWeek, WeekStats, session_minutes
from focusmate.ui.icons import app_icon

WeekSource = Callable[[IsoWeek], WeekReview]
PEOPLE_COLUMNS = ("With", "Sessions", "Presence", "Marks per session", "Commitments kept",
                  "8-week trend")  # fmt: skip
#: Export kinds offered as buttons; the app asks where to save and writes the file.
EXPORTS = (("png", "Chart (&PNG)…"), ("week-csv", "Week (&CSV)…"), ("week-json", "Week (&JSON)…"),
           ("ics", "All sessions (&calendar)…"))  # fmt: skip
_SPARKS = "▁▂▃▄▅▆▇█"
TABLE_COLUMNS = ("Day", "Time", "With", "Minutes", "Phone", "App", "Other marks", "Presence")
SESSION_ID_ROLE = Qt.ItemDataRole.UserRole
EMPTY_TEXT = (
    "No coaching sessions this week.\n\n"
    "Before your next one-on-one, click the focusmate icon and start a session."
)


class ReviewWindow(QWidget):
    #: The manager opened a session (double-click or Enter on its row): carries its id.
    session_activated = Signal(str)
    #: An export button: the kind ("png", "week-csv", "week-json", "ics") and the week shown.
    export_requested = Signal(str, object)

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
        self.resize(960, 720)
        self.summary = _label("Summary")
        self.insights = _label("Insights")
        self.chart = WeekChart()
        self.table = _table(TABLE_COLUMNS, "Sessions of the week")
        self.table.activated.connect(self._on_row_activated)
        self.people = _table(PEOPLE_COLUMNS, "People, least presence first")
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self._navigation())
        layout.addWidget(self.summary)
        layout.addWidget(self._content(), 1)
        layout.addLayout(self._exports())
        hint = QLabel(f"{PRESENCE_EXPLANATION} Double-click a session to open its reflection.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.show_week(week)

    def _navigation(self) -> QHBoxLayout:
        """Previous / this / next week, also on Alt+Left and Alt+Right."""
        self.title = _label("Week")
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
        return nav

    def _content(self) -> QStackedWidget:
        """Insights, chart and the two tables; or the friendly empty state."""
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.insights)
        content_layout.addWidget(self.chart, 3)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, "&Sessions")
        self.tabs.addTab(self.people, "P&eople")
        content_layout.addWidget(self.tabs, 2)
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.empty_label)
        return self.stack

    def _exports(self) -> QHBoxLayout:
        self.export_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.addWidget(QLabel("Export:"))
        for kind, label in EXPORTS:
            button = QPushButton(label)
            button.clicked.connect(
                lambda _c=False, k=kind: self.export_requested.emit(k, self.week)
            )
            row.addWidget(button)
            self.export_buttons[kind] = button
        row.addStretch()
        return row

    def show_week(self, week: IsoWeek) -> None:
        self.week = week
        review = self._source(week)
        stats = review.stats
        first, last = week.days[0], week.days[-1]
        self.title.setText(f"<b>Week {week.week}, {week.year}</b> · {first:%d %b} – {last:%d %b}")
        self.today_button.setEnabled(week != self._this_week)
        self.next_button.setEnabled(week < self._this_week)
        if not stats.sessions:
            self.summary.setText("")
            self.stack.setCurrentWidget(self.empty_label)
            return
        self.stack.setCurrentIndex(0)
        self.summary.setText(_summary(stats, self._kinds) + _deltas(review))
        self.insights.setText("\n".join(f"• {line}" for line in review.insights))
        self.insights.setVisible(bool(review.insights))
        self.chart.show_week(stats)
        self._fill_table(stats)
        self._fill_people(review.people)

    def _fill_people(self, people: list[PersonStats]) -> None:
        self.people.setRowCount(len(people))
        for row, person in enumerate(people):
            presence = person.average_presence
            cells = (
                person.name,
                str(person.sessions),
                "pending" if presence is None else f"{presence:.1f}",
                f"{person.marks_per_session:.1f}",
                f"{person.commitments_kept} of {person.commitments_asked}"
                if person.commitments_asked else "–",
                sparkline(person.trend),
            )  # fmt: skip
            for column, text in enumerate(cells):
                self.people.setItem(row, column, QTableWidgetItem(text))

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


def _label(accessible_name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(accessible_name)
    return label


def _table(columns: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(
        columns.index("With"), QHeaderView.ResizeMode.Stretch
    )
    table.verticalHeader().hide()
    table.setAccessibleName(name)
    return table


def sparkline(values: tuple[float | None, ...]) -> str:
    """Presence 1-5 per week as block characters; a dot for a week without a rated session."""
    return "".join(
        "·" if v is None else _SPARKS[min(len(_SPARKS) - 1, int((v - 1) / 4 * len(_SPARKS)))]
        for v in values
    )


def _deltas(review: WeekReview) -> str:
    """' · vs last week: +20 min, presence +0.4' (only what can be compared)."""
    if not review.previous.sessions:
        return ""
    parts = [f"{review.minutes_delta:+.0f} min"]
    if review.presence_delta is not None:
        parts.append(f"presence {review.presence_delta:+.1f}")
    return " · vs last week: " + ", ".join(parts)


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
