"""Start at login on Linux: the XDG autostart entry on the real file system.

The suite's conftest points HOME and XDG_CONFIG_HOME at a private temp folder; XDG_CONFIG_DIRS
is pointed at one here. The written entry is checked with desktop-file-validate, and its Exec
line is parsed back twice: by GLib itself (``gio launch`` runs it; GLib is what GNOME, Xfce,
Cinnamon and MATE start autostart entries with) and by a parser written from the Desktop Entry
specification, for any command hypothesis makes up.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.errors import FocusmateError
from focusmate.desktop import autostart
from focusmate.desktop.autostart import (
    APP_ID,
    AutostartError,
    MacLaunchAgent,
    NoAutostart,
    WindowsRunKey,
    XdgAutostart,
    autostart_for,
    exec_quote,
    launch_command,
    read_desktop_entry,
)
from tests.packaging.packaging_tools import desktop_file_validate, run_tool

HOSTILE_ARGUMENTS = [
    "--data-dir",
    "/home/ana/Ünïcode data/50% `x` (1);&|<>~*?#'q\"$HOME\\n",
    "",
    "back\\slash",
    "%f",
    "a=b",
    "  spaced  ",
    "🙂",
]


@pytest.fixture(autouse=True)
def private_system_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """XDG_CONFIG_DIRS (system-wide autostart entries) in a temp folder, empty by default."""
    system = tmp_path / "etc-xdg"
    (system / "autostart").mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(system))
    return system / "autostart"


def user_entry() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "autostart" / f"{APP_ID}.desktop"


def parse_exec(value: str) -> list[str]:
    """The Desktop Entry specification's Exec rules, read back: the file's string escapes,
    then double-quoted arguments with backslash escapes for " ` $ \\, then %% for %."""
    unescaped = re.sub(
        r"\\(.)", lambda m: {"s": " ", "n": "\n", "t": "\t", "r": "\r"}.get(m[1], m[1]), value
    )
    arguments: list[str] = []
    current: list[str] | None = None
    quoted = False
    characters = iter(unescaped)
    for character in characters:
        if quoted:
            if character == "\\":
                escaped = next(characters)
                assert escaped in '"`$\\', f"bad escape \\{escaped} in {value!r}"
                current = [*(current or []), escaped]
            elif character == '"':
                quoted = False
            else:
                current = [*(current or []), character]
        elif character == " ":
            if current is not None:
                arguments.append("".join(current))
            current = None
        elif character == '"':
            quoted, current = True, current or []
        else:
            assert character not in "\t\n\"'\\><~|&;$*?#()`", f"unquoted {character!r}: {value!r}"
            current = [*(current or []), character]
    assert not quoted, f"unterminated quote in {value!r}"
    if current is not None:
        arguments.append("".join(current))
    return [_expand_percent(argument) for argument in arguments]


def _expand_percent(argument: str) -> str:
    """%% is a literal %; any other %X is a field code, which an autostart command never has."""
    assert not re.search(r"%[^%]|%$", argument.replace("%%", "")), f"field code in {argument!r}"
    return argument.replace("%%", "%")


def launched_argv(entry: Path, out: Path) -> list[str]:
    """Start ``entry`` with GLib (``gio launch``) and return the argv its program recorded."""
    result = run_tool("gio", "launch", str(entry))
    assert result.returncode == 0, result.stderr
    deadline = time.monotonic() + 10
    while not out.exists():
        assert time.monotonic() < deadline, "the launched program did not run"
        time.sleep(0.05)
    time.sleep(0.05)  # the program writes in one go; let it finish
    recorded: list[str] = json.loads(out.read_text(encoding="utf-8"))
    return recorded


def recorder(folder: Path, out: Path) -> Path:
    """A program that writes its argv (as JSON) to ``out``."""
    folder.mkdir(parents=True)
    program = folder / "focusmate"
    program.write_text(
        f"#!{sys.executable}\nimport json, sys\n"
        f"open({str(out)!r}, 'w', encoding='utf-8').write(json.dumps(sys.argv))\n",
        encoding="utf-8",
    )
    program.chmod(0o755)
    return program


def test_off_until_enabled_then_a_valid_entry_then_off_again() -> None:
    entry = XdgAutostart()
    assert entry.path == user_entry()
    assert not entry.is_enabled()

    entry.enable(launch_command())
    assert entry.is_enabled()
    desktop_file_validate(entry.path)
    assert stat.S_IMODE(entry.path.stat().st_mode) == 0o644
    assert [p.name for p in entry.path.parent.iterdir()] == [entry.path.name]  # no temp files
    fields = read_desktop_entry(entry.path.read_text(encoding="utf-8"))
    assert fields["Type"] == "Application" and fields["Icon"] == APP_ID
    assert parse_exec(fields["Exec"]) == launch_command()

    entry.disable()
    assert not entry.path.exists() and not entry.is_enabled()
    entry.disable()  # already off: nothing to do
    assert not entry.is_enabled()


def test_glib_runs_the_exact_command_from_a_hostile_path(tmp_path: Path) -> None:
    out = tmp_path / "argv.json"
    program = recorder(tmp_path / "Pro gram \"q\" $x 'a' \\b (1) ünï", out)
    command = [str(program), *HOSTILE_ARGUMENTS]
    entry = XdgAutostart()
    entry.enable(command)
    desktop_file_validate(entry.path)
    assert launched_argv(entry.path, out) == command


