"""The review's exports (ui.export_flow): the question where, the write, a failure told once; the
export kinds (services.exports.ExportKind) name their files."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusmate.core.weekly import IsoWeek
from focusmate.services.controller import SessionController
from focusmate.services.exports import ExportKind
from focusmate.services.review_data import ReviewData
from focusmate.ui.export_flow import ExportFlow
from tests.fakes import FakeClock

W48 = IsoWeek(2026, 48)


class SavePath:
    """A fake of the save dialog: answers ``answer`` and remembers what it was asked."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str]] = []

    def __call__(self, title: str, suggested_name: str) -> str | None:
        self.asked.append((title, suggested_name))
        return None if self.answer is None else str(self.answer)


def read_back(tmp_path: Path, clock: FakeClock) -> ReviewData:
    """What the review's process reads of the controller's data folder (its exports' data)."""
    return ReviewData(tmp_path / "data", clock)


@pytest.mark.parametrize(
    ("kind", "title", "name"),
    [
        (ExportKind.PNG, "Export (PNG)", "focusmate-2026-W48.png"),
        (ExportKind.WEEK_CSV, "Export (CSV)", "focusmate-2026-W48.csv"),
        (ExportKind.WEEK_JSON, "Export (JSON)", "focusmate-2026-W48.json"),
        (ExportKind.ICS, "Export (ICS)", "focusmate-sessions.ics"),
    ],
)
def test_each_kind_asks_with_its_format_and_name(
    controller: SessionController,
    kind: ExportKind,
    title: str,
    name: str,
    *,
    tmp_path: Path,
    clock: FakeClock,
) -> None:
    ask = SavePath(None)  # the user cancels
    notices: list[str] = []
    data = read_back(tmp_path, clock)
    ExportFlow(data.week_review, data.all_sessions, notices.append, ask).export(kind, W48)
    assert ask.asked == [(title, name)] and notices == []


def test_the_chosen_file_is_written(
    controller: SessionController, clock: FakeClock, tmp_path: Path
) -> None:
    controller.start("Ana", 30)
    clock.advance(minutes=30)
    controller.end()
    target = tmp_path / "sessions.ics"
    notices: list[str] = []
    data = read_back(tmp_path, clock)
    ExportFlow(data.week_review, data.all_sessions, notices.append, SavePath(target)).export(
        ExportKind.ICS, W48
    )
    assert "SUMMARY:One-on-one with Ana" in target.read_text() and notices == []


def test_a_failed_write_is_told_as_a_notice_and_leaves_no_file(
    controller: SessionController, tmp_path: Path, clock: FakeClock
) -> None:
    target = tmp_path / "no such folder" / "week.csv"
    notices: list[str] = []
    data = read_back(tmp_path, clock)
    ExportFlow(data.week_review, data.all_sessions, notices.append, SavePath(target)).export(
        ExportKind.WEEK_CSV, W48
    )
    assert len(notices) == 1 and notices[0].startswith("The export failed: ")
    assert not target.parent.exists()
