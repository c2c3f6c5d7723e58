"""Settings from the tray menu: saved atomically and applied at once, or refused with a reason."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence

from focusmate.controller import SessionController
from focusmate.core.settings import Settings
from focusmate.settings_service import SettingsService
from focusmate.shell import Shell
from focusmate.storage.settings_store import load_settings
from focusmate.ui.actions import AppActions
from focusmate.ui.settings_dialog import SettingsDialog
from focusmate.ui.tray import Tray


@pytest.fixture
def service(tmp_path: Path) -> SettingsService:
    return SettingsService(tmp_path / "settings", Settings())


@pytest.fixture
def shell(
    controller: SessionController, actions: AppActions, service: SettingsService
) -> Iterator[Shell]:
    shell = Shell(controller, actions, use_tray=False, settings=service)
    service.changed.connect(lambda new: (controller.set_kinds(new.kinds), actions.update_kinds()))
    yield shell
    shell.close_all()


def open_dialog(shell: Shell, actions: AppActions) -> SettingsDialog:
    actions.settings.trigger()
    assert shell.settings_dialog is not None and shell.settings_dialog.isVisible()
    return shell.settings_dialog


def test_a_new_kind_is_saved_and_in_the_menu_at_once(
    shell: Shell, actions: AppActions, controller: SessionController, tmp_path: Path
) -> None:
    tray = Tray(controller, actions)
    dialog = open_dialog(shell, actions)
    dialog.new_kind.setCurrentText("Interrupted them")
    dialog.add_button.click()
    dialog.hotkey_edits["interrupted-them"].setKeySequence(QKeySequence("Ctrl+Alt+I"))
    dialog._submit()  # noqa: SLF001 - the Save button's slot
    saved = load_settings(tmp_path / "settings")
    assert [k.value for k in saved.custom_kinds] == ["interrupted-them"]
    assert saved.hotkeys["interrupted-them"] == "Ctrl+Alt+I"
    assert "interrupted-them" in controller.kinds
    assert [a.text() for a in actions.log_custom] == ["Log interrupted them"]
    controller.start("Ana", 30)
    menu = tray.icon.contextMenu()
    visible = [a.text() for a in menu.actions() if a.isVisible()]
    assert "Log interrupted them" in visible
    assert visible.index("Log interrupted them") < visible.index("&End session")
    assert [b.text() for b in shell.session_window.buttons][-2:] == [
        "Log interrupted them", "End session"]  # fmt: skip
    assert shell.settings_dialog is None or not shell.settings_dialog.isVisible()


def test_a_refused_save_keeps_the_dialog_and_changes_nothing(
    shell: Shell, actions: AppActions, service: SettingsService, tmp_path: Path
) -> None:
    dialog = open_dialog(shell, actions)
    blocker = tmp_path / "settings"
    blocker.write_text("a file where the data folder should be")
    dialog.minutes_spin.setValue(50)
    dialog._submit()  # noqa: SLF001
    assert dialog.isVisible() and "Could not save the settings" in dialog.error_label.text()
    assert service.current == Settings()
