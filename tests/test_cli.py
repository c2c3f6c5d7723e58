"""The command line, in-process: usage errors, exit codes, and the offline commands."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from focusmate.cli.main import main
from focusmate.core.model import CoachingSession, Mark
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.storage.transfer import export_json
from tests.fakes import T0


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as leaving:  # argparse leaves through SystemExit
        code = int(leaving.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["start", "--with", "Ana", "--minutes", "abc"], "whole number"),
        (["start", "--with", "Ana", "--minutes", "0"], "between 1 and 240"),
        (["start", "--with", "Ana", "--minutes", "-5"], "between 1 and 240"),
        (["start", "--with", "Ana", "--minutes", "99999"], "between 1 and 240"),
        (["log", "nap"], "unknown kind of mark"),
        (["start", "--with", "Ana", "--kind", "party"], "known: coaching, client"),
        (["start"], "--with"),
        (["report", "--week", "2026-48"], "YYYY-Www"),
        (["export", "--format", "xml"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], needle: str
) -> None:
    code, out, err = run(capsys, "--data-dir", str(tmp_path), *argv)
    assert code == 2 and out == ""
    assert needle in err and err.count("\n") == 1 and err.startswith("focusmate: ")


@pytest.mark.parametrize(
    "argv",
    [
        ["status"],
        ["log", "phone"],
        ["end"],
        ["start", "--with", "Ana"],
        ["start", "--with", "Acme", "--kind", "client"],
    ],
)
def test_commands_for_the_app_exit_3_when_none_runs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]
) -> None:
    code, _, err = run(capsys, "--data-dir", str(tmp_path), *argv)
    assert code == 3 and "not running" in err


def saved(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    session = CoachingSession(
        "id1", "Ana", T0, 30, ended_at=T0 + timedelta(minutes=25), marks=(Mark("phone", T0),)
    )
    TinyDBSessionRepository(data).save(session)
    return data


def test_report_json_without_an_app(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = saved(tmp_path)
    code, out, _ = run(capsys, "--data-dir", str(data), "report", "--week", "2026-W48", "--json")
    report = json.loads(out)
    assert code == 0 and report["totals"]["minutes"] == 25.0
    assert report["totals"]["marks"] == {"phone": 1, "app": 0}


def test_export_then_import_elsewhere_is_idempotent(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = saved(tmp_path)
    out_file = tmp_path / "export.json"
    assert (
        run(
            capsys, "--data-dir", str(data), "export", "--format", "json", "--output", str(out_file)
        )[0]
        == 0
    )
    other = tmp_path / "other"
    code, out, _ = run(capsys, "--data-dir", str(other), "import", str(out_file))
    assert code == 0 and "1 added" in out
    code, out, _ = run(capsys, "--data-dir", str(other), "import", str(out_file))
    assert code == 0 and "0 added, 0 updated, 1 unchanged" in out
    assert (
        TinyDBSessionRepository(other).all_sessions()
        == TinyDBSessionRepository(data).all_sessions()
    )


def test_a_bad_import_exits_5_and_keeps_the_data(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = saved(tmp_path)
    before = (data / "focusmate.json").read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text(export_json(TinyDBSessionRepository(data).all_sessions())[:-30])
    code, _, err = run(capsys, "--data-dir", str(data), "import", str(bad))
    assert code == 5 and "nothing was imported" in err
    assert (data / "focusmate.json").read_bytes() == before


def test_a_malformed_kind_of_session_in_a_file_exits_5_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = saved(tmp_path)
    before = (data / "focusmate.json").read_bytes()
    document = json.loads(export_json(TinyDBSessionRepository(data).all_sessions()))
    document["sessions"][0] |= {"id": "other", "kind": "Party!"}
    bad = tmp_path / "party.json"
    bad.write_text(json.dumps(document))
    code, out, err = run(capsys, "--data-dir", str(data), "import", str(bad))
    assert (code, out) == (5, "") and err.count("\n") == 1
    assert "sessions[0].kind: 'Party!' is not a kind of session" in err
    assert (data / "focusmate.json").read_bytes() == before


def test_an_unwritable_data_dir_is_a_clear_failure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = saved(tmp_path)
    export_file = tmp_path / "e.json"
    run(
        capsys,
        "--data-dir",
        str(source),
        "export",
        "--format",
        "json",
        "--output",
        str(export_file),
    )
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    code, _, err = run(capsys, "--data-dir", str(blocker / "data"), "import", str(export_file))
    assert code == 1 and "cannot use the data folder" in err


def test_report_for_a_missing_data_dir_is_an_empty_week(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "new"), "report", "--json")
    assert code == 0 and json.loads(out)["totals"]["sessions"] == 0


def test_the_app_refuses_an_unusable_data_dir(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    code, _, err = run(capsys, "--data-dir", str(blocker / "data"))
    assert code == 1 and "cannot use the data folder" in err


def test_a_custom_kind_is_accepted_once_configured(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from focusmate.core.marks import MarkKind  # noqa: PLC0415
    from focusmate.core.settings import Settings  # noqa: PLC0415
    from focusmate.storage.settings_store import save_settings  # noqa: PLC0415

    save_settings(tmp_path, Settings(custom_kinds=(MarkKind.custom("Mind wandered"),)))
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "log", "mind-wandered")
    assert code == 3 and "not running" in err  # valid kind: it got as far as the app


def test_report_json_has_people_insights_and_deltas(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = saved(tmp_path)
    code, out, _ = run(capsys, "--data-dir", str(data), "report", "--week", "2026-W48", "--json")
    report = json.loads(out)
    assert code == 0
    assert report["people"][0]["with"] == "Ana" and len(report["people"][0]["trend"]) == 8
    assert report["deltas"] == {"minutes": 25.0, "average_score": None}
    assert report["previous_week"]["sessions"] == 0 and report["insights"] == []


def test_report_csv_has_a_row_per_day(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = saved(tmp_path)
    code, out, _ = run(capsys, "--data-dir", str(data), "report", "--week", "2026-W48", "--csv")
    rows = out.splitlines()
    assert code == 0 and len(rows) == 8
    assert rows[0] == "date,sessions,minutes,phone_marks,app_marks,average_presence"
    assert rows[1] == "2026-11-23,1,25.0,1,0,"


def test_export_ics(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = saved(tmp_path)
    code, out, _ = run(capsys, "--data-dir", str(data), "export", "--format", "ics")
    assert code == 0 and out.startswith("BEGIN:VCALENDAR\r\n") and "UID:id1@focusmate" in out
