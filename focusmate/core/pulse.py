"""The salesperson's pulse (issue 16): three answers from their side of the table, as a value.

A pulse comes in three ways (``PulseVia``): typed by the manager, sent from the one-page form
on the salesperson's phone (``pulse_from_form`` reads that form's body, strictly: it is what a
stranger on the network can send), or typed in from a chat answer to ``pulse_message``. Every
way builds a ``RepPulse``, which checks itself, so no other value can exist. ``pulse_to_record``
and ``pulse_from_record`` are its JSON shape for the history and the export.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from focusmate.core.errors import InvalidData, InvalidInput
from focusmate.core.terminal_text import UNSAFE_CHARACTERS, terminal_line, visible_escape

#: The three questions, in the issue's words; 5 is always the best answer.
HEARD_QUESTION = "Did you feel heard before you got advice?"
CONCERN_QUESTION = "Did your real concern come up?"
ATTENTION_QUESTION = "Did you have my full attention — no phone, no screen?"

SCALE_LOW = 1
SCALE_HIGH = 5
COMMENT_MAX_CHARS = 500

#: The form's field names (the page's inputs and ``pulse_from_form`` share them).
HEARD_FIELD = "heard"
CONCERN_FIELD = "concern"
ATTENTION_FIELD = "attention"
COMMENT_FIELD = "comment"
FORM_FIELDS = (HEARD_FIELD, CONCERN_FIELD, ATTENTION_FIELD, COMMENT_FIELD)

# A comment may run over several lines (it comes from a text box), so the line feed is the one
# control character it may hold; every other one (CR alone, ESC, bidi overrides...) is refused.
_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")
_SCALE_VALUES = {str(value): value for value in range(SCALE_LOW, SCALE_HIGH + 1)}
_PERCENT = re.compile(b"%([0-9A-Fa-f]{2})")
# What an x-www-form-urlencoded body is made of: a browser escapes everything else.
_FORM_BYTES = re.compile(rb"[A-Za-z0-9*\-._~!$'()+,/:;=?@&%]*")


class Concern(StrEnum):
    """Did the salesperson's real concern come up?"""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"


class PulseVia(StrEnum):
    """How the answers reached focusmate."""

    TYPED = "typed"
    PAGE = "page"
    MESSAGE = "message"


@dataclass(frozen=True)
class RepPulse:
    """One salesperson's answers about one session; raises InvalidInput unless valid."""

    heard: int
    concern: Concern
    attention: int
    comment: str
    via: PulseVia
    at: datetime

    def __post_init__(self) -> None:
        _check_scale(self.heard, "heard")
        _check_scale(self.attention, "attention")
        if not isinstance(self.concern, Concern):
            raise InvalidInput("concern must be yes, partly or no")
        if not isinstance(self.via, PulseVia):
            raise InvalidInput("via must be typed, page or message")
        if not isinstance(self.at, datetime) or self.at.tzinfo is None:
            raise InvalidInput("the pulse's time needs a UTC offset")
        check_comment(self.comment)


def _check_scale(value: object, name: str) -> None:
    # bool is an int to Python, never an answer on a scale.
    if type(value) is not int or not SCALE_LOW <= value <= SCALE_HIGH:
        raise InvalidInput(f"{name} must be a whole number from {SCALE_LOW} to {SCALE_HIGH}")


def check_comment(comment: object) -> str:
    """Return the comment if it is text of at most 500 characters with no control character
    other than a line feed, else raise InvalidInput."""
    if not isinstance(comment, str):
        raise InvalidInput("the comment must be text")
    if len(comment) > COMMENT_MAX_CHARS:
        raise InvalidInput(
            f"the comment is {len(comment)} characters long; at most {COMMENT_MAX_CHARS}"
        )
    found = _UNSAFE.search(comment.replace("\n", ""))
    if found is not None:
        raise InvalidInput(
            f"the comment contains the control character {visible_escape(found.group())}"
        )
    return comment


def clean_comment(raw: str) -> str:
    """A typed or sent comment as it is kept: line breaks as LF (a browser sends CRLF),
    without surrounding whitespace; raises InvalidInput if it breaks ``check_comment``."""
    return check_comment(raw.replace("\r\n", "\n").strip())


