"""Short user-facing descriptions of the session state, shared by tray, windows and CLI."""

from __future__ import annotations

from typing import Any

from focusmate.core.marks import MarkKinds
from focusmate.core.model import CoachingSession
from focusmate.core.session import Timing, format_clock


def time_text(timing: Timing) -> str:
    if timing.overtime:
        return f"overtime +{format_clock(timing.remaining_s)}"
    return f"{format_clock(timing.remaining_s)} left"


def marks_text(session: CoachingSession, kinds: MarkKinds | None = None) -> str:
    return counts_text(session.mark_counts(), kinds or MarkKinds())


def counts_text(counts: dict[str, int], kinds: MarkKinds) -> str:
    """'2 phone checks, 0 app switches, 1 × mind wandered' (every configured kind)."""
    full = kinds.full_counts(counts)
    return ", ".join(kinds.describe(kind_id).counted(n) for kind_id, n in full.items())


def status_line(
    session: CoachingSession | None, timing: Timing | None, kinds: MarkKinds | None = None
) -> str:
    if session is None or timing is None:
        return "Idle: no coaching session running"
    return f"Coaching {session.with_name}: {time_text(timing)}; {marks_text(session, kinds)}"


def status_text(status: dict[str, Any]) -> str:
    """The human form of a `status --json` document (what `focusmate status` prints)."""
    session = status.get("session")
    if not session:
        return status_line(None, None)
    timing = Timing(elapsed_s=int(session["elapsed_s"]), remaining_s=int(session["remaining_s"]))
    counts = {str(kind): int(n) for kind, n in session["marks"].items()}
    return f"Coaching {session['with']}: {time_text(timing)}; {counts_text(counts, MarkKinds())}"
