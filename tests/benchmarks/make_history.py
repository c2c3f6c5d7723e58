"""Writes a synthetic export file: five years of one-on-ones, two a weekday (~2,600 sessions,
~10,000 marks), with reflections, for benchmarks and for trying the review with data.

    .venv/bin/python tests/benchmarks/make_history.py history.json [--years 5] [--seed 1]
    focusmate --data-dir /tmp/fm-5y import history.json
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from focusmate.core.model import CoachingSession, Mark, Question, Reflection
from focusmate.core.records import export_document

PEOPLE = ("Jordan", "Sam", "Priya", "Alex", "Morgan", "Chen", "Dana", "Luis")


def history(years: int, seed: int, end: datetime) -> list[CoachingSession]:
    rng = random.Random(seed)
    sessions: list[CoachingSession] = []
    day = end - timedelta(days=365 * years)
    while day < end:
        for hour in (rng.choice((9, 10, 11)), rng.choice((14, 15, 16))) * (day.weekday() < 5):
            start = day.replace(hour=hour, minute=0)
            minutes = rng.randint(15, 55)
            marks = tuple(
                Mark(rng.choice(("phone", "phone", "app")), start + timedelta(minutes=m))
                for m in sorted(rng.sample(range(minutes), k=min(minutes, rng.randint(0, 8))))
            )
            answers = {q: rng.randint(1, 5) for q in Question}
            sessions.append(
                CoachingSession(
                    id=f"h{len(sessions):05d}",
                    with_name=rng.choice(PEOPLE),
                    started_at=start,
                    planned_minutes=30,
                    ended_at=start + timedelta(minutes=minutes),
                    marks=marks,
                    reflection=Reflection(
                        answers, "worried about the quarter", "listen longer", complete=True
                    ),
                )
            )
        day += timedelta(days=1)
    return sessions


def imported_history(work: Path, years: int = 5) -> Path:
    """A data folder in ``work`` holding ``years`` of history, imported by the installed
    `focusmate` as a user would (the export file is left next to it)."""
    source = work / "history.json"
    source.write_text(json.dumps(export_document(history(years, 1, datetime.now(UTC)))))
    folder = work / f"{years}-years"
    subprocess.run(
        [
            str(Path(sys.executable).with_name("focusmate")),
            "--data-dir",
            str(folder),
            "import",
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    now = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    sessions = history(args.years, args.seed, now)
    args.output.write_text(json.dumps(export_document(sessions)))
    marks = sum(len(s.marks) for s in sessions)
    print(f"wrote {args.output}: {len(sessions)} sessions, {marks} marks")


if __name__ == "__main__":
    main()
