"""Global hotkeys as values: parsing what the user types, bindings, conflicts and matching.

A :class:`Hotkey` is a set of modifiers plus exactly one key, parsed from text such as
``"ctrl+alt+p"`` or ``"Super + F9"`` (case-insensitive, spaces ignored) and always written back
in one canonical form, ``"Ctrl+Alt+P"``: modifiers in the order Ctrl, Alt, Shift, Meta, then the
key.  ``Meta`` is the Super / Windows / Command key (``super``, ``win``, ``cmd`` are accepted).

Keys are letters A-Z, digits 0-9, F1-F24 and the named keys in :data:`NAMED_KEYS`.  A key that
types or edits text (a letter, a digit, Space, Enter, an arrow, ...) needs Ctrl, Alt or Meta:
``"Shift+P"`` would fire every time the user typed a capital P in another window.

:class:`HotkeyBindings` maps an action (a mark kind such as ``"phone"``, or ``"undo"``) to its
hotkey; :meth:`HotkeyBindings.check_conflicts` refuses two actions on the same hotkey.

:class:`ChordMatcher` turns a stream of key presses and releases into actions.  It is the
debounce and the matching rule, kept here so that it is pure and tested without a display:

* an action fires on the *press of its key* while at least its modifiers are held; extra
  modifiers do not prevent it (``Ctrl+Alt+Shift+P`` fires ``Ctrl+Alt+P``), but when several
  bindings share the key, the one with the most matching modifiers wins, so binding
  ``Ctrl+Alt+Shift+P`` to another action does not also fire ``Ctrl+Alt+P``;
* a key that is already down does not fire again until it has been released: keyboard
  auto-repeat (repeated presses without a release, as X11 RECORD, Windows and macOS report it)
  gives one trigger, while every new press gives a new one.

Pure: no I/O, no third-party imports.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Final

from focusmate.core.errors import InvalidInput, Problem
from focusmate.core.text import translate

__all__ = [
    "APP_ACTION",
    "DEFAULT_BINDINGS",
    "FUNCTION_KEYS",
    "NAMED_KEYS",
    "PHONE_ACTION",
    "UNDO_ACTION",
    "ChordMatcher",
    "Hotkey",
    "HotkeyBindings",
    "KeyMeaning",
    "Modifier",
    "Reserved",
    "reserved_by_system",
    "system_reservation",
]

#: The built-in actions: the two built-in mark kinds, and undoing the last mark.  Any other
#: action name is a mark kind of the user's own.
PHONE_ACTION: Final = "phone"
APP_ACTION: Final = "app"
UNDO_ACTION: Final = "undo"

HOTKEY_TEXT_MAX_CHARS: Final = 60
ACTION_MAX_CHARS: Final = 60


class Modifier(Enum):
    """A modifier key; declaration order is the canonical order in ``str(hotkey)``."""

    CTRL = "Ctrl"
    ALT = "Alt"
    SHIFT = "Shift"
    META = "Meta"

    @property
    def pynput_name(self) -> str:
        """The name pynput's ``HotKey.parse`` uses, without the angle brackets."""
        return _PYNPUT_MODIFIERS[self]


_PYNPUT_MODIFIERS: Final = {
    Modifier.CTRL: "ctrl",
    Modifier.ALT: "alt",
    Modifier.SHIFT: "shift",
    Modifier.META: "cmd",
}

_MODIFIER_ALIASES: Final = {
    "ctrl": Modifier.CTRL,
    "control": Modifier.CTRL,
    "ctl": Modifier.CTRL,
    "alt": Modifier.ALT,
    "option": Modifier.ALT,
    "opt": Modifier.ALT,
    "shift": Modifier.SHIFT,
    "meta": Modifier.META,
    "super": Modifier.META,
    "win": Modifier.META,
    "windows": Modifier.META,
    "cmd": Modifier.META,
    "command": Modifier.META,
}

#: F1 ... F24, canonical names.  pynput 1.8 names only F1-F20; the desktop adapter maps F21-F24
#: to the platform's key codes itself.
FUNCTION_KEYS: Final = tuple(f"F{number}" for number in range(1, 25))

