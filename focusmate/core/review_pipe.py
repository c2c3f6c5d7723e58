"""The lines between the app and its weekly review, which runs as a process of its own.

The review reads five years of history and draws tables and a chart; in the tray app's own
process, what that touched stayed in its memory after the window closed (+15-17% of idle,
issue 18). So the app starts the review as a child process (ui.review_process) that reads
the data folder itself (a reader always sees a whole file) and ends when the window closes.
Everything that writes or that a running session must hold back stays in the app: the child
asks for it on this pipe.

One JSON object per line, UTF-8, each with ``"do"``:

App → review (the child's standard input):

- ``{"do": "scheduled", "one_on_ones": [...]}`` the calendar's matched one-on-ones (each as
  ``UpcomingOneOnOne.as_json``), first of all and again whenever they change;
- ``{"do": "refresh"}`` the sessions or settings changed: read them again;
- ``{"do": "show"}`` the manager asked for the review again: bring it forward.

The end of the input (the app quit) closes the review.

Review → app (the child's standard output):

- ``{"do": "shown"}`` the window was painted for the first time;
- ``{"do": "week", "week": "2026-W47"}`` the week now shown (the next review opens on it);
- ``{"do": "reflection", "session": ID}`` / ``{"do": "pulse", "session": ID}`` open that
  session's reflection / the salesperson's answers (the app writes them);
- ``{"do": "notice", "text": TEXT}`` tell the manager this (an export failed, the data could
  not be read): the app's notices wait for the end of a session (ARCHITECTURE invariant 5).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from focusmate.core.errors import InvalidData
from focusmate.core.one_on_ones import UpcomingOneOnOne
from focusmate.core.records import expect_string, parse_instant
from focusmate.core.weekly import IsoWeek

Line = dict[str, Any]
#: What each side may send; anything else is refused by :func:`read_line`.
TO_REVIEW = frozenset({"scheduled", "refresh", "show"})
FROM_REVIEW = frozenset({"shown", "week", "reflection", "pulse", "notice"})
#: The review's process: this module, or in a frozen (PyInstaller) build FROZEN_ARGUMENT
#: (desktop.python_child, packaging/bundle_entry.py).
REVIEW_MODULE = "focusmate.root.review_main"
FROZEN_ARGUMENT = "--review-process"
#: The longest line either side reads: a calendar's years of one-on-ones fit many times over.
MAX_LINE_BYTES = 8 * 1024 * 1024


def line_bytes(line: Line) -> bytes:
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def read_line(data: bytes, allowed: frozenset[str]) -> Line:
    """One received line as an object whose ``do`` is one of ``allowed``, else InvalidData."""
    if len(data) > MAX_LINE_BYTES:
        raise InvalidData(f"a line of {len(data)} bytes (at most {MAX_LINE_BYTES})")
    try:
        line = json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise InvalidData(f"not a JSON line: {data[:60]!r}") from None
    if not isinstance(line, dict) or line.get("do") not in allowed:
        raise InvalidData(f"not a line this side reads: {data[:60]!r}")
    return line


def scheduled_line(one_on_ones: Iterable[UpcomingOneOnOne]) -> Line:
    return {"do": "scheduled", "one_on_ones": [one.as_json() for one in one_on_ones]}


def scheduled_of(line: Line) -> list[UpcomingOneOnOne]:
    """The one-on-ones a ``scheduled`` line carries; InvalidData if one is malformed."""
    items = line.get("one_on_ones")
    if not isinstance(items, list):
        raise InvalidData("'one_on_ones' is not a list")
    return [_one_on_one(item, f"one-on-one {n}") for n, item in enumerate(items)]


def _one_on_one(item: object, where: str) -> UpcomingOneOnOne:
    if not isinstance(item, dict):
        raise InvalidData(f"{where} is not an object")
    return UpcomingOneOnOne(
        with_name=expect_string(item.get("with"), f"{where}'s 'with'"),
        starts_at=parse_instant(item.get("starts_at"), f"{where}'s start"),
        ends_at=parse_instant(item.get("ends_at"), f"{where}'s end"),
        source=expect_string(item.get("source"), f"{where}'s source"),
        uid=expect_string(item.get("uid"), f"{where}'s uid"),
    )


def review_arguments(data_dir: str, week: IsoWeek | None) -> list[str]:
    """The review's process's own arguments (root.review_main reads them): the data folder,
    and the week to open on (None: this week)."""
    return ["--data-dir", data_dir, *(["--week", str(week)] if week else [])]


def week_line(week: IsoWeek) -> Line:
    return {"do": "week", "week": str(week)}


def week_of(line: Line) -> IsoWeek:
    return IsoWeek.parse(expect_string(line.get("week"), "the week"))


def session_line(do: str, session_id: str) -> Line:
    """``reflection`` or ``pulse`` for this session."""
    return {"do": do, "session": session_id}


def session_of(line: Line) -> str:
    return expect_string(line.get("session"), "the session")


def notice_line(text: str) -> Line:
    return {"do": "notice", "text": text}


def notice_of(line: Line) -> str:
    return expect_string(line.get("text"), "the notice")
