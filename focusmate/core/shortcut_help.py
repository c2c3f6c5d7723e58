"""Where global hotkeys cannot work (Wayland, a missing macOS permission), the exact desktop
shortcut commands to bind instead: one command line per action, for each desktop."""

from __future__ import annotations

from focusmate.core.hotkeys import UNDO_ACTION, HotkeyBindings
from focusmate.core.text import translate


def command_for(action: str) -> str:
    return "focusmate undo" if action == UNDO_ACTION else f"focusmate log {action}"


def shortcut_help(bindings: HotkeyBindings) -> str:
    """Plain text: the commands, then how to bind them on GNOME, KDE, sway and Hyprland.

    The sentences are in the user's language (the session window shows them); commands,
    key names and config lines stay as the desktop expects them.
    """
    lines = [
        translate(
            "ShortcutHelp", "Bind these commands to keys in your desktop's keyboard settings:"
        )
    ]
    lines += [f"  {hotkey}: {command_for(action)}" for action, hotkey in bindings.items()]
    lines += [
        translate(
            "ShortcutHelp",
            "GNOME: Settings › Keyboard › View and Customise Shortcuts › Custom Shortcuts (+).",
        ),
        translate(
            "ShortcutHelp", "KDE Plasma: System Settings › Shortcuts › Add New › Command or Script."
        ),
        "sway (~/.config/sway/config):",
        *(f"  bindsym {_sway_keys(str(h))} exec {command_for(a)}" for a, h in bindings.items()),
        "Hyprland (~/.config/hypr/hyprland.conf):",
        *(f"  bind = {_hypr_keys(str(h))}, exec, {command_for(a)}" for a, h in bindings.items()),
    ]
    return "\n".join(lines)


def _sway_keys(text: str) -> str:
    parts = text.split("+")
    mods = [
        {"Ctrl": "Ctrl", "Alt": "Mod1", "Shift": "Shift", "Meta": "Mod4"}[m] for m in parts[:-1]
    ]
    return "+".join([*mods, parts[-1].lower()])


def _hypr_keys(text: str) -> str:
    parts = text.split("+")
    mods = [
        {"Ctrl": "CTRL", "Alt": "ALT", "Shift": "SHIFT", "Meta": "SUPER"}[m] for m in parts[:-1]
    ]
    return f"{' '.join(mods)}, {parts[-1].upper()}"


def portal_note(bound: dict[str, str], actions: list[str]) -> str:
    """What the windows show when the desktop's portal holds the shortcuts: each action's
    trigger as the desktop reports it ("Ctrl+Alt+P, set in System Settings"), and the actions
    the user left without one."""
    lines = [translate("ShortcutHelp", "Global shortcuts of your desktop:")]
    for action in actions:
        trigger = bound.get(action)
        if trigger:
            text = translate("ShortcutHelp", "{trigger}, set in System Settings")
            lines.append(f"  {action}: {text.format(trigger=trigger)}")
        else:
            text = translate("ShortcutHelp", "no key yet: choose one in System Settings")
            lines.append(f"  {action}: {text}")
    return "\n".join(lines)
