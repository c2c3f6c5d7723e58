"""The desktop-shortcut help shown where global hotkeys cannot work."""

from __future__ import annotations

from focusmate.core.hotkeys import HotkeyBindings
from focusmate.core.shortcut_help import shortcut_help


def test_every_action_gets_its_command_on_every_desktop() -> None:
    bindings = HotkeyBindings.from_text(
        {"phone": "Ctrl+Alt+P", "undo": "Ctrl+Alt+Z", "mind-wandered": "Meta+Shift+M"}
    )
    text = shortcut_help(bindings)
    assert "  Ctrl+Alt+P: focusmate log phone" in text
    assert "  Ctrl+Alt+Z: focusmate undo" in text
    assert "  bindsym Ctrl+Mod1+p exec focusmate log phone" in text
    assert "  bindsym Shift+Mod4+m exec focusmate log mind-wandered" in text
    assert "  bind = CTRL ALT, P, exec, focusmate log phone" in text
    assert "GNOME:" in text and "KDE Plasma:" in text
