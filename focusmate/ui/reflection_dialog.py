"""The reflection after a session: the method's four questions and two short notes.

Every change is saved as a draft shortly after it is made, and again on Later or close,
so nothing typed is lost. Save requires all four answers.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from focusmate.core.model import ANSWER_MAX, ANSWER_MIN, CoachingSession, Question, Reflection
from focusmate.core.scoring import SCORE_EXPLANATION
from focusmate.ui.icons import app_icon

DRAFT_DELAY_MS = 400


class ReflectionDialog(QDialog):
    """Emits ``draft_saved`` while typing and ``saved`` once complete; the app calls
    accept() when the reflection is on disk, or show_error() when it could not be saved.

    Closing the window (Escape, the title bar's X) goes through reject(), i.e. Later.
    """

    draft_saved = Signal(str, object)  # session id, Reflection(complete=False)
    saved = Signal(str, object)  # session id, Reflection(complete=True)

    def __init__(self, session: CoachingSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session_id = session.id
        name = session.with_name
        self.setWindowTitle(f"Reflect on your session with {name}")
        self.setWindowIcon(app_icon())
        self.groups: dict[Question, QButtonGroup] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        for index, question in enumerate(Question):
            self._add_scale(grid, index * 2, question)
        grid.setColumnStretch(ANSWER_MAX + 2, 1)
        self.perspective_edit = self._text(f"What was {name} thinking or feeling?")
        self.next_time_edit = self._text("One thing I'll do differently next time")
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("&Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton("&Later", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(f"Take a minute now that {name} has left. 5 is the best answer.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(grid)
        for label, edit in (
            (f"What was {name} thinking or feeling?", self.perspective_edit),
            ("One thing I'll do differently next time:", self.next_time_edit),
        ):
            caption = QLabel(label)
            caption.setBuddy(edit)
            layout.addWidget(caption)
            layout.addWidget(edit)
        hint = QLabel(f"Score: {SCORE_EXPLANATION}")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._emit_draft)
        self._dirty = False
        self._load(session.reflection)

    def _add_scale(self, grid: QGridLayout, row: int, question: Question) -> None:
        """One question: its prompt, then '1 = low  (1) (2) (3) (4) (5)  5 = high' in
        columns shared by all four questions, so the scales line up."""
        prompt = QLabel(f"<b>{question.prompt}</b>")
        grid.addWidget(prompt, row, 0, 1, ANSWER_MAX + 3)
        low, high = question.anchors
        low_label = QLabel(f"1 = {low}")
        low_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(low_label, row + 1, 0)
        group = QButtonGroup(self)
        for value in range(ANSWER_MIN, ANSWER_MAX + 1):
            button = QRadioButton(str(value))
            button.setAccessibleName(f"{question.prompt} {value}")
            group.addButton(button, value)
            grid.addWidget(button, row + 1, value)
        grid.addWidget(QLabel(f"5 = {high}"), row + 1, ANSWER_MAX + 1)
        group.idClicked.connect(self._on_changed)
        self.groups[question] = group

    def _text(self, accessible_name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setAccessibleName(accessible_name)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)
        edit.textChanged.connect(self._on_changed)
        return edit

    def _load(self, reflection: Reflection | None) -> None:
        if reflection is None:
            return
        for question, value in reflection.answers.items():
            button = self.groups[question].button(value)
            if button is not None:
                button.setChecked(True)
        self.perspective_edit.setPlainText(reflection.their_perspective)
        self.next_time_edit.setPlainText(reflection.next_time)
        self._draft_timer.stop()
        self._dirty = False  # loading is not a change

    def set_answer(self, question: Question, value: int) -> None:
        """Choose an answer as a click would (used by keyboard shortcuts and tests)."""
        self.groups[question].button(value).click()

    def reflection(self, *, complete: bool) -> Reflection:
        answers = {q: g.checkedId() for q, g in self.groups.items() if g.checkedId() > 0}
        return Reflection(
            answers=answers,
            their_perspective=self.perspective_edit.toPlainText(),
            next_time=self.next_time_edit.toPlainText(),
            complete=complete,
        )

    def _on_changed(self) -> None:
        self._dirty = True
        self._draft_timer.start()

    def _emit_draft(self) -> None:
        """Save a draft of unsaved changes (nothing when nothing changed since last time)."""
        self._draft_timer.stop()
        if self._dirty:
            self._dirty = False
            self.draft_saved.emit(self.session_id, self.reflection(complete=False))

    def _save(self) -> None:
        reflection = self.reflection(complete=True)
        missing = len(Question) - len(reflection.answers)
        if missing:
            self.error_label.setText(
                f"Please answer all four questions ({missing} still open), or choose Later."
            )
            self.error_label.show()
            return
        self._draft_timer.stop()
        self.saved.emit(self.session_id, reflection)  # the app closes us once it is on disk

    def show_error(self, message: str) -> None:
        """The save failed: say so and stay open with everything typed."""
        self.error_label.setText(f"Not saved: {message}")
        self.error_label.show()

    def reject(self) -> None:
        """Later: keep what was typed as a draft; the reflection stays pending."""
        self._emit_draft()
        super().reject()
