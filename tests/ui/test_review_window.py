"""The weekly review: deltas, insights, people least-present first, exports by button."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from focusmate.controller import SessionController
from focusmate.core.model import CommitmentOutcome, Question, Reflection
from focusmate.shell import Shell
from focusmate.ui.actions import AppActions
from focusmate.ui.review_window import ReviewWindow, sparkline
from tests.fakes import FakeClock


class SavePaths:
    """A FAKE save dialog: answers with a file in the test's folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.asked: list[str] = []

    def __call__(self, _title: str, suggested: str) -> str | None:
        self.asked.append(suggested)
        return str(self.folder / suggested)


@pytest.fixture
def paths(tmp_path: Path) -> SavePaths:
    return SavePaths(tmp_path)


@pytest.fixture
def shell(controller: SessionController, actions: AppActions, paths: SavePaths) -> Iterator[Shell]:
    shell = Shell(controller, actions, use_tray=False, confirm=lambda _q: True, ask_path=paths)
    yield shell
    shell.close_all()


def a_session(controller: SessionController, clock: FakeClock, name: str, rating: int, *,
              phone: int = 0, outcome: CommitmentOutcome | None = None) -> None:  # fmt: skip
    controller.start(name, 30)
    for _ in range(phone):
        controller.mark("phone")
    clock.advance(minutes=30)
    session = controller.end()
    controller.save_reflection(session.id, Reflection(dict.fromkeys(Question, rating),
                                                      empathy=rating, complete=True,
                                                      commitment_outcome=outcome))  # fmt: skip
    clock.advance(hours=2)


def test_people_insights_and_deltas(
    shell: Shell, controller: SessionController, clock: FakeClock, actions: AppActions
) -> None:
    clock.current -= timedelta(weeks=1)
    a_session(controller, clock, "Ana", 2)
    a_session(controller, clock, "Ben", 2)
    clock.current += timedelta(weeks=1) - timedelta(hours=4)
    a_session(controller, clock, "Ana", 5, outcome=CommitmentOutcome.KEPT)
    a_session(controller, clock, "Ben", 3, phone=2, outcome=CommitmentOutcome.NOT_KEPT)
    actions.review.trigger()
    review = shell.review_window
    assert isinstance(review, ReviewWindow)
    assert "vs last week: +0 min, presence +" in review.summary.text()
    assert "You kept 1 of 2 commitments." in review.insights.text()
    assert review.people.rowCount() == 2
    assert review.people.item(0, 0).text() == "Ben"  # least presence first
    assert review.people.item(1, 4).text() == "1 of 1"
    assert len(review.people.item(0, 5).text()) == 8


def test_export_buttons_write_files(
    shell: Shell, controller: SessionController, clock: FakeClock, actions: AppActions,
    paths: SavePaths,
) -> None:  # fmt: skip
    a_session(controller, clock, "Ana", 4, phone=1)
    actions.review.trigger()
    review = shell.review_window
    assert isinstance(review, ReviewWindow)
    for kind in ("week-csv", "week-json", "ics", "png"):
        review.export_buttons[kind].click()
    assert paths.asked == ["focusmate-2026-W48.csv", "focusmate-2026-W48.json",
                           "focusmate-sessions.ics", "focusmate-2026-W48.png"]  # fmt: skip
    rows = list(csv.reader((paths.folder / "focusmate-2026-W48.csv").read_text().splitlines()))
    assert rows[1][:4] == ["2026-11-23", "1", "30.0", "1"]
    week = json.loads((paths.folder / "focusmate-2026-W48.json").read_text())
    assert week["totals"]["sessions"] == 1 and week["people"][0]["with"] == "Ana"
    assert "SUMMARY:One-on-one with Ana" in (paths.folder / "focusmate-sessions.ics").read_text()
    image = QImage(str(paths.folder / "focusmate-2026-W48.png"))
    assert (image.width(), image.height()) == (1200, 700)


def test_sparkline() -> None:
    assert sparkline((1.0, None, 5.0, 3.0)) == "▁·█▅"