#: Named keys: canonical name -> pynput ``Key`` member name.
NAMED_KEYS: Final[Mapping[str, str]] = {
    "Space": "space",
    "Enter": "enter",
    "Tab": "tab",
    "Escape": "esc",
    "Backspace": "backspace",
    "Delete": "delete",
    "Insert": "insert",
    "Home": "home",
    "End": "end",
    "PageUp": "page_up",
    "PageDown": "page_down",
    "Up": "up",
    "Down": "down",
    "Left": "left",
    "Right": "right",
    "PrintScreen": "print_screen",
    "Pause": "pause",
    "ScrollLock": "scroll_lock",
    "Menu": "menu",
}

#: Other spellings of named keys, after lower-casing and removing spaces, "_" and "-".
_KEY_ALIASES: Final = {
    "return": "Enter",
    "esc": "Escape",
    "del": "Delete",
    "ins": "Insert",
    "pgup": "PageUp",
    "prior": "PageUp",
    "pgdn": "PageDown",
    "pgdown": "PageDown",
    "next": "PageDown",
    "print": "PrintScreen",
    "prtsc": "PrintScreen",
    "prtscn": "PrintScreen",
    "break": "Pause",
    "scrlk": "ScrollLock",
    "arrowup": "Up",
    "arrowdown": "Down",
    "arrowleft": "Left",
    "arrowright": "Right",
    "bksp": "Backspace",
    "spacebar": "Space",
}

#: Keys that may be bound without Ctrl, Alt or Meta: pressing them never types text.
_STANDALONE_KEYS: Final = frozenset({*FUNCTION_KEYS, "Pause", "PrintScreen", "ScrollLock", "Menu"})

_ALL_KEYS: Final = frozenset(
    {
        *(chr(code) for code in range(ord("A"), ord("Z") + 1)),
        *(str(digit) for digit in range(10)),
        *FUNCTION_KEYS,
        *NAMED_KEYS,
    }
)

_KEY_LOOKUP: Final = {
    **{key.lower(): key for key in _ALL_KEYS},
    **_KEY_ALIASES,
}

_KEY_HINT: Final = "a letter, a digit, F1-F24 or a named key such as Space, PageUp or Home"


def _squash(part: str) -> str:
    """Lower-case a part of the text and drop spaces, '_' and '-' ("Page Up" -> "pageup")."""
    return "".join(char for char in part.lower() if char not in " _-\t")


