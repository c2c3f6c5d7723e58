"""Hotkeys as values: parsing, the canonical form, bindings and conflicts, and the matcher."""

from __future__ import annotations

import re
from collections.abc import Hashable

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from focusmate.core.errors import ExitCode, InvalidInput
from focusmate.core.hotkeys import (
    DEFAULT_BINDINGS,
    FUNCTION_KEYS,
    NAMED_KEYS,
    ChordMatcher,
    Hotkey,
    HotkeyBindings,
    Modifier,
    reserved_by_system,
)

CTRL_ALT = frozenset({Modifier.CTRL, Modifier.ALT})
LETTERS = [chr(code) for code in range(ord("A"), ord("Z") + 1)]
DIGITS = [str(digit) for digit in range(10)]
ALL_KEYS = [*LETTERS, *DIGITS, *FUNCTION_KEYS, *NAMED_KEYS]
MODIFIER_SPELLINGS = {
    Modifier.CTRL: ["ctrl", "Ctrl", "CONTROL", "ctl"],
    Modifier.ALT: ["alt", "ALT", "option", "Opt"],
    Modifier.SHIFT: ["shift", "Shift", "SHIFT"],
    Modifier.META: ["meta", "super", "Win", "cmd", "Command", "windows"],
}


def valid(modifiers: frozenset[Modifier], key: str) -> Hotkey | None:
    try:
        return Hotkey(modifiers, key)
    except InvalidInput:
        return None


hotkeys = st.builds(
    valid, st.frozensets(st.sampled_from(list(Modifier))), st.sampled_from(ALL_KEYS)
).filter(lambda hotkey: hotkey is not None)


# ------------------------------------------------------------------ parsing


@pytest.mark.parametrize(
    ("text", "canonical", "pynput"),
    [
        ("Ctrl+Alt+P", "Ctrl+Alt+P", "<ctrl>+<alt>+p"),
        ("ctrl+alt+p", "Ctrl+Alt+P", "<ctrl>+<alt>+p"),
        ("  alt + CTRL + p ", "Ctrl+Alt+P", "<ctrl>+<alt>+p"),
        ("super+shift+7", "Shift+Meta+7", "<shift>+<cmd>+7"),
        ("cmd+option+control+shift+f12", "Ctrl+Alt+Shift+Meta+F12", None),
        ("Ctrl+Alt+Page Up", "Ctrl+Alt+PageUp", "<ctrl>+<alt>+<page_up>"),
        ("ctrl+alt+page_down", "Ctrl+Alt+PageDown", "<ctrl>+<alt>+<page_down>"),
        ("ctrl+alt+return", "Ctrl+Alt+Enter", "<ctrl>+<alt>+<enter>"),
        ("ctrl+alt+esc", "Ctrl+Alt+Escape", "<ctrl>+<alt>+<esc>"),
        ("Meta+Space", "Meta+Space", "<cmd>+<space>"),
        ("F9", "F9", "<f9>"),
        ("f24", "F24", "<f24>"),
        ("Pause", "Pause", "<pause>"),
        ("shift+print", "Shift+PrintScreen", "<shift>+<print_screen>"),
    ],
)
def test_parse_gives_the_canonical_form(text: str, canonical: str, pynput: str | None) -> None:
    hotkey = Hotkey.parse(text)
    assert str(hotkey) == canonical
    if pynput is not None:
        assert hotkey.pynput_format() == pynput


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("ctrl+alt", "has no key"),
        ("ctrl+alt+p+q", "2 keys (P, Q)"),
        ("ctrl++p", "empty part"),
        ("ctrl+alt+", "empty part"),
        ("ctrl+control+p", "names Ctrl twice"),
        ("hyper+p", "'hyper' in 'hyper+p' is neither a modifier"),
        ("ctrl+alt+é", "neither a modifier"),
        ("ctrl+alt+F25", "neither a modifier"),
        ("ctrl+alt+plus", "neither a modifier"),
        ("p", "would fire while you type"),
        ("Shift+P", "Shift+P would fire while you type in other windows; add Ctrl, Alt or Meta"),
        ("shift+space", "would fire while you type"),
        ("ctrl+" * 20 + "p", "characters long"),
    ],
)
def test_parse_refuses_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=re.escape(message)) as err:
        Hotkey.parse(text)
    assert err.value.exit_code == ExitCode.USAGE


