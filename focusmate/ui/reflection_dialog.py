"""The reflection after a session: presence, empathy, last time's commitment, the next one.

Which of it is asked depends on the kind of session (core.reflection_form): a coaching
session gets all of the below; a client meeting, or a kind the user added, gets the short
reflection, the three presence questions worded for it and nothing else.

Left, the ratings (1-5, 5 is best): the method's four self-awareness questions and the
empathy question. Right, the words: what the salesperson was thinking or feeling, whether a
real worry came up, whether it is the same challenge as last time, what became of last
time's commitment (only when there was one), and the commitment for next time.

Every change is saved as a draft shortly after it is made, and again on Later or close, so
nothing typed is lost. Save needs every rating asked (five, or three in the short one).
Opened again on a saved reflection (from the weekly review) it edits it in place; the
controller never turns it back into a draft.

Once saved, the dialog does not simply close: where the salesperson's own answers could
follow (a coaching session without them yet), it turns in place into one quiet line,
"Saved. Ask Jordan for their side? [Their answers…] [Close]" — no sound, no new window
unless asked, focus on Close so Enter or Escape ends it; ``pulse_requested`` asks the app
for the pulse dialog. A client meeting's or another kind's dialog closes at once: the pulse
asks a salesperson how they felt coached, which is no question for a client.

Keyboard: Tab moves from row to row, a digit picks an option in a row (1-5 on a scale),
Ctrl+Enter saves, Escape is Later. Each radio button is named for a screen reader by its
question and value ("Was I fully present? 4 of 5"), the ends also by what they mean.
"""

from __future__ import annotations

import html
import itertools
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focusmate.core.checkin import CarryOver
from focusmate.core.model import (
    ANSWER_MAX,
    CoachingSession,
    CommitmentOutcome,
    Question,
    Reflection,
    Worry,
    empathy_anchors,
    empathy_prompt,
)
from focusmate.core.reflection_form import ReflectionForm, reflection_form
from focusmate.core.scoring import presence, presence_explanation
from focusmate.core.text import plural, translate
from focusmate.ui.choices import ChoiceRow, add_scale
from focusmate.ui.error_label import ErrorLabel
from focusmate.ui.icons import app_icon

DRAFT_DELAY_MS = 400
EMPATHY = "empathy"  # the key of the empathy scale in ``scales``


