"""Start at login on Windows and macOS, tested on Linux.

Windows: ``winreg`` exists only there, so :class:`FakeWinreg` (a fake, named as such) stands in
for the registry, and the command-line quoting is checked against a parser written from
Microsoft's documented rules ("Parsing C command-line arguments"). macOS: the LaunchAgent is a
real plist file under the test's private HOME, read back with plistlib.
"""

from __future__ import annotations

import plistlib
import re
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusmate.desktop.autostart import (
    APP_ID,
    RUN_KEY,
    STARTUP_APPROVED_KEY,
    AutostartError,
    MacLaunchAgent,
    WindowsRunKey,
    windows_command_line,
)

PROGRAM = r"C:\Program Files\focusmate\focusmate.exe"


class FakeKey:
    """An open key of :class:`FakeWinreg` (a context manager, like winreg's PyHKEY)."""

    def __init__(self, path: str, values: dict[str, tuple[Any, int]]) -> None:
        self.path = path
        self.values = values

    def __enter__(self) -> FakeKey:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None


class FakeWinreg:
    """A fake of the part of ``winreg`` the adapter uses: HKCU keys as dicts of values.

    Like winreg, a missing key or value raises FileNotFoundError; ``fail_with`` makes every
    call raise that error instead (a locked-down registry).
    """

    HKEY_CURRENT_USER = 0x80000001
    KEY_READ = 0x20019
    KEY_SET_VALUE = 0x0002
    REG_SZ = 1
    REG_BINARY = 3

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, tuple[Any, int]]] = {}
        self.fail_with: OSError | None = None

    def _check(self, root: int) -> None:
        assert root == self.HKEY_CURRENT_USER, "only the user's own hive, never HKLM"
        if self.fail_with is not None:
            raise self.fail_with

    def OpenKey(self, key: int, sub_key: str, reserved: int = 0, access: int = 0) -> FakeKey:  # noqa: N802
        self._check(key)
        if sub_key not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return FakeKey(sub_key, self.keys[sub_key])

    def CreateKeyEx(self, key: int, sub_key: str, reserved: int = 0, access: int = 0) -> FakeKey:  # noqa: N802
        self._check(key)
        return FakeKey(sub_key, self.keys.setdefault(sub_key, {}))

    def QueryValueEx(self, key: FakeKey, name: str) -> tuple[Any, int]:  # noqa: N802
        self._check(self.HKEY_CURRENT_USER)
        if name not in key.values:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return key.values[name]

    def SetValueEx(self, key: FakeKey, name: str, reserved: int, type: int, value: Any) -> None:  # noqa: N802
        self._check(self.HKEY_CURRENT_USER)
        key.values[name] = (value, type)

    def DeleteValue(self, key: FakeKey, name: str) -> None:  # noqa: N802
        self._check(self.HKEY_CURRENT_USER)
        if name not in key.values:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        del key.values[name]


