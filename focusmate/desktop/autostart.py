"""Start at login: one small port, and one adapter per operating system.

:class:`StartAtLogin` is the port: ``is_enabled()``, ``enable(command)``, ``disable()``.
:func:`autostart_for` picks the adapter for this platform; :func:`launch_command` is the command
that starts this installation of focusmate (the bundled program, the console script, or
``python -m focusmate``).

- **Linux and other XDG desktops** (:class:`XdgAutostart`): a desktop entry
  ``$XDG_CONFIG_HOME/autostart/app.focusmate.Focusmate.desktop`` (XDG Autostart specification),
  written atomically. ``Exec`` is quoted and escaped per the Desktop Entry specification, so any
  path (spaces, quotes, ``$``, ``%``, backslashes, non-ASCII) reaches the program unchanged.
  A system-wide entry of the same name (``$XDG_CONFIG_DIRS/autostart``, e.g. from a distribution
  package) is overridden by a user file with ``Hidden=true`` when the user turns it off.
- **Windows** (:class:`WindowsRunKey`): the value ``focusmate`` under
  ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run`` (``REG_SZ``, so ``%VAR%`` is not
  expanded), a command line quoted for the Microsoft C runtime's parser. Task Manager's
  "Disable" is recorded in ``...\\Explorer\\StartupApproved\\Run`` (undocumented: a binary value
  whose first byte is odd when disabled, seen as 0x03, and even when enabled, 0x02/0x06);
  ``is_enabled`` honours it and ``enable`` clears it, since the user just asked for it.
  ``winreg`` is imported only there; the registry is passed in, so the logic is tested with a
  fake.
- **macOS** (:class:`MacLaunchAgent`): ``~/Library/LaunchAgents/app.focusmate.Focusmate.plist``
  with ``RunAtLoad``, loaded by launchd at the next login. (macOS 13+ lists it under Login Items
  › Allow in the Background, where the user can switch it off without our knowing.)
- **Elsewhere** (:class:`NoAutostart`): never enabled; turning it on says it is not supported.

Failing soft: ``is_enabled()`` never raises (an unreadable entry counts as off, and is logged);
``enable()`` and ``disable()`` raise :class:`AutostartError`, a :class:`FocusmateError` whose
message can be shown as is, for anything the operating system refuses.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, cast

from focusmate.core.errors import FocusmateError, Problem
from focusmate.core.ports import StartAtLogin
from focusmate.desktop.locations import APP_ID, APP_NAME
from focusmate.files.atomic import atomic_write_bytes, remove_durably

log = logging.getLogger(__name__)


class AutostartError(FocusmateError):
    """Start at login could not be changed; the message says why, fit to show a user."""


def _os_words(error: Exception) -> str:
    """The operating system's own words for ``error`` ("Permission denied")."""
    return getattr(error, "strerror", None) or str(error)


def autostart_for(platform: str = sys.platform) -> StartAtLogin:
    """The adapter for ``platform`` (``sys.platform``)."""
    if platform == "win32":
        return WindowsRunKey()
    if platform == "darwin":
        return MacLaunchAgent()
    if platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return XdgAutostart()
    return NoAutostart(platform)


def launch_command(arguments: Sequence[str] = ()) -> list[str]:
    """The command that starts this installation of focusmate's tray app, plus ``arguments``.

    In a PyInstaller bundle, the bundled program (on Windows the console-less ``focusmate.exe``,
    even when asked from ``focusmate-cli.exe``); in a virtual environment, the ``focusmate``
    console script next to the interpreter; else ``python -m focusmate``.
    """
    windows = sys.platform == "win32"
    program_name = f"{APP_NAME}.exe" if windows else APP_NAME
    executable = Path(sys.executable)
    if getattr(sys, "frozen", False):
        gui_program = executable.with_name(program_name)
        return [str(gui_program if gui_program.is_file() else executable), *arguments]
    script = executable.with_name(program_name)
    if script.is_file():
        return [str(script), *arguments]
    return [str(executable), "-m", APP_NAME, *arguments]


