"""The settings window: kinds of marks, hotkeys (conflicts refused), length, backend, the
morning reminder, start at login (the real XDG entry in a temporary folder), the data folder
(the real mover on temporary folders), keyboard, screen readers and German."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTime
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from focusmate.core.marks import MarkKind
from focusmate.core.reminders import MorningReminder
from focusmate.core.settings import Settings
from focusmate.desktop.autostart import XdgAutostart, read_desktop_entry
from focusmate.desktop.locations import POINTER_FILE_NAME, DataDirSource, DataLocation, DataPointer
from focusmate.services.data_folder import DataFolder
from focusmate.storage.settings_store import save_settings
from focusmate.ui.i18n import InstalledLanguage
from focusmate.ui.settings_dialog import SettingsDialog, SystemParts
from tests.ui.accessibility import tab_chain, unnamed_controls
from tests.ui.keyboard import reading_order, texts, untranslated


def make(qtbot: QtBot, settings: Settings | None = None) -> SettingsDialog:
    dialog = SettingsDialog(settings or Settings(), ["dunst", "gnome", "kde"])
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_defaults_are_shown(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    assert dialog.minutes_spin.value() == 30
    assert dialog.dnd_combo.currentData() is None
    texts = {a: e.keySequence().toString() for a, e in dialog.hotkey_edits.items()}
    assert texts == {"phone": "Ctrl+Alt+P", "app": "Ctrl+Alt+A", "undo": "Ctrl+Alt+Z"}


def test_add_a_suggested_kind_with_its_own_hotkey(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    dialog.new_kind.setCurrentText("Mind wandered")
    dialog.add_button.click()
    assert dialog.kinds_list.count() == 1
    dialog.hotkey_edits["mind-wandered"].setKeySequence(QKeySequence("Ctrl+Alt+M"))
    dialog.minutes_spin.setValue(45)
    dialog.dnd_combo.setCurrentIndex(dialog.dnd_combo.findData("dunst"))
    with qtbot.waitSignal(dialog.submitted) as submitted:
        dialog._submit()  # noqa: SLF001 - the Save button's slot
    settings = submitted.args[0]
    assert settings.custom_kinds == (MarkKind.custom("Mind wandered"),)
    assert settings.hotkeys["mind-wandered"] == "Ctrl+Alt+M"
    assert (settings.default_minutes, settings.dnd_backend) == (45, "dunst")


def test_the_pulse_page_is_off_until_ticked_and_explained_beside_its_box(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    assert not dialog.pulse_page_check.isChecked()
    assert "QR code" in dialog.pulse_page_note.text()
    assert "10 minutes" in dialog.pulse_page_check.accessibleDescription()
    dialog.pulse_page_check.click()
    with qtbot.waitSignal(dialog.submitted) as submitted:
        dialog._submit()  # noqa: SLF001 - the Save button's slot
    assert submitted.args[0].pulse_page_enabled is True
    assert make(qtbot, Settings(pulse_page_enabled=True)).pulse_page_check.isChecked()


def test_conflicting_hotkeys_are_refused(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    dialog.hotkey_edits["app"].setKeySequence(QKeySequence("Ctrl+Alt+P"))
    with qtbot.assertNotEmitted(dialog.submitted):
        dialog._submit()  # noqa: SLF001
    assert "phone" in dialog.error_label.text() and "app" in dialog.error_label.text()


def test_bad_or_duplicate_kinds_are_refused_with_a_message(qtbot: QtBot) -> None:
    dialog = make(qtbot, Settings(custom_kinds=(MarkKind.custom("Mind wandered"),)))
    for name in ("mind  WANDERED", "!!!", "Undo"):
        dialog.new_kind.setCurrentText(name)
        dialog.add_button.click()
        assert dialog.kinds_list.count() == 1, name
        assert not dialog.error_label.isHidden()


def test_removing_a_kind_drops_its_hotkey(qtbot: QtBot) -> None:
    kind = MarkKind.custom("Interrupted them")
    hotkeys = {"phone": "Ctrl+Alt+P", kind.value: "Ctrl+Alt+I"}
    dialog = make(qtbot, Settings(custom_kinds=(kind,), hotkeys=hotkeys))
    dialog.kinds_list.setCurrentRow(0)
    dialog.remove_button.click()
    assert "interrupted-them" not in dialog.hotkey_edits
    assert dialog.settings().hotkeys == {"phone": "Ctrl+Alt+P"}


# -- the morning reminder -------------------------------------------------------------------


def test_the_morning_reminder_is_shown_and_edited(qtbot: QtBot) -> None:
    reminder = MorningReminder(True, time(6, 45), frozenset({0, 2}))
    dialog = make(qtbot, Settings(morning_reminder=reminder))
    assert dialog.reminder_check.isChecked()
    assert dialog.reminder_time.time() == QTime(6, 45)
    assert {d for d, box in dialog.weekday_boxes.items() if box.isChecked()} == {0, 2}
    dialog.reminder_time.setTime(QTime(8, 5))
    dialog.weekday_boxes[0].setChecked(False)
    dialog.weekday_boxes[6].setChecked(True)
    with qtbot.waitSignal(dialog.submitted) as submitted:
        dialog.buttons.accepted.emit()
    assert submitted.args[0].morning_reminder == MorningReminder(
        True, time(8, 5), frozenset({2, 6})
    )


def test_switching_the_reminder_off_keeps_its_time_and_days_but_greys_them(
    qtbot: QtBot,
) -> None:
    dialog = make(qtbot)
    dialog.reminder_check.setChecked(False)
    assert not dialog.reminder_time.isEnabled()
    assert not any(box.isEnabled() for box in dialog.weekday_boxes.values())
    assert dialog.settings().morning_reminder == MorningReminder(enabled=False)
    dialog.reminder_check.setChecked(True)
    assert dialog.reminder_time.isEnabled() and dialog.weekday_boxes[3].isEnabled()


def test_a_reminder_on_no_day_is_refused_with_a_message(qtbot: QtBot) -> None:
    dialog = make(qtbot, Settings(morning_reminder=MorningReminder(enabled=True)))
    for box in dialog.weekday_boxes.values():
        box.setChecked(False)
    with qtbot.assertNotEmitted(dialog.submitted):
        dialog.buttons.accepted.emit()
    assert "at least one day" in dialog.error_label.text()


@pytest.fixture
def locale() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.mark.usefixtures("locale")
@pytest.mark.parametrize(
    ("name", "first", "label"), [("en_US", 6, "Sun"), ("de_DE", 0, "Mo."), ("en_GB", 0, "Mon")]
)
def test_the_days_are_named_and_ordered_as_in_the_users_week(
    qtbot: QtBot, name: str, first: int, label: str
) -> None:
    QLocale.setDefault(QLocale(name))
    dialog = make(qtbot)
    days = list(dialog.weekday_boxes)
    assert days[0] == first and sorted(days) == list(range(7))
    box = dialog.weekday_boxes[first]
    assert box.text() == label
    assert box.accessibleName() == QLocale(name).dayName(first + 1)


# -- start at login and the data folder ----------------------------------------------------

COMMAND = ["/opt/focus mate/bin/focusmate"]


class Chooser:
    """The folder dialog, answered by the test."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.titles: list[str] = []

    def __call__(self, _parent: object, title: str) -> str | None:
        self.titles.append(title)
        return None if self.answer is None else str(self.answer)


