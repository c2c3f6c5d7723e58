"""`focusmate pulse SESSION_ID|last --serve [--json]` (issue 16): the running app opens the
pulse page (the real PulseOffers behind the real SocketCommands, on loopback) and the command
prints where it listens once it does; the refusals are one line and the contract's exit code
(ARCHITECTURE invariant 11); without a running app, exit 3."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from focusmate.core.settings import Settings
from focusmate.services.controller import SessionController
from focusmate.services.pulse_offers import PulseOffers
from focusmate.services.socket_commands import SocketCommands
from tests.cli.app_socket import while_serving
from tests.cli.calendar_cli import any_command, one_line_error
from tests.desktop.browser import status_of
from tests.fakes import FakeClock
from tests.pulse_offer_rig import Switch, ended_session


@pytest.fixture
def commands(controller: SessionController, pulse_offers: PulseOffers) -> SocketCommands:
    """The app's socket commands with its pulse page (cli/conftest.py's ``app_data`` serves
    them)."""
    return SocketCommands(controller, lambda _window: None, pulse_offers=pulse_offers)


def test_json_prints_the_address_and_expiry_once_the_page_listens(
    qtbot: QtBot,
    app_data: Path,
    controller: SessionController,
    clock: FakeClock,
    pulse_offers: PulseOffers,
) -> None:
    ended_session(controller, clock)
    ran = while_serving(qtbot, lambda: any_command(app_data, "pulse", "last", "--serve", "--json"))
    assert (ran.returncode, ran.stderr) == (0, "")
    printed = json.loads(ran.stdout)
    assert set(printed) == {"url", "expires_at"} and ran.stdout.count("\n") == 1
    shown = pulse_offers.current
    assert shown is not None and printed["url"] == shown.url
    expires_at = datetime.fromisoformat(printed["expires_at"])
    assert expires_at.utcoffset() == timedelta(0)  # UTC
    assert expires_at == clock.now() + timedelta(minutes=10)
    assert status_of(printed["url"]) == 200  # listening when the command returned


def test_without_json_two_plain_lines(
    qtbot: QtBot, app_data: Path, controller: SessionController, clock: FakeClock
) -> None:
    session_id = ended_session(controller, clock)
    ran = while_serving(qtbot, lambda: any_command(app_data, "pulse", session_id, "--serve"))
    assert (ran.returncode, ran.stderr) == (0, "")
    url, line = ran.stdout.splitlines()
    assert url.startswith("http://127.0.0.1:") and "/p/" in url
    # calendar_cli runs the command in Berlin.
    expires = clock.now() + timedelta(minutes=10)
    local = expires.astimezone(ZoneInfo("Europe/Berlin")).strftime("%H:%M")
    assert line == (
        f"The QR code for Jordan is on screen in focusmate; the form takes an answer until {local}."
    )


def test_refusals_by_the_app_are_one_line_and_their_exit_code(
    qtbot: QtBot,
    app_data: Path,
    controller: SessionController,
    clock: FakeClock,
    pulse_switch: Switch,
) -> None:
    def serve(reference: str) -> subprocess.CompletedProcess[str]:
        return while_serving(
            qtbot, lambda: any_command(app_data, "pulse", reference, "--serve", "--json")
        )

    one_line_error(serve("last"), 2, "no session has ended yet")
    ended_session(controller, clock)
    one_line_error(serve("nope"), 2, "no session with the id 'nope'")
    running = controller.start("Ana", 30)
    one_line_error(serve(running.id), 4, "the session is still running")
    pulse_switch.settings = Settings(pulse_page_enabled=False)
    one_line_error(serve("last"), 4, "the pulse page is off; turn it on in the settings first")


def test_no_local_network_is_refused_with_exit_4(
    qtbot: QtBot,
    app_data: Path,
    controller: SessionController,
    clock: FakeClock,
    pulse_offers: PulseOffers,
) -> None:
    pulse_offers._address = lambda: None  # noqa: SLF001 - this fixture's machine is on no network
    ended_session(controller, clock)
    ran = while_serving(qtbot, lambda: any_command(app_data, "pulse", "last", "--serve"))
    one_line_error(ran, 4, "no local-network address a phone could reach")


def test_without_a_running_app_exit_3(tmp_path: Path) -> None:
    ran = any_command(tmp_path / "data", "pulse", "last", "--serve", "--json")
    one_line_error(ran, 3, "focusmate is not running")


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--serve", "--heard", "2"], "--serve lets the salesperson answer on their phone"),
        (["--serve", "--comment", "hi"], "it takes no answers"),
        (["--serve", "--message"], "it takes no answers"),
        (["--json"], "--json goes with --serve"),
        (["--json", "--heard", "2", "--concern", "no", "--attention", "3"], "--json goes with"),
    ],
)
def test_serve_with_answers_or_json_without_serve_is_a_usage_error(
    tmp_path: Path, argv: list[str], says: str
) -> None:
    one_line_error(any_command(tmp_path / "data", "pulse", "last", *argv), 2, says)
