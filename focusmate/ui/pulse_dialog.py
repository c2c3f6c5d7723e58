"""The salesperson's pulse, typed in by the manager (issue 16): "Their side: Jordan, Tue 3 Dec".

The three questions from the salesperson's side of the table (5 is always best): did they feel
heard before they got advice (1-5, the reflection's scale, ui.choices.add_scale), did their
real concern come up (yes / partly / no), did they have the manager's full attention (1-5);
then an optional comment, and how the answers came: asked out loud and typed (PulseVia.TYPED)
or from a chat message (PulseVia.MESSAGE). *Copy the questions* puts core.pulse's chat text
on the clipboard and picks the message way. Where the settings allow the page on the
salesperson's phone, *Show a code for their phone…* asks the app for its QR code
(``page_requested``).

Only ever opened because the manager asked (the review, the reflection's quiet line, the
menu), for an ended session; a saved pulse opens for editing. Save emits ``saved`` with the
RepPulse; the app calls accept() once it is on disk, or show_error() when it was refused.

Keyboard: Tab moves from row to row, a digit picks in a row (1-5 on a scale, 1-3 for the
concern), Alt plus an underlined letter jumps to a row or button, Ctrl+Enter saves, Escape
closes without saving.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
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

from focusmate.core.errors import InvalidInput
from focusmate.core.model import ANSWER_MAX, CoachingSession
from focusmate.core.pulse import COMMENT_MAX_CHARS, Concern, PulseVia, RepPulse, clean_comment
from focusmate.core.pulse import pulse_message as chat_text
from focusmate.core.text import translate
from focusmate.ui.choices import ChoiceRow, add_scale
from focusmate.ui.error_label import ErrorLabel
from focusmate.ui.icons import app_icon
from focusmate.ui.tab_order import buttons_in_order, chain_tab_order

#: The ways a manager types answers in (the page's answers arrive by themselves).
TYPED_WAYS = (PulseVia.TYPED, PulseVia.MESSAGE)


class PulseDialog(QDialog):
    """Emits ``saved`` (session id, RepPulse) on Save and ``page_requested`` (session id) for
    the QR code; see the module docstring."""

    saved = Signal(str, object)
    page_requested = Signal(str)

    def __init__(
        self,
        session: CoachingSession,
        now: Callable[[], datetime],
        *,
        offer_page: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """``now`` is the app's clock (the pulse's time); ``offer_page``: the settings let the
        salesperson answer on their phone, so the code button is shown."""
        super().__init__(parent)
        self.session_id = session.id
        self._name = session.with_name
        self._now = now
        self.editing = session.rep_pulse is not None
        self.setWindowTitle(
            translate("PulseDialog", "Their side: {name}, {day}").format(
                name=self._name, day=_day(session.started_at)
            )
        )
        self.setWindowIcon(app_icon())
        intro = QLabel(
            translate(
                "PulseDialog",
                "How did {name} see the session? Ask these three questions out loud, or send "
                "them as a message and type the answers in when they come back. 5 is always "
                "the best answer.",
            ).format(name=self._name)
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)  # the name is shown as typed
        intro.setWordWrap(True)
        self.via_row: ChoiceRow[PulseVia] = ChoiceRow(
            [
                (PulseVia.TYPED, translate("PulseDialog", "Asked out loud, typed in")),
                (PulseVia.MESSAGE, translate("PulseDialog", "From a chat message")),
            ],
            translate("PulseDialog", "How the answers came"),
        )
        self.copy_button = QPushButton(translate("PulseDialog", "&Copy the questions"))
        self.copy_button.setToolTip(
            translate("PulseDialog", "Puts the three questions on the clipboard, for a chat.")
        )
        self.copy_button.clicked.connect(self.copy_questions)
        self.page_button = QPushButton(translate("PulseDialog", "Show a code for their &phone…"))
        self.page_button.clicked.connect(lambda: self.page_requested.emit(self.session_id))
        self.page_button.setVisible(offer_page)
        self.copied_label = QLabel()
        self.copied_label.setWordWrap(True)
        self.copied_label.hide()
        scales = QGridLayout()
        scales.setHorizontalSpacing(10)
        # The ends the salesperson's page names too (desktop.pulse_html).
        anchors = (translate("PulseDialog", "not at all"), translate("PulseDialog", "completely"))
        self.heard = add_scale(
            scales,
            0,
            translate("PulseDialog", "Did you feel heard before you got advice?"),
            anchors,
            self,
        )
        # The three questions in the order, the concern between the two scales, in
        # the scales' grid so that its prompt lines up with theirs.
        concern_prompt = translate("PulseDialog", "Did your real concern come up?")
        self.concern_row: ChoiceRow[Concern] = ChoiceRow(
            [
                (Concern.YES, translate("PulseDialog", "Yes")),
                (Concern.PARTLY, translate("PulseDialog", "Partly")),
                (Concern.NO, translate("PulseDialog", "No")),
            ],
            concern_prompt,
        )
        scales.addWidget(_caption(f"<b>{html.escape(concern_prompt)}</b>"), 2, 0, 1, -1)
        scales.addWidget(self.concern_row, 3, 0, 1, -1)
        self.attention = add_scale(
            scales,
            4,
            translate("PulseDialog", "Did you have my full attention — no phone, no screen?"),
            anchors,
            self,
        )
        scales.setColumnStretch(ANSWER_MAX + 2, 1)
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.setAccessibleName(translate("PulseDialog", "Comment (optional)"))
        self.comment_edit.setFixedHeight(self.comment_edit.fontMetrics().lineSpacing() * 3 + 12)
        self.error_label = ErrorLabel()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            translate("PulseDialog", "&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(
            translate("PulseDialog", "Cl&ose"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._save)
        self._layout(intro, scales)
        self._load(session.rep_pulse)
        chain_tab_order(
            [
                *self.via_row.buttons,
                self.copy_button,
                *([self.page_button] if offer_page else []),
                *self.heard.buttons(),
                *self.concern_row.buttons,
                *self.attention.buttons(),
                self.comment_edit,
                *buttons_in_order(self.buttons),
            ]
        )
        first = self.heard.checkedButton() or self.heard.button(1)
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _layout(self, intro: QLabel, scales: QGridLayout) -> None:
        how = QGroupBox(translate("PulseDialog", "How the answers came"))
        how_layout = QVBoxLayout(how)
        how_layout.addWidget(self.via_row)
        actions = QHBoxLayout()
        actions.addWidget(self.copy_button)
        actions.addWidget(self.page_button)
        actions.addStretch(1)
        how_layout.addLayout(actions)
        how_layout.addWidget(self.copied_label)
        answers = QGroupBox(translate("PulseDialog", "Their answers"))
        answers_layout = QVBoxLayout(answers)
        answers_layout.addLayout(scales)
        comment = _caption(translate("PulseDialog", "Co&mment (optional)"))
        comment.setBuddy(self.comment_edit)
        answers_layout.addWidget(comment)
        answers_layout.addWidget(self.comment_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(how)
        layout.addWidget(answers)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.save_button.setDefault(True)

    def _load(self, pulse: RepPulse | None) -> None:
        """A saved pulse's answers; a new one starts as typed, nothing chosen."""
        if pulse is None:
            self.via_row.set_value(PulseVia.TYPED)
            return
        # Answers from the phone's page, corrected here, are the manager's typing now.
        self.via_row.set_value(pulse.via if pulse.via in TYPED_WAYS else PulseVia.TYPED)
        for group, value in ((self.heard, pulse.heard), (self.attention, pulse.attention)):
            button = group.button(value)
            if button is not None:
                button.setChecked(True)
        self.concern_row.set_value(pulse.concern)
        self.comment_edit.setPlainText(pulse.comment)
        self.comment_edit.moveCursor(QTextCursor.MoveOperation.End)

    # -- what the buttons do --------------------------------------------------------------

    def copy_questions(self) -> None:
        """The chat text on the clipboard; the answers will come from a message."""
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(chat_text(self._name))
        self.via_row.set_value(PulseVia.MESSAGE)
        self.copied_label.setText(
            translate(
                "PulseDialog",
                "The questions are on the clipboard: paste them into your chat with {name}, "
                "then type the answers in here when they come back.",
            ).format(name=self._name)
        )
        self.copied_label.setTextFormat(Qt.TextFormat.PlainText)
        self.copied_label.show()

    def set_answers(self, heard: int, concern: Concern, attention: int) -> None:
        """Choose the three answers as clicks would (used by tests; keys go through RadioKeys)."""
        self.heard.button(heard).click()
        self.concern_row.choose(concern)
        self.attention.button(attention).click()

    def pulse(self) -> RepPulse:
        """The answers as a pulse at the app's time; InvalidInput names what is missing."""
        heard, attention = self.heard.checkedId(), self.attention.checkedId()
        concern = self.concern_row.value()
        if heard < 1 or attention < 1 or concern is None:
            raise InvalidInput("answer all three questions")
        via = self.via_row.value() or PulseVia.TYPED
        comment = clean_comment(self.comment_edit.toPlainText())
        return RepPulse(heard, concern, attention, comment, via, self._now())

    def _save(self) -> None:
        try:
            pulse = self.pulse()
        except InvalidInput:
            self._show(self._problem())
            return
        self.saved.emit(self.session_id, pulse)  # the app closes us once it is on disk

    def _problem(self) -> str:
        """What stops the save, in the user's words."""
        if min(self.heard.checkedId(), self.attention.checkedId()) < 1 or (
            self.concern_row.value() is None
        ):
            return translate("PulseDialog", "Please answer all three questions.")
        if len(self.comment_edit.toPlainText().strip()) > COMMENT_MAX_CHARS:
            return translate(
                "PulseDialog", "The comment is too long: at most {most} characters."
            ).format(most=QLocale().toString(COMMENT_MAX_CHARS))
        return translate("PulseDialog", "The comment holds a control character; remove it.")

    def show_error(self, message: str) -> None:
        """The save was refused: say so and stay open with everything typed."""
        self._show(translate("PulseDialog", "Not saved: {reason}").format(reason=message))

    def _show(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()


def _caption(text: str) -> QLabel:
    caption = QLabel(text)
    caption.setWordWrap(True)
    return caption


def _day(moment: datetime) -> str:
    """'Tue 3 Dec' in the user's language and order (the local day of ``moment``)."""
    #: For translators: a date format for QLocale
    #: (ddd: short day name, d: day, MMM: short month name).
    day_format = translate("PulseDialog", "ddd d MMM")
    local = moment.astimezone()
    return QLocale().toString(QDate(local.year, local.month, local.day), day_format)
