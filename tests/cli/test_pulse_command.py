"""`focusmate pulse` (issue 16): the installed command records a typed pulse by the running
app over its socket, or alone under the data folder's lock (ARCHITECTURE invariant 1); bad
values are one line and exit 2 before anything is asked or written (invariant 11); --message
prints the questions to paste into a chat and changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from focusmate.cli.pulse_command import typed_pulse
from focusmate.core.errors import InvalidInput
from focusmate.core.model import CoachingSession
from focusmate.core.pulse import Concern, PulseVia, pulse_message
from focusmate.services.controller import SessionController
from focusmate.storage.repository import TinyDBSessionRepository
from tests.cli.app_socket import while_serving
from tests.cli.calendar_cli import any_command, one_line_error
from tests.fakes import T0, FakeClock

ANSWERS = ("--heard", "2", "--concern", "partly", "--attention", "3")
#: T0 (09:00 UTC) in Berlin, as calendar_cli runs the command.
RECORDED = "Recorded Jordan's answers for Mon 23 Nov 10:00.\n"


def saved(tmp_path: Path) -> Path:
    """A data folder with Jordan's ended session (s1) and Ana's running one (s2)."""
    data = tmp_path / "data"
    repository = TinyDBSessionRepository(data)
    repository.save(CoachingSession("s1", "Jordan", T0, 30, ended_at=T0 + timedelta(minutes=30)))
    repository.save(CoachingSession("s2", "Ana", T0 + timedelta(hours=1), 30))
    return data


def files(data: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data.iterdir()) if p.is_file()}


def test_alone_the_command_records_the_pulse_under_the_lock(tmp_path: Path) -> None:
    data = saved(tmp_path)
    before = datetime.now(UTC)
    ran = any_command(data, "pulse", "last", *ANSWERS, "--comment", "Less advice, please")
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, RECORDED, "")
    pulse = TinyDBSessionRepository(data, writable=False).get("s1")
    assert pulse is not None and pulse.rep_pulse is not None
    kept = pulse.rep_pulse
    assert (kept.heard, kept.concern, kept.attention) == (2, Concern.PARTLY, 3)
    assert (kept.comment, kept.via) == ("Less advice, please", PulseVia.TYPED)
    assert before <= kept.at <= datetime.now(UTC)
    exported = any_command(data, "export", "--format", "json")
    assert '"rep_pulse": {' in exported.stdout and '"via": "typed"' in exported.stdout


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["s1", "--heard", "6", "--concern", "no", "--attention", "3"], "heard must be"),
        (["s1", "--heard", "two", "--concern", "no", "--attention", "3"], "--heard must be"),
        (["s1", "--heard", "2", "--concern", "no", "--attention", "0"], "attention must be"),
        (["s1", "--heard", "2", "--concern", "maybe", "--attention", "3"], "invalid choice"),
        (["s1", "--heard", "2", "--concern", "no"], "give --heard, --concern and --attention"),
        (["s1", *ANSWERS, "--comment", "a\x1bb"], "control character"),
        (["s1", *ANSWERS, "--comment", "x" * 501], "at most 500"),
        (["s1", "--message", "--heard", "2"], "takes no answers"),
        (["gone", *ANSWERS], "no session with the id 'gone'"),
    ],
)
def test_bad_values_and_unknown_sessions_exit_2_and_change_nothing(
    tmp_path: Path, argv: list[str], says: str
) -> None:
    data = saved(tmp_path)
    before = files(data)
    one_line_error(any_command(data, "pulse", *argv), 2, says)
    assert files(data) == before


def test_a_running_session_exits_4(tmp_path: Path) -> None:
    data = saved(tmp_path)
    before = files(data)
    one_line_error(any_command(data, "pulse", "s2", *ANSWERS), 4, "the session is still running")
    assert files(data) == before


def test_message_prints_the_questions_and_changes_nothing(tmp_path: Path) -> None:
    data = saved(tmp_path)
    before = files(data)
    for reference in ("last", "s1"):
        ran = any_command(data, "pulse", reference, "--message")
        assert (ran.returncode, ran.stdout, ran.stderr) == (0, pulse_message("Jordan") + "\n", "")
    assert files(data) == before


def test_with_an_app_running_the_app_records_it(
    qtbot: QtBot, app_data: Path, controller: SessionController, clock: FakeClock
) -> None:
    session = controller.start("Jordan", 30)
    clock.advance(minutes=30)
    controller.end()
    running = controller.start("Ana", 30)
    ran = while_serving(qtbot, lambda: any_command(app_data, "pulse", "last", *ANSWERS))
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, RECORDED, "")
    kept = controller.session(session.id)
    assert kept is not None and kept.rep_pulse is not None and kept.rep_pulse.heard == 2
    refused = while_serving(qtbot, lambda: any_command(app_data, "pulse", running.id, *ANSWERS))
    one_line_error(refused, 4, "the session is still running")
    unknown = while_serving(qtbot, lambda: any_command(app_data, "pulse", "nope", *ANSWERS))
    one_line_error(unknown, 2, "no session with the id 'nope'")


@settings(deadline=None)
@given(
    heard=st.one_of(st.text(max_size=4), st.sampled_from(["3", " 4 ", "05", "+2", "0_2", "٣"])),
    attention=st.integers(-3, 9),
)
def test_any_typed_value_is_a_pulse_or_one_line_and_exit_2(heard: str, attention: int) -> None:
    try:
        pulse = typed_pulse(heard, "yes", str(attention), "")
    except InvalidInput as refused:
        assert "\n" not in str(refused) and refused.exit_code == 2
    else:
        assert 1 <= pulse.heard <= 5 and 1 <= pulse.attention <= 5
        assert heard.strip().isascii() and int(heard) == pulse.heard
        assert attention == pulse.attention