def test_keys_that_never_type_can_stand_alone() -> None:
    for text in [*FUNCTION_KEYS, "Pause", "PrintScreen", "ScrollLock", "Menu"]:
        assert str(Hotkey.parse(text)) == text


def test_every_named_key_and_function_key_parses_with_modifiers() -> None:
    for key in ALL_KEYS:
        hotkey = Hotkey.parse(f"ctrl+alt+{key.lower()}")
        assert hotkey == Hotkey(CTRL_ALT, key)


def test_the_constructor_checks_canonical_values() -> None:
    with pytest.raises(InvalidInput, match="not a key"):
        Hotkey(CTRL_ALT, "p")  # canonical letters are upper case
    with pytest.raises(InvalidInput, match="frozenset of Modifier"):
        Hotkey(frozenset({"Ctrl"}), "P")  # type: ignore[arg-type]


def test_function_key_number() -> None:
    assert Hotkey.parse("f21").function_key_number == 21
    assert Hotkey.parse("ctrl+alt+p").function_key_number is None


def test_pynput_names_f21_to_f24_like_the_others() -> None:
    # pynput 1.8 has no such names; the desktop adapter resolves them to key codes itself.
    assert Hotkey.parse("meta+f21").pynput_format() == "<cmd>+<f21>"


@given(hotkeys)
def test_parse_of_str_round_trips(hotkey: Hotkey) -> None:
    assert Hotkey.parse(str(hotkey)) == hotkey


@given(hotkeys, st.data())
def test_modifier_order_case_and_spaces_do_not_matter(hotkey: Hotkey, data: st.DataObject) -> None:
    parts = [data.draw(st.sampled_from(MODIFIER_SPELLINGS[m])) for m in hotkey.modifiers]
    parts = data.draw(st.permutations(parts))
    key = hotkey.key
    key_text = data.draw(st.sampled_from([key.lower(), key.upper(), key]))
    spaces = data.draw(st.sampled_from(["", " ", "  "]))
    text = f"{spaces}+{spaces}".join([*parts, key_text])
    assert Hotkey.parse(text) == hotkey
    assert str(Hotkey.parse(text)) == str(hotkey)


@given(hotkeys, hotkeys)
def test_canonical_and_pynput_forms_identify_the_hotkey(first: Hotkey, second: Hotkey) -> None:
    assume(first != second)
    assert str(first) != str(second)
    assert first.pynput_format() != second.pynput_format()


# ----------------------------------------------------------------- bindings


def test_the_defaults() -> None:
    assert HotkeyBindings.defaults() == DEFAULT_BINDINGS
    assert DEFAULT_BINDINGS.as_text() == {
        "phone": "Ctrl+Alt+P",
        "app": "Ctrl+Alt+A",
        "undo": "Ctrl+Alt+Z",
    }
    assert DEFAULT_BINDINGS.check_conflicts() is DEFAULT_BINDINGS


def test_a_conflict_names_both_actions() -> None:
    bindings = DEFAULT_BINDINGS.with_binding("mind wandered", Hotkey.parse("alt+ctrl+p"))
    assert bindings.conflicts() == [(Hotkey.parse("Ctrl+Alt+P"), ("phone", "mind wandered"))]
    with pytest.raises(
        InvalidInput,
        match=r"Ctrl\+Alt\+P is bound to both 'phone' and 'mind wandered'; choose a different",
    ):
        bindings.check_conflicts()


def test_a_superset_of_modifiers_is_not_a_conflict() -> None:
    bindings = DEFAULT_BINDINGS.with_binding("advice", Hotkey.parse("ctrl+alt+shift+p"))
    assert bindings.conflicts() == []


def test_from_text_and_as_text_round_trip() -> None:
    texts = {"phone": "Ctrl+Alt+P", "interrupted": "Meta+F9"}
    assert HotkeyBindings.from_text(texts).as_text() == texts