class ReflectionDialog(QDialog):
    """Emits ``draft_saved`` while typing and ``saved`` once complete; the app calls
    show_saved() when the reflection is on disk, or show_error() when it could not be saved.

    Closing the window (Escape, the title bar's X) goes through reject(), i.e. Later (once
    saved: Close).
    """

    draft_saved = Signal(str, object)  # session id, Reflection(complete=False)
    saved = Signal(str, object)  # session id, Reflection(complete=True)
    #: The manager chose "Their answers…" on the saved line: open the pulse for this session.
    pulse_requested = Signal(str)  # session id

    def __init__(
        self,
        session: CoachingSession,
        carry_over: CarryOver | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session_id = session.id
        self.form: ReflectionForm = reflection_form(session.kind)
        self._marks = len(session.marks)
        # Only a coaching reflection looks back at last time (core.checkin).
        self._carry = (
            carry_over
            if carry_over is not None and self.form.full
            else CarryOver(session.with_name)
        )
        stored = session.reflection
        #: What is saved and not asked here (a client meeting's reflection from before it was
        #: short): kept as it is, never dropped by a save.
        self._stored = stored or Reflection()
        self.editing = stored is not None and stored.complete
        self._saved = False
        self._offers_pulse = self.form.full and session.rep_pulse is None
        self._previous_id = (
            stored.previous_session_id
            if stored is not None and stored.previous_session_id
            else self._carry.previous_session_id
        )
        name = session.with_name
        self.setWindowTitle(
            translate(
                "ReflectionDialog", "Your reflection on the session with {name} ({day})"
            ).format(name=name, day=_day(session.started_at))
            if self.editing
            else translate("ReflectionDialog", "Reflect on your session with {name}").format(
                name=name
            )
        )
        self.setWindowIcon(app_icon())
        self.groups: dict[Question, QButtonGroup] = {}
        self.scales: dict[Question | str, QButtonGroup] = {}
        self.perspective_edit = self._text(
            translate("ReflectionDialog", "What was {name} thinking or feeling?").format(name=name)
        )
        self.worry_row: ChoiceRow[Worry] = ChoiceRow(
            [(w, w.label) for w in Worry],
            translate("ReflectionDialog", "Did a real worry come up?"),
        )
        self.worry_edit = self._text(
            translate("ReflectionDialog", "What was the worry, or what went unsaid?"), lines=2
        )
        self.same_row: ChoiceRow[bool] = ChoiceRow(
            [
                (True, translate("ReflectionDialog", "Yes, the same")),
                (False, translate("ReflectionDialog", "No, something new")),
            ],
            translate("ReflectionDialog", "Is this the same challenge as last time?"),
        )
        self.commitment_row: ChoiceRow[CommitmentOutcome] = ChoiceRow(
            [(o, o.label) for o in CommitmentOutcome],
            translate("ReflectionDialog", "Last time's commitment"),
        )
        self.next_time_edit = self._text(
            translate(
                "ReflectionDialog", "One thing I'll do differently next time with {name}"
            ).format(name=name)
        )
        for row in (self.worry_row, self.same_row, self.commitment_row):
            row.changed.connect(self._on_changed)
        self.presence_label = QLabel()
        self.presence_label.setWordWrap(True)
        self.presence_label.setAccessibleName(translate("ReflectionDialog", "Presence"))
        self.error_label = ErrorLabel()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            translate("ReflectionDialog", "&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later_button = self.buttons.addButton(
            translate("ReflectionDialog", "&Close")
            if self.editing
            else translate("ReflectionDialog", "&Later"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._save)
        self._build_layout(name)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._emit_draft)
        self._dirty = False
        self._load(stored)
        self._refresh_presence()
        self._set_tab_order()
        first = self.groups[Question.FULLY_PRESENT]
        (first.checkedButton() or first.buttons()[0]).setFocus(Qt.FocusReason.OtherFocusReason)

    # --- layout ---------------------------------------------------------------------

    def _build_layout(self, name: str) -> None:
        intro = QLabel(
            translate(
                "ReflectionDialog",
                "Take a few minutes now that {name} has left. 5 is always the best answer. "
                "<i>Keys: Tab moves on, a number picks (1 = first), Ctrl+Enter saves.</i>",
            ).format(name=html.escape(name))
        )
        intro.setWordWrap(True)
        columns = QHBoxLayout()
        columns.addLayout(self._ratings_column(), 1)
        words = self._words_column()
        if self.form.full:
            columns.addLayout(words, 1)
        else:  # the short reflection: the word fields exist (one code path) but are not shown
            unasked = QWidget(self)
            unasked.setLayout(words)
            unasked.hide()
        # The form and, once saved, the quiet line in its place (show_saved).
        self.form_part = QWidget()
        form_layout = QVBoxLayout(self.form_part)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(intro)
        form_layout.addLayout(columns)
        form_layout.addWidget(self.presence_label)
        form_layout.addWidget(self.error_label)
        form_layout.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_part)
        layout.addWidget(self._saved_line(name))
        self.save_button.setDefault(True)  # once in the dialog (Enter on a row saves)

    def _saved_line(self, name: str) -> QWidget:
        """'Saved. Ask Jordan for their side?  [Their answers…]  [Close]', hidden until saved."""
        self.saved_part = QWidget()
        self.saved_label = QLabel(
            translate("ReflectionDialog", "Saved. Ask {name} for their side?").format(name=name)
        )
        self.saved_label.setTextFormat(Qt.TextFormat.PlainText)  # a name is not markup
        self.their_answers_button = QPushButton(translate("ReflectionDialog", "&Their answers…"))
        self.their_answers_button.setAutoDefault(False)
        self.their_answers_button.clicked.connect(self._on_their_answers)
        self.close_button = QPushButton(translate("ReflectionDialog", "&Close"))
        self.close_button.clicked.connect(self.accept)
        row = QHBoxLayout(self.saved_part)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.saved_label, 1)
        row.addWidget(self.their_answers_button)
        row.addWidget(self.close_button)
        self.saved_part.hide()
        return self.saved_part

    def _ratings_column(self) -> QVBoxLayout:
        present = QGroupBox(translate("ReflectionDialog", "Was I present?"))
        grid = QGridLayout(present)
        grid.setHorizontalSpacing(10)
        for index, question in enumerate(self.form.questions):
            self.groups[question] = self._add_scale(
                grid, index * 2, self.form.prompt(question), self.form.anchors(question), question
            )
        grid.setColumnStretch(ANSWER_MAX + 2, 1)
        column = QVBoxLayout()
        column.addWidget(present)
        if not self.form.full:  # no empathy rating in the short reflection
            column.addStretch(1)
            return column
        empathy = QGroupBox(translate("ReflectionDialog", "Empathy first, advice second"))
        empathy_grid = QGridLayout(empathy)
        empathy_grid.setHorizontalSpacing(10)
        self._add_scale(empathy_grid, 0, empathy_prompt(), empathy_anchors(), EMPATHY)
        empathy_grid.setColumnStretch(ANSWER_MAX + 2, 1)
        column.addWidget(empathy)
        column.addStretch(1)
        return column

    def _add_scale(
        self,
        grid: QGridLayout,
        row: int,
        prompt_text: str,
        anchors: tuple[str, str],
        key: Question | str,
    ) -> QButtonGroup:
        """One rating (ui.choices.add_scale), kept in ``scales`` under ``key``."""
        group = add_scale(grid, row, prompt_text, anchors, self)
        group.idClicked.connect(self._on_changed)
        self.scales[key] = group
        return group

    def _words_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self._add_field(column, self.perspective_edit.accessibleName(), self.perspective_edit)
        self._add_field(
            column,
            translate(
                "ReflectionDialog", "Did a real worry come up, or did they just smile and agree?"
            ),
            self.worry_row,
        )
        column.addWidget(self.worry_edit)
        carry = self._carry
        self.last_time_label = QLabel()
        self.last_time_label.setWordWrap(True)
        previous = carry.reflected or carry.last_session
        if previous is not None:
            noted = carry.their_perspective
            day = _day(previous.started_at)
            self.last_time_label.setText(
                translate("ReflectionDialog", "Last time ({day}): they were “{note}”").format(
                    day=day, note=html.escape(noted)
                )
                if noted
                else translate(
                    "ReflectionDialog", "Last time ({day}): no note on how they felt."
                ).format(day=day)
            )
            column.addWidget(self.last_time_label)
            self._add_field(column, self.same_row.accessibleName(), self.same_row)
        else:
            self.same_row.hide()
        self.commitment_label = QLabel()
        self.commitment_label.setWordWrap(True)
        if carry.commitment is not None:
            self.commitment_label.setText(
                translate(
                    "ReflectionDialog", "Last time you committed: <b>“{commitment}”</b> — did you?"
                ).format(commitment=html.escape(carry.commitment))
            )
            column.addWidget(self.commitment_label)
            column.addWidget(self.commitment_row)
        else:
            self.commitment_row.hide()
        self._add_field(column, self.next_time_edit.accessibleName(), self.next_time_edit)
        column.addStretch(1)
        return column

    def _set_tab_order(self) -> None:
        """Top to bottom, left column first: the ratings, then the words, then the buttons."""
        chain: list[QWidget] = [b for group in self.scales.values() for b in group.buttons()]
        chain += [
            self.perspective_edit,
            *self.worry_row.buttons,
            self.worry_edit,
            *self.same_row.buttons,
            *self.commitment_row.buttons,
            self.next_time_edit,
            self.save_button,
            self.later_button,
        ]
        shown = [widget for widget in chain if widget.isVisibleTo(self)]  # not hidden rows
        for before, after in itertools.pairwise(shown):
            QWidget.setTabOrder(before, after)

    @staticmethod
    def _add_field(column: QVBoxLayout, caption_text: str, field: QWidget) -> None:
        caption = QLabel(f"<b>{html.escape(caption_text)}</b>")
        caption.setWordWrap(True)
        caption.setBuddy(field)
        column.addWidget(caption)
        column.addWidget(field)

    def _text(self, accessible_name: str, lines: int = 3) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setAccessibleName(accessible_name)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
        edit.textChanged.connect(self._on_changed)
        return edit

    # --- state ----------------------------------------------------------------------

    @property
    def asks_same_challenge(self) -> bool:
        return self._carry.has_history

    @property
    def asks_commitment(self) -> bool:
        return self._carry.commitment is not None

    def _load(self, reflection: Reflection | None) -> None:
        if reflection is None:
            return
        for question, value in reflection.answers.items():
            group = self.groups.get(question)  # a question this form does not ask: kept
            button = None if group is None else group.button(value)
            if button is not None:
                button.setChecked(True)
        if reflection.empathy is not None and EMPATHY in self.scales:
            button = self.scales[EMPATHY].button(reflection.empathy)
            if button is not None:
                button.setChecked(True)
        self.perspective_edit.setPlainText(reflection.their_perspective)
        self.worry_row.set_value(reflection.worry)
        self.worry_edit.setPlainText(reflection.worry_note)
        self.same_row.set_value(reflection.same_challenge)
        self.commitment_row.set_value(reflection.commitment_outcome)
        self.next_time_edit.setPlainText(reflection.next_time)
        for edit in (self.perspective_edit, self.worry_edit, self.next_time_edit):
            edit.moveCursor(QTextCursor.MoveOperation.End)  # typing continues the note
        self._draft_timer.stop()
        self._dirty = False  # loading is not a change

    def set_answer(self, question: Question | str, value: int) -> None:
        """Choose a rating as a click would (used by tests; the keyboard path is RadioKeys)."""
        self.scales[question].button(value).click()

    def reflection(self, *, complete: bool) -> Reflection:
        answers = {q: g.checkedId() for q, g in self.groups.items() if g.checkedId() > 0}
        if not self.form.full:  # the short one: its answers over what else was saved
            kept = {q: v for q, v in self._stored.answers.items() if q not in self.groups}
            return replace(self._stored, answers=kept | answers, complete=complete)
        empathy = self.scales[EMPATHY].checkedId()
        return Reflection(
            answers=answers,
            their_perspective=self.perspective_edit.toPlainText(),
            next_time=self.next_time_edit.toPlainText(),
            complete=complete,
            empathy=empathy if empathy > 0 else None,
            worry=self.worry_row.value(),
            worry_note=self.worry_edit.toPlainText(),
            previous_session_id=self._previous_id,
            same_challenge=self.same_row.value() if self.asks_same_challenge else None,
            commitment_outcome=self.commitment_row.value() if self.asks_commitment else None,
        )

    def _on_changed(self) -> None:
        self._dirty = True
        self._draft_timer.start()
        self._refresh_presence()

    def _refresh_presence(self) -> None:
        score = presence(self.reflection(complete=False), self._marks)
        marks = plural(
            self._marks,
            translate("ReflectionDialog", "{n} mark logged"),
            translate("ReflectionDialog", "{n} marks logged"),
        )
        shown = (
            translate("ReflectionDialog", "not rated yet")
            if score is None
            else translate("ReflectionDialog", "{score} of {most}").format(
                score=QLocale().toString(score, "f", 1), most=_whole(ANSWER_MAX)
            )
        )
        self.presence_label.setText(
            translate(
                "ReflectionDialog", "Presence: <b>{score}</b> ({marks}). {explanation}"
            ).format(score=shown, marks=marks, explanation=presence_explanation(self.form))
        )

    def _emit_draft(self) -> None:
        """Save a draft of unsaved changes (nothing when nothing changed since last time)."""
        self._draft_timer.stop()
        if self._dirty:
            self._dirty = False
            self.draft_saved.emit(self.session_id, self.reflection(complete=False))

    def _save(self) -> None:
        if self._saved:  # Ctrl+Enter again on the saved line
            return
        reflection = self.reflection(complete=True)
        missing = self.form.open_ratings(reflection)
        if missing:
            self.error_label.setText(
                translate(
                    "ReflectionDialog",
                    "Please give all five ratings ({missing} still open), or choose Later.",
                ).format(missing=_whole(missing))
                if self.form.full
                else translate(
                    "ReflectionDialog",
                    "Please give all three ratings ({missing} still open), or choose Later.",
                ).format(missing=_whole(missing))
            )
            self.error_label.show()
            return
        self._draft_timer.stop()
        self._dirty = False  # what is saved now is no draft to write on close
        self.saved.emit(self.session_id, reflection)  # the app calls show_saved once on disk

    def show_saved(self) -> None:
        """The reflection is on disk: the quiet line in place of the form where the
        salesperson's answers could follow, else close."""
        self._saved = True
        if not self._offers_pulse:
            self.accept()
            return
        self.form_part.hide()
        self.saved_part.show()
        # Close first: Enter or Escape ends it; the pulse is one Tab or Alt+T away.
        self.close_button.setDefault(True)
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
        QWidget.setTabOrder(self.their_answers_button, self.close_button)
        self.adjustSize()

    @property
    def showing_saved_line(self) -> bool:
        return self._saved and self.saved_part.isVisibleTo(self)

    def _on_their_answers(self) -> None:
        self.pulse_requested.emit(self.session_id)
        self.accept()

    def show_error(self, message: str) -> None:
        """The save failed: say so and stay open with everything typed."""
        self.error_label.setText(
            translate("ReflectionDialog", "Not saved: {reason}").format(reason=message)
        )
        self.error_label.show()

    def reject(self) -> None:
        """Later: keep what was typed as a draft; the reflection stays pending. Once saved,
        Escape is Close."""
        if self._saved:
            self.accept()
            return
        self._emit_draft()
        super().reject()


def _day(moment: datetime) -> str:
    """'Mon 23 Nov' in the user's language and order (the local day of ``moment``)."""
    #: For translators: a date format for QLocale
    #: (ddd: short day name, d: day, MMM: short month name).
    day_format = translate("ReflectionDialog", "ddd d MMM")
    local = moment.astimezone()
    return QLocale().toString(QDate(local.year, local.month, local.day), day_format)


def _whole(number: int) -> str:
    return QLocale().toString(number)
