"""The Calendars tab's "Recurring meetings" section (issue 15, deliverable 2): one row per
recurring series of the coming weeks, with its title, calendar and next date, what it counts
as now, and a combo box that marks the whole series once as "coaching with …", "not
coaching" or back to automatic.

A choice goes to the calendar service at once (it saves it and matches again in its worker),
like adding a source, not with the window's Save. The rows follow ``upcoming_changed``: a row
whose series is still there is updated in place, so the keyboard focus stays on it.
Titles, calendar names and people's names come from outside, so every label shows plain
text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from focusmate.core.errors import FocusmateError
from focusmate.core.one_on_ones import NOT_COACHING, SeriesChoice, name_key
from focusmate.core.recurring_series import RecurringSeries
from focusmate.core.text import translate
from focusmate.ui.calendar_form import show_refusal
from focusmate.ui.calendar_port import CalendarPort
from focusmate.ui.error_label import ErrorLabel
from focusmate.ui.series_text import next_text, verdict_text
from focusmate.ui.tab_order import chain_tab_order

#: The names the combos offer besides a series' own (the people list as edited now).
PeopleNames = Callable[[], Sequence[str]]
#: The rows scroll in a box this many lines of text high (about three rows), so that the
#: settings window stays on screen however many series there are.
VISIBLE_LINES = 10


def _plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class SeriesRow(QWidget):
    """One series: what it is and counts as, and the combo that marks it."""

    #: The user picked an entry of the combo (the series' UID, and the SeriesChoice or None
    #: for automatic).
    chosen = Signal(str, object)

    def __init__(self, series: RecurringSeries, names: Sequence[str]) -> None:
        super().__init__()
        self.series = series
        self.title_label = _plain_label()
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.next_label = _plain_label()
        self.verdict_label = _plain_label()
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._choices: list[SeriesChoice | None] = []
        words = QVBoxLayout()
        words.setSpacing(0)
        for label in (self.title_label, self.next_label, self.verdict_label):
            words.addWidget(label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(words, 1)
        layout.addWidget(self.combo, 0, Qt.AlignmentFlag.AlignTop)
        # Wrapped titles need the height their width gives them, or the rows overlap.
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
        self.setSizePolicy(policy)
        self.show_series(series, names)
        self.combo.activated.connect(self._on_activated)

    def show_series(self, series: RecurringSeries, names: Sequence[str]) -> None:
        """Show ``series`` (the same UID, or a new row), offering ``names`` besides its own."""
        self.series = series
        self.title_label.setText(series.summary)
        self.next_label.setText(next_text(series.source, series.next_starts_at))
        self.verdict_label.setText(verdict_text(series))
        self.combo.setAccessibleName(
            translate("SeriesList", "What “{title}” counts as").format(title=series.summary)
        )
        # A screen reader on the combo hears the row's other lines too.
        self.combo.setAccessibleDescription(
            f"{self.next_label.text()}. {self.verdict_label.text()}"
        )
        self._offer(_offered_names(series, names))

    def _offer(self, names: Sequence[str]) -> None:
        """Fill the combo; left alone when nothing changed, so an open list stays open."""
        choices: list[SeriesChoice | None] = [None, *(SeriesChoice(n) for n in names)]
        choices.append(NOT_COACHING)
        texts = [_choice_text(choice) for choice in choices]
        current = next((i for i, c in enumerate(choices) if _same_choice(c, self.series.choice)), 0)
        shown = [self.combo.itemText(i) for i in range(self.combo.count())]
        if shown != texts:
            self.combo.clear()
            self.combo.addItems(texts)
        self._choices = choices
        self.combo.setCurrentIndex(current)

    def _on_activated(self, index: int) -> None:
        choice = self._choices[index]
        # Until the service has matched again, the series keeps what the user picked.
        self.series = replace(self.series, choice=choice)
        self.chosen.emit(self.series.uid, choice)


class SeriesList(QGroupBox):
    """The section: a hint, the rows (or a line saying where they come from), an error line.

    ``after`` is the control Tab reaches just before the section: rows made later are put
    in the tab order after it."""

    def __init__(self, service: CalendarPort, people_names: PeopleNames, after: QWidget) -> None:
        super().__init__(translate("SeriesList", "Recurring meetings"))
        self._service = service
        self._people_names = people_names
        self._after = after
        self.hint = _plain_label(
            translate(
                "SeriesList",
                "What you choose for a series is saved at once, without Save.",
            )
        )
        self.empty_note = _plain_label(
            translate("SeriesList", "Recurring meetings appear here once a calendar is added.")
        )
        self.error_label = ErrorLabel()
        self._rows: list[SeriesRow] = []
        rows = QWidget()
        self._rows_layout = QVBoxLayout(rows)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(rows)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Tab goes to the combos inside, and the area scrolls to the one reached.
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # A fixed height: the wrapped rows' height for their width stays inside the box (a
        # window does not follow that and would squeeze the controls above).
        self.scroll_area.setFixedHeight(self.fontMetrics().lineSpacing() * VISIBLE_LINES)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.scroll_area)
        layout.addWidget(self.error_label)
        service.upcoming_changed.connect(self._on_upcoming_changed)
        self._on_upcoming_changed()

    def rows(self) -> list[SeriesRow]:
        """The rows as shown, top to bottom."""
        return list(self._rows)

    def focus_chain(self) -> list[QWidget]:
        """The combos in reading order."""
        return [row.combo for row in self._rows]

    def people_changed(self) -> None:
        """Offer the people list as edited now (called by the tab as it is edited)."""
        names = self._people_names()
        for row in self._rows:
            row.show_series(row.series, names)

    def _on_upcoming_changed(self) -> None:
        """Show the service's series: rows still there are updated in place (the focus stays
        where it is); when the series differ, the rows are made again and the focus goes
        back to the same series' combo."""
        found = self._service.series()
        names = self._people_names()
        self.empty_note.setVisible(not found)
        self.scroll_area.setVisible(bool(found))
        if [s.uid for s in found] == [row.series.uid for row in self._rows]:
            for row, series in zip(self._rows, found, strict=True):
                row.show_series(series, names)
            return
        focused = next((row.series.uid for row in self._rows if row.combo.hasFocus()), None)
        for row in self._rows:
            self._rows_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self._rows = [SeriesRow(series, names) for series in found]
        for index, row in enumerate(self._rows):
            row.chosen.connect(self._on_chosen)
            self._rows_layout.insertWidget(index, row)  # above the stretch
        if self._after.window() is self.window():  # else the window orders them when built
            chain_tab_order([self._after, *self.focus_chain()])
        again = next((row for row in self._rows if row.series.uid == focused), None)
        if again is not None:
            again.combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_chosen(self, uid: str, choice: SeriesChoice | None) -> None:
        try:
            self._service.choose_series(uid, choice)
        except FocusmateError as error:
            show_refusal(self.error_label, error)
            self._on_upcoming_changed()  # the combo goes back to what is saved
            return
        self.error_label.hide()


def _offered_names(series: RecurringSeries, people: Sequence[str]) -> list[str]:
    """The people list, the series' candidates, whom it matches and whom it was marked
    with, once each (first spelling kept), sorted as names compare."""
    marked = None if series.choice is None else series.choice.with_name
    own = [*series.candidates, series.with_name, marked]
    found: dict[str, str] = {}
    for name in [*people, *own]:
        if name and name_key(name):
            found.setdefault(name_key(name), name)
    return [found[key] for key in sorted(found)]


def _choice_text(choice: SeriesChoice | None) -> str:
    if choice is None:
        return translate("SeriesList", "Automatic (by attendees and title)")
    if choice.with_name is None:
        return translate("SeriesList", "Not coaching")
    return translate("SeriesList", "Coaching with {name}").format(name=choice.with_name)


def _same_choice(offered: SeriesChoice | None, made: SeriesChoice | None) -> bool:
    if offered is None or made is None:
        return offered is made
    if offered.with_name is None or made.with_name is None:
        return offered.with_name is made.with_name
    return name_key(offered.with_name) == name_key(made.with_name)
