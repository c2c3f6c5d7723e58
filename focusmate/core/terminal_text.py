"""One rule for text that reaches a terminal, and one for text a user types.

A terminal obeys the characters it is sent: ESC and the C1 controls start escape sequences
(clear the screen, set the window title, fake a prompt), CR and backspace overwrite what is
shown, and the bidirectional overrides reorder it. Names and notes come from the user, from
imports and from the data file, so every character of that kind is shown as a visible escape
(``\\u001b``, ``\\u202e``) wherever focusmate prints it for a person to read. Typed input is held
to a stricter rule: a name or focus note with such a character is refused (it could only have
come from a paste or a script, and shows as nothing in a window).
"""

from __future__ import annotations

import re

#: C0 controls, DEL, C1 controls, the line/paragraph separators and the bidirectional
#: embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
UNSAFE_CHARACTERS = "\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")
# In a document (a report, an export shown on a terminal) its own line breaks and tabs stay.
_UNSAFE_IN_DOCUMENT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)"
)


def visible_escape(char: str) -> str:
    """``\\u001b``, ``\\u202e``: readable, and the same character to a JSON or Python reader,
    so a JSON document shown on a terminal is still valid JSON with the same text."""
    return f"\\u{ord(char):04x}"


def terminal_line(text: str) -> str:
    """``text`` safe to print as (part of) one line: every unsafe character, newlines and
    tabs too, becomes a visible escape."""
    return _UNSAFE.sub(lambda found: visible_escape(found.group()), text)


def terminal_document(text: str) -> str:
    """A multi-line document safe to print: its line breaks (LF, CRLF) and tabs are kept,
    every other unsafe character becomes a visible escape."""
    return _UNSAFE_IN_DOCUMENT.sub(lambda found: visible_escape(found.group()), text)


def first_unsafe(text: str) -> str | None:
    """The first character of ``text`` that a terminal would obey, or None."""
    found = _UNSAFE.search(text)
    return None if found is None else found.group()
