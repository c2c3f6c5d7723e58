"""The user's kinds of session at the doors: `start --kind` checks the settings' kinds even
without an app (usage error, exit 2, naming the known ones), the socket's start takes an
added kind and refuses a removed one, `status --json` gives its id, an import keeps a kind
these settings never knew, and `report --json` lists every kind present."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from focusmate.core.errors import ExitCode, InvalidInput
from focusmate.core.model import CoachingSession
from focusmate.core.session_kind import SessionKind, SessionKinds
from focusmate.core.settings import Settings
from focusmate.services.controller import SessionController
from focusmate.services.settings import SettingsService
from focusmate.services.socket_commands import SocketCommands
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.storage.settings_store import save_settings
from focusmate.storage.transfer import export_json
from tests.fakes import T0
from tests.test_cli import run

KINDS = SessionKinds().with_added("Team meeting").with_added("Interview").with_removed("interview")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    save_settings(folder, Settings(added_session_kinds=KINDS.added))
    return folder


def test_an_added_kind_passes_the_check_and_then_needs_the_app(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    code, _, err = run(
        capsys, "--data-dir", str(data), "start", "--with", "Ana", "--kind", "team-meeting"
    )
    assert code == ExitCode.NO_INSTANCE and "kind" not in err


@pytest.mark.parametrize("kind", ["party", "interview"])  # never known; removed
def test_an_unknown_or_removed_kind_is_a_usage_error_naming_the_known_ones(
    capsys: pytest.CaptureFixture[str], data: Path, kind: str
) -> None:
    code, out, err = run(capsys, "--data-dir", str(data), "start", "--with", "Ana", "--kind", kind)
    assert (code, out) == (ExitCode.USAGE, "") and err.count("\n") == 1
    assert f"unknown kind of session '{kind}'; known: coaching, client, team-meeting" in err


def test_the_socket_starts_an_added_kind_and_refuses_a_removed_one(
    make_controller: Callable[..., SessionController],
) -> None:
    controller = make_controller(session_kinds=KINDS)
    commands = SocketCommands(controller, lambda _window: None)
    start = {"cmd": "start", "with": "Ana", "minutes": 30, "focus": ""}
    with pytest.raises(InvalidInput, match="unknown kind of session 'interview'") as refused:
        commands.handle(start | {"kind": "interview"})
    assert refused.value.exit_code is ExitCode.USAGE and controller.current is None
    commands.handle(start | {"kind": "team-meeting"})
    status = commands.handle({"cmd": "status"})["result"]
    assert status["session"]["kind"] == "team-meeting"


def test_an_import_keeps_an_unknown_kind_and_the_report_lists_every_kind(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    sessions = [
        CoachingSession(
            f"id{n}",
            "Ana",
            T0 + timedelta(hours=n),
            30,
            ended_at=T0 + timedelta(hours=n, minutes=30),
            kind=kind,
        )
        for n, kind in enumerate(("coaching", "board-review", "team-meeting"))
    ]
    file = tmp_path / "in.json"
    file.write_text(export_json(sessions))
    code, _, err = run(capsys, "--data-dir", str(data), "import", str(file))
    assert code == 0, err
    kept = TinyDBSessionRepository(data).get("id1")
    assert kept is not None and kept.kind == "board-review"
    code, out, _ = run(capsys, "--data-dir", str(data), "report", "--week", "2026-W48", "--json")
    by_kind = json.loads(out)["by_kind"]
    assert list(by_kind) == ["coaching", "client", "board-review", "team-meeting"]
    assert by_kind["board-review"]["sessions"] == by_kind["team-meeting"]["sessions"] == 1
    assert by_kind["client"]["sessions"] == 0


def test_settings_with_two_kinds_of_one_id_are_refused_and_not_saved(tmp_path: Path) -> None:
    service = SettingsService(tmp_path / "settings", Settings())
    clash = Settings(added_session_kinds=(SessionKind("client", "Clients"),))
    with pytest.raises(InvalidInput, match="two kinds of session share the id 'client'"):
        service.apply(clash)
    assert service.current == Settings() and not (tmp_path / "settings").exists()
