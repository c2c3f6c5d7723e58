"""The settings' Sync tab (issue 19) on a real SyncService and a folder on disk: turned on
and off with keys only, a wrong passphrase refused in words with nothing written, the
computers seen listed, every control named and in reading order, and German throughout."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from focusmate.core.settings import Settings
from focusmate.desktop.secrets import MemorySecretStore
from focusmate.services.controller import SessionController
from focusmate.services.sync_config import CONFIG_FILE
from focusmate.services.sync_on_use import SyncOnUse
from focusmate.services.sync_service import SyncService
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.ui.settings_dialog import SettingsDialog
from focusmate.ui.sync_tab import SyncTab
from focusmate.ui.windows import Windows
from tests.fakes import FakeClock
from tests.ui.accessibility import tab_chain, unnamed_controls
from tests.ui.keyboard import mnemonic, texts, untranslated

PASSPHRASE = "the tab's passphrase"  # noqa: S105 - a test's throwaway folder


@pytest.fixture
def sync(controller: SessionController, tmp_path: Path, clock: FakeClock) -> SyncOnUse:
    """As the app holds it: the service made when the tab turns sync on."""
    data = tmp_path / "data"
    front = SyncOnUse(lambda: SyncService(controller, data, MemorySecretStore(), clock), data)
    yield front  # type: ignore[misc]
    front.stop()


@pytest.fixture
def dialog(qtbot: QtBot, sync: SyncOnUse) -> SettingsDialog:
    dialog = sync_dialog(qtbot, sync)
    dialog.sync_tab.plain.setChecked(False)
    return dialog


def tab_of(dialog: SettingsDialog) -> SyncTab:
    return dialog.sync_tab


def test_on_and_off_with_keys_only(
    qtbot: QtBot, dialog: SettingsDialog, sync: SyncOnUse, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    tab = tab_of(dialog)
    dialog.tabs.setCurrentIndex(0)
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_S, alt)  # the &Sync tab
    assert dialog.tabs.currentWidget() is tab
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_F, alt)  # Sync &folder or address
    assert dialog.focusWidget() is tab.where
    qtbot.keyClicks(tab.where, str(share))
    for text in (PASSPHRASE, "not the same"):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        if dialog.focusWidget() is tab.choose_button:
            qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.focusWidget(), text)
    with qtbot.waitSignal(tab.enable_button.clicked):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_U, alt)  # T&urn sync on
    assert tab.error_label.text() == "The two passphrases differ."
    assert not (share / "focusmate-sync").exists()
    tab.again.setText(PASSPHRASE)
    tab.name.setText("Desk")
    tab.enable_button.click()
    assert tab.on_page.isVisibleTo(dialog) and not tab.off_page.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: sync.status()["state"] == "in sync", timeout=10_000)
    qtbot.waitUntil(lambda: tab.devices.count() == 1, timeout=10_000)
    assert tab.devices.item(0).text().startswith("Desk (this computer): last change")
    assert "(encrypted)" in tab.state.text()
    assert tab.passphrase.text() == ""  # not kept in the window
    tab.disable_button.setFocus()
    qtbot.keyClick(tab.disable_button, Qt.Key.Key_Space)
    assert tab.off_page.isVisibleTo(dialog)
    assert not (tmp_path / "data" / CONFIG_FILE).exists()


def test_a_wrong_passphrase_is_said_and_nothing_is_written(
    dialog: SettingsDialog, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    first = tab_of(dialog)
    first.where.setText(str(share))
    first.passphrase.setText(PASSPHRASE)
    first.again.setText(PASSPHRASE)
    first.enable_button.click()
    first.disable_button.click()  # the folder stays set up, with its passphrase
    format_json = (share / "focusmate-sync" / "format.json").read_bytes()
    first.where.setText(str(share))
    first.passphrase.setText("wrong")
    first.again.setText("wrong")
    first.enable_button.click()
    assert "passphrase" in first.error_label.text()
    assert first.off_page.isVisibleTo(dialog)
    assert (share / "focusmate-sync" / "format.json").read_bytes() == format_json
    assert not (tmp_path / "data" / CONFIG_FILE).exists()


def mnemonics(dialog: SettingsDialog) -> list[str]:
    """The Alt+letters of the tab titles and of the Sync tab's controls while sync is off."""
    tab = tab_of(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    letters = [t[t.index("&") + 1].casefold() for t in titles if "&" in t]
    controls = (tab.where, tab.choose_button, tab.passphrase, tab.again, tab.name, tab.user)
    controls += (tab.password, tab.plain, tab.enable_button)
    return letters + [mnemonic(control).casefold() for control in controls]


def test_every_control_named_and_in_reading_order(dialog: SettingsDialog) -> None:
    tab = tab_of(dialog)
    assert unnamed_controls(tab) == []
    chain = tab_chain(dialog)
    order = [tab.where, tab.choose_button, tab.passphrase, tab.again, tab.name, tab.user]
    positions = [chain.index(control) for control in [*order, tab.password, tab.plain]]
    assert positions == sorted(positions)
    letters = mnemonics(dialog)
    assert "" not in letters and len(set(letters)) == len(letters), letters


def sync_dialog(qtbot: QtBot, sync: SyncOnUse) -> SettingsDialog:
    """The settings on their Sync tab, the plain-text warning showing."""
    dialog = SettingsDialog(Settings(), ["auto"])
    dialog.attach_sync(sync)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.sync_tab)
    dialog.sync_tab.plain.setChecked(True)
    return dialog


def test_in_german(qtbot: QtBot, sync: SyncOnUse, request: pytest.FixtureRequest) -> None:
    shown = sync_dialog(qtbot, sync)  # kept: the tab dies with its dialog
    english = texts(shown.sync_tab)
    request.getfixturevalue("german")
    german = sync_dialog(qtbot, sync)
    assert untranslated(english, german.sync_tab, allowed=("Passphrase",)) == []
    assert german.tabs.tabText(german.tabs.indexOf(german.sync_tab)) == "&Synchronisieren"
    german.sync_tab.plain.setChecked(False)
    letters = mnemonics(german)
    assert "" not in letters and len(set(letters)) == len(letters), letters


def test_the_start_dialog_says_when_they_are_in_session_on_another_computer(
    qtbot: QtBot,
    windows: Windows,
    controller: SessionController,
    sync: SyncOnUse,
    tmp_path: Path,
) -> None:
    """Rule S6 in the start dialog: told once in words; Start again starts here as well."""
    share = tmp_path / "share"
    share.mkdir()
    clock = FakeClock()  # the laptop's own
    laptop = SessionController(TinyDBSessionRepository(tmp_path / "laptop"), clock, lambda: "l1")
    laptop_sync = SyncService(laptop, tmp_path / "laptop", MemorySecretStore(), clock)
    laptop_sync.enable(str(share), None, "Laptop")
    sync.service().enable(str(share), None, "Desk")
    windows.attach_sync(sync)
    laptop.start("Jordan", 30)
    qtbot.waitUntil(lambda: (sync.service().poll_now(), sync.running_with("jordan"))[1] is not None)
    windows.open_start_dialog()
    dialog = windows._start.window  # noqa: SLF001 - the dialog the user sees
    assert dialog is not None
    dialog.name_edit.setText("jordan")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert controller.current is None
    assert dialog.error_label.text() == (
        "Jordan is in a session on Laptop. Choose Start again to start one here as well."
    )
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert controller.current is not None
    laptop_sync.stop()
