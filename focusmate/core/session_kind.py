"""Kinds of session: a coaching one-on-one (the default) or a meeting with a client.

The kind lets the weekly review hold the manager's attention with their own people against
their attention with clients (issue 16, "the top-client mirror"): the same marks and
hotkeys count in both. Only the two built-in kinds exist; a record, a request or a command
line names one by its stable id (``coaching``, ``client``).
"""

from __future__ import annotations

from enum import StrEnum

from focusmate.core.errors import InvalidInput
from focusmate.core.text import translate


class SessionKind(StrEnum):
    """What a session is; the value is the id in files, requests and `status --json`."""

    COACHING = "coaching"
    CLIENT = "client"

    @property
    def label(self) -> str:
        """The kind's name as the windows show it, in the user's language."""
        return {
            SessionKind.COACHING: translate("SessionKind", "Coaching session"),
            SessionKind.CLIENT: translate("SessionKind", "Client meeting"),
        }[self]


#: The ids, in the order the start dialog and `--kind` offer them.
SESSION_KIND_IDS = tuple(kind.value for kind in SessionKind)


def session_kind(value: str) -> SessionKind:
    """The kind named ``value``; InvalidInput (a usage error) naming the known ones."""
    try:
        return SessionKind(value)
    except ValueError:
        known = ", ".join(SESSION_KIND_IDS)
        raise InvalidInput(f"unknown kind of session {value[:40]!r}; known: {known}") from None
