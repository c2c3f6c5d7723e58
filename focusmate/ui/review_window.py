"""The weekly review: one ISO week read at a glance (issue 16): at the top the week's two or
three insights in words, then its totals against last week, the chart (minutes, marks and
presence in small panels on one day axis), sessions and people (least presence first), with
week navigation and exports.

The chart (ui.week_chart, painted with QPainter) is imported only when this window is built,
so start-up never pays for it. Double-click (or Enter on) a session to open its reflection.

Keyboard: Alt+Left / Alt+Right (or the buttons' mnemonics) change the week, Ctrl+Tab and
Ctrl+Shift+Tab (or Ctrl+PgDown / Ctrl+PgUp) switch between Sessions and People, Tab leaves
a table at once (arrow keys move within it), Enter on a session opens its reflection, Alt+A
the salesperson's answers.
Dates and numbers follow the user's locale (QLocale); words go through core.text.

The other side of the table (issue 16, worded by ui.pulse_text): each session's pulse in the
Sessions table, and *Their answers…* (Alt+A) opens it for the selected session
(``pulse_requested``); each person's own ratings against their answers on the People tab; and
under the insights, the week's client meetings against its coaching sessions and the widest
gap of any person, each in one line.

With a calendar (issue 15), ``scheduled`` gives the matched one-on-ones of a span: the week's
page then says how many of the week's were held (core.attendance, worded by
ui.attendance_text), and the People tab gets a column with each person's figure over its
eight weeks. Without one, or with nothing scheduled, neither appears.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, time

from PySide6.QtCore import (
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    Qt,
    QTime,
    QTimer,
    Signal,
)
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

from focusmate.core.attendance import Attendance, attendance
from focusmate.core.describe import shown_counts_text
from focusmate.core.insights import InsightKind, insight_text
from focusmate.core.marks import MarkKinds
from focusmate.core.model import ANSWER_MAX, CoachingSession
from focusmate.core.one_on_ones import Person, UpcomingOneOnOne
from focusmate.core.people import PersonStats, window
from focusmate.core.pulse_gap import PulseGap
from focusmate.core.scoring import presence_explanation, presence_score
from focusmate.core.session_kind import CLIENT, COACHING
from focusmate.core.text import plural, translate
from focusmate.core.week_review import WeekReview
from focusmate.core.weekly import IsoWeek, WeekStats, session_minutes
from focusmate.services.exports import ExportKind
from focusmate.ui.attendance_text import person_figure, week_sentence
from focusmate.ui.icons import app_icon
from focusmate.ui.pulse_text import Cell, gap_cell, mirror_line, pulse_cell, widest_gap_line

WeekSource = Callable[[IsoWeek], WeekReview]
#: The matched one-on-ones starting in [start, end) (CalendarService.scheduled).
ScheduledSource = Callable[[datetime, datetime], list[UpcomingOneOnOne]]
_SPARKS = "▁▂▃▄▅▆▇█"
SESSION_ID_ROLE = Qt.ItemDataRole.UserRole
#: The column that takes the spare width in both tables: the person's name.
_NAME_COLUMN = 2
_PEOPLE_NAME_COLUMN = 0
#: The People tab's column of scheduled one-on-ones held (shown only with a calendar).
_SCHEDULED_COLUMN = 6
#: The most insights the week shows: a busy reader takes in two or three sentences; with more,
#: none stands out (core.insights orders them, the first are shown).
MAX_INSIGHTS = 3


class ReviewWindow(QWidget):
    #: The manager opened a session (double-click or Enter on its row): carries its id.
    session_activated = Signal(str)
    #: *Their answers…* for the selected ended session: carries its id (issue 16).
    pulse_requested = Signal(str)
    #: An export button: its ExportKind and the week shown (the app asks where, then writes).
    #: Declared as object: a str argument would reach the slot as a plain str, not the enum.
    export_requested = Signal(object, object)
    #: The week now shown (an IsoWeek): the app opens the next review on it (it is not kept).
    week_shown = Signal(object)

    def __init__(
        self,
        source: WeekSource,
        week: IsoWeek,
        this_week: IsoWeek,
        kinds: MarkKinds,
        *,
        scheduled: ScheduledSource | None = None,
        history: Callable[[], Sequence[CoachingSession]] | None = None,
        people: Callable[[], Sequence[Person]] = tuple,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """``scheduled`` is the calendar's one-on-ones (None: no calendar); with it,
        ``history`` must give every session (SessionController.all_sessions), ``people`` the
        edited people list whose aliases count for their person, ``now`` the app's clock."""
        super().__init__()
        from focusmate.ui.week_chart import WeekChart  # noqa: PLC0415 - lazy: only the review

        if scheduled is not None and history is None:
            raise TypeError("a review with scheduled one-on-ones needs the history too")
        self._source = source
        self._scheduled = scheduled
        self._history = history or tuple
        self._people = people
        self._now = now
        self._attendance_shown = (Attendance(()), Attendance(()))
        self._kinds = kinds
        self._this_week = this_week
        self.week = week
        self.setWindowTitle(translate("ReviewWindow", "focusmate: weekly review"))
        self.setWindowIcon(app_icon())
        self.resize(960, 720)
        # These three name people and mark kinds: a name that looks like HTML must show as
        # typed, not as markup (only the title, which holds no user text, is rich text).
        self.summary = _label(translate("ReviewWindow", "Summary"), plain=True)
        self.attendance = _label(translate("ReviewWindow", "Scheduled one-on-ones"), plain=True)
        self.attendance.hide()
        self.insights = _label(translate("ReviewWindow", "Insights"), plain=True)
        self.mirror = _label(translate("ReviewWindow", "Clients and your team"), plain=True)
        self.gap = _label(translate("ReviewWindow", "Widest gap"), plain=True)
        self._shown: dict[str, CoachingSession] = {}
        self.chart = WeekChart()
        self.table = _table(
            _session_columns(), _NAME_COLUMN, translate("ReviewWindow", "Sessions of the week")
        )
        self.table.activated.connect(self._on_row_activated)
        # The current row, not the selection: the focus arriving (Alt+S) makes the first row
        # current without selecting it, and Alt+A then acts on that row.
        self.table.currentCellChanged.connect(lambda *_cells: self._update_pulse_button())
        self.people = _table(
            _people_columns(),
            _PEOPLE_NAME_COLUMN,
            translate("ReviewWindow", "People, least presence first"),
        )
        self.empty_label = QLabel(
            translate("ReviewWindow", "No coaching sessions this week.")
            + "\n\n"
            + translate(
                "ReviewWindow",
                "Before your next one-on-one, click the focusmate icon and start a session.",
            )
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self._navigation())
        # What the busy reader reads first: the insights, and room under them for a line or
        # two more that compare the week (self.glance takes them, in reading order).
        self.glance = QVBoxLayout()
        self.glance.setSpacing(0)  # one list of lines, as the insights' own lines are spaced
        for line in (self.insights, self.mirror, self.gap):
            self.glance.addWidget(line)
        layout.addLayout(self.glance)
        layout.addWidget(self.summary)
        layout.addWidget(self.attendance)
        layout.addWidget(self._content(), 1)
        layout.addLayout(self._exports())
        hint = QLabel(
            presence_explanation()
            + " "
            + translate(
                "ReviewWindow",
                "Double-click a session, or select it and press Enter, to open its reflection; "
                "Their answers… (Alt+A) keeps what the salesperson said.",
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self._set_tab_order()
        self.show_week(week)

    def _navigation(self) -> QHBoxLayout:
        """Previous / this / next week, also on Alt+Left and Alt+Right."""
        self.title = _label(translate("ReviewWindow", "Week"), wrap=False)
        self.prev_button = QPushButton(translate("ReviewWindow", "◀ &Previous week"))
        self.today_button = QPushButton(translate("ReviewWindow", "&This week"))
        self.next_button = QPushButton(translate("ReviewWindow", "&Next week ▶"))
        self.prev_button.clicked.connect(lambda: self.show_week(self.week.shifted(-1)))
        self.next_button.clicked.connect(lambda: self.show_week(self.week.shifted(1)))
        self.today_button.clicked.connect(lambda: self.show_week(self._this_week))
        QShortcut(
            QKeySequence(Qt.Key.Key_Left | Qt.KeyboardModifier.AltModifier),
            self,
            self.prev_button.click,
        )
        QShortcut(
            QKeySequence(Qt.Key.Key_Right | Qt.KeyboardModifier.AltModifier),
            self,
            self.next_button.click,
        )
        # A review is a window, not a dialog, yet keyboard users expect Escape to close it.
        for closing in (QKeySequence(Qt.Key.Key_Escape), QKeySequence.StandardKey.Close):
            QShortcut(closing, self, self.close)
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.title, 1, Qt.AlignmentFlag.AlignCenter)
        nav.addWidget(self.today_button)
        nav.addWidget(self.next_button)
        return nav

    def _content(self) -> QStackedWidget:
        """The chart and the two tables; or the friendly empty state."""
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.chart, 3)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, translate("ReviewWindow", "&Sessions"))
        self.tabs.addTab(self.people, translate("ReviewWindow", "P&eople"))
        self.pulse_button = QPushButton(translate("ReviewWindow", "Their &answers…"))
        self.pulse_button.setToolTip(
            translate(
                "ReviewWindow",
                "The salesperson's answers about the selected session: typed in, from a chat "
                "message, or on their phone.",
            )
        )
        self.pulse_button.clicked.connect(self._request_pulse)
        self.tabs.setCornerWidget(self.pulse_button, Qt.Corner.TopRightCorner)
        self.tabs.currentChanged.connect(lambda _index: self._update_pulse_button())
        self._page_focus = _FocusPageOnMnemonic(self.tabs)
        # Ctrl+Tab reaches the tabs from anywhere in the window, not only from inside them.
        for keys, step in (
            ("Ctrl+Tab", 1),
            ("Ctrl+PgDown", 1),
            ("Ctrl+Shift+Tab", -1),
            ("Ctrl+PgUp", -1),
        ):
            QShortcut(QKeySequence(keys), self, lambda s=step: self._switch_tab(s))
        content_layout.addWidget(self.tabs, 2)
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.empty_label)
        return self.stack

    def _exports(self) -> QHBoxLayout:
        labels = {
            ExportKind.PNG: translate("ReviewWindow", "Chart (PN&G)…"),
            ExportKind.WEEK_CSV: translate("ReviewWindow", "Week (&CSV)…"),
            ExportKind.WEEK_JSON: translate("ReviewWindow", "Week (&JSON)…"),
            ExportKind.ICS: translate("ReviewWindow", "All sessions (ca&lendar)…"),
        }
        self.export_buttons: dict[ExportKind, QPushButton] = {}
        row = QHBoxLayout()
        row.addWidget(QLabel(translate("ReviewWindow", "Export:")))
        for kind in ExportKind:  # a button for each, in the enum's order
            button = QPushButton(labels[kind])
            button.clicked.connect(
                lambda _c=False, k=kind: self.export_requested.emit(k, self.week)
            )
            row.addWidget(button)
            self.export_buttons[kind] = button
        row.addStretch()
        return row

    def _set_tab_order(self) -> None:
        """Reading order: the week buttons, the chart, the tabs and the answers button beside
        them, the table, the exports."""
        chain: list[QWidget] = [
            self.prev_button,
            self.today_button,
            self.next_button,
            self.chart.focus_target(),
            self.tabs.tabBar(),
            self.pulse_button,  # beside the tabs, so read before the table
            self.table,
            self.people,
            *self.export_buttons.values(),
        ]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _switch_tab(self, step: int) -> None:
        if self.stack.currentIndex() == 0:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def show_week(self, week: IsoWeek) -> None:
        self.week = week
        self.week_shown.emit(week)
        review = self._source(week)
        stats = review.stats
        first, last = week.days[0], week.days[-1]
        self.title.setText(
            translate("ReviewWindow", "<b>Week {week}, {year}</b> · {first} – {last}").format(
                week=week.week, year=week.year, first=_day_month(first), last=_day_month(last)
            )
        )
        self.today_button.setEnabled(week != self._this_week)
        self.next_button.setEnabled(week < self._this_week)
        # Outside the page: a week whose one-on-ones were all skipped has no sessions.
        self._attendance_shown = week_held, held = self._attendance(week)
        self.attendance.setText(week_sentence(week_held, held))
        self.attendance.setVisible(bool(self.attendance.text()))
        if not stats.sessions:
            self.summary.setText("")
            for line in (self.insights, self.mirror, self.gap):
                line.setText("")
                line.hide()
            self._fill_table(stats)  # no rows: nothing selected for Their answers…
            self.stack.setCurrentWidget(self.empty_label)
            return
        self.stack.setCurrentIndex(0)
        self.summary.setText(_summary(stats, self._kinds) + _deltas(review))
        self._show_glance(review)
        self.chart.show_week(stats)
        self._fill_table(stats)
        self._fill_people(review.people, held, review.pulse_gaps)

    def _show_glance(self, review: WeekReview) -> None:
        """The week's first insights, then the top-client mirror and the widest gap, each a
        line; an insight the lines already say (the phone checks by kind, that person's
        listening gap) gives way to them."""
        kinds = review.kinds
        mirror = mirror_line(kinds.get(CLIENT), kinds.get(COACHING))
        gap, gap_name = widest_gap_line(review.pulse_gaps.values())
        said = [
            insight
            for insight in review.insights
            if not (mirror and insight.kind is InsightKind.PHONE_CLIENTS_VS_TEAM)
            and not (
                gap
                and insight.kind is InsightKind.LISTENING_GAP
                and insight.figures.get("name") == gap_name
            )
        ]
        shown = said[:MAX_INSIGHTS]
        self.insights.setText("\n".join(f"• {insight_text(i, decimal=_decimal)}" for i in shown))
        for line, text in ((self.mirror, mirror), (self.gap, gap)):
            line.setText(f"• {text}" if text else "")
        for line in (self.insights, self.mirror, self.gap):
            line.setVisible(bool(line.text()))

    def _attendance(self, week: IsoWeek) -> tuple[Attendance, Attendance]:
        """Scheduled against held in ``week``, and over the People tab's eight weeks (whose
        runs of skips the week's sentence names); nothing without a calendar."""
        if self._scheduled is None:
            return Attendance(()), Attendance(())
        start, end = (
            _local_midnight(window(week)[0].monday),
            _local_midnight(week.shifted(1).monday),
        )
        meetings = self._scheduled(start, end)
        sessions, people, now = self._history(), self._people(), self._now()
        in_week = _local_midnight(week.monday)
        return (
            attendance(meetings, sessions, people, now=now, since=in_week),
            attendance(meetings, sessions, people, now=now),
        )

    def _fill_people(
        self, people: list[PersonStats], held: Attendance, gaps: Mapping[str, PulseGap]
    ) -> None:
        """One row per person with sessions in the eight weeks, with their answers against
        the own ratings (core.pulse_gap); with a calendar, also one for each person who had
        one-on-ones scheduled but no session (all skipped)."""
        shown = {held.of(p.name) for p in people} - {None}
        missing = [p for p in held.people if p not in shown]
        self.people.setRowCount(len(people) + len(missing))
        self.people.setColumnHidden(_SCHEDULED_COLUMN, not held.people)
        for row, person in enumerate(people):
            presence = person.average_presence
            cells = (
                person.name,
                _whole(person.sessions),
                translate("ReviewWindow", "pending") if presence is None else _decimal(presence),
                _decimal(person.marks_per_session),
                translate("ReviewWindow", "{kept} of {asked}").format(
                    kept=_whole(person.commitments_kept), asked=_whole(person.commitments_asked)
                )
                if person.commitments_asked
                else "–",
                sparkline(person.trend),
            )
            items = [QTableWidgetItem(text) for text in cells]
            # The block characters mean nothing read aloud: say the figures instead.
            trend = items[-1]
            trend.setData(Qt.ItemDataRole.AccessibleTextRole, _trend_text(person.trend))
            trend.setToolTip(_trend_text(person.trend))
            scheduled = held.of(person.name)
            items.append(QTableWidgetItem("" if scheduled is None else person_figure(scheduled)))
            items.append(_cell_item(gap_cell(gaps.get(person.name))))
            for column, item in enumerate(items):
                self.people.setItem(row, column, item)
        for row, absent in enumerate(missing, start=len(people)):
            absent_cells = (absent.name, _whole(0), "–", "–", "–", "", person_figure(absent), "–")
            for column, text in enumerate(absent_cells):
                self.people.setItem(row, column, QTableWidgetItem(text))

    def _fill_table(self, stats: WeekStats) -> None:
        self._shown = {session.id: session for session in stats.sessions}
        self.table.setRowCount(len(stats.sessions))
        for row, session in enumerate(stats.sessions):
            local = session.started_at.astimezone()
            counts = session.mark_counts()
            score = presence_score(session)
            minutes = session_minutes(session, session.ended_at or session.started_at)
            cells = (
                _weekday(local),
                _time(local),
                session.with_name,
                _whole(round(minutes))
                if session.ended_at
                else translate("ReviewWindow", "running"),
                _whole(counts.get("phone", 0)),
                _whole(counts.get("app", 0)),
                _whole(sum(n for k, n in counts.items() if k not in {"phone", "app"})),
                translate("ReviewWindow", "pending") if score is None else _decimal(score),
            )
            items = [QTableWidgetItem(text) for text in cells]
            items.append(_cell_item(pulse_cell(session.rep_pulse)))
            for column, item in enumerate(items):
                item.setData(SESSION_ID_ROLE, session.id)
                self.table.setItem(row, column, item)
        self._update_pulse_button()

    def refresh(self) -> None:
        """Show the current week again (after a session or a reflection changed)."""
        self.show_week(self.week)

    def refresh_if_visible(self) -> None:
        """Keep an open review current; a hidden one is refreshed when it is shown again."""
        if self.isVisible():
            self.refresh()

    def refresh_schedule(self) -> None:
        """The calendar's one-on-ones changed (CalendarService.upcoming_changed): an open
        review shows them again if its figures changed (so that a refresh every few minutes
        does not redraw the page under the user); a hidden one is refreshed when shown."""
        if self.isVisible() and self._attendance(self.week) != self._attendance_shown:
            self.refresh()

    def _on_row_activated(self, index: QModelIndex) -> None:
        session_id = index.data(SESSION_ID_ROLE)
        if isinstance(session_id, str):
            self.session_activated.emit(session_id)

    def selected_session(self) -> CoachingSession | None:
        """The session of the Sessions table's current row, if the table shows one."""
        item = self.table.item(self.table.currentRow(), 0)
        session_id = None if item is None else item.data(SESSION_ID_ROLE)
        return self._shown.get(session_id) if isinstance(session_id, str) else None

    def _update_pulse_button(self) -> None:
        """Their answers… is for an ended session selected on the Sessions tab."""
        session = self.selected_session()
        on_sessions = self.tabs.currentWidget() is self.table
        self.pulse_button.setEnabled(on_sessions and session is not None and not session.running)

    def _request_pulse(self) -> None:
        session = self.selected_session()
        if session is not None and not session.running:
            self.pulse_requested.emit(session.id)