def _check_command(command: Sequence[str]) -> list[str]:
    """The command as a list, or AutostartError if it cannot be written down safely."""
    if isinstance(command, str) or not command or not all(isinstance(a, str) for a in command):
        raise AutostartError("start at login needs a program and its arguments, as a list")
    for argument in command:
        if any(ord(c) < 0x20 or ord(c) == 0x7F for c in argument):
            raise AutostartError(
                f"cannot start at login: control character in {argument!r}",
                Problem.AUTOSTART_PATH_UNUSABLE,
                program=argument,
            )
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            raise AutostartError(
                f"cannot start at login: {argument!r} is not valid text (rename the folder?)",
                Problem.AUTOSTART_PATH_UNUSABLE,
                program=argument,
            ) from None
    return list(command)


# -- XDG (Linux, BSD) ----------------------------------------------------------------------------

#: Characters that make the Desktop Entry specification require an argument to be quoted.
_EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
#: Characters that must be backslash-escaped inside a quoted Exec argument.
_EXEC_ESCAPED_IN_QUOTES = frozenset('"`$\\')


def exec_quote(command: Sequence[str]) -> str:
    """``command`` as the value of a desktop entry's ``Exec`` key, escaped for the file.

    Per the Desktop Entry specification: an argument with a reserved character (or an empty
    one) is put in double quotes, inside which ``"``, `````, ``$`` and ``\\`` get a backslash;
    a literal ``%`` is written ``%%`` (field codes); then the string-value escaping of the file
    format doubles every backslash. Raises AutostartError for control characters.

    GLib (the autostart of GNOME, Xfce, Cinnamon, MATE) checks that the program exists before it
    expands ``%%``, so it would skip an entry whose program path holds a ``%``: such a program
    is started through ``env``, which GLib finds and which runs the unexpanded path (``env``
    would take a path with ``=`` for a variable, so that one combination is refused).
    """
    arguments = _check_command(command)
    if "%" in arguments[0]:
        if "=" in arguments[0]:
            raise AutostartError(
                f"cannot start at login: {arguments[0]!r} has both % and = in its path",
                Problem.AUTOSTART_PATH_UNUSABLE,
                program=arguments[0],
            )
        arguments = ["env", "--", *arguments]
    quoted = []
    for argument in arguments:
        if argument and not (_EXEC_RESERVED & set(argument)):
            text = argument
        else:
            escaped = "".join("\\" + c if c in _EXEC_ESCAPED_IN_QUOTES else c for c in argument)
            text = f'"{escaped}"'
        quoted.append(text.replace("%", "%%"))
    return " ".join(quoted).replace("\\", "\\\\")


def _string_value(text: str) -> str:
    """A desktop entry string value: backslashes escaped (control characters are refused)."""
    return text.replace("\\", "\\\\")


def xdg_autostart_dirs(environ: Mapping[str, str] = os.environ) -> tuple[Path, list[Path]]:
    """(the user's autostart folder, the system-wide ones in order of preference)."""
    config_home = environ.get("XDG_CONFIG_HOME", "")
    user = Path(config_home) if Path(config_home).is_absolute() else Path.home() / ".config"
    system = [
        Path(d) / "autostart"
        for d in (environ.get("XDG_CONFIG_DIRS") or "/etc/xdg").split(":")
        if Path(d).is_absolute()
    ]
    return user / "autostart", system


def read_desktop_entry(text: str) -> dict[str, str]:
    """The keys of the ``[Desktop Entry]`` group (values unescaped only for ``\\\\``)."""
    entries: dict[str, str] = {}
    in_group = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("["):
            in_group = stripped == "[Desktop Entry]"
            continue
        if in_group and "=" in stripped:
            key, _, value = stripped.partition("=")
            entries[key.strip()] = value.strip()
    return entries


