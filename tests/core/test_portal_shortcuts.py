"""core/portal_shortcuts.py: focusmate's hotkeys in the portal's trigger format, the shortcuts
array it sends, the triggers it reads back, and what the interface's version changes."""

from __future__ import annotations

import pytest

from focusmate.core.hotkeys import Hotkey, HotkeyBindings
from focusmate.core.portal_shortcuts import (
    PortalPlan,
    bound_triggers,
    describe_action,
    desktop_has_global_shortcuts,
    portal_trigger,
    request_path,
    shortcut_list,
)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Ctrl+Alt+P", "CTRL+ALT+p"),  # the form Plasma 5.27 registered as 'Ctrl+Alt+P'
        ("alt+ctrl+p", "CTRL+ALT+p"),  # modifiers in one order whatever the user typed
        ("Ctrl+Shift+Alt+Meta+Z", "CTRL+ALT+SHIFT+LOGO+z"),
        ("Meta+7", "LOGO+7"),
        ("F13", "F13"),
        ("Shift+F24", "SHIFT+F24"),
        ("Ctrl+Alt+PageUp", "CTRL+ALT+Page_Up"),
        ("Ctrl+Alt+Page Down", "CTRL+ALT+Page_Down"),
        ("Ctrl+Alt+Space", "CTRL+ALT+space"),
        ("Ctrl+Alt+Enter", "CTRL+ALT+Return"),
        ("Ctrl+Alt+Backspace", "CTRL+ALT+BackSpace"),
        ("PrintScreen", "Print"),
        ("ScrollLock", "Scroll_Lock"),
        ("Ctrl+Alt+Left", "CTRL+ALT+Left"),
    ],
)
def test_a_hotkey_becomes_the_specifications_trigger(text: str, trigger: str) -> None:
    assert portal_trigger(Hotkey.parse(text)) == trigger


def test_the_shortcuts_sent_carry_a_description_and_the_preferred_trigger() -> None:
    bindings = HotkeyBindings.from_text(
        {"phone": "Ctrl+Alt+P", "app": "Ctrl+Alt+A", "undo": "Ctrl+Alt+Z", "mind": "Ctrl+Alt+M"}
    )
    sent = shortcut_list(bindings, lambda action: f"does {action}")
    assert sent == [
        ("phone", {"description": "does phone", "preferred_trigger": "CTRL+ALT+p"}),
        ("app", {"description": "does app", "preferred_trigger": "CTRL+ALT+a"}),
        ("undo", {"description": "does undo", "preferred_trigger": "CTRL+ALT+z"}),
        ("mind", {"description": "does mind", "preferred_trigger": "CTRL+ALT+m"}),
    ]


def test_descriptions_of_built_in_and_custom_actions() -> None:
    words = {"phone": "P", "app": "A", "undo": "U", "other": "kind {kind}"}
    assert describe_action("phone", **words) == "P"
    assert describe_action("undo", **words) == "U"
    assert describe_action("mind-wandered", **words) == "kind mind-wandered"


def test_the_bound_triggers_are_read_from_the_answer_as_jeepney_gives_it() -> None:
    answer = [
        ("phone", {"description": ("s", "Log"), "trigger_description": ("s", "Ctrl+Alt+P")}),
        ("app", {"description": ("s", "Log"), "trigger_description": ("s", "")}),  # unbound
        ("undo", {"description": ("s", "Undo")}),  # no trigger at all
        ("mind", {"trigger_description": "Meta+M"}),  # a bare value is read too
        ("broken",),  # malformed entries from another program are skipped
        42,
    ]
    assert bound_triggers(answer) == {"phone": "Ctrl+Alt+P", "mind": "Meta+M"}
    assert bound_triggers(None) == {}


def test_version_1_registers_in_create_session_and_rebinds_with_bind_shortcuts() -> None:
    plan = PortalPlan(1)  # KDE Plasma 5.27
    assert plan.shortcuts_in_create_session
    assert not plan.bind_after_create
    assert plan.rebind_method == "BindShortcuts"  # on 5.27 it opens the Shortcuts dialog


@pytest.mark.parametrize("version", [2, 3])
def test_version_2_binds_with_bind_shortcuts_and_configures_with_its_own_call(
    version: int,
) -> None:
    plan = PortalPlan(version)  # Plasma 6, GNOME 48
    assert not plan.shortcuts_in_create_session
    assert plan.bind_after_create
    assert plan.rebind_method == "ConfigureShortcuts"


def test_the_request_path_is_made_from_the_unique_name_and_token() -> None:
    assert request_path(":1.42", "focusmate_ab_1") == (
        "/org/freedesktop/portal/desktop/request/1_42/focusmate_ab_1"
    )


@pytest.mark.parametrize(
    ("desktop", "gnome", "native"),
    [
        ("KDE", None, True),
        ("Hyprland", None, True),
        ("ubuntu:GNOME", 48, True),
        ("GNOME", 47, False),  # GNOME 43-47: only a fallback backend could answer
        ("GNOME", None, False),
        ("sway", None, False),  # wlroots: xdg-desktop-portal-wlr has none
        ("", None, False),
    ],
)
def test_only_desktops_whose_own_backend_has_it_are_trusted(
    desktop: str, gnome: int | None, native: bool
) -> None:
    assert desktop_has_global_shortcuts(desktop, gnome) is native
