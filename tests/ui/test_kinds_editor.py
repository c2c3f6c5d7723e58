"""The kinds of session in the settings: added, renamed and removed by keyboard, refused with a
reason, saved with the settings; the start dialog then offers them and a session of one
starts with its id; removing one never changes a past session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from focusmate.core.session_kind import SessionKind, SessionKinds
from focusmate.core.settings import Settings
from focusmate.services.controller import SessionController
from focusmate.services.settings import SettingsService
from focusmate.storage.settings_store import load_settings
from focusmate.ui.actions import AppActions
from focusmate.ui.kinds_editor import SessionKindsEditor
from focusmate.ui.settings_dialog import SettingsDialog
from focusmate.ui.start_dialog import StartDialog
from focusmate.ui.windows import Windows
from tests.ui.start_flow import open_start_dialog


def make(qtbot: QtBot, settings: Settings | None = None) -> SettingsDialog:
    dialog = SettingsDialog(settings or Settings(), ["dunst", "gnome", "kde"])
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # mnemonics work in the active window
        dialog.show()
        dialog.activateWindow()
    return dialog


def shown(editor: SessionKindsEditor) -> list[str]:
    return [editor.kinds_list.item(i).text() for i in range(editor.kinds_list.count())]


def type_name(qtbot: QtBot, editor: SessionKindsEditor, name: str) -> None:
    editor.name_edit.setFocus()
    editor.name_edit.setCurrentText("")
    qtbot.keyClicks(editor.name_edit, name)


def test_a_kind_is_added_by_keyboard_and_saved_with_the_settings(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    editor = dialog.session_kinds_editor
    assert shown(editor) == ["Coaching session", "Client meeting"]
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # &Kinds
    qtbot.waitUntil(lambda: dialog.focusWidget() is editor.kinds_list, timeout=2000)
    qtbot.keyClick(editor.kinds_list, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is editor.name_edit
    qtbot.keyClicks(editor.name_edit, "Team meeting")
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_Return)  # Enter in the field adds
    assert shown(editor) == ["Coaching session", "Client meeting", "Team meeting"]
    assert editor.kinds_list.currentItem().text() == "Team meeting"  # the new one selected
    with qtbot.waitSignal(dialog.submitted) as saved:
        dialog.buttons.accepted.emit()
    (settings,) = saved.args
    assert settings.added_session_kinds == (SessionKind("team-meeting", "Team meeting"),)


def test_rename_keeps_the_id_and_remove_keeps_the_name_for_past_sessions(
    qtbot: QtBot,
) -> None:
    kinds = SessionKinds().with_added("Team meeting")
    dialog = make(qtbot, Settings(added_session_kinds=kinds.added))
    editor = dialog.session_kinds_editor
    editor.kinds_list.setCurrentRow(2)
    type_name(qtbot, editor, "Weekly team call")
    # A mnemonic clicks a moment later (Qt's animateClick): wait for what it changed.
    with qtbot.waitSignal(editor.changed):
        qtbot.keyClick(editor.name_edit, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Re&name
    assert shown(editor)[2] == "Weekly team call"
    assert editor.kinds().get("team-meeting").name == "Weekly team call"
    with qtbot.waitSignal(editor.changed):
        qtbot.keyClick(editor.kinds_list, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # Re&move
    assert shown(editor) == ["Coaching session", "Client meeting"]
    saved = dialog.settings()
    assert saved.added_session_kinds == (
        SessionKind("team-meeting", "Weekly team call", removed=True),
    )
    assert saved.session_kinds.label("team-meeting") == "Weekly team call"


def test_the_built_in_kinds_cannot_be_renamed_or_removed(qtbot: QtBot) -> None:
    editor = make(qtbot).session_kinds_editor
    for row in (0, 1):
        editor.kinds_list.setCurrentRow(row)
        assert not editor.rename_button.isEnabled() and not editor.remove_button.isEnabled()


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("", "Type a name for the new kind of session."),
        ("client meeting", "There is already a kind of session called 'Client meeting'."),
        ("???", "'???' cannot name a kind of session"),
    ],
)
def test_a_name_that_cannot_be_added_is_refused_with_a_reason(
    qtbot: QtBot, name: str, said: str
) -> None:
    dialog = make(qtbot)
    editor = dialog.session_kinds_editor
    type_name(qtbot, editor, name)
    editor.add_button.click()
    assert said in dialog.error_label.text() and dialog.error_label.isVisible()
    assert shown(editor) == ["Coaching session", "Client meeting"]
    type_name(qtbot, editor, "Interview")
    editor.add_button.click()
    assert not dialog.error_label.isVisible()  # the next change that works clears it


@pytest.mark.usefixtures("german")
def test_in_german(qtbot: QtBot) -> None:
    editor = make(qtbot).session_kinds_editor
    assert shown(editor) == ["Coaching-Gespräch", "Kundentermin"]
    assert editor.title() == "&Gesprächsarten"


@pytest.fixture
def windows(
    controller: SessionController, actions: AppActions, service: SettingsService
) -> Iterator[Windows]:
    windows = Windows(controller, actions, use_tray=False, settings=service)
    service.changed.connect(lambda new: controller.set_session_kinds(new.session_kinds))
    yield windows
    windows.close_all()


def test_a_saved_kind_is_offered_at_the_start_and_removing_it_keeps_past_sessions(
    qtbot: QtBot,
    *,
    windows: Windows,
    actions: AppActions,
    controller: SessionController,
    service: SettingsService,
    settings_dir: Path,
) -> None:
    actions.settings.trigger()
    dialog = windows.window(SettingsDialog)
    assert dialog is not None
    type_name(qtbot, dialog.session_kinds_editor, "Interview")
    dialog.session_kinds_editor.add_button.click()
    dialog.buttons.accepted.emit()
    assert load_settings(settings_dir).session_kinds.ids[-1] == "interview"
    start = open_start_dialog(qtbot, windows, actions, "Sam")
    offered = [start.kind_combo.itemText(i) for i in range(start.kind_combo.count())]
    assert offered == ["Coaching session", "Client meeting", "Interview"]
    start.kind_combo.setCurrentIndex(2)
    with qtbot.waitSignal(start.submitted):
        qtbot.keyClick(start.name_edit, Qt.Key.Key_Return)
    session = controller.end()
    assert session.kind == "interview"
    service.apply(
        Settings(added_session_kinds=controller.session_kinds.with_removed("interview").added)
    )
    past = controller.session(session.id)
    assert past is not None and past.kind == "interview"  # unchanged
    assert windows.window(StartDialog) is None