def test_glib_runs_a_program_whose_path_holds_a_percent_sign(tmp_path: Path) -> None:
    out = tmp_path / "argv.json"
    program = recorder(tmp_path / "100% focus %u", out)
    entry = XdgAutostart()
    entry.enable([str(program), "--data-dir", "50%"])
    desktop_file_validate(entry.path)
    assert launched_argv(entry.path, out) == [str(program), "--data-dir", "50%"]
    with pytest.raises(AutostartError, match="both % and ="):
        entry.enable([str(tmp_path / "a=b%" / "focusmate")])


#: Any printable character, with the ones the quoting rules are about drawn far more often.
COMMAND_TEXT = st.text(
    st.sampled_from(list(" \"'\\$`%=;&|<>~*?#()"))
    | st.characters(blacklist_categories=("Cc", "Cs")),
    max_size=12,
)


@given(st.lists(COMMAND_TEXT, min_size=1, max_size=5))
def test_any_command_survives_the_exec_rules(command: list[str]) -> None:
    program = command[0]
    if "%" in program and "=" in program:
        with pytest.raises(AutostartError):
            exec_quote(command)
        return
    wrapper = ["env", "--"] if "%" in program else []
    assert parse_exec(exec_quote(command)) == [*wrapper, *command]


@pytest.mark.parametrize(
    "command",
    [[], ["focusmate", "bad\nline"], ["tab\there"], ["nul\x00"], ["\udcff-undecodable"]],
)
def test_commands_that_cannot_be_written_are_refused_plainly(command: list[str]) -> None:
    with pytest.raises(AutostartError) as raised:
        XdgAutostart().enable(command)
    assert isinstance(raised.value, FocusmateError)
    assert not user_entry().exists()


def test_a_string_is_not_a_command() -> None:
    with pytest.raises(AutostartError, match="as a list"):
        XdgAutostart().enable("focusmate --data-dir x")  # type: ignore[arg-type]


def test_a_system_wide_entry_is_overridden_by_a_hidden_user_entry(
    private_system_dirs: Path,
) -> None:
    system_entry = private_system_dirs / f"{APP_ID}.desktop"
    system_entry.write_text("[Desktop Entry]\nType=Application\nName=focusmate\nExec=focusmate\n")
    entry = XdgAutostart()
    assert entry.is_enabled()

    entry.disable()
    assert not entry.is_enabled()
    assert read_desktop_entry(entry.path.read_text())["Hidden"] == "true"
    desktop_file_validate(entry.path)
    assert system_entry.exists()  # not ours to touch

    entry.enable(["focusmate"])
    assert entry.is_enabled()


def test_an_entry_switched_off_in_gnome_settings_counts_as_off() -> None:
    entry = XdgAutostart()
    entry.enable(["focusmate"])
    text = entry.path.read_text().replace(
        "X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false"
    )
    entry.path.write_text(text)
    assert not entry.is_enabled()


def test_enabling_replaces_an_existing_entry_in_one_step() -> None:
    entry = XdgAutostart()
    entry.enable(["/old/focusmate"])
    entry.enable(["/new/focusmate", "--data-dir", "/d"])
    assert parse_exec(read_desktop_entry(entry.path.read_text())["Exec"]) == [
        "/new/focusmate",
        "--data-dir",
        "/d",
    ]


def test_a_failed_write_keeps_the_old_entry_and_leaves_no_temp_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entry = XdgAutostart()
    entry.enable(["/old/focusmate"])
    before = entry.path.read_bytes()

    def full_disk(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(autostart.os, "fsync", full_disk)
    with pytest.raises(AutostartError, match="No space left"):
        entry.enable(["/new/focusmate"])
    assert entry.path.read_bytes() == before
    assert [p.name for p in entry.path.parent.iterdir()] == [entry.path.name]


def test_an_unusable_config_folder_fails_soft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "config-is-a-file"
    not_a_folder.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(not_a_folder))
    entry = XdgAutostart()
    assert not entry.is_enabled()
    with pytest.raises(AutostartError, match=str(entry.path)):
        entry.enable(["focusmate"])


def test_an_unreadable_entry_counts_as_off_and_says_so(caplog: pytest.LogCaptureFixture) -> None:
    user_entry().mkdir(parents=True)  # a folder where the file should be (root reads anything)
    entry = XdgAutostart()
    assert not entry.is_enabled()
    assert "cannot read" in caplog.text
    with pytest.raises(AutostartError):
        entry.enable(["focusmate"])
    with pytest.raises(AutostartError):
        entry.disable()


def test_a_relative_xdg_config_home_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    assert XdgAutostart().path == Path.home() / ".config" / "autostart" / f"{APP_ID}.desktop"


def test_launch_command_is_the_console_script_next_to_the_interpreter() -> None:
    command = launch_command(["--data-dir", "/d"])
    assert command == [str(Path(sys.executable).with_name("focusmate")), "--data-dir", "/d"]
    assert Path(command[0]).is_file()


def test_launch_command_in_a_bundle_is_the_bundled_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "focusmate"
    bundled.write_text("")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundled))
    assert launch_command() == [str(bundled)]


def test_launch_command_without_a_console_script_runs_the_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    python = tmp_path / "python3"
    monkeypatch.setattr(sys, "executable", str(python))
    assert launch_command() == [str(python), "-m", "focusmate"]


def test_each_platform_gets_its_adapter() -> None:
    assert isinstance(autostart_for("linux"), XdgAutostart)
    assert isinstance(autostart_for("freebsd14"), XdgAutostart)
    assert isinstance(autostart_for("win32"), WindowsRunKey)
    assert isinstance(autostart_for("darwin"), MacLaunchAgent)
    elsewhere = autostart_for("sunos5")
    assert isinstance(elsewhere, NoAutostart)
    assert not elsewhere.is_enabled()
    elsewhere.disable()
    with pytest.raises(AutostartError, match="not supported on sunos5"):
        elsewhere.enable(["focusmate"])
