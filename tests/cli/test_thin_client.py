"""The socket commands are a thin client (issue 18, deliverable 4; ARCHITECTURE invariant
13): the installed `focusmate start`, `log phone`, `undo`, `status`, `status --json` and
`end`, each in a process of its own against the app's real socket commands, answer as before
and load none of PySide6, TinyDB, pynput, jeepney or icalendar. What a process loaded is read
from its own -X importtime report (PYTHONPROFILEIMPORTTIME), which names every module it
imports, lazily imported ones too. The forms typed most are read without argparse
(cli.hot_argv), each as argparse reads it; the rest are left to argparse.

The data folder is found as a user's is: through the data location file, no --data-dir."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from focusmate.cli.hot_argv import hot_args
from focusmate.cli.parser import build_parser
from focusmate.desktop.client_paths import given_folder
from focusmate.desktop.locations import DataPointer, locate_data_dir, server_name
from focusmate.services.controller import SessionController
from tests.cli.app_socket import while_serving

FOCUSMATE = str(Path(sys.executable).with_name("focusmate"))
REPOSITORY = Path(__file__).resolve().parents[2]
#: Top-level packages a socket command must not load.
HEAVY = frozenset({"PySide6", "shiboken6", "tinydb", "pynput", "jeepney", "icalendar"})
IMPORT_REPORT = "import time:"


class Ran:
    """One run of the installed command: its exit code, its output and the modules it loaded
    (the import report taken out of its standard error)."""

    def __init__(self, completed: subprocess.CompletedProcess[str]) -> None:
        lines = completed.stderr.splitlines(keepends=True)
        report = [line for line in lines if line.startswith(IMPORT_REPORT)]
        self.returncode = completed.returncode
        self.stdout = completed.stdout
        self.stderr = "".join(line for line in lines if not line.startswith(IMPORT_REPORT))
        self.modules = {line.rsplit("|", 1)[1].strip() for line in report[1:]}  # [0]: header

    def heavy(self) -> list[str]:
        return sorted(m for m in self.modules if m.split(".")[0] in HEAVY)


def focusmate(*argv: str) -> Ran:
    """``focusmate ARGV...`` as a user types it, with Python's import report on."""
    return Ran(_run(*argv))


def served(qtbot: QtBot, *argv: str) -> Ran:
    """``focusmate ARGV...`` while this test's event loop serves the app's socket."""
    return Ran(while_serving(qtbot, lambda: _run(*argv)))


def _run(*argv: str, bare: bool = False) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    command = [FOCUSMATE]
    if bare:
        command = [sys.executable, "-S", "-c", AS_THE_CONSOLE_SCRIPT]
        environment["PYTHONPATH"] = str(REPOSITORY)
    return subprocess.run(
        [*command, *argv], capture_output=True, text=True, env=environment, timeout=60, check=False
    )


@pytest.fixture
def pointed(app_data: Path) -> Path:
    """The app's data folder, named by the data location file as after a move."""
    DataPointer().point_to(app_data)
    return app_data


def test_the_socket_commands_answer_without_qt_tinydb_or_pynput(
    qtbot: QtBot, pointed: Path, controller: SessionController
) -> None:
    started = served(qtbot, "start", "--with", "Jordan")
    assert (started.returncode, started.stdout, started.stderr) == (
        0,
        "Started a 30-minute session with Jordan.\n",
        "",
    )
    logged = served(qtbot, "log", "phone")
    assert (logged.returncode, logged.stdout, logged.stderr) == (0, "", "")
    undone = served(qtbot, "undo")
    assert (undone.returncode, undone.stdout, undone.stderr) == (0, "", "")
    assert controller.current is not None and controller.current.marks == ()
    assert served(qtbot, "log", "phone").returncode == 0
    session = controller.current
    assert session is not None and session.mark_counts()["phone"] == 1
    as_json = served(qtbot, "status", "--json")
    assert (as_json.returncode, as_json.stderr) == (0, "")
    status = json.loads(as_json.stdout)
    assert status["session"]["with"] == "Jordan" and status["session"]["marks"]["phone"] == 1
    as_words = served(qtbot, "status")
    assert (as_words.returncode, as_words.stderr) == (0, "")
    assert "Jordan" in as_words.stdout and as_words.stdout.count("\n") == 1
    ended = served(qtbot, "end")
    assert (ended.returncode, ended.stderr) == (0, "")
    assert ended.stdout == "Ended the session with Jordan. The reflection is open in focusmate.\n"
    assert controller.current is None
    for ran in (started, logged, undone, as_json, as_words, ended):
        assert "focusmate.cli.main" in ran.modules  # the report is there and complete
        assert ran.heavy() == []


