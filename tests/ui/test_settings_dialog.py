"""The settings window: kinds of marks, hotkeys (conflicts refused), length, backend."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from focusmate.core.marks import MarkKind
from focusmate.core.settings import Settings
from focusmate.ui.settings_dialog import SettingsDialog


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
