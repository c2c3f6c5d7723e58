"""Kinds of marks: the two built in (phone check, app switch) and the user's own.

A Mark stores only its kind's id; the catalogue (MarkKinds) gives each id its words. Ids
are short slugs derived from the name ("Mind wandered" -> "mind-wandered"), so they are
safe on a command line (`focusmate log mind-wandered`) and in a CSV header.

Two sets of words: ``label`` / ``counted`` are English and stable (reports, CSV and
calendar exports, the CLI, settings.json); ``shown_label`` / ``shown_counted`` are what the
windows show, with the built-in kinds in the user's language. A user's own kind is always
in their own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import ClassVar

from focusmate.core.errors import InvalidInput, Problem
from focusmate.core.text import plural, translate

KIND_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
KIND_NAME_MAX_CHARS = 60
#: Ids a kind of mark cannot take ("undo" names the undo hotkey and `focusmate undo`).
RESERVED_IDS = frozenset({"undo"})
#: Suggestions from the method, offered when the user adds a kind.
SUGGESTED_NAMES = ("Gave advice before empathy", "Interrupted them", "Mind wandered")


@dataclass(frozen=True, slots=True)
class MarkKind:
    """A kind of mark: its id (``value``) and how to say it."""

    value: str
    label: str
    plural: str = ""
    builtin: bool = False

    PHONE: ClassVar[MarkKind]
    APP: ClassVar[MarkKind]

    def counted(self, count: int) -> str:
        """E.g. '1 phone check', '2 app switches', '3 × mind wandered' (English, for data)."""
        if self.plural:
            return f"{count} {self.label if count == 1 else self.plural}"
        return f"{count} × {self.label}"

    @property
    def shown_label(self) -> str:
        """The label a window shows: a built-in kind in the user's language."""
        if self.builtin and self.value == "phone":
            return translate("MarkKind", "phone check")
        if self.builtin and self.value == "app":
            return translate("MarkKind", "app switch")
        return self.label

    def shown_counted(self, count: int) -> str:
        """``counted`` in the user's language, for windows, the tray and the status line."""
        if self.builtin and self.value == "phone":
            return plural(
                count,
                translate("MarkKind", "{n} phone check"),
                translate("MarkKind", "{n} phone checks"),
            )
        if self.builtin and self.value == "app":
            return plural(
                count,
                translate("MarkKind", "{n} app switch"),
                translate("MarkKind", "{n} app switches"),
            )
        return translate("MarkKind", "{n} × {kind}").format(n=count, kind=self.label)

    @classmethod
    def custom(cls, name: str) -> MarkKind:
        """A user's kind from its name, with a clear message for a name that cannot be one."""
        label = " ".join(name.split())
        if not label:
            raise InvalidInput("the name of a kind of mark is empty", Problem.KIND_NAME_EMPTY)
        if len(label) > KIND_NAME_MAX_CHARS:
            raise InvalidInput(
                f"the name of a kind of mark is at most {KIND_NAME_MAX_CHARS} chars",
                Problem.KIND_NAME_TOO_LONG,
                limit=KIND_NAME_MAX_CHARS,
            )
        return cls(value=slug(label), label=label.lower())


MarkKind.PHONE = MarkKind("phone", "phone check", "phone checks", builtin=True)
MarkKind.APP = MarkKind("app", "app switch", "app switches", builtin=True)
BUILTIN_KINDS = (MarkKind.PHONE, MarkKind.APP)


def slug(name: str) -> str:
    """'Gave advice before empathy!' -> 'gave-advice-before-empathy' (ASCII, ≤ 40 chars)."""
    import unicodedata  # noqa: PLC0415 - only when a kind is named (issue 18: not while idle)

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-")
    if not text:
        raise InvalidInput(
            f"{name!r} needs at least one letter or digit (A-Z, 0-9) to be a kind",
            Problem.KIND_NAME_NO_LETTER,
            name=name,
        )
    return text


def check_kind_id(value: str) -> str:
    if not KIND_ID_PATTERN.match(value):
        raise InvalidInput(f"{value[:50]!r} is not a kind of mark (lowercase letters, digits, -)")
    return value


class MarkKinds:
    """The configured kinds, built-ins first, in the user's order."""

    def __init__(self, custom: Iterable[MarkKind] = ()) -> None:
        kinds = [*BUILTIN_KINDS, *custom]
        ids = [k.value for k in kinds]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise InvalidInput(
                f"two kinds of mark share the id {duplicates[0]!r}",
                Problem.KIND_TAKEN,
                kind=duplicates[0],
            )
        reserved = sorted(RESERVED_IDS & set(ids))
        if reserved:
            raise InvalidInput(
                f"{reserved[0]!r} cannot name a kind of mark: it is reserved",
                Problem.KIND_RESERVED,
                kind=reserved[0],
            )
        self._by_id = {k.value: k for k in kinds}

    def __iter__(self) -> Iterator[MarkKind]:
        return iter(self._by_id.values())

    def __contains__(self, kind_id: object) -> bool:
        return kind_id in self._by_id

    @property
    def ids(self) -> list[str]:
        return list(self._by_id)

    def get(self, kind_id: str) -> MarkKind:
        """The kind with that id; raise InvalidInput naming the known ones."""
        kind = self._by_id.get(kind_id)
        if kind is None:
            known = ", ".join(self._by_id)
            raise InvalidInput(
                f"unknown kind of mark {kind_id[:50]!r}; known: {known}",
                Problem.KIND_UNKNOWN,
                kind=kind_id[:50],
            )
        return kind

    def describe(self, kind_id: str) -> MarkKind:
        """Words for any id, even one no longer configured (it may come from old data)."""
        return self._by_id.get(kind_id) or MarkKind(kind_id, kind_id.replace("-", " "))

    def full_counts(self, counts: Mapping[str, int]) -> dict[str, int]:
        """Every configured kind (0 where absent), then any other id present, sorted."""
        result = {kind_id: counts.get(kind_id, 0) for kind_id in self._by_id}
        result.update({k: counts[k] for k in sorted(counts) if k not in result})
        return result


def with_builtins(counts: Mapping[str, int]) -> dict[str, int]:
    """phone and app always present (0 where absent), then the other ids, sorted."""
    return MarkKinds().full_counts(counts)