def test_from_text_names_the_action_in_its_error() -> None:
    with pytest.raises(InvalidInput, match=r"^interrupted: 'ctrl\+alt' has no key"):
        HotkeyBindings.from_text({"phone": "ctrl+alt+p", "interrupted": "ctrl+alt"})


def test_bindings_are_an_immutable_mapping() -> None:
    bindings = HotkeyBindings({"phone": Hotkey.parse("ctrl+alt+p")})
    assert list(bindings) == ["phone"]
    assert len(bindings) == 1
    assert bindings["phone"] == Hotkey.parse("Ctrl+Alt+P")
    assert dict(bindings.items()) == {"phone": Hotkey.parse("Ctrl+Alt+P")}
    assert bindings.with_binding("phone", None) == HotkeyBindings()
    assert bindings == HotkeyBindings({"phone": Hotkey.parse("ctrl+alt+p")})
    assert hash(bindings) == hash(HotkeyBindings({"phone": Hotkey.parse("ctrl+alt+p")}))
    assert "Ctrl+Alt+P" in repr(bindings)
    assert not hasattr(bindings, "__setitem__")


@pytest.mark.parametrize("action", ["", "  ", " phone", "x" * 61])
def test_action_names_are_checked(action: str) -> None:
    with pytest.raises(InvalidInput):
        HotkeyBindings({action: Hotkey.parse("ctrl+alt+p")})


def test_values_must_be_hotkeys() -> None:
    with pytest.raises(InvalidInput, match="not a Hotkey"):
        HotkeyBindings({"phone": "Ctrl+Alt+P"})  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("text", "platform", "reserved"),
    [
        ("ctrl+alt+f1", "linux", True),
        ("ctrl+alt+f12", "linux", True),
        ("ctrl+alt+f13", "linux", False),
        ("ctrl+alt+shift+f5", "linux", False),
        ("ctrl+alt+backspace", "linux", True),
        ("ctrl+alt+delete", "linux", True),
        ("ctrl+alt+delete", "win32", True),
        ("ctrl+alt+f5", "win32", False),
        ("ctrl+alt+delete", "darwin", False),
        ("ctrl+alt+p", "linux", False),
    ],
)
def test_hotkeys_the_system_keeps(text: str, platform: str, reserved: bool) -> None:
    why = reserved_by_system(Hotkey.parse(text), platform)
    assert (why is not None) == reserved


# ------------------------------------------------------------------ matcher


def matcher(**texts: str) -> ChordMatcher:
    return ChordMatcher(HotkeyBindings.from_text(texts))


CTRL_L, CTRL_R, ALT, SHIFT, META = "ctrl_l", "ctrl_r", "alt", "shift", "cmd"
MEANING: dict[Hashable, Modifier | str | None] = {
    CTRL_L: Modifier.CTRL,
    CTRL_R: Modifier.CTRL,
    ALT: Modifier.ALT,
    SHIFT: Modifier.SHIFT,
    META: Modifier.META,
    "P": "P",
    "A": "A",
    "X": None,  # a key no binding uses
}


def play(chords: ChordMatcher, events: list[tuple[str, Hashable]]) -> list[str]:
    fired: list[str] = []
    for kind, key in events:
        if kind == "down":
            action = chords.press(key, MEANING[key])
            if action is not None:
                fired.append(action)
        else:
            chords.release(key)
    return fired


def tap(*keys: Hashable) -> list[tuple[str, Hashable]]:
    return [("down", key) for key in keys] + [("up", key) for key in reversed(keys)]


def test_a_chord_fires_once_on_the_key_press() -> None:
    chords = matcher(phone="ctrl+alt+p", app="ctrl+alt+a")
    assert play(chords, tap(CTRL_L, ALT, "P")) == ["phone"]
    assert play(chords, tap(ALT, CTRL_R, "A")) == ["app"]


def test_missing_modifiers_or_keys_pressed_first_do_not_fire() -> None:
    chords = matcher(phone="ctrl+alt+p")
    assert play(chords, tap(CTRL_L, "P")) == []
    assert play(chords, tap("P", CTRL_L, ALT)) == []  # the key came before the modifiers
    assert play(chords, tap(CTRL_L, ALT, "X")) == []


