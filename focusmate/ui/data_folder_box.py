"""The settings window's data-folder group: where the data is, and *Move…*.

A move copies every file to the folder the user picks, checks each copy and only then
switches (focusmate.services.data_folder does the work), after which focusmate restarts itself from
the new folder. Refusals and failures are said in the user's language through ``problem``;
the settings window shows them where it shows its other errors.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focusmate.core.errors import FocusmateError
from focusmate.core.move_refusal import MoveRefused, Refusal
from focusmate.core.text import translate
from focusmate.ui.error_text import shown_error


class DataFolderPort(Protocol):
    """The app's data folder (focusmate.services.data_folder.DataFolder)."""

    @property
    def path(self) -> Path: ...

    @property
    def fixed_by(self) -> str | None: ...

    def move(self, target: Path) -> list[str]: ...

    def restart(self) -> None: ...


def ask_for_folder(parent: QWidget, title: str) -> str | None:
    chosen = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
    return chosen or None


def tell(parent: QWidget, message: str) -> None:
    QMessageBox.information(parent, "focusmate", message)


class DataFolderBox(QGroupBox):
    """Hidden until the app hands over its data folder (``attach``)."""

    #: A refusal or failure, worded for the user (the settings window shows it).
    problem = Signal(str)

    def __init__(self, has_unsaved_changes: Callable[[], bool]) -> None:
        super().__init__(translate("SettingsDialog", "Data folder"))
        self._has_unsaved_changes = has_unsaved_changes
        self._folder: DataFolderPort | None = None
        self._choose: Callable[[QWidget, str], str | None] = ask_for_folder
        self._inform: Callable[[QWidget, str], None] = tell
        self.field = QLineEdit()
        self.field.setReadOnly(True)
        self.field.setAccessibleName(translate("SettingsDialog", "Current data folder"))
        self.move_button = QPushButton(translate("SettingsDialog", "Mo&ve…"))
        self.move_button.clicked.connect(self._move)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.move_button)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self.hide()

    def focus_chain(self) -> Sequence[QWidget]:
        return [self.field, self.move_button]

    def attach(
        self,
        folder: DataFolderPort,
        choose: Callable[[QWidget, str], str | None],
        inform: Callable[[QWidget, str], None],
    ) -> None:
        self._folder, self._choose, self._inform = folder, choose, inform
        self.field.setText(str(folder.path))
        self.field.setCursorPosition(0)
        if folder.fixed_by is None:
            self.note.setText(
                translate(
                    "SettingsDialog",
                    "Moving copies your data to the folder you choose, checks every copy, then "
                    "removes the old files. focusmate restarts itself to use the new folder.",
                )
            )
        else:
            why = translate(
                "SettingsDialog",
                "This folder was chosen with {how} when focusmate was started, so it cannot "
                "be moved from here.",
            ).format(how=folder.fixed_by)
            self.note.setText(why)
            self.move_button.setToolTip(why)
            self.move_button.setEnabled(False)
        self.show()

    def _move(self) -> None:
        folder = self._folder
        if folder is None:
            return
        if self._has_unsaved_changes():
            self.problem.emit(
                translate(
                    "SettingsDialog",
                    "Save or cancel your other changes first: moving the data restarts focusmate.",
                )
            )
            return
        chosen = self._choose(
            self, translate("SettingsDialog", "Choose a new folder for your focusmate data")
        )
        if not chosen:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            left = folder.move(Path(chosen))
        except MoveRefused as refusal:
            self.problem.emit(refusal_text(refusal))
            return
        except FocusmateError as error:
            self.problem.emit(
                translate("SettingsDialog", "The move did not work: {reason}").format(
                    reason=shown_error(error)
                )
            )
            return
        finally:
            QApplication.restoreOverrideCursor()
        if left:
            message = translate(
                "SettingsDialog",
                "Your data is now in {folder}. These files could not be removed from the old "
                "folder {old}; you can delete them yourself: {names}",
            )
            self._inform(
                self, message.format(folder=chosen, old=str(folder.path), names=", ".join(left))
            )
        folder.restart()


def refusal_text(refusal: MoveRefused) -> str:
    """Why a move was refused, in the user's language."""
    texts = {
        Refusal.FIXED: translate(
            "SettingsDialog",
            "This folder was chosen when focusmate was started, so it cannot be moved from here.",
        ),
        Refusal.SESSION_RUNNING: translate(
            "SettingsDialog", "End the session first, then move your data."
        ),
        Refusal.SAME_FOLDER: translate("SettingsDialog", "{folder} is already your data folder."),
        Refusal.INSIDE_CURRENT: translate(
            "SettingsDialog",
            "{folder} is inside your current data folder. Choose a folder outside it.",
        ),
        Refusal.NOT_A_FOLDER: translate("SettingsDialog", "{folder} is not a folder."),
        Refusal.NOT_EMPTY: translate(
            "SettingsDialog",
            "{folder} already holds other files ({names}). Choose an empty folder, or "
            "make a new one.",
        ),
    }
    return texts[refusal.refusal].format(folder=refusal.folder, names=", ".join(refusal.names))