def test_refusals_keep_their_exit_codes_and_lines_and_stay_thin(
    qtbot: QtBot, pointed: Path
) -> None:
    unknown = served(qtbot, "log", "phne")
    assert (unknown.returncode, unknown.stdout) == (2, "")
    assert unknown.stderr == "focusmate: unknown kind of mark 'phne'; known: phone, app\n"
    no_session = served(qtbot, "end")
    assert (no_session.returncode, no_session.stdout) == (4, "")
    assert no_session.stderr.startswith("focusmate: ") and no_session.stderr.count("\n") == 1
    for ran in (unknown, no_session):
        assert ran.heavy() == []


def test_with_no_app_the_refusals_are_as_before(tmp_path: Path) -> None:
    data = str(tmp_path / "none")
    not_running = focusmate("--data-dir", data, "log", "phone")
    assert (not_running.returncode, not_running.stdout) == (3, "")
    assert not_running.stderr == "focusmate: focusmate is not running (start it with: focusmate)\n"
    bad_kind = focusmate("--data-dir", data, "start", "--with", "A", "--kind", "zz")
    assert (bad_kind.returncode, bad_kind.stdout) == (2, "")
    assert bad_kind.stderr == "focusmate: unknown kind of session 'zz'; known: coaching, client\n"
    assert not_running.heavy() == bad_kind.heavy() == []


def test_the_report_sees_a_heavy_import(tmp_path: Path) -> None:
    """The check can fail: `report` reads the history with TinyDB, and the report says so."""
    ran = focusmate("--data-dir", str(tmp_path / "data"), "report", "--json")
    assert ran.returncode == 0, ran.stderr
    assert "tinydb" in ran.heavy()


def test_the_socket_name_is_the_same_sha_256_as_before(tmp_path: Path) -> None:
    """server_name takes the interpreter's built-in SHA-256 rather than hashlib's (OpenSSL):
    the name must not change, or a command would not find an app started before an update."""
    for folder in (tmp_path / "data", tmp_path / "Dätä mit Leerzeichen", Path("/")):
        digest = hashlib.sha256(str(folder).encode()).hexdigest()[:16]
        assert Path(server_name(folder)).name == f"{digest}.sock"


#: Folders as typed: ~, relative, ".", "..", repeated and trailing separators, POSIX's "//".
TYPED_FOLDERS = (
    "~",
    "~/",
    "~/data",
    "~//data/./x/",
    "data",
    "./data/../other/",
    ".",
    "..",
    "/",
    "//",
    "///",
    "//srv/data",
    "///srv//data/.",
    "/tmp/Dätä mit Leerzeichen/",
    "a~b",
)


@pytest.mark.parametrize("typed", TYPED_FOLDERS)
def test_the_folder_as_text_is_spelled_as_pathlib_spells_it(typed: str) -> None:
    """The socket command spells --data-dir without pathlib (desktop.client_paths), the app
    with it: the two must be the same text, or the socket's names would differ."""
    expected = Path(typed).expanduser().absolute()
    for given, source in (
        (given_folder(typed), "--data-dir"),
        (given_folder(None, {"FOCUSMATE_DATA_DIR": typed}), "FOCUSMATE_DATA_DIR"),
    ):
        assert given == (str(expected), source)
        assert server_name(given[0]) == server_name(expected)
    assert locate_data_dir(typed).path == expected


def test_no_folder_given_is_none() -> None:
    assert given_folder(None, {}) is None
    assert given_folder("", {"FOCUSMATE_DATA_DIR": ""}) is None


#: Command lines hot_args reads itself (cli.hot_argv), each as argparse reads it too.
HOT: tuple[list[str], ...] = (
    ["log", "phone"],
    ["--data-dir", "/d", "log", ""],
    ["--data-dir=/d", "status", "--json"],
    ["status"],
    ["end"],
    ["undo"],
    ["start", "--with", "Ana"],
    ["start", "--with=", "--minutes=45", "--focus", "a deal", "--anyway"],
    ["--data-dir", "", "start", "--kind", "client", "--with", "Dätä", "--focus="],
)
#: Command lines it leaves to argparse: its errors and help, or forms read only there.
LEFT_TO_ARGPARSE: tuple[list[str], ...] = (
    [],
    ["--help"],
    ["log"],
    ["log", "-x"],
    ["log", "phone", "app"],
    ["log", "--", "phone"],
    ["end", "now"],
    ["status", "--jso"],
    ["status", "--json=1"],
    ["start", "--wit", "Ana"],
    ["start", "--with", "Ana", "--with", "Bo"],
    ["start", "--with", "Ana", "--minutes", "-5"],
    ["start", "--with", "Ana", "--anyway=1"],
    ["start", "--minutes", "30"],
    ["start", "--with"],
    ["--data-dir", "log", "phone"],
    ["--data", "/d", "log", "phone"],
    ["--dnd-backend", "x", "log", "phone"],
    ["report"],
)