def _starts_at_login(entries: Mapping[str, str]) -> bool:
    hidden = entries.get("Hidden", "false") == "true"
    gnome_off = entries.get("X-GNOME-Autostart-enabled", "true") == "false"
    return not hidden and not gnome_off


class XdgAutostart:
    """An XDG autostart desktop entry in the user's configuration folder."""

    def __init__(self, app_id: str = APP_ID, environ: Mapping[str, str] | None = None) -> None:
        self._file_name = f"{app_id}.desktop"
        self._app_id = app_id
        self._environ = os.environ if environ is None else environ

    @property
    def path(self) -> Path:
        """The user's entry: ``$XDG_CONFIG_HOME/autostart/<app id>.desktop``."""
        return xdg_autostart_dirs(self._environ)[0] / self._file_name

    def _system_entries(self) -> Iterator[Path]:
        for directory in xdg_autostart_dirs(self._environ)[1]:
            candidate = directory / self._file_name
            if candidate.is_file():
                yield candidate

    def is_enabled(self) -> bool:
        """The first entry found (the user's, then system-wide ones) decides, as for the session."""
        for path in [self.path, *self._system_entries()]:
            try:
                text = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                continue
            except (OSError, UnicodeDecodeError) as error:
                log.warning("start at login: cannot read %s (%s); taking it as off", path, error)
                return False
            return _starts_at_login(read_desktop_entry(text))
        return False

    def enable(self, command: Sequence[str]) -> None:
        self._write(self.entry_text(command))

    def disable(self) -> None:
        if any(self._system_entries()):
            self._write(self._hidden_entry_text())  # the user's file overrides the system's
            return
        try:
            remove_durably(self.path)
        except OSError as error:
            raise AutostartError(
                f"could not turn off start at login: cannot remove {self.path} ({error})",
                Problem.AUTOSTART_NOT_CHANGED,
                entry=str(self.path),
                detail=_os_words(error),
            ) from error

    def entry_text(self, command: Sequence[str]) -> str:
        """The desktop entry written by :meth:`enable` (valid for desktop-file-validate)."""
        lines = [
            "[Desktop Entry]",
            "Type=Application",
            f"Name={APP_NAME}",
            "Comment=Start focusmate at login (switch it off in focusmate's settings)",
            f"Icon={self._app_id}",
            f"Exec={exec_quote(command)}",
        ]
        if Path(command[0]).is_absolute():
            # Skipped at login if the program is gone (uninstalled) instead of failing to start.
            lines.append(f"TryExec={_string_value(command[0])}")
        lines += ["Terminal=false", "X-GNOME-Autostart-enabled=true", ""]
        return "\n".join(lines)

    def _hidden_entry_text(self) -> str:
        return "\n".join(
            ["[Desktop Entry]", "Type=Application", f"Name={APP_NAME}", "Hidden=true", ""]
        )

    def _write(self, text: str) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, text.encode("utf-8"), mode=0o644)
        except OSError as error:
            raise AutostartError(
                f"could not change start at login: cannot write {self.path} ({error})",
                Problem.AUTOSTART_NOT_CHANGED,
                entry=str(self.path),
                detail=_os_words(error),
            ) from error


# -- Windows -------------------------------------------------------------------------------------

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
#: The Run key as regedit shows it (named in error messages).
RUN_KEY_SHOWN = rf"HKEY_CURRENT_USER\{RUN_KEY}"
STARTUP_APPROVED_KEY = r"Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"


class RegistryKey(Protocol):
    """An open registry key, as ``winreg`` returns it (a context manager that closes it)."""

    def __enter__(self) -> RegistryKey: ...

    def __exit__(self, *exc_info: object) -> bool | None: ...


