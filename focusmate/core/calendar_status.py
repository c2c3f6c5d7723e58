"""How each calendar source is doing, as values: the line the Calendars tab and
``focusmate calendar status`` show, and the ``--json`` document (issue 15, deliverable 5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from focusmate.core.calendar_sources import CalendarKind
from focusmate.core.records import format_instant

#: SourceStatus.problem of a source not checked yet (added, or the app just started).
PENDING_PROBLEM = "pending"


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """The outcome of a source's latest refresh.

    ``ok`` is False when the latest attempt failed; the events then come from the last good
    copy (fetched at ``fetched_at``, None if there never was one). ``line`` is one line in
    English saying what happened ("412 events", "the server refused the user name or
    password (401)"); ``problem`` is a short stable id for that outcome ("", "auth",
    "unreachable", "too-large", "malformed", "insecure", "http-status", "no-password",
    "not-found", "too-many-events") for the UI to word in the user's language."""

    name: str
    kind: CalendarKind
    ok: bool
    line: str
    problem: str = ""
    checked_at: datetime | None = None
    fetched_at: datetime | None = None
    events: int = 0
    skipped: int = 0
    unknown_time_zones: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind.value,
            "ok": self.ok,
            "line": self.line,
            "problem": self.problem or None,
            "checked_at": _instant(self.checked_at),
            "fetched_at": _instant(self.fetched_at),
            "events": self.events,
            "skipped": self.skipped,
            "unknown_time_zones": list(self.unknown_time_zones),
        }


def _instant(value: datetime | None) -> str | None:
    return None if value is None else format_instant(value)