@dataclass(frozen=True, slots=True)
class Hotkey:
    """Modifiers plus exactly one key, e.g. Ctrl+Alt+P.  Immutable, hashable, compared by value.

    Build one with :meth:`parse` from user text; the constructor takes canonical values
    (``key`` as in ``str(hotkey)``: ``"P"``, ``"7"``, ``"F5"``, ``"PageUp"``) and checks them.
    """

    modifiers: frozenset[Modifier]
    key: str

    def __post_init__(self) -> None:
        if not isinstance(self.modifiers, frozenset) or not all(
            isinstance(modifier, Modifier) for modifier in self.modifiers
        ):
            raise InvalidInput(
                f"hotkey modifiers must be a frozenset of Modifier: {self.modifiers}"
            )
        if self.key not in _ALL_KEYS:
            raise InvalidInput(f"{self.key!r} is not a key a hotkey can use; use {_KEY_HINT}")
        needs_modifier = self.key not in _STANDALONE_KEYS
        if needs_modifier and not self.modifiers & {Modifier.CTRL, Modifier.ALT, Modifier.META}:
            raise InvalidInput(
                f"{self} would fire while you type in other windows; "
                "add Ctrl, Alt or Meta (e.g. Ctrl+Alt+" + self.key + ")",
                Problem.HOTKEY_NEEDS_MODIFIER,
                hotkey=str(self),
                key=self.key,
            )

    @classmethod
    def parse(cls, text: str) -> Hotkey:
        """Parse user text such as ``"ctrl+alt+p"``; raise InvalidInput saying what is wrong."""
        stripped = text.strip()
        if not stripped:
            raise InvalidInput(
                f"the hotkey is empty; type modifiers and one key, e.g. Ctrl+Alt+P ({_KEY_HINT})"
            )
        if len(stripped) > HOTKEY_TEXT_MAX_CHARS:
            raise InvalidInput(
                f"the hotkey is {len(stripped)} characters long; at most {HOTKEY_TEXT_MAX_CHARS}"
            )
        parts = [part.strip() for part in stripped.split("+")]
        if any(not part for part in parts):
            raise InvalidInput(
                f"{stripped!r} has an empty part; write modifiers and one key joined by '+', "
                "e.g. Ctrl+Alt+P (the '+' key itself cannot be bound)",
                Problem.HOTKEY_PLUS_KEY,
                hotkey=stripped,
            )
        modifiers: set[Modifier] = set()
        keys: list[str] = []
        for part in parts:
            squashed = _squash(part)
            modifier = _MODIFIER_ALIASES.get(squashed)
            if modifier is not None:
                if modifier in modifiers:
                    raise InvalidInput(f"{stripped!r} names {modifier.value} twice")
                modifiers.add(modifier)
                continue
            key = _KEY_LOOKUP.get(squashed)
            if key is None:
                raise InvalidInput(
                    f"{part!r} in {stripped!r} is neither a modifier (Ctrl, Alt, Shift, Meta) "
                    f"nor a key a hotkey can use ({_KEY_HINT})",
                    Problem.HOTKEY_UNKNOWN_KEY,
                    hotkey=stripped,
                    key=part,
                )
            keys.append(key)
        if not keys:
            raise InvalidInput(f"{stripped!r} has no key; add {_KEY_HINT}, e.g. Ctrl+Alt+P")
        if len(keys) > 1:
            raise InvalidInput(
                f"{stripped!r} has {len(keys)} keys ({', '.join(keys)}); "
                "a hotkey is modifiers plus exactly one key"
            )
        return cls(frozenset(modifiers), keys[0])

    def __str__(self) -> str:
        """The canonical text, e.g. ``"Ctrl+Alt+P"`` (modifiers always in the same order)."""
        return "+".join([*(m.value for m in Modifier if m in self.modifiers), self.key])

    def pynput_format(self) -> str:
        """The hotkey as pynput's ``HotKey.parse`` reads it, e.g. ``"<ctrl>+<alt>+p"``.

        F21-F24 come out as ``"<f21>"`` ... ``"<f24>"``, which pynput 1.8 does not name (its
        ``Key`` stops at F20); the desktop adapter resolves those to key codes itself.
        """
        parts = [f"<{m.pynput_name}>" for m in Modifier if m in self.modifiers]
        return "+".join([*parts, self.pynput_key()])

    def pynput_key(self) -> str:
        """Only the key part of :meth:`pynput_format` (``"p"``, ``"7"``, ``"<f5>"``)."""
        if len(self.key) == 1:
            return self.key.lower()
        if self.key in NAMED_KEYS:
            return f"<{NAMED_KEYS[self.key]}>"
        return f"<{self.key.lower()}>"

    @property
    def function_key_number(self) -> int | None:
        """1-24 when the key is F1-F24, else None."""
        if self.key in FUNCTION_KEYS:
            return int(self.key[1:])
        return None


def _check_action(action: str) -> str:
    if not isinstance(action, str) or not action.strip():
        raise InvalidInput("a hotkey action needs a name (e.g. 'phone')")
    if action != action.strip():
        raise InvalidInput(f"the action name {action!r} has spaces around it")
    if len(action) > ACTION_MAX_CHARS:
        raise InvalidInput(f"the action name {action!r} is longer than {ACTION_MAX_CHARS} chars")
    return action


