"""Short user-facing descriptions of the session state, shared by tray, windows and CLI.

They go through ``translate``, so the windows and the tray speak the user's language; the
CLI installs no translator, so `focusmate status` stays English. ``counts_text`` is the
exception: it is English on purpose, for exports (the calendar file) and reports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from focusmate.core.marks import MarkKinds
from focusmate.core.session_time import Timing, format_clock, glance_minutes
from focusmate.core.text import plural, translate

if TYPE_CHECKING:  # `focusmate status` words a document, without the session model
    from focusmate.core.model import CoachingSession


def time_text(timing: Timing) -> str:
    clock = format_clock(timing.remaining_s)
    if timing.overtime:
        return translate("Status", "overtime +{clock}").format(clock=clock)
    return translate("Status", "{clock} left").format(clock=clock)


def time_glance(timing: Timing) -> str:
    """The time in whole minutes, for what is glanced at (the tray's tooltip and menu):
    "12 min left", "overtime +3 min" (session_time.glance_minutes). It changes once a minute,
    so the app needs no tick in between (issue 18); the session window shows the clock to the
    second."""
    if timing.overtime:
        return translate("Status", "overtime +{n} min").format(n=glance_minutes(timing))
    return translate("Status", "{n} min left").format(n=glance_minutes(timing))


def time_spoken(timing: Timing) -> str:
    """The time as a screen reader should say it, in whole minutes ("Time left: 12 minutes").

    Time left is rounded up (0:30 left is "1 minute", never "0 minutes" while time remains);
    overtime is rounded down, since "+0:30" is not yet a minute over.
    """
    if timing.overtime:
        over = -timing.remaining_s // 60
        if over == 0:
            return translate("Status", "Overtime: less than a minute")
        return plural(
            over,
            translate("Status", "Overtime: {n} minute"),
            translate("Status", "Overtime: {n} minutes"),
        )
    left = -(-timing.remaining_s // 60)
    return plural(
        left,
        translate("Status", "Time left: {n} minute"),
        translate("Status", "Time left: {n} minutes"),
    )


def marks_text(session: CoachingSession, kinds: MarkKinds | None = None) -> str:
    """'2 phone checks, 0 app switches' in the user's language (windows and the tray)."""
    return shown_counts_text(session.mark_counts(), kinds or MarkKinds())


def shown_counts_text(counts: dict[str, int], kinds: MarkKinds) -> str:
    """Every configured kind with its count, built-in kinds in the user's language."""
    full = kinds.full_counts(counts)
    return ", ".join(kinds.describe(kind_id).shown_counted(n) for kind_id, n in full.items())


def counts_text(counts: dict[str, int], kinds: MarkKinds) -> str:
    """'2 phone checks, 0 app switches, 1 × mind wandered' (every configured kind), always
    in English: for exports and reports (windows use ``shown_counts_text``)."""
    full = kinds.full_counts(counts)
    return ", ".join(kinds.describe(kind_id).counted(n) for kind_id, n in full.items())


def status_line(
    session: CoachingSession | None, timing: Timing | None, kinds: MarkKinds | None = None
) -> str:
    if session is None or timing is None:
        return translate("Status", "Idle: no coaching session running")
    return translate("Status", "Coaching {name}: {time}; {marks}").format(
        name=session.with_name, time=time_glance(timing), marks=marks_text(session, kinds)
    )


def status_text(status: dict[str, Any]) -> str:
    """The human form of a `status --json` document (what `focusmate status` prints)."""
    session = status.get("session")
    if not session:
        # Sync (issue 19): what runs on the user's other computers, e.g. "in session on
        # Work laptop with Jordan".
        return "; ".join((status_line(None, None), *status.get("elsewhere", ())))
    timing = Timing(elapsed_s=int(session["elapsed_s"]), remaining_s=int(session["remaining_s"]))
    counts = {str(kind): int(n) for kind, n in session["marks"].items()}
    return f"Coaching {session['with']}: {time_text(timing)}; {counts_text(counts, MarkKinds())}"
