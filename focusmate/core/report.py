"""The weekly report as a JSON-ready document and as plain text (for `focusmate report`)."""

from __future__ import annotations

from typing import Any

from focusmate.core.marks import with_builtins
from focusmate.core.records import format_instant
from focusmate.core.scoring import presence_score
from focusmate.core.weekly import WeekStats, session_minutes


def _marks(counts: dict[str, int]) -> dict[str, int]:
    return with_builtins(counts)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def report_document(stats: WeekStats) -> dict[str, Any]:
    """Aggregates for one ISO week; minutes rounded to 0.1, presence scores (1-5) to 0.01."""
    return {
        "week": str(stats.week),
        "days": [
            {
                "date": day.day.isoformat(),
                "sessions": day.sessions,
                "minutes": round(day.minutes, 1),
                "marks": _marks(day.marks),
                "average_score": _round(day.average_score),
            }
            for day in stats.days
        ],
        "totals": {
            "sessions": len(stats.sessions),
            "minutes": round(stats.total_minutes, 1),
            "marks": _marks(stats.total_marks),
            "average_score": _round(stats.average_score),
        },
        "sessions": [
            {
                "id": s.id,
                "with": s.with_name,
                "started_at": format_instant(s.started_at),
                "ended_at": None if s.ended_at is None else format_instant(s.ended_at),
                "minutes": round(session_minutes(s, s.ended_at or s.started_at), 1),
                "marks": _marks(s.mark_counts()),
                "score": _round(presence_score(s)),
                "slept_s": s.slept_s,
            }
            for s in stats.sessions
        ],
    }


def report_text(stats: WeekStats) -> str:
    first, last = stats.week.days[0], stats.week.days[-1]
    lines = [
        f"Week {stats.week.week}, {stats.week.year} ({first:%d %b} – {last:%d %b})",
        f"{'Day':<11}{'Sessions':>9}{'Minutes':>9}{'Phone':>7}{'App':>5}{'Other':>7}{'Score':>7}",
    ]
    for day in stats.days:
        lines.append(
            f"{day.day:%a %d %b}  {day.sessions:>9}{day.minutes:>9.0f}"
            f"{_columns(day.marks)}{_score_text(day.average_score):>7}"
        )
    marks = stats.total_marks
    lines.append(
        f"{'Total':<11}{len(stats.sessions):>9}{stats.total_minutes:>9.0f}"
        f"{_columns(marks)}{_score_text(stats.average_score):>7}"
    )
    if not stats.sessions:
        lines.append("No coaching sessions this week.")
    return "\n".join(lines)


def _columns(marks: dict[str, int]) -> str:
    """Phone, app and all other kinds together, right-aligned under their headers."""
    full = with_builtins(marks)
    other = sum(n for kind, n in full.items() if kind not in {"phone", "app"})
    return f"{full['phone']:>7}{full['app']:>5}{other:>7}"


def _score_text(score: float | None) -> str:
    return "-" if score is None else f"{score:.1f}"