class HotkeyBindings(Mapping[str, Hotkey]):
    """An immutable mapping from action name (``"phone"``, ``"app"``, ``"undo"``, a custom
    mark kind) to its :class:`Hotkey`, in insertion order.

    Construction checks names and values but not conflicts, so a settings dialog can hold an
    unfinished state; :meth:`check_conflicts` (and ``GlobalHotkeys.start``) refuse it.
    """

    __slots__ = ("_by_action",)

    def __init__(self, bindings: Mapping[str, Hotkey] | None = None) -> None:
        by_action: dict[str, Hotkey] = {}
        for action, hotkey in (bindings or {}).items():
            if not isinstance(hotkey, Hotkey):
                raise InvalidInput(f"the hotkey for {action!r} is not a Hotkey: {hotkey!r}")
            by_action[_check_action(action)] = hotkey
        self._by_action = by_action

    @classmethod
    def defaults(cls) -> HotkeyBindings:
        """Ctrl+Alt+P = phone check, Ctrl+Alt+A = app switch, Ctrl+Alt+Z = undo the last mark."""
        return DEFAULT_BINDINGS

    @classmethod
    def from_text(cls, texts: Mapping[str, str]) -> HotkeyBindings:
        """Parse ``{"phone": "Ctrl+Alt+P", ...}``; an error message starts with the action."""
        parsed: dict[str, Hotkey] = {}
        for action, text in texts.items():
            try:
                parsed[action] = Hotkey.parse(text)
            except InvalidInput as exc:
                raise InvalidInput(f"{action}: {exc}", exc.problem, **exc.facts) from None
        return cls(parsed)

    def as_text(self) -> dict[str, str]:
        """``{"phone": "Ctrl+Alt+P", ...}``, the inverse of :meth:`from_text`."""
        return {action: str(hotkey) for action, hotkey in self._by_action.items()}

    def with_binding(self, action: str, hotkey: Hotkey | None) -> HotkeyBindings:
        """A copy with ``action`` bound to ``hotkey`` (``None`` removes the binding)."""
        changed = dict(self._by_action)
        if hotkey is None:
            changed.pop(action, None)
        else:
            changed[action] = hotkey
        return HotkeyBindings(changed)

    def conflicts(self) -> list[tuple[Hotkey, tuple[str, ...]]]:
        """Each hotkey bound to more than one action, with those actions (in binding order)."""
        actions_of: dict[Hotkey, list[str]] = {}
        for action, hotkey in self._by_action.items():
            actions_of.setdefault(hotkey, []).append(action)
        return [
            (hotkey, tuple(actions)) for hotkey, actions in actions_of.items() if len(actions) > 1
        ]

    def check_conflicts(self) -> HotkeyBindings:
        """Return ``self`` if no two actions share a hotkey, else raise InvalidInput naming them."""
        found = self.conflicts()
        if found:
            hotkey, actions = found[0]
            names = " and ".join(f"'{action}'" for action in actions)
            raise InvalidInput(
                f"{hotkey} is bound to both {names}; choose a different hotkey for one of them",
                Problem.HOTKEY_CONFLICT,
                hotkey=str(hotkey),
                actions=", ".join(actions),
            )
        return self

    def __getitem__(self, action: str) -> Hotkey:
        return self._by_action[action]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_action)

    def __len__(self) -> int:
        return len(self._by_action)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, HotkeyBindings):
            return self._by_action == other._by_action
        return NotImplemented

    def __hash__(self) -> int:
        return hash(frozenset(self._by_action.items()))

    def __repr__(self) -> str:
        return f"HotkeyBindings({self.as_text()!r})"


DEFAULT_BINDINGS: Final = HotkeyBindings(
    {
        PHONE_ACTION: Hotkey(frozenset({Modifier.CTRL, Modifier.ALT}), "P"),
        APP_ACTION: Hotkey(frozenset({Modifier.CTRL, Modifier.ALT}), "A"),
        UNDO_ACTION: Hotkey(frozenset({Modifier.CTRL, Modifier.ALT}), "Z"),
    }
)

_CTRL_ALT: Final = frozenset({Modifier.CTRL, Modifier.ALT})