def split_windows_command_line(line: str) -> list[str]:
    """Microsoft's documented rules for the C runtime's argv (and CommandLineToArgvW).

    argv[0]: up to the first whitespace, or inside double quotes up to the next quote, with no
    escapes. Then: whitespace separates arguments outside quotes; 2n backslashes before a quote
    give n backslashes and the quote toggles quoting; 2n+1 give n and a literal quote; other
    backslashes are literal; "" inside a quoted argument gives a literal quote.
    """
    if line.startswith('"'):
        end = line.index('"', 1)
        argv, rest = [line[1:end]], line[end + 1 :]
    else:
        match = re.match(r"[^ \t]*", line)
        assert match is not None
        argv, rest = [match[0]], line[match.end() :]
    index, current, quoted, started = 0, "", False, False
    while index < len(rest):
        character = rest[index]
        if character in " \t" and not quoted:
            if started:
                argv.append(current)
            current, started = "", False
            index += 1
            continue
        started = True
        if character == "\\":
            run = len(rest[index:]) - len(rest[index:].lstrip("\\"))
            if index + run < len(rest) and rest[index + run] == '"':
                current += "\\" * (run // 2)
                index += run
                if run % 2:
                    current += '"'
                    index += 1
                continue
            current += "\\" * run
            index += run
            continue
        if character == '"':
            if quoted and rest[index + 1 : index + 2] == '"':
                current += '"'
                index += 2
                continue
            quoted = not quoted
            index += 1
            continue
        current += character
        index += 1
    if started:
        argv.append(current)
    return argv


@pytest.fixture
def registry() -> FakeWinreg:
    return FakeWinreg()


def run_value(registry: FakeWinreg) -> tuple[Any, int]:
    return registry.keys[RUN_KEY]["focusmate"]


def test_run_key_on_and_off(registry: FakeWinreg) -> None:
    entry = WindowsRunKey(registry)
    assert not entry.is_enabled()

    entry.enable([PROGRAM, "--data-dir", "C:\\Users\\Ana Díaz\\focusmate data\\"])
    assert entry.is_enabled()
    assert run_value(registry) == (
        '"C:\\Program Files\\focusmate\\focusmate.exe" --data-dir '
        '"C:\\Users\\Ana Díaz\\focusmate data\\\\"',
        FakeWinreg.REG_SZ,  # not REG_EXPAND_SZ: %VARIABLES% in a path stay as they are
    )

    entry.disable()
    assert not entry.is_enabled()
    assert "focusmate" not in registry.keys[RUN_KEY]
    entry.disable()  # already off


def test_a_startup_disabled_in_task_manager_counts_as_off_until_enabled_here(
    registry: FakeWinreg,
) -> None:
    entry = WindowsRunKey(registry)
    entry.enable([PROGRAM])
    registry.keys[STARTUP_APPROVED_KEY] = {"focusmate": (b"\x03" + bytes(11), 3)}
    assert not entry.is_enabled()
    registry.keys[STARTUP_APPROVED_KEY] = {"focusmate": (b"\x02" + bytes(11), 3)}
    assert entry.is_enabled()
    registry.keys[STARTUP_APPROVED_KEY] = {"focusmate": (b"\x03" + bytes(11), 3)}

    entry.enable([PROGRAM])  # the user asks for it again, in focusmate: that wins
    assert entry.is_enabled()
    assert "focusmate" not in registry.keys[STARTUP_APPROVED_KEY]


def test_a_locked_registry_fails_soft(registry: FakeWinreg) -> None:
    entry = WindowsRunKey(registry)
    entry.enable([PROGRAM])
    registry.fail_with = PermissionError(5, "Access is denied")
    assert not entry.is_enabled()
    with pytest.raises(AutostartError, match="could not turn on start at login"):
        entry.enable([PROGRAM])
    with pytest.raises(AutostartError, match="could not turn off start at login"):
        entry.disable()


def test_without_winreg_it_is_off_and_says_why() -> None:
    entry = WindowsRunKey()  # imports winreg lazily: there is none on Linux
    assert not entry.is_enabled()
    with pytest.raises(AutostartError):
        entry.enable([PROGRAM])


@pytest.mark.parametrize(
    ("command", "line"),
    [
        ([PROGRAM], f'"{PROGRAM}"'),
        ([PROGRAM, "plain"], f'"{PROGRAM}" plain'),
        ([PROGRAM, ""], f'"{PROGRAM}" ""'),
        ([PROGRAM, "two words"], f'"{PROGRAM}" "two words"'),
        ([PROGRAM, 'say "hi"'], f'"{PROGRAM}" "say \\"hi\\""'),
        ([PROGRAM, "C:\\dir\\"], f'"{PROGRAM}" C:\\dir\\'),
        ([PROGRAM, "C:\\my dir\\"], f'"{PROGRAM}" "C:\\my dir\\\\"'),
        ([PROGRAM, 'a\\"b'], f'"{PROGRAM}" "a\\\\\\"b"'),
        ([PROGRAM, "%APPDATA%"], f'"{PROGRAM}" %APPDATA%'),
    ],
)
def test_command_line_quoting(command: list[str], line: str) -> None:
    assert windows_command_line(command) == line
    assert split_windows_command_line(line) == command


WINDOWS_TEXT = st.text(  # control characters (tab included) are refused on every platform
    st.sampled_from(list(' "\\%^&')) | st.characters(blacklist_categories=("Cc", "Cs")),
    max_size=12,
)
WINDOWS_PROGRAM = st.text(
    st.sampled_from(list(" \\:%")) | st.characters(blacklist_categories=("Cc", "Cs")),
    min_size=1,
    max_size=12,
).filter(lambda text: '"' not in text)


@given(WINDOWS_PROGRAM, st.lists(WINDOWS_TEXT, max_size=5))
def test_any_command_line_splits_back_exactly(program: str, arguments: list[str]) -> None:
    command = [program, *arguments]
    assert split_windows_command_line(windows_command_line(command)) == command


def test_a_program_path_with_a_quote_or_a_control_character_is_refused() -> None:
    with pytest.raises(AutostartError, match="double quote"):
        windows_command_line(['C:\\a"b\\focusmate.exe'])
    with pytest.raises(AutostartError, match="control character"):
        windows_command_line([PROGRAM, "a\tb"])


def test_launch_agent_on_and_off() -> None:
    agent = MacLaunchAgent()
    assert agent.path == Path.home() / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
    assert not agent.is_enabled()

    program = "/Applications/focusmate.app/Contents/MacOS/focusmate"
    agent.enable([program, "--data-dir", "/Users/ana/focus data"])
    assert agent.is_enabled()
    raw = agent.path.read_bytes()
    assert raw.startswith(b"<?xml")  # the XML format launchd and plutil -lint expect
    assert plistlib.loads(raw) == {
        "Label": APP_ID,
        "ProgramArguments": [program, "--data-dir", "/Users/ana/focus data"],
        "RunAtLoad": True,
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",
    }
    assert stat.S_IMODE(agent.path.stat().st_mode) == 0o644
    assert [p.name for p in agent.path.parent.iterdir()] == [agent.path.name]

    agent.disable()
    assert not agent.path.exists() and not agent.is_enabled()
    agent.disable()


@pytest.mark.parametrize(
    "content",
    [
        b"not a plist",
        plistlib.dumps({"Label": "someone.else", "RunAtLoad": True}),
        plistlib.dumps({"Label": APP_ID, "RunAtLoad": True, "Disabled": True}),
        plistlib.dumps({"Label": APP_ID, "RunAtLoad": False}),
        plistlib.dumps(["a", "list"]),
    ],
)
def test_a_launch_agent_that_would_not_start_us_counts_as_off(content: bytes) -> None:
    agent = MacLaunchAgent()
    agent.path.parent.mkdir(parents=True)
    agent.path.write_bytes(content)
    assert not agent.is_enabled()


def test_a_launch_agent_that_cannot_be_written_says_so(tmp_path: Path) -> None:
    home = tmp_path / "home-is-a-file"
    home.write_text("")
    agent = MacLaunchAgent(home=home)
    assert not agent.is_enabled()
    with pytest.raises(AutostartError, match="cannot write"):
        agent.enable(["/Applications/focusmate.app/Contents/MacOS/focusmate"])