class WindowsRegistry(Protocol):
    """The part of the ``winreg`` module this adapter uses (a fake in the tests)."""

    HKEY_CURRENT_USER: int
    KEY_READ: int
    KEY_SET_VALUE: int
    REG_SZ: int

    def OpenKey(  # noqa: N802 - winreg's names
        self, key: int, sub_key: str, reserved: int = 0, access: int = ...
    ) -> RegistryKey: ...

    def CreateKeyEx(  # noqa: N802
        self, key: int, sub_key: str, reserved: int = 0, access: int = ...
    ) -> RegistryKey: ...

    def QueryValueEx(self, key: RegistryKey, name: str) -> tuple[Any, int]: ...  # noqa: N802

    def SetValueEx(  # noqa: N802
        self, key: RegistryKey, name: str, reserved: int, type: int, value: str
    ) -> None: ...

    def DeleteValue(self, key: RegistryKey, name: str) -> None: ...  # noqa: N802


def windows_command_line(command: Sequence[str]) -> str:
    """``command`` as one Windows command line, as the Microsoft C runtime splits it back.

    The program (argv[0]) is always double-quoted: the runtime takes it verbatim up to the next
    quote, with no backslash escapes, so a path cannot contain ``"`` (nor can a Windows file
    name). Other arguments follow the runtime's rules: quoted when empty or containing
    whitespace or ``"``; inside, ``"`` becomes ``\\"`` and backslashes are doubled only where
    they precede a quote.
    """
    program, *arguments = _check_command(command)
    if '"' in program:
        raise AutostartError(
            f"cannot start at login: {program!r} contains a double quote",
            Problem.AUTOSTART_PATH_UNUSABLE,
            program=program,
        )
    return " ".join([f'"{program}"', *(_quote_windows_argument(a) for a in arguments)])


def _quote_windows_argument(argument: str) -> str:
    if argument and not any(c in argument for c in ' \t\n\v"'):
        return argument
    parts = ['"']
    backslashes = 0
    for character in argument:
        if character == "\\":
            backslashes += 1
            continue
        if character == '"':
            parts.append("\\" * (2 * backslashes + 1) + '"')
        else:
            parts.append("\\" * backslashes + character)
        backslashes = 0
    parts.append("\\" * (2 * backslashes) + '"')
    return "".join(parts)


class WindowsRunKey:
    """A ``Run`` value in the user's registry (HKCU): Windows starts it at every sign-in."""

    def __init__(self, registry: WindowsRegistry | None = None, value_name: str = APP_NAME) -> None:
        self._registry = registry
        self._value_name = value_name

    @property
    def registry(self) -> WindowsRegistry:
        if self._registry is None:
            self._registry = cast(WindowsRegistry, importlib.import_module("winreg"))
        return self._registry

    def is_enabled(self) -> bool:
        try:
            reg = self.registry
            with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_READ) as key:
                value, _kind = reg.QueryValueEx(key, self._value_name)
        except FileNotFoundError:
            return False
        except (OSError, ImportError) as error:
            log.warning("start at login: cannot read the Run key (%s); taking it as off", error)
            return False
        return bool(value) and not self._disabled_by_user()

    def enable(self, command: Sequence[str]) -> None:
        line = windows_command_line(command)
        try:
            reg = self.registry
            with reg.CreateKeyEx(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE) as key:
                reg.SetValueEx(key, self._value_name, 0, reg.REG_SZ, line)
        except (OSError, ImportError) as error:
            raise AutostartError(
                f"could not turn on start at login ({error})",
                Problem.AUTOSTART_NOT_CHANGED,
                entry=RUN_KEY_SHOWN,
                detail=_os_words(error),
            ) from error
        self._forget_user_choice()

    def disable(self) -> None:
        try:
            reg = self.registry
            with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE) as key:
                reg.DeleteValue(key, self._value_name)
        except FileNotFoundError:
            pass
        except (OSError, ImportError) as error:
            raise AutostartError(
                f"could not turn off start at login ({error})",
                Problem.AUTOSTART_NOT_CHANGED,
                entry=RUN_KEY_SHOWN,
                detail=_os_words(error),
            ) from error
        self._forget_user_choice()

    def _disabled_by_user(self) -> bool:
        """Task Manager's or Settings' "disabled" mark for our value (odd first byte)."""
        try:
            reg = self.registry
            with reg.OpenKey(reg.HKEY_CURRENT_USER, STARTUP_APPROVED_KEY, 0, reg.KEY_READ) as key:
                value, _kind = reg.QueryValueEx(key, self._value_name)
        except OSError:
            return False
        return isinstance(value, bytes | bytearray) and len(value) > 0 and value[0] % 2 == 1

    def _forget_user_choice(self) -> None:
        try:
            reg = self.registry
            with reg.OpenKey(
                reg.HKEY_CURRENT_USER, STARTUP_APPROVED_KEY, 0, reg.KEY_SET_VALUE
            ) as key:
                reg.DeleteValue(key, self._value_name)
        except OSError:
            pass  # no mark (the usual case), or none we may remove: the Run value still counts


