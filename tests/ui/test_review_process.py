"""The weekly review's own process (ui.review_process, root.review_main), for real: a child
process of this one, reading the data folder, its window offscreen, its pipe both ways.

Where a test needs the child to say something a window cannot be made to say from here (a
reflection asked for, a line of garbage), a short script stands in for the child: a FAKE
review, named so; everything else here is the real one.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from focusmate.core.review_pipe import FROZEN_ARGUMENT, REVIEW_MODULE, review_arguments
from focusmate.core.weekly import IsoWeek
from focusmate.desktop.python_child import python_child
from focusmate.services.controller import SessionController
from focusmate.ui.review_process import ReviewProcess
from tests.child_processes import children_running
from tests.fakes import FakeClock
from tests.pulse_offer_rig import ended_session

#: The review's process as the app starts it (root.assembly).
REVIEW = python_child(REVIEW_MODULE, FROZEN_ARGUMENT)
#: A child's start, data read and first paint take ~0.5 s here; a loaded CI machine, more.
SHOWN_WITHIN_MS = 30_000


def scripted(lines: list[bytes], code: int = 0) -> list[str]:
    """A FAKE review: prints ``lines`` and exits with ``code``."""
    script = f"import sys; sys.stdout.buffer.write({b''.join(lines)!r}); sys.exit({code})"
    return [sys.executable, "-c", script]  # the review's arguments follow, unread


def test_the_review_is_a_process_of_its_own_and_ends_with_the_apps_input(
    qtbot: QtBot,
    controller: SessionController,
    clock: FakeClock,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    ended_session(controller, clock, "Ana")
    review = ReviewProcess(tmp_path / "data", REVIEW)
    with qtbot.waitSignal(review.shown, timeout=SHOWN_WITHIN_MS):
        review.open(None, [])
    children = children_running(os.getpid())
    assert len(children) == 1 and review.running
    # Asked again while it runs: brought forward, no second process.
    review.open(None, [])
    review.refresh()  # read and acted on without a word back
    qtbot.wait(300)
    assert children_running(os.getpid()) == children
    with qtbot.waitSignal(review.ended, timeout=10_000):
        review.close()  # as the app quits: its input ends, and it closes
    assert not review.running
    assert not Path(f"/proc/{children[0]}").exists() or children_running(os.getpid()) == []
    # It ended on its own, cleanly: no crash at its exit (a thread blocked on its input once
    # made the interpreter's exit abort).
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_a_folder_named_focusmate_where_the_app_started_is_not_imported(
    qtbot: QtBot,
    controller: SessionController,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ended_session(controller, clock, "Ana")
    elsewhere = tmp_path / "somewhere"
    (elsewhere / "focusmate").mkdir(parents=True)
    (elsewhere / "focusmate" / "__init__.py").write_text("raise SystemExit('the wrong focusmate')")
    monkeypatch.chdir(elsewhere)
    review = ReviewProcess(tmp_path / "data", REVIEW)
    with qtbot.waitSignal(review.shown, timeout=SHOWN_WITHIN_MS):
        review.open(None, [])
    with qtbot.waitSignal(review.ended, timeout=10_000):
        review.close()


def test_it_is_started_on_the_week_asked_for(tmp_path: Path) -> None:
    # -P: a folder named focusmate where the app was started is not imported instead.
    assert [sys.executable, "-P", "-m", "focusmate.root.review_main"] == REVIEW
    assert review_arguments(str(tmp_path), IsoWeek(2026, 47)) == [
        "--data-dir",
        str(tmp_path),
        "--week",
        "2026-W47",
    ]
    assert review_arguments(str(tmp_path), None) == ["--data-dir", str(tmp_path)]


def test_a_review_that_cannot_read_the_data_folder_says_why_once(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "focusmate.json").write_text('{"songs": {}}')  # not focusmate's
    review = ReviewProcess(data, REVIEW)
    told: list[str] = []
    review.notice_asked.connect(told.append)
    with qtbot.waitSignal(review.ended, timeout=SHOWN_WITHIN_MS):
        review.open(None, [])
    assert len(told) == 1 and "is not a focusmate data file" in told[0], told
    assert (data / "focusmate.json").read_text() == '{"songs": {}}'  # left as it was


def test_what_the_review_asks_reaches_the_app(qtbot: QtBot, tmp_path: Path) -> None:
    lines = [
        b'{"do":"shown"}\n',
        b'{"do":"week","week":"2026-W45"}\n',
        b"not json at all\n",  # logged and passed over
        b'{"do":"reflection","session":"s1"}\n',
        b'{"do":"pulse","session":"s2"}\n',
        b'{"do":"notice","text":"The export failed: disk full."}\n',
        b'{"do":"format-disk"}\n',  # not a line the app reads
    ]
    review = ReviewProcess(tmp_path, scripted(lines))
    heard: list[object] = []
    review.shown.connect(lambda: heard.append("shown"))
    review.week_shown.connect(heard.append)
    review.reflection_asked.connect(lambda sid: heard.append(("reflection", sid)))
    review.pulse_asked.connect(lambda sid: heard.append(("pulse", sid)))
    review.notice_asked.connect(lambda text: heard.append(("notice", text)))
    with qtbot.waitSignal(review.ended, timeout=SHOWN_WITHIN_MS):
        review.open(None, [])
    assert heard == [
        "shown",
        IsoWeek(2026, 45),
        ("reflection", "s1"),
        ("pulse", "s2"),
        ("notice", "The export failed: disk full."),
    ]


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["/nonexistent/focusmate-review"], id="cannot-start"),
        pytest.param(scripted([], code=3), id="ends-before-its-window"),
    ],
)
def test_a_review_that_fails_before_its_window_is_told_as_a_notice(
    qtbot: QtBot, tmp_path: Path, command: list[str]
) -> None:
    review = ReviewProcess(tmp_path, command)
    told: list[str] = []
    review.notice_asked.connect(told.append)
    with qtbot.waitSignal(review.ended, timeout=SHOWN_WITHIN_MS):
        review.open(None, [])
    assert told == ["The weekly review could not open (see the log)."]
    assert not review.running
    # And it can be opened again.
    with qtbot.waitSignal(review.ended, timeout=SHOWN_WITHIN_MS):
        review.open(None, [])
    assert len(told) == 2


def test_the_apps_lines_are_put_together_from_the_reads_of_its_pipe() -> None:
    from focusmate.root.review_main import READ_BYTES, _lines_of  # noqa: PLC0415 - the reader

    read_end, write_end = os.pipe()
    long_line = b'{"do":"refresh","pad":"' + b"x" * (READ_BYTES * 2) + b'"}\n'

    def write() -> None:  # from a thread: the long line is more than the pipe holds
        for part in (b'{"do":"sh', b'ow"}\n' + long_line, b'{"do":"show"}'):  # the last never ends
            os.write(write_end, part)
            time.sleep(0.05)  # each part a read of its own
        os.close(write_end)

    writer = threading.Thread(target=write)
    writer.start()
    assert list(_lines_of(read_end)) == [b'{"do":"show"}\n', long_line]
    writer.join()
    os.close(read_end)