@pytest.mark.parametrize("argv", HOT, ids=" ".join)
def test_hot_args_reads_what_argparse_reads(argv: list[str]) -> None:
    hot = hot_args(argv)
    assert hot is not None
    parsed = vars(build_parser().parse_args(argv))
    assert vars(hot) == {name: parsed[name] for name in vars(hot)}
    assert parsed.keys() - vars(hot).keys() == {"dnd_backend"}  # read by the app's start only


@pytest.mark.parametrize("argv", LEFT_TO_ARGPARSE, ids=" ".join)
def test_hot_args_leaves_the_rest_to_argparse(argv: list[str]) -> None:
    assert hot_args(argv) is None


def test_log_phone_loads_no_argparse_and_help_still_does(tmp_path: Path) -> None:
    data = str(tmp_path / "none")
    hot = focusmate("--data-dir", data, "log", "phone")
    assert "argparse" not in hot.modules and "focusmate.cli.hot_argv" in hot.modules
    helped = focusmate("--data-dir", data, "log", "--help")
    assert helped.returncode == 0 and "KIND" in helped.stdout and "argparse" in helped.modules
    wrong = focusmate("--data-dir", data, "log", "phone", "app")
    assert (wrong.returncode, wrong.stdout) == (2, "")
    assert wrong.stderr == ("focusmate: unrecognized arguments: app (see: focusmate --help)\n")


#: What the console script runs (pip's imports re), here without the site module (-S): the
#: dev venv's editable finder loads pathlib at start, and a module loaded then is not reported
#: again. A user's venv (packaging/install.sh) has no such finder.
AS_THE_CONSOLE_SCRIPT = (
    "import re, sys; sys.argv[0] = 'focusmate'; from focusmate.__main__ import main; main()"
)
#: What the socket commands no longer load (issue 18, deliverable 4: each cost a `focusmate
#: log phone` process 1-6 ms): pathlib and what it loads, socket.py and what it loads (the
#: client speaks through _socket), typing (TYPE_CHECKING is a constant of their own), the
#: data location file's module and the lock's, argparse, tempfile. cli.main imports each
#: where it is used.
NOT_FOR_SOCKET_COMMANDS = frozenset(
    {
        "pathlib",
        "urllib.parse",
        "ipaddress",
        "fnmatch",
        "socket",
        "selectors",
        "array",
        "struct",
        "typing",
        "tempfile",
        "argparse",
        "fcntl",
        "focusmate.desktop.locations",
        "focusmate.desktop.single_instance",
    }
)
#: What `log` and `undo` print nothing with, so need neither: the typed-input rules and the
#: terminal's escaping.
NOT_FOR_A_MARK = NOT_FOR_SOCKET_COMMANDS | {
    "focusmate.core.validation",
    "focusmate.core.terminal_text",
}


def bare_served(qtbot: QtBot, *argv: str) -> Ran:
    """``focusmate ARGV...`` from this checkout without site (see AS_THE_CONSOLE_SCRIPT),
    while this test's event loop serves the app's socket."""
    return Ran(while_serving(qtbot, lambda: _run(*argv, bare=True)))


def test_a_mark_loads_neither_pathlib_nor_socket_py_nor_typing(
    qtbot: QtBot, app_data: Path, controller: SessionController
) -> None:
    folder = ("--data-dir", str(app_data))
    loaded: dict[str, set[str]] = {}
    for argv in (
        ["start", "--with", "Jordan"],
        ["log", "phone"],
        ["undo"],
        ["status", "--json"],
        ["end"],
    ):
        ran = bare_served(qtbot, *folder, *argv)
        assert (ran.returncode, ran.stderr) == (0, ""), argv
        assert "focusmate.cli.main" in ran.modules  # the report is there and complete
        loaded[" ".join(argv)] = ran.modules
    assert controller.current is None  # each did its work: started, marked, undone, ended
    for command, modules in loaded.items():
        forbidden = NOT_FOR_A_MARK if command in {"log phone", "undo"} else NOT_FOR_SOCKET_COMMANDS
        assert sorted(modules & forbidden) == [], command


def test_the_modules_check_sees_what_a_refusal_loads(tmp_path: Path) -> None:
    """The check can fail: with no app running, `log` reads the settings file to name the
    known kinds (storage, pathlib, typing) before it says focusmate is not running."""
    ran = Ran(_run("--data-dir", str(tmp_path / "none"), "log", "phone", bare=True))
    assert ran.returncode == 3, ran.stderr
    assert {"pathlib", "typing", "focusmate.desktop.locations"} <= ran.modules