# -- macOS ---------------------------------------------------------------------------------------


class MacLaunchAgent:
    """A per-user launchd agent that runs focusmate when the user logs in."""

    def __init__(self, app_id: str = APP_ID, home: Path | None = None) -> None:
        self._app_id = app_id
        self._home = home

    @property
    def path(self) -> Path:
        """``~/Library/LaunchAgents/<app id>.plist``."""
        home = self._home if self._home is not None else Path.home()
        return home / "Library" / "LaunchAgents" / f"{self._app_id}.plist"

    def agent(self, command: Sequence[str]) -> dict[str, Any]:
        """The launchd job written by :meth:`enable`."""
        return {
            "Label": self._app_id,
            "ProgramArguments": _check_command(command),
            "RunAtLoad": True,  # at login (when launchd loads the user's agents)
            "ProcessType": "Interactive",  # a GUI app: no background throttling
            "LimitLoadToSessionType": "Aqua",  # only in a graphical login, not over ssh
        }

    def is_enabled(self) -> bool:
        import plistlib  # noqa: PLC0415 - macOS only (it loads an XML parser: issue 18)

        try:
            with self.path.open("rb") as file:
                job = plistlib.load(file)
        except FileNotFoundError:
            return False
        except (OSError, plistlib.InvalidFileException, ValueError) as error:
            log.warning("start at login: cannot read %s (%s); taking it as off", self.path, error)
            return False
        return (
            isinstance(job, dict)
            and job.get("Label") == self._app_id
            and job.get("RunAtLoad") is True
            and job.get("Disabled") is not True
        )

    def enable(self, command: Sequence[str]) -> None:
        import plistlib  # noqa: PLC0415 - macOS only

        payload = plistlib.dumps(self.agent(command), fmt=plistlib.FMT_XML)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, payload, mode=0o644)
        except OSError as error:
            raise AutostartError(
                f"could not turn on start at login: cannot write {self.path} ({error})",
                Problem.AUTOSTART_NOT_CHANGED,
                entry=str(self.path),
                detail=_os_words(error),
            ) from error

    def disable(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as error:
            raise AutostartError(
                f"could not turn off start at login: cannot remove {self.path} ({error})",
                Problem.AUTOSTART_NOT_CHANGED,
                entry=str(self.path),
                detail=_os_words(error),
            ) from error


# -- elsewhere -----------------------------------------------------------------------------------


class NoAutostart:
    """A platform without a known start-at-login mechanism: always off."""

    def __init__(self, platform: str) -> None:
        self._platform = platform

    def is_enabled(self) -> bool:
        return False

    def enable(self, command: Sequence[str]) -> None:
        raise AutostartError(f"start at login is not supported on {self._platform}")

    def disable(self) -> None:
        return None


__all__ = [
    "APP_ID",
    "AutostartError",
    "MacLaunchAgent",
    "NoAutostart",
    "WindowsRegistry",
    "WindowsRunKey",
    "XdgAutostart",
    "autostart_for",
    "exec_quote",
    "launch_command",
    "windows_command_line",
]