class Reserved(Enum):
    """Why the operating system keeps a hotkey for itself: it never reaches an application."""

    SYSTEM = "system"  # Ctrl+Alt+Delete
    TEXT_CONSOLE = "text-console"  # Ctrl+Alt+F1-F12 on Linux
    ENDS_X_SESSION = "ends-x-session"  # Ctrl+Alt+Backspace on Linux

    def explained(self, hotkey: Hotkey) -> str:
        """Why, in English (logs and the command line), e.g. "Ctrl+Alt+F1 switches to ..."."""
        return {
            Reserved.SYSTEM: f"{hotkey} belongs to the system",
            Reserved.TEXT_CONSOLE: f"{hotkey} switches to a text console on Linux",
            Reserved.ENDS_X_SESSION: f"{hotkey} can end the X session on Linux",
        }[self]

    def shown(self, hotkey: Hotkey, action: str) -> str:
        """One sentence for a window, in the user's language: focusmate does not listen for
        ``hotkey``, bound to ``action``, and why."""
        if self is Reserved.SYSTEM:
            text = translate(
                "Hotkeys",
                "{hotkey} ({action}) belongs to the system, so focusmate does not listen for it.",
            )
        elif self is Reserved.TEXT_CONSOLE:
            text = translate(
                "Hotkeys",
                "{hotkey} ({action}) switches to a text console on Linux, so focusmate does not "
                "listen for it.",
            )
        else:
            text = translate(
                "Hotkeys",
                "{hotkey} ({action}) can end the X session on Linux, so focusmate does not "
                "listen for it.",
            )
        return text.format(hotkey=hotkey, action=action)


def system_reservation(hotkey: Hotkey, platform: str) -> Reserved | None:
    """Whether the operating system keeps ``hotkey`` for itself on ``platform`` (a
    ``sys.platform`` value), and why; None when it is free to bind."""
    if platform == "darwin" or hotkey.modifiers != _CTRL_ALT:
        return None
    if hotkey.key == "Delete":
        return Reserved.SYSTEM
    if platform == "win32":
        return None
    number = hotkey.function_key_number
    if number is not None and number <= 12:
        return Reserved.TEXT_CONSOLE
    if hotkey.key == "Backspace":
        return Reserved.ENDS_X_SESSION
    return None


def reserved_by_system(hotkey: Hotkey, platform: str) -> str | None:
    """Why the operating system keeps ``hotkey`` for itself on ``platform``, in English, or
    None when it is free to bind."""
    reserved = system_reservation(hotkey, platform)
    return None if reserved is None else reserved.explained(hotkey)


#: What a pressed key means to the matcher: a modifier, a canonical key name, or nothing.
KeyMeaning = Modifier | str | None


class ChordMatcher:
    """Turns key presses and releases into actions: once per press, most specific binding first.

    ``press(key, meaning)`` takes an identity for the physical key (anything hashable: left and
    right Ctrl must differ, and a letter must keep its identity when Shift changes its case) and
    what it means: a :class:`Modifier`, the canonical name of a bound key (``"P"``), or None for
    keys no binding uses (those are ignored).  It returns the action to fire, or None.

    Not thread-safe: one listener thread owns an instance.
    """

    def __init__(self, bindings: HotkeyBindings) -> None:
        bindings.check_conflicts()
        by_key: dict[str, list[tuple[frozenset[Modifier], str]]] = {}
        for action, hotkey in bindings.items():
            by_key.setdefault(hotkey.key, []).append((hotkey.modifiers, action))
        for candidates in by_key.values():
            # Most modifiers first; a stable sort keeps binding order between equals.
            candidates.sort(key=lambda candidate: -len(candidate[0]))
        self._by_key = by_key
        self._held: dict[Hashable, Modifier | str] = {}

    @property
    def keys(self) -> frozenset[str]:
        """The canonical names of the keys some binding uses."""
        return frozenset(self._by_key)

    def press(self, key: Hashable, meaning: KeyMeaning) -> str | None:
        """Record a key press; return the action it fires, if any."""
        if meaning is None or key in self._held:
            return None  # unbound key, or auto-repeat of a key already down
        self._held[key] = meaning
        if isinstance(meaning, Modifier):
            return None
        held_modifiers = {held for held in self._held.values() if isinstance(held, Modifier)}
        for modifiers, action in self._by_key.get(meaning, ()):
            if modifiers <= held_modifiers:
                return action
        return None

    def release(self, key: Hashable) -> None:
        """Record a key release (unknown keys are ignored)."""
        self._held.pop(key, None)

    def reset(self) -> None:
        """Forget every held key (e.g. when listening starts again)."""
        self._held.clear()
