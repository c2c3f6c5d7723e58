"""What focusmate asks of the xdg-desktop-portal GlobalShortcuts interface, and reads back: pure.

The desktop adapter (desktop/portal_shortcuts.py) does the D-Bus calls; everything it sends and
everything it makes of the answers is decided here, so that it can be tested without a bus.

* :func:`portal_trigger` — a :class:`~focusmate.core.hotkeys.Hotkey` in the trigger format of the
  freedesktop "shortcuts" specification the portal takes as ``preferred_trigger``:
  ``CTRL``, ``ALT``, ``SHIFT``, ``LOGO`` joined by ``+`` with an XKB keysym name (``CTRL+ALT+p``,
  ``LOGO+F5``, ``CTRL+ALT+Page_Up``).
* :func:`shortcut_list` — the ``a(sa{sv})`` array: one entry per action, with its description
  and preferred trigger.
* :func:`bound_triggers` — the triggers the desktop reports (``trigger_description``, e.g.
  ``"Ctrl+Alt+P"``) per action, from a ``Response`` or ``ShortcutsChanged``.
* :class:`PortalPlan` — what the interface's ``version`` means for the calls: version 1
  (KDE Plasma 5.27) takes the shortcuts in ``CreateSession``'s options and its ``BindShortcuts``
  only opens the system's Shortcuts dialog; version 2 (Plasma 6, GNOME 48) binds them with
  ``BindShortcuts`` (which may show the user a dialog to accept) and opens its configuration
  with ``ConfigureShortcuts``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from focusmate.core.hotkeys import Hotkey, HotkeyBindings, Modifier

#: The specification's modifier names, in the order focusmate writes them.
_MODIFIERS: Final = {
    Modifier.CTRL: "CTRL",
    Modifier.ALT: "ALT",
    Modifier.SHIFT: "SHIFT",
    Modifier.META: "LOGO",
}

#: focusmate's named keys -> their XKB keysym names (xkbcommon-keysyms.h without ``XKB_KEY_``).
_KEYSYMS: Final = {
    "Space": "space",
    "Enter": "Return",
    "Tab": "Tab",
    "Escape": "Escape",
    "Backspace": "BackSpace",
    "Delete": "Delete",
    "Insert": "Insert",
    "Home": "Home",
    "End": "End",
    "PageUp": "Page_Up",
    "PageDown": "Page_Down",
    "Up": "Up",
    "Down": "Down",
    "Left": "Left",
    "Right": "Right",
    "PrintScreen": "Print",
    "Pause": "Pause",
    "ScrollLock": "Scroll_Lock",
    "Menu": "Menu",
}


def portal_trigger(hotkey: Hotkey) -> str:
    """``hotkey`` as a ``preferred_trigger``: ``Ctrl+Alt+P`` -> ``"CTRL+ALT+p"``.

    Letters are the lower-case keysym (the unshifted key; Shift is a modifier of its own),
    digits and F1-F24 stay as they are, named keys take their keysym names.
    """
    key = hotkey.key
    # F1-F24 are their own keysym names.
    keysym = key.lower() if len(key) == 1 else _KEYSYMS.get(key, key)
    modifiers = [name for modifier, name in _MODIFIERS.items() if modifier in hotkey.modifiers]
    return "+".join([*modifiers, keysym])


#: Says what an action does, for the system's Shortcuts settings (the user's language).
Describe = Callable[[str], str]


def shortcut_list(bindings: HotkeyBindings, describe: Describe) -> list[tuple[str, dict[str, Any]]]:
    """The portal's ``a(sa{sv})`` shortcuts: (action, {description, preferred_trigger}).

    The values are bare Python values; the adapter wraps each in its D-Bus variant (``s``).
    """
    return [
        (
            action,
            {"description": describe(action), "preferred_trigger": portal_trigger(hotkey)},
        )
        for action, hotkey in bindings.items()
    ]


def bound_triggers(shortcuts: Any) -> dict[str, str]:
    """action -> the trigger the desktop reports, from the portal's ``a(sa{sv})`` answer.

    Each entry's ``trigger_description`` variant (``("s", "Ctrl+Alt+P")`` as jeepney reads it)
    is what the desktop will fire it on; an action the user left unbound (empty, or none)
    is left out.  Anything malformed is skipped: the answer comes from another program.
    """
    bound: dict[str, str] = {}
    if not isinstance(shortcuts, (list, tuple)):
        return bound
    for entry in shortcuts:
        if not (isinstance(entry, (list, tuple)) and len(entry) == 2):
            continue
        action, properties = entry
        if not isinstance(action, str) or not isinstance(properties, Mapping):
            continue
        variant = properties.get("trigger_description")
        text = variant[1] if isinstance(variant, tuple) and len(variant) == 2 else variant
        if isinstance(text, str) and text.strip():
            bound[action] = text.strip()
    return bound


@dataclass(frozen=True, slots=True)
class PortalPlan:
    """How to register and rebind on one version of the interface."""

    version: int

    @property
    def shortcuts_in_create_session(self) -> bool:
        """Version 1 (Plasma 5.27): CreateSession's options carry the shortcuts and register
        them; its BindShortcuts does not bind, it opens the Shortcuts settings."""
        return self.version < 2

    @property
    def bind_after_create(self) -> bool:
        """Version 2 and later: BindShortcuts binds (the desktop may ask the user first)."""
        return self.version >= 2

    @property
    def rebind_method(self) -> str:
        """What opens the system's dialog to change the triggers: BindShortcuts on version 1,
        ConfigureShortcuts (added in version 2) from then on."""
        return "BindShortcuts" if self.version < 2 else "ConfigureShortcuts"


def request_path(unique_name: str, token: str) -> str:
    """The object path the portal will answer a request on (the ``Request`` documentation):
    ``/org/freedesktop/portal/desktop/request/SENDER/TOKEN``, SENDER being the caller's
    unique name without its ``:`` and with ``.`` as ``_``."""
    sender = unique_name.removeprefix(":").replace(".", "_")
    return f"/org/freedesktop/portal/desktop/request/{sender}/{token}"


def shown_bindings(bound: Mapping[str, str]) -> str:
    """One line per bound action, for the log: ``phone: Ctrl+Alt+P; app: Ctrl+Alt+A``."""
    return "; ".join(f"{action}: {trigger}" for action, trigger in bound.items())


def describe_action(action: str, phone: str, app: str, undo: str, other: str) -> str:
    """The description of ``action``, given the wordings of the three built-in ones and of a
    custom mark kind (``other`` has a ``{kind}`` field)."""
    fixed = {"phone": phone, "app": app, "undo": undo}
    return fixed.get(action) or other.format(kind=action)


#: GNOME's own portal backend has GlobalShortcuts from GNOME 48 on.
GNOME_WITH_GLOBAL_SHORTCUTS = 48


def desktop_has_global_shortcuts(current_desktop: str, gnome_shell_major: int | None) -> bool:
    """Whether the desktop named by XDG_CURRENT_DESKTOP (colon-separated, e.g. "KDE" or
    "ubuntu:GNOME") implements GlobalShortcuts in its own portal backend: KDE Plasma, Hyprland,
    GNOME from 48 on (``gnome_shell_major``: the running shell's, if known).

    The interface alone does not say so: xdg-desktop-portal 1.16 falls back to any installed
    backend that has it, so with xdg-desktop-portal-kde installed, sway or GNOME 43 also
    "offer" it (seen here), through a kglobalaccel that cannot see a key there.
    """
    names = {name.strip().lower() for name in current_desktop.split(":")}
    if names & {"kde", "hyprland"}:
        return True
    if "gnome" in names:
        return gnome_shell_major is not None and gnome_shell_major >= GNOME_WITH_GLOBAL_SHORTCUTS
    return False