def _session_columns() -> tuple[str, ...]:
    return (
        translate("ReviewWindow", "Day"),
        translate("ReviewWindow", "Time"),
        translate("ReviewWindow", "With"),
        translate("ReviewWindow", "Minutes"),
        translate("ReviewWindow", "Phone"),
        translate("ReviewWindow", "App"),
        translate("ReviewWindow", "Other marks"),
        translate("ReviewWindow", "Presence"),
        translate("ReviewWindow", "Their answers"),
    )


def _people_columns() -> tuple[str, ...]:
    return (
        translate("ReviewWindow", "With"),
        translate("ReviewWindow", "Sessions"),
        translate("ReviewWindow", "Presence"),
        translate("ReviewWindow", "Marks per session"),
        translate("ReviewWindow", "Commitments kept"),
        translate("ReviewWindow", "8-week trend"),
        translate("ReviewWindow", "Calendar"),
        translate("ReviewWindow", "You vs their answers"),
    )


def _cell_item(cell: Cell) -> QTableWidgetItem:
    """A cell whose words (the tooltip, and what a screen reader says) tell more."""
    item = QTableWidgetItem(cell.text)
    item.setData(Qt.ItemDataRole.AccessibleTextRole, cell.spoken)
    item.setToolTip(cell.spoken)
    return item


