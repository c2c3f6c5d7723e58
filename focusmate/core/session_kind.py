"""Kinds of session: coaching (the default), client meeting, and the kinds the user adds.

The kind lets the weekly review hold the manager's attention with their own people against
their attention with clients (issue 16, "the top-client mirror"): the same marks and
hotkeys count in every kind. A session, a record, a request and a command line name a kind
by its stable id: ``coaching`` and ``client`` are built in; a kind the user adds ("Team
meeting") gets a slug of its name (``team-meeting``), kept when it is renamed.

A kind removed in the settings stays in the catalogue, marked removed: past sessions keep
its id, and the windows still show its last name; it is no longer offered for new sessions.
Adding the same name again brings it back. A session may even carry an id the catalogue
never knew (an import from another computer): it is kept as it is and shown by its id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import ClassVar

from focusmate.core.errors import InvalidInput, Problem
from focusmate.core.marks import slug
from focusmate.core.text import translate
from focusmate.core.validation import check_typed

COACHING = "coaching"
CLIENT = "client"
SESSION_KIND_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
SESSION_KIND_NAME_MAX_CHARS = 40


@dataclass(frozen=True, slots=True)
class SessionKind:
    """One kind of session: its id (``value``), its name in the user's words (English for
    the built-ins) and whether the user removed it."""

    value: str
    name: str
    removed: bool = False

    COACHING: ClassVar[SessionKind]
    CLIENT: ClassVar[SessionKind]

    @property
    def builtin(self) -> bool:
        return self.value in (COACHING, CLIENT)

    @property
    def label(self) -> str:
        """The kind's name as the windows show it: a built-in one in the user's language."""
        if self.value == COACHING:
            return translate("SessionKind", "Coaching session")
        if self.value == CLIENT:
            return translate("SessionKind", "Client meeting")
        return self.name

    @classmethod
    def added(cls, name: str) -> SessionKind:
        """A kind the user adds, from its name; InvalidInput for a name that cannot be one."""
        words = check_typed(" ".join(name.split()), "the name of a kind of session")
        if not words:
            raise InvalidInput("the name of a kind of session is empty", Problem.SESSION_KIND_EMPTY)
        if len(words) > SESSION_KIND_NAME_MAX_CHARS:
            raise InvalidInput(
                f"the name of a kind of session is at most {SESSION_KIND_NAME_MAX_CHARS} chars",
                Problem.SESSION_KIND_TOO_LONG,
                limit=SESSION_KIND_NAME_MAX_CHARS,
            )
        try:
            kind_id = slug(words)
        except InvalidInput:
            raise InvalidInput(
                f"{words!r} needs at least one letter or digit (A-Z, 0-9) to name a kind of "
                "session",
                Problem.SESSION_KIND_NO_LETTER,
                name=words,
            ) from None
        return cls(kind_id, words)


SessionKind.COACHING = SessionKind(COACHING, "Coaching session")
SessionKind.CLIENT = SessionKind(CLIENT, "Client meeting")
BUILTIN_SESSION_KINDS = (SessionKind.COACHING, SessionKind.CLIENT)


def check_session_kind_id(value: str) -> str:
    """``value`` if it has the shape of a kind's id (any kind, known or not), else
    InvalidInput."""
    if not SESSION_KIND_ID_PATTERN.match(value):
        raise InvalidInput(
            f"{value[:50]!r} is not a kind of session (lowercase letters, digits, -)"
        )
    return value


class SessionKinds:
    """The catalogue: the built-in kinds first, then the user's, in the user's order."""

    def __init__(self, added: Iterable[SessionKind] = ()) -> None:
        kinds = [*BUILTIN_SESSION_KINDS, *added]
        ids = [kind.value for kind in kinds]
        taken = next((i for i in ids if ids.count(i) > 1), None)
        if taken is not None:
            raise InvalidInput(
                f"two kinds of session share the id {taken!r}",
                Problem.SESSION_KIND_TAKEN,
                kind=taken,
            )
        self._by_id = {kind.value: kind for kind in kinds}

    def __iter__(self) -> Iterator[SessionKind]:
        """Every kind, removed ones too (their names still label past sessions)."""
        return iter(self._by_id.values())

    @property
    def added(self) -> tuple[SessionKind, ...]:
        """The user's kinds, removed ones too: what the settings keep."""
        return tuple(kind for kind in self if not kind.builtin)

    @property
    def offered(self) -> tuple[SessionKind, ...]:
        """The kinds a new session can have, in order (coaching first: the default)."""
        return tuple(kind for kind in self if not kind.removed)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(kind.value for kind in self.offered)

    def get(self, kind_id: str) -> SessionKind:
        """The offered kind with that id; InvalidInput (a usage error) naming the known ones."""
        kind = self._by_id.get(kind_id)
        if kind is None or kind.removed:
            known = ", ".join(self.ids)
            raise InvalidInput(
                f"unknown kind of session {kind_id[:40]!r}; known: {known}",
                Problem.SESSION_KIND_UNKNOWN,
                kind=kind_id[:40],
            )
        return kind

    def label(self, kind_id: str) -> str:
        """Words for any id: the kind's (last) name, or the id itself for one never known."""
        kind = self._by_id.get(kind_id)
        return kind_id if kind is None else kind.label

    def with_added(self, name: str) -> SessionKinds:
        """The catalogue with a kind of this name: new, or a removed one brought back (then
        its id is the old one and past sessions rejoin it). InvalidInput if it is offered."""
        new = SessionKind.added(name)
        old = self._by_id.get(new.value)
        self._refuse_taken(new.name, None if old is None or old.removed else old)
        if old is None:
            return SessionKinds((*self.added, new))
        return self._replaced(replace(old, name=new.name, removed=False))

    def with_renamed(self, kind_id: str, name: str) -> SessionKinds:
        """The user's kind ``kind_id`` under a new name; its id stays, so its sessions keep
        it. A built-in kind cannot be renamed (its words follow the user's language)."""
        kind = self.get(kind_id)
        if kind.builtin:
            raise InvalidInput(f"{kind_id!r} is built in and keeps its name")
        words = SessionKind.added(name).name
        self._refuse_taken(words, None, but=kind_id)
        return self._replaced(replace(kind, name=words))

    def with_removed(self, kind_id: str) -> SessionKinds:
        """The catalogue without offering ``kind_id`` (a built-in kind stays); past sessions
        keep the id, and its name stays known."""
        kind = self.get(kind_id)
        if kind.builtin:
            raise InvalidInput(f"{kind_id!r} is built in and cannot be removed")
        return self._replaced(replace(kind, removed=True))

    def _refuse_taken(self, words: str, same_id: SessionKind | None, but: str = "") -> None:
        """InvalidInput when an offered kind (other than ``but``) has that id or name."""
        clash = same_id or next(
            (
                kind
                for kind in self.offered
                if kind.value != but
                and words.casefold() in {kind.name.casefold(), kind.label.casefold()}
            ),
            None,
        )
        if clash is not None:
            raise InvalidInput(
                f"there is already a kind of session {clash.name!r}",
                Problem.SESSION_KIND_TAKEN,
                kind=clash.label,
            )

    def _replaced(self, kind: SessionKind) -> SessionKinds:
        return SessionKinds(kind if k.value == kind.value else k for k in self.added)