class Restarts:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


@pytest.fixture
def old(tmp_path: Path) -> Path:
    folder = tmp_path / "old"
    save_settings(folder, Settings(default_minutes=40))
    return folder


def with_system(
    qtbot: QtBot,
    autostart: XdgAutostart,
    folder: DataFolder,
    *,
    chooser: Chooser | None = None,
    told: list[str] | None = None,
    settings: Settings | None = None,
) -> SettingsDialog:
    parts = SystemParts(
        autostart,
        COMMAND,
        folder,
        choose_folder=chooser or Chooser(None),
        inform=lambda _parent, text: (told if told is not None else []).append(text),
    )
    dialog = SettingsDialog(settings or Settings(), ["dunst"], system=parts)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def movable(old: Path, tmp_path: Path, restarts: Restarts, *, running: bool = False) -> DataFolder:
    return DataFolder(
        DataLocation(old, DataDirSource.DEFAULT),
        session_running=lambda: running,
        restart=restarts,
        pointer=DataPointer(tmp_path / "config" / POINTER_FILE_NAME),
    )


def test_start_at_login_is_read_from_and_written_to_the_real_entry(
    qtbot: QtBot, autostart: XdgAutostart, old: Path, tmp_path: Path
) -> None:
    dialog = with_system(qtbot, autostart, movable(old, tmp_path, Restarts()))
    assert dialog.autostart_check.isVisible() and not dialog.autostart_check.isChecked()
    dialog.autostart_check.setChecked(True)
    with qtbot.waitSignal(dialog.submitted):
        dialog.buttons.accepted.emit()
    entry = read_desktop_entry(autostart.path.read_text())
    assert entry["Exec"] == '"/opt/focus mate/bin/focusmate"' and autostart.is_enabled()
    again = with_system(qtbot, autostart, movable(old, tmp_path, Restarts()))
    assert again.autostart_check.isChecked()  # the entry is the truth, not a setting
    again.autostart_check.setChecked(False)
    with qtbot.waitSignal(again.submitted):
        again.buttons.accepted.emit()
    assert not autostart.path.exists() and not autostart.is_enabled()