def pulse_from_form(body: bytes, at: datetime) -> RepPulse:
    """The pulse in an application/x-www-form-urlencoded body from the page, sent at ``at``.

    Strict, because anyone on the network can send it: exactly the four fields, each once
    (the comment may be empty), only the bytes a browser sends, UTF-8 after unescaping.
    Anything else raises InvalidInput with one line.
    """
    fields = _form_fields(body)
    heard = _SCALE_VALUES.get(fields[HEARD_FIELD])
    attention = _SCALE_VALUES.get(fields[ATTENTION_FIELD])
    if heard is None or attention is None:
        raise InvalidInput(f"heard and attention must be {SCALE_LOW} to {SCALE_HIGH}")
    try:
        concern = Concern(fields[CONCERN_FIELD])
    except ValueError:
        raise InvalidInput("concern must be yes, partly or no") from None
    comment = clean_comment(fields[COMMENT_FIELD])
    return RepPulse(heard, concern, attention, comment, PulseVia.PAGE, at)


def _form_fields(body: bytes) -> dict[str, str]:
    if _FORM_BYTES.fullmatch(body) is None:
        raise InvalidInput("the form holds characters a browser would have escaped")
    fields: dict[str, str] = {}
    for pair in body.split(b"&"):
        name_bytes, equals, value_bytes = pair.partition(b"=")
        if not equals:
            raise InvalidInput("the form has a field without a value")
        name = _form_text(name_bytes)
        if name not in FORM_FIELDS:
            raise InvalidInput(f"the form has an unknown field {name[:40]!r}")
        if name in fields:
            raise InvalidInput(f"the form has the field {name} twice")
        fields[name] = _form_text(value_bytes)
    missing = [name for name in FORM_FIELDS if name not in fields]
    if missing:
        raise InvalidInput(f"the form misses {', '.join(missing)}")
    return fields


def _form_text(escaped: bytes) -> str:
    if b"%" in _PERCENT.sub(b"", escaped):
        raise InvalidInput("the form has a broken %-escape")
    raw = _PERCENT.sub(lambda hexa: bytes([int(hexa.group(1), 16)]), escaped.replace(b"+", b" "))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("the form is not UTF-8 text") from None


def pulse_to_record(pulse: RepPulse) -> dict[str, object]:
    """The pulse's JSON object: {"heard", "concern", "attention", "comment", "via", "at"}."""
    return {
        "heard": pulse.heard,
        "concern": pulse.concern.value,
        "attention": pulse.attention,
        "comment": pulse.comment,
        "via": pulse.via.value,
        "at": pulse.at.isoformat(),
    }


_RECORD_KEYS = frozenset({"heard", "concern", "attention", "comment", "via", "at"})


def pulse_from_record(record: Mapping[str, object], where: str = "rep_pulse") -> RepPulse:
    """The pulse in a record from a file; raises InvalidData (naming ``where``) if damaged."""
    if set(record) != _RECORD_KEYS:
        raise InvalidData(f"{where} must have exactly the keys {', '.join(sorted(_RECORD_KEYS))}")
    at_text = record["at"]
    concern = record["concern"]
    via = record["via"]
    try:
        if not isinstance(at_text, str):
            raise InvalidInput("at must be an ISO 8601 timestamp")
        try:
            at = datetime.fromisoformat(at_text)
        except ValueError:
            raise InvalidInput(f"at is not an ISO 8601 timestamp: {at_text[:40]!r}") from None
        if concern not in set(Concern) or via not in set(PulseVia):
            raise InvalidInput("concern or via has an unknown value")
        return RepPulse(
            heard=record["heard"],  # type: ignore[arg-type]  # RepPulse checks the type
            concern=Concern(str(concern)),
            attention=record["attention"],  # type: ignore[arg-type]
            comment=record["comment"],  # type: ignore[arg-type]
            via=PulseVia(str(via)),
            at=at,
        )
    except InvalidInput as error:
        raise InvalidData(f"{where}: {error}") from None


def pulse_message(name: str) -> str:
    """The short text to paste into a chat with ``name``: the three questions to answer."""
    # A stored name may hold anything an import brought; a chat shows it as typed.
    shown = terminal_line(name.strip())
    greeting = f"Hi {shown}," if shown else "Hi,"
    return (
        f"{greeting} three quick questions about our one-on-one (5 is best):\n"
        f"1. {HEARD_QUESTION} ({SCALE_LOW}–{SCALE_HIGH})\n"
        f"2. {CONCERN_QUESTION} (yes / partly / no)\n"
        f"3. {ATTENTION_QUESTION} ({SCALE_LOW}–{SCALE_HIGH})\n"
        "Anything else you want me to know? Thank you!"
    )