def _label(accessible_name: str, *, wrap: bool = True, plain: bool = False) -> QLabel:
    label = QLabel()
    label.setWordWrap(wrap)
    if plain:
        label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(accessible_name)
    return label


def _table(columns: tuple[str, ...], stretch: int, name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    # Tab moves on to the next control instead of through every cell (arrows move within).
    table.setTabKeyNavigation(False)
    # Each column as wide as its words and figures (a German header, the answers in brief on
    # one line); the name takes the rest.
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().hide()
    table.setAccessibleName(name)
    return table


def sparkline(values: tuple[float | None, ...]) -> str:
    """Presence 1-5 per week as block characters; a dot for a week without a rated session."""
    return "".join(
        "·" if v is None else _SPARKS[min(len(_SPARKS) - 1, int((v - 1) / 4 * len(_SPARKS)))]
        for v in values
    )


def _trend_text(values: tuple[float | None, ...]) -> str:
    """The sparkline in words, for screen readers and the tooltip."""
    weeks = ", ".join(
        translate("ReviewWindow", "none") if v is None else _decimal(v) for v in values
    )
    return translate("ReviewWindow", "Presence by week, oldest first: {weeks}").format(weeks=weeks)


def _deltas(review: WeekReview) -> str:
    """' · vs last week: +20 min, presence +0.4' (only what can be compared)."""
    if not review.previous.sessions:
        return ""
    parts = [
        translate("ReviewWindow", "{minutes} min").format(minutes=_signed(review.minutes_delta, 0))
    ]
    if review.presence_delta is not None:
        parts.append(
            translate("ReviewWindow", "presence {change}").format(
                change=_signed(review.presence_delta, 1)
            )
        )
    return " · " + translate("ReviewWindow", "vs last week: {changes}").format(
        changes=", ".join(parts)
    )


def _summary(stats: WeekStats, kinds: MarkKinds) -> str:
    marks = stats.total_marks
    score = stats.average_score
    sessions = len(stats.sessions)
    minutes = round(stats.total_minutes)
    parts = [
        plural(
            sessions,
            translate("ReviewWindow", "{n} session"),
            translate("ReviewWindow", "{n} sessions"),
        ),
        plural(
            minutes,
            translate("ReviewWindow", "{n} minute"),
            translate("ReviewWindow", "{n} minutes"),
        ),
        shown_counts_text(marks, kinds),
        translate("ReviewWindow", "no reflections yet")
        if score is None
        else translate("ReviewWindow", "average presence {score} of {most}").format(
            score=_decimal(score), most=_whole(ANSWER_MAX)
        ),
    ]
    return " · ".join(parts)


# -- dates and numbers in the user's locale ------------------------------------------------


def _local_midnight(day: date) -> datetime:
    """The start of ``day`` in the user's zone, as the tables show times."""
    return datetime.combine(day, time()).astimezone()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day_month(day: date) -> str:
    #: For translators: a date format for QLocale (d: day, MMM: short month name), e.g. "23 Nov".
    return QLocale().toString(_qdate(day), translate("ReviewWindow", "d MMM"))


def _weekday(moment: datetime) -> str:
    #: For translators: a date format for QLocale
    #: (ddd: short day name, d: day, MMM: short month name).
    return QLocale().toString(_qdate(moment.date()), translate("ReviewWindow", "ddd d MMM"))


def _time(moment: datetime) -> str:
    return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def _whole(number: int) -> str:
    return QLocale().toString(number)


def _decimal(value: float) -> str:
    return QLocale().toString(float(value), "f", 1)


def _signed(value: float, decimals: int) -> str:
    """'+20', '-0.4', '+0': a sign always, and no '-0' for a change that rounds to nothing."""
    rounded = round(value, decimals) or 0.0
    sign = QLocale().positiveSign() if rounded >= 0 else ""
    return sign + QLocale().toString(rounded, "f", decimals)


class _FocusPageOnMnemonic(QObject):
    """Alt+S / Alt+E on the tabs also move the focus into that tab's table, so the next key
    (arrows, Enter) acts on the rows: Qt's tab bar only switches the page."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self._tabs = tabs
        tabs.tabBar().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Shortcut:
            QTimer.singleShot(0, self._focus_page)  # after the tab bar switched the page
        return False

    def _focus_page(self) -> None:
        page = self._tabs.currentWidget()
        if page is not None:
            page.setFocus(Qt.FocusReason.ShortcutFocusReason)