def test_start_at_login_that_fails_is_shown_and_nothing_is_submitted(
    qtbot: QtBot, autostart: XdgAutostart, old: Path, tmp_path: Path
) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "autostart").write_text("a file where the folder should be")
    dialog = with_system(qtbot, autostart, movable(old, tmp_path, Restarts()))
    dialog.minutes_spin.setValue(50)
    dialog.autostart_check.setChecked(True)
    with qtbot.assertNotEmitted(dialog.submitted):
        dialog.buttons.accepted.emit()
    assert "Start at login could not be changed, so nothing was saved" in dialog.error_label.text()
    assert str(autostart.path) in dialog.error_label.text()
    assert not dialog.autostart_check.isChecked()  # back to what the system has
    assert dialog.minutes_spin.value() == 50  # what was typed stays


def test_the_data_folder_is_shown_and_moves_then_focusmate_restarts(
    qtbot: QtBot, autostart: XdgAutostart, old: Path, tmp_path: Path
) -> None:
    restarts = Restarts()
    chooser = Chooser(tmp_path / "new")
    dialog = with_system(qtbot, autostart, movable(old, tmp_path, restarts), chooser=chooser)
    assert dialog.folder_field.text() == str(old) and dialog.move_button.isEnabled()
    assert "restarts itself" in dialog.folder_note.text()
    dialog.move_button.click()
    assert chooser.titles == ["Choose a new folder for your focusmate data"]
    assert (tmp_path / "new" / "settings.json").exists() and not (old / "settings.json").exists()
    assert DataPointer(tmp_path / "config" / POINTER_FILE_NAME).points_to() == tmp_path / "new"
    assert restarts.count == 1 and dialog.error_label.isHidden()


def test_cancelling_the_folder_dialog_changes_nothing(
    qtbot: QtBot, autostart: XdgAutostart, old: Path, tmp_path: Path
) -> None:
    restarts = Restarts()
    dialog = with_system(qtbot, autostart, movable(old, tmp_path, restarts), chooser=Chooser(None))
    dialog.move_button.click()
    assert (old / "settings.json").exists() and restarts.count == 0


def test_files_left_in_the_old_folder_are_named_before_the_restart(
    qtbot: QtBot, autostart: XdgAutostart, old: Path, tmp_path: Path
) -> None:
    (old / "link").symlink_to(tmp_path)  # not focusmate's: it is not moved
    told: list[str] = []
    restarts = Restarts()
    dialog = with_system(
        qtbot,
        autostart,
        movable(old, tmp_path, restarts),
        chooser=Chooser(tmp_path / "new"),
        told=told,
    )
    dialog.move_button.click()
    assert len(told) == 1 and "link" in told[0] and str(tmp_path / "new") in told[0]
    assert restarts.count == 1


