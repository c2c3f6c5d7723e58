"""Rules for what a user may type: salesperson names, planned minutes, notes, intentions."""

from __future__ import annotations

from focusmate.core.errors import InvalidInput, Problem
from focusmate.core.terminal_text import first_unsafe, visible_escape

NAME_MAX_CHARS = 100
FOCUS_MAX_CHARS = 500
MINUTES_MIN = 1
MINUTES_MAX = 240
DEFAULT_MINUTES = 30


def clean_name(raw: str) -> str:
    """Return the salesperson's name without surrounding whitespace, or raise InvalidInput."""
    name = raw.strip()
    if not name:
        raise InvalidInput("the salesperson's name is empty", Problem.NAME_EMPTY)
    if len(name) > NAME_MAX_CHARS:
        raise InvalidInput(
            f"the salesperson's name is {len(name)} characters long; at most {NAME_MAX_CHARS}",
            Problem.NAME_TOO_LONG,
            length=len(name),
            limit=NAME_MAX_CHARS,
        )
    return name


def check_typed(text: str, what: str) -> str:
    """Return ``text`` if it holds no control, separator or bidirectional-override character
    (core.terminal_text), else raise InvalidInput naming ``what`` and the character.

    For what a user types now (a new session's name and focus note). Data already saved or
    imported is not held to it: it is kept as it is and escaped wherever it is printed.
    """
    char = first_unsafe(text)
    if char is not None:
        raise InvalidInput(
            f"{what} contains the control character {visible_escape(char)}; "
            "type it without control characters"
        )
    return text


def check_minutes(minutes: int) -> int:
    """Return planned minutes if within 1-240, else raise InvalidInput."""
    if not MINUTES_MIN <= minutes <= MINUTES_MAX:
        raise InvalidInput(
            f"planned minutes must be between {MINUTES_MIN} and {MINUTES_MAX}, not {minutes}",
            Problem.MINUTES_OUT_OF_RANGE,
            minutes=minutes,
            low=MINUTES_MIN,
            high=MINUTES_MAX,
        )
    return minutes


def parse_minutes(text: str) -> int:
    """Parse a command-line minutes value, with a clear message for anything but an integer."""
    try:
        value = int(text.strip())
    except ValueError:
        raise InvalidInput(f"planned minutes must be a whole number, not {text!r}") from None
    return check_minutes(value)


def clean_focus(raw: str) -> str:
    """Return the optional focus note, trimmed, or raise InvalidInput when too long."""
    focus = raw.strip()
    if len(focus) > FOCUS_MAX_CHARS:
        raise InvalidInput(
            f"the focus note is {len(focus)} characters; at most {FOCUS_MAX_CHARS}",
            Problem.FOCUS_TOO_LONG,
            length=len(focus),
            limit=FOCUS_MAX_CHARS,
        )
    return focus


INTENTION_MAX_CHARS = 200
SLOW_DOWN_MAX_S = 600


def clean_intention(raw: str) -> str:
    """Return the check-in's intention, trimmed, or raise InvalidInput when too long."""
    intention = raw.strip()
    if len(intention) > INTENTION_MAX_CHARS:
        raise InvalidInput(
            f"the intention is {len(intention)} characters; at most {INTENTION_MAX_CHARS}",
            Problem.INTENTION_TOO_LONG,
            length=len(intention),
            limit=INTENTION_MAX_CHARS,
        )
    return intention


def check_slow_down(seconds: int) -> int:
    """Return the seconds of slow-down spent (0-600), or raise InvalidInput."""
    if not 0 <= seconds <= SLOW_DOWN_MAX_S:
        raise InvalidInput(f"slow-down seconds must be 0-{SLOW_DOWN_MAX_S}, not {seconds}")
    return seconds