def test_auto_repeat_fires_once_and_a_new_press_again() -> None:
    chords = matcher(phone="ctrl+alt+p")
    held = [("down", CTRL_L), ("down", ALT), ("down", "P")] + [("down", "P")] * 20
    assert play(chords, held) == ["phone"]
    assert play(chords, [("up", "P"), ("down", "P"), ("down", "P")]) == ["phone"]


def test_extra_modifiers_still_fire() -> None:
    chords = matcher(phone="ctrl+alt+p")
    assert play(chords, tap(CTRL_L, ALT, SHIFT, META, "P")) == ["phone"]


def test_the_most_specific_binding_wins() -> None:
    chords = matcher(phone="ctrl+alt+p", advice="ctrl+alt+shift+p")
    assert play(chords, tap(CTRL_L, ALT, SHIFT, "P")) == ["advice"]
    assert play(chords, tap(CTRL_L, ALT, "P")) == ["phone"]
    assert play(chords, tap(CTRL_L, ALT, SHIFT, META, "P")) == ["advice"]


def test_equally_specific_bindings_go_by_binding_order() -> None:
    chords = matcher(first="ctrl+alt+p", second="ctrl+shift+p")
    assert play(chords, tap(CTRL_L, ALT, SHIFT, "P")) == ["first"]


def test_left_and_right_modifiers_are_separate_keys() -> None:
    chords = matcher(phone="ctrl+alt+p")
    events = [("down", CTRL_L), ("down", CTRL_R), ("up", CTRL_L), ("down", ALT)]
    assert play(chords, [*events, *tap("P")]) == ["phone"]  # right Ctrl is still down
    chords.reset()
    assert play(chords, [("down", ALT), *tap("P")]) == []


def test_the_matcher_refuses_conflicting_bindings() -> None:
    with pytest.raises(InvalidInput, match="bound to both"):
        matcher(phone="ctrl+alt+p", app="alt+ctrl+p")
    assert matcher(phone="ctrl+alt+p").keys == frozenset({"P"})


keyboard_keys = st.sampled_from(list(MEANING))


@st.composite
def keyboard_sessions(draw: st.DrawFn) -> tuple[list[tuple[str, Hashable]], set[int]]:
    """A physically possible stream of presses and releases, and where auto-repeat may go."""
    held: list[Hashable] = []
    events: list[tuple[str, Hashable]] = []
    for _ in range(draw(st.integers(0, 60))):
        key = draw(keyboard_keys)
        if key in held:
            held.remove(key)
            events.append(("up", key))
        else:
            held.append(key)
            events.append(("down", key))
    repeat_after = draw(st.sets(st.integers(0, max(len(events) - 1, 0))))
    return events, repeat_after


def with_auto_repeat(events: list[tuple[str, Hashable]], after: set[int]) -> list:
    """Insert repeated presses of every key held at the chosen points (what auto-repeat does)."""
    out: list[tuple[str, Hashable]] = []
    held: set[Hashable] = set()
    for index, (kind, key) in enumerate(events):
        out.append((kind, key))
        (held.add if kind == "down" else held.discard)(key)
        if index in after:
            out.extend(("down", key) for key in sorted(held, key=str))
    return out


@given(keyboard_sessions())
def test_auto_repeat_never_changes_what_fires(session: tuple[list, set[int]]) -> None:
    events, after = session
    plain = play(matcher(phone="ctrl+alt+p", app="ctrl+shift+a"), events)
    repeated = play(
        matcher(phone="ctrl+alt+p", app="ctrl+shift+a"), with_auto_repeat(events, after)
    )
    assert repeated == plain


@given(st.integers(1, 200), st.booleans())
def test_n_distinct_presses_fire_n_times(presses: int, keep_modifiers_down: bool) -> None:
    chords = matcher(phone="ctrl+alt+p")
    if keep_modifiers_down:
        events = [("down", CTRL_L), ("down", ALT)] + tap("P") * presses
    else:
        events = tap(CTRL_L, ALT, "P") * presses
    assert play(chords, events) == ["phone"] * presses