@pytest.mark.parametrize(
    ("target", "running", "needle"),
    [
        ("old", False, "is already your data folder"),
        ("busy", False, "already holds other files (notes.txt). Choose an empty folder"),
        ("old/drafts", False, "is inside your current data folder"),
        ("new", True, "End the session first"),
    ],
)
def test_a_refused_move_is_explained_and_changes_nothing(
    qtbot: QtBot,
    autostart: XdgAutostart,
    old: Path,
    tmp_path: Path,
    *,
    target: str,
    running: bool,
    needle: str,
) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    restarts = Restarts()
    folder = movable(old, tmp_path, restarts, running=running)
    dialog = with_system(qtbot, autostart, folder, chooser=Chooser(tmp_path / target))
    dialog.move_button.click()
    assert needle in dialog.error_label.text() and not dialog.error_label.isHidden()
    assert (old / "settings.json").exists() and restarts.count == 0
    assert not (tmp_path / "config" / POINTER_FILE_NAME).exists()


def test_unsaved_changes_must_be_saved_or_cancelled_before_a_move(
    qtbot: QtBot, autostart: XdgAutostart, old: Path, tmp_path: Path
) -> None:
    chooser = Chooser(tmp_path / "new")
    dialog = with_system(qtbot, autostart, movable(old, tmp_path, Restarts()), chooser=chooser)
    dialog.minutes_spin.setValue(55)
    dialog.move_button.click()
    assert "Save or cancel your other changes first" in dialog.error_label.text()
    assert chooser.titles == [] and (old / "settings.json").exists()


def test_a_folder_chosen_at_launch_cannot_be_moved_here(
    qtbot: QtBot, autostart: XdgAutostart, old: Path
) -> None:
    fixed = DataFolder(DataLocation(old, DataDirSource.OPTION))
    dialog = with_system(qtbot, autostart, fixed)
    assert not dialog.move_button.isEnabled()
    why = "This folder was chosen with --data-dir when focusmate was started"
    assert dialog.folder_note.text().startswith(why)
    assert dialog.move_button.toolTip().startswith(why)


def test_without_the_apps_parts_those_sections_stay_hidden(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    assert not dialog.autostart_check.isVisibleTo(dialog)
    assert not dialog.folder_box.isVisibleTo(dialog)


# -- keyboard, screen readers, German ------------------------------------------------------


def full_dialog(qtbot: QtBot, autostart: XdgAutostart, old: Path, tmp_path: Path) -> SettingsDialog:
    kind = MarkKind.custom("Mind wandered")
    return with_system(
        qtbot,
        autostart,
        movable(old, tmp_path, Restarts()),
        # The reminder on: its time and days are then in the tab order too.
        settings=Settings(custom_kinds=(kind,), morning_reminder=MorningReminder(enabled=True)),
    )


def test_every_control_on_every_tab_has_a_name_and_tab_follows_reading_order(
    qtbot: QtBot, autostart: XdgAutostart, old: Path, tmp_path: Path
) -> None:
    dialog = full_dialog(qtbot, autostart, old, tmp_path)
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        assert unnamed_controls(dialog) == [], dialog.tabs.tabText(index)
        chain = tab_chain(dialog)
        assert chain == reading_order(dialog), dialog.tabs.tabText(index)
        assert chain[0] is dialog.tabs.tabBar() and len(chain) >= 5
    dialog.tabs.setCurrentIndex(2)
    assert dialog.hotkey_edits["mind-wandered"] in tab_chain(dialog)


def test_in_german_no_english_is_left(
    qtbot: QtBot, autostart: XdgAutostart, old: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    english = full_dialog(qtbot, autostart, old, tmp_path)
    before = []
    for index in range(english.tabs.count()):
        english.tabs.setCurrentIndex(index)
        before.append(texts(english))
    installed: InstalledLanguage = request.getfixturevalue("german")
    assert installed.code == "de"
    german = full_dialog(qtbot, autostart, old, tmp_path)
    allowed = {str(old), "dunst", "mind wandered", "Ctrl+Alt+P", "Ctrl+Alt+A", "Ctrl+Alt+Z"}
    for index in range(german.tabs.count()):
        german.tabs.setCurrentIndex(index)
        assert untranslated(before[index], german, allowed) == [], german.tabs.tabText(index)
    german.tabs.setCurrentIndex(0)
    assert german.tabs.tabText(1) == "Morgen&erinnerung"
