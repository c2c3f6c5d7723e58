"""Refusals and failures in the user's language: every problem a window can meet, worded by
focusmate.ui.error_text, while the English message (the CLI's, the log's) stays as it was.

Every :class:`Problem` is raised here by its real raise site (so a sentence and the facts
its raise site gives cannot drift apart), then shown in German; and the windows that show
errors are driven through the window manager (Windows) to a refusal or a full disk.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from focusmate.core.dnd_names import BACKEND_NAMES
from focusmate.core.errors import FocusmateError, Problem
from focusmate.core.hotkeys import HotkeyBindings
from focusmate.core.marks import MarkKind, MarkKinds
from focusmate.core.model import Question, Reflection
from focusmate.core.session_kind import SessionKinds
from focusmate.core.settings import Settings
from focusmate.core.validation import check_minutes, clean_focus, clean_intention, clean_name
from focusmate.desktop.autostart import XdgAutostart
from focusmate.desktop.locations import POINTER_FILE_NAME, DataPointer
from focusmate.services.controller import SessionController
from focusmate.services.exports import write_text
from focusmate.services.pulse_offers import PulseOffers
from focusmate.services.settings import SettingsService
from focusmate.storage import data_move
from focusmate.storage.data_move import move_data
from focusmate.ui.actions import AppActions
from focusmate.ui.error_text import shown_error
from focusmate.ui.settings_dialog import SettingsDialog
from focusmate.ui.start_dialog import StartDialog
from focusmate.ui.welcome_dialog import WelcomeDialog
from focusmate.ui.windows import Windows
from tests.fakes import FakeClock

#: Words that give away an English sentence; none of them is German.
ENGLISH_WORDS = frozenset(
    {
        "the",
        "is",
        "not",
        "could",
        "your",
        "and",
        "to",
        "for",
        "are",
        "be",
        "of",
        "only",
        "cannot",
        "would",
        "must",
        "there",
        "that",
        "session",
        "nothing",
        "try",
    }
)


def english_left(text: str, *facts: object) -> set[str]:
    """The English words in ``text`` once the facts (names, paths, the system's words) are
    taken out."""
    for fact in facts:
        text = text.replace(str(fact), " ")
    return set(re.findall(r"[a-z']+", text.lower())) & ENGLISH_WORDS


def caught(call: Callable[[], object]) -> FocusmateError:
    with pytest.raises(FocusmateError) as raised:
        call()
    return raised.value


def disk_full(*_args: object, **_kwargs: object) -> None:
    raise OSError(28, "No space left on device")


class FailingPointer(DataPointer):
    """The data location file cannot be written (its folder is read-only, say)."""

    def point_to(self, folder: Path) -> None:
        raise OSError(30, "Read-only file system")


def data_folder(folder: Path) -> Path:
    folder.mkdir()
    (folder / "reminders.json").write_text('{"shown": []}')
    return folder


def move_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[FocusmateError]:
    """The moves that fail, each at its own step, from the real mover."""
    old = data_folder(tmp_path / "old")
    pointer = DataPointer(tmp_path / "config" / POINTER_FILE_NAME)
    not_text = caught(lambda: move_data(old, Path(os.fsdecode(b"/tmp/caf\xe9")), pointer))
    new = tmp_path / "new"

    def corrupt(step: str) -> None:
        if step == "copied":
            (new / "reminders.json").write_bytes(b"{}")

    not_verified = caught(lambda: move_data(old, new, pointer, checkpoint=corrupt))
    failing = FailingPointer(tmp_path / "config" / POINTER_FILE_NAME)
    not_switched = caught(lambda: move_data(old, tmp_path / "other", failing))
    with monkeypatch.context() as patch:
        patch.setattr(data_move, "atomic_write_bytes", disk_full)
        not_copied = caught(lambda: move_data(old, tmp_path / "third", pointer))
    return [not_text, not_verified, not_switched, not_copied]


@pytest.fixture
def errors(
    controller: SessionController,
    clock: FakeClock,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> dict[Problem, FocusmateError]:
    """One error of each problem, each from its real raise site, by problem."""
    errors = [
        caught(lambda: controller.mark("phone")),
        caught(lambda: controller.save_reflection("nope", Reflection())),
    ]
    controller.start("Ana", 30)
    errors += [caught(lambda: controller.start("Ben", 30)), caught(controller.undo_mark)]
    controller.mark("phone")
    clock.advance(minutes=2)
    errors.append(caught(controller.undo_mark))
    with monkeypatch.context() as patch:
        patch.setattr(Path, "replace", disk_full)
        errors.append(caught(lambda: controller.mark("phone")))
    errors += [
        caught(lambda: clean_name("  ")),
        caught(lambda: clean_name("x" * 101)),
        caught(lambda: check_minutes(0)),
        caught(lambda: clean_focus("x" * 501)),
        caught(lambda: clean_intention("x" * 201)),
        caught(lambda: MarkKind.custom("  ")),
        caught(lambda: MarkKind.custom("x" * 61)),
        caught(lambda: MarkKind.custom("!!!")),
        caught(lambda: MarkKinds([MarkKind.custom("Phone")])),
        caught(lambda: MarkKinds([MarkKind.custom("Undo")])),
        caught(lambda: MarkKinds().get("nope")),
        caught(lambda: SessionKinds().with_added(" ")),
        caught(lambda: SessionKinds().with_added("x" * 41)),
        caught(lambda: SessionKinds().with_added("!!!")),
        caught(lambda: SessionKinds().with_added("Client meeting")),
        caught(lambda: SessionKinds().get("nope")),
        caught(
            lambda: HotkeyBindings.from_text(
                {"phone": "Ctrl+Alt+P", "app": "ctrl+alt+p"}
            ).check_conflicts()
        ),
        caught(lambda: HotkeyBindings.from_text({"phone": "Shift+P"})),
        caught(lambda: HotkeyBindings.from_text({"phone": "Ctrl+Alt+Ä"})),
        caught(lambda: HotkeyBindings.from_text({"phone": "Ctrl++"})),
    ]
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    errors.append(caught(lambda: SettingsService(blocker, Settings()).apply(Settings())))
    errors.append(caught(lambda: write_text(blocker / "week.csv", "x")))
    dialog = SettingsDialog(Settings(), BACKEND_NAMES)
    qtbot.addWidget(dialog)
    dialog.reminder_check.setChecked(True)
    for box in dialog.weekday_boxes.values():
        box.setChecked(False)
    errors.append(caught(dialog.morning_reminder))
    errors += move_problems(tmp_path, monkeypatch)
    errors += autostart_problems(tmp_path)
    errors += pulse_page_problems(controller)
    return {error.problem: error for error in errors if error.problem is not None}


def pulse_page_problems(controller: SessionController) -> list[FocusmateError]:
    """The pulse page while it is off, and for a computer on no local network."""
    controller.end()
    turned_on = Settings(pulse_page_enabled=True)
    off = PulseOffers(controller, Settings, FakeClock())
    no_network = PulseOffers(controller, lambda: turned_on, FakeClock(), address=lambda: None)
    return [caught(lambda: off.offer("last")), caught(lambda: no_network.offer("last"))]


def autostart_problems(tmp_path: Path) -> list[FocusmateError]:
    """The real XDG entry where its folder is a file, and a program path no system runs."""
    config = tmp_path / "autostart-config"
    config.mkdir()
    (config / "autostart").write_text("a file where the folder should be")
    entry = XdgAutostart(environ={"XDG_CONFIG_HOME": str(config)})
    not_changed = caught(lambda: entry.enable(["/opt/focusmate/focusmate"]))
    unusable = caught(lambda: entry.enable(["/opt/focus\nmate/focusmate"]))  # a newline
    return [not_changed, unusable]


def test_every_problem_is_said_in_german_while_the_message_stays_english(
    errors: dict[Problem, FocusmateError], request: pytest.FixtureRequest
) -> None:
    assert set(errors) == set(Problem)  # each problem comes from a real raise site here
    english = {problem: shown_error(error) for problem, error in errors.items()}
    messages = {problem: str(error) for problem, error in errors.items()}
    request.getfixturevalue("german")
    for problem, error in errors.items():
        german = shown_error(error)
        facts = [str(value) for value in error.facts.values()]
        assert "{" not in english[problem] and "{" not in german, problem
        assert german != english[problem], problem
        assert english_left(german, *facts) == set(), (problem, german)
        assert all(fact in german for fact in facts), (problem, german)  # the details stay
        assert str(error) == messages[problem]  # the CLI's and the log's words: English
    assert str(errors[Problem.NO_SESSION]) == "no coaching session is running"
    assert str(errors[Problem.SESSION_RUNNING]) == "a session with Ana is already running"
    assert shown_error(errors[Problem.SESSION_RUNNING]) == (
        "Ein Coachinggespräch mit Ana läuft bereits. Beenden Sie es zuerst."
    )
    assert shown_error(errors[Problem.NOT_SAVED]) == (
        "Im Datenordner konnte nicht gespeichert werden (No space left on device). Es ist "
        "nichts verloren gegangen; bitte versuchen Sie es erneut."
    )


def test_an_error_without_a_known_problem_keeps_its_english_after_a_translated_lead(
    qtbot: QtBot, request: pytest.FixtureRequest
) -> None:
    odd = FocusmateError("the flux capacitor is empty")
    assert shown_error(odd) == "That did not work: the flux capacitor is empty"
    missing = FocusmateError("a session is already running", Problem.SESSION_RUNNING)
    assert shown_error(missing) == "That did not work: a session is already running"
    request.getfixturevalue("german")
    assert shown_error(odd) == "Das hat nicht funktioniert: the flux capacitor is empty"


# ------------------------------------------------------------------ the windows, in German


@pytest.fixture
def windows(
    controller: SessionController, actions: AppActions, service: SettingsService
) -> Iterator[Windows]:
    windows = Windows(controller, actions, use_tray=False, settings=service)
    yield windows
    windows.close_all()


@pytest.mark.usefixtures("german")
def test_a_full_disk_and_a_refused_undo_in_the_session_window(
    windows: Windows, controller: SessionController, caplog: pytest.LogCaptureFixture
) -> None:
    controller.start("Ana", 30)
    windows.on_hotkey("undo")  # nothing to undo yet
    label = windows.session_window.error_label
    assert label.text() == "Es gibt keinen Vermerk zum Zurücknehmen."
    assert windows.last_error == "there is no mark to undo"
    with pytest.MonkeyPatch.context() as patch, caplog.at_level(logging.ERROR):
        patch.setattr(Path, "replace", disk_full)
        windows.on_hotkey("phone")
    assert label.text().startswith("Im Datenordner konnte nicht gespeichert werden")
    assert english_left(label.text(), "No space left on device") == set()
    english = "could not save to the data folder: No space left on device; nothing was lost"
    assert windows.last_error.startswith(english)
    logged = [r.getMessage() for r in caplog.records if r.name == "focusmate.ui.windows"]
    assert logged == ["there is no mark to undo", windows.last_error]  # the log stays English


@pytest.mark.usefixtures("german")
def test_a_full_disk_in_the_start_dialog(windows: Windows) -> None:
    windows.open_start_dialog()
    dialog = windows.window(StartDialog)
    assert dialog is not None
    dialog.name_edit.setText("Ana")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "replace", disk_full)
        dialog.buttons.accepted.emit()
    text = dialog.error_label.text()
    assert text.startswith("Im Datenordner konnte nicht gespeichert werden (No space left")
    assert text.endswith("erneut.") and english_left(text, "No space left on device") == set()


@pytest.mark.usefixtures("german")
def test_a_full_disk_in_the_reflection_dialog(
    windows: Windows, controller: SessionController
) -> None:
    controller.start("Ana", 30)
    controller.end()
    dialog = windows.reflection("s1")
    assert dialog is not None
    for question in Question:
        dialog.set_answer(question, 3)
    dialog.set_answer("empathy", 3)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "replace", disk_full)
        dialog.save_button.click()
    text = dialog.error_label.text()
    assert text.startswith("Nicht gespeichert: Im Datenordner konnte nicht gespeichert werden")
    assert english_left(text, "No space left on device") == set()


@pytest.mark.usefixtures("german")
def test_conflicting_hotkeys_and_a_settings_file_that_cannot_be_written(
    windows: Windows, actions: AppActions, tmp_path: Path
) -> None:
    actions.settings.trigger()
    dialog = windows.window(SettingsDialog)
    assert dialog is not None
    dialog.hotkey_edits["app"].setKeySequence(QKeySequence("Ctrl+Alt+P"))
    dialog._submit()  # noqa: SLF001 - the Save button's slot
    assert dialog.error_label.text() == (
        "Ctrl+Alt+P ist mehreren Aktionen zugeordnet (phone, app). Wählen Sie für jede ein "
        "anderes Tastenkürzel."
    )
    dialog.hotkey_edits["app"].setKeySequence(QKeySequence("Ctrl+Alt+A"))
    (tmp_path / "settings").write_text("a file where the data folder should be")
    dialog._submit()  # noqa: SLF001
    text = dialog.error_label.text()
    assert text.startswith("Die Einstellungen konnten nicht gespeichert werden (")
    assert english_left(text, "Not a directory", "File exists") == set()


@pytest.mark.usefixtures("german")
def test_the_welcome_says_why_the_choices_were_not_saved(windows: Windows, tmp_path: Path) -> None:
    windows.open_welcome()
    dialog = windows.window(WelcomeDialog)
    assert dialog is not None
    (tmp_path / "settings").write_text("a file where the data folder should be")
    dialog.start_button.click()
    text = dialog.error_label.text()
    assert "Die Einstellungen konnten nicht gespeichert werden" in text
    assert english_left(text, "Not a directory", "File exists") == set()
    assert dialog.isVisible()


def test_in_english_the_window_shows_a_sentence_and_the_log_the_message(
    windows: Windows, controller: SessionController
) -> None:
    controller.start("Ana", 30)
    windows.on_hotkey("undo")
    assert windows.session_window.error_label.text() == "There is no mark to undo."
    assert windows.last_error == "there is no mark to undo"
