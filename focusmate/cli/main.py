"""The command line: `focusmate` starts the tray app; every other command is a client.

start/log/undo/end/status talk to the running app over the local socket, and import no more
than that takes (ARCHITECTURE invariant 13): every other command's module is imported inside
its branch below. report and export read the data file directly (atomic replacement means a
reader always sees a whole file). import writes only through the one writer: the running
app, or this process while it holds the app's lock; move-data likewise (the running app then
restarts itself), and the calendar commands (cli.calendar_commands) and pulse
(cli.pulse_command).
"""

from __future__ import annotations

import json
import os
import sys

from focusmate.cli.app_client import DefaultFolder, ask_app, request_app
from focusmate.cli.hot_argv import hot_args
from focusmate.core.errors import ExitCode, FocusmateError, InvalidInput
from focusmate.core.protocol import SHOWABLE_WINDOWS
from focusmate.desktop import handover
from focusmate.desktop.client_paths import given_folder
from focusmate.desktop.ipc_client import NotListening

# What a socket command does not need is imported where it is used (invariant 13): pathlib,
# desktop.locations (pathlib, platformdirs) when no folder is given, the typed-input rules
# for `start`, core.terminal_text for the words printed, and typing not at all: the type
# checkers take any constant named TYPE_CHECKING as true (typing's own costs 3-5 ms).
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence
    from types import SimpleNamespace

    from focusmate.core.protocol import Message
    from focusmate.core.settings import Settings
    from focusmate.desktop.locations import DataLocation

    #: A socket command's arguments: read by hot_args, or by the argparse parser.
    Arguments = argparse.Namespace | SimpleNamespace
    #: A socket command's data folder: as text, or the default worked out on use.
    Folder = str | DefaultFolder


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command ``argv``; its exit code. Without ``argv``, this process's own command
    line (the console script, ``python -m focusmate``): a socket command then ends the
    process itself (see _end_process)."""
    # The forms typed most are read by hand; all else, errors and help by argparse (see there).
    hot = hot_args(sys.argv[1:] if argv is None else argv)
    try:
        if hot is None:
            args = _parsed(argv)
            return _dispatch(args, _locate(args))
        _SOCKET_COMMANDS[hot.command](hot, _socket_command_folder(hot.data_dir))
        code = int(ExitCode.OK)
    except FocusmateError as error:
        from focusmate.core.terminal_text import terminal_line  # noqa: PLC0415 - on errors

        print(f"focusmate: {terminal_line(str(error))}", file=sys.stderr)
        code = int(error.exit_code)
    if hot is not None and argv is None:
        _end_process(code)
    return code


def _end_process(code: int) -> None:
    """End this process at once with ``code``, its output written: the interpreter's own
    exit (freeing every module and object one by one) is ~3 ms of a socket command's
    process, with nothing to do for it: the socket is closed, and nothing it loads registers
    atexit work or starts a thread. Should that change, or the output fail to be written (a
    closed pipe), the interpreter's exit does it all, and reports that, as it always has."""
    import atexit  # noqa: PLC0415 - built in; only here

    if atexit._ncallbacks() or "threading" in sys.modules:  # noqa: SLF001 - no public count
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code)


def _socket_command_folder(override: str | None) -> str | DefaultFolder:
    """The data folder of a socket command, as text: the one given by --data-dir or
    $FOCUSMATE_DATA_DIR without pathlib; else the data location file's or the default,
    worked out only if the app using it does not answer on the default socket."""
    given = given_folder(override)
    if given is not None:
        return given[0]
    return DefaultFolder(_located_default)


def _located_default() -> str:
    from focusmate.desktop.locations import locate_data_dir  # noqa: PLC0415 - see the top

    return str(locate_data_dir(None).path)


def _parsed(argv: Sequence[str] | None) -> argparse.Namespace:
    from focusmate.cli.parser import build_parser  # noqa: PLC0415 - argparse: not for hot_args'

    return build_parser().parse_args(argv)


def _locate(args: argparse.Namespace) -> DataLocation:
    """The data folder; starting the app, a damaged data location file is repaired (the app
    says so), while the other commands only report it."""
    from focusmate.desktop.locations import locate_data_dir  # noqa: PLC0415 - see the top

    if args.command in {None, *SHOWABLE_WINDOWS}:
        from datetime import UTC, datetime  # noqa: PLC0415 - the app's path

        from focusmate.services.data_folder import locate_for_the_app  # noqa: PLC0415

        return locate_for_the_app(args.data_dir, datetime.now(UTC))
    return locate_data_dir(args.data_dir)


def _dispatch(  # noqa: PLR0911 - one return per command that has its own code
    args: argparse.Namespace, location: DataLocation
) -> int:
    data = location.path
    command: str | None = args.command
    if command in {None, *SHOWABLE_WINDOWS}:
        from focusmate.core.dnd_names import AUTO, BACKEND_NAMES  # noqa: PLC0415

        if args.dnd_backend is not None and args.dnd_backend.strip().lower() not in {
            AUTO,
            *BACKEND_NAMES,
        }:
            raise InvalidInput(
                f"unknown do-not-disturb backend {args.dnd_backend!r}; "
                f"choose one of: {AUTO}, {', '.join(BACKEND_NAMES)}"
            )
        return _run_app(location, args.dnd_backend, command)
    if command in _SOCKET_COMMANDS:
        _SOCKET_COMMANDS[command](args, str(data))
    elif command == "report":
        from focusmate.cli import direct  # noqa: PLC0415 - the storage and the report's rules

        direct.report(data, args.week, as_json=args.json, as_csv=args.csv, png=args.png)
    elif command == "export":
        from focusmate.cli import direct  # noqa: PLC0415

        direct.export(data, args.format, args.output)
    elif command == "move-data":
        from focusmate.cli.data_commands import move_data  # noqa: PLC0415

        return move_data(location, args.folder)
    elif command == "import":
        from pathlib import Path  # noqa: PLC0415 - see the top

        from focusmate.cli.data_commands import import_file  # noqa: PLC0415

        return import_file(data, Path(args.file))
    elif command == "pulse":
        from focusmate.cli import pulse_command  # noqa: PLC0415

        return pulse_command.run(args, data)
    elif command == "sync":
        from focusmate.cli import sync_commands  # noqa: PLC0415 - sync's rules, only here

        return sync_commands.run(args, data)
    else:
        from focusmate.cli import calendar_commands  # noqa: PLC0415 - the calendar's rules

        return calendar_commands.run(args, data)
    return ExitCode.OK


def _run_app(location: DataLocation, dnd_backend: str | None, window: str | None = None) -> int:
    """Start the app (then open ``window``), or ask the running one to come forward; one that
    is still starting (a launch at the same instant, the autostart) is waited for."""
    from focusmate import app  # noqa: PLC0415 - Qt widgets only when the app itself runs

    request: Message = {"cmd": "show"}
    if window is not None:
        request["window"] = window

    def alone() -> int | None:
        try:
            return app.run(location, dnd_backend, window)
        except app.AlreadyRunning:
            return None

    def ask() -> int:
        request_app(location.path, request)
        return ExitCode.OK

    return handover.alone_or_by_owner(location.path, alone, ask)


def _ask_or_check(data: Folder, request: Message, check: Callable[[], object]) -> Message:
    """The running app's answer to ``request`` (the app checks it against its settings).
    When no app runs, ``check()`` reads the settings file to say what is wrong with the
    request (a usage error naming the known kinds, exit 2; a damaged file, exit 5) before
    "not running" (exit 3): reading it only then keeps the settings' rules out of a command
    that the app answers."""
    try:
        return ask_app(data, request)
    except NotListening:
        check()
        raise


def _settings(data: Folder) -> Settings:
    from pathlib import Path  # noqa: PLC0415 - see the top

    from focusmate.storage.settings_store import load_settings  # noqa: PLC0415 - see _ask_or_check

    return load_settings(Path(data))


def _start(args: Arguments, data: Folder) -> None:
    from focusmate.cli.terminal import shown  # noqa: PLC0415 - see the top
    from focusmate.core.validation import (  # noqa: PLC0415
        check_typed,
        clean_focus,
        clean_name,
        parse_minutes,
    )

    minutes = parse_minutes(args.minutes)
    # The app checks them too; here they are refused even when no app runs.
    check_typed(clean_name(args.with_name), "the salesperson's name")
    check_typed(clean_focus(args.focus), "the focus note")
    request = {"cmd": "start", "with": args.with_name, "minutes": minutes, "focus": args.focus}
    if args.kind is not None:  # without one the app starts a coaching session (core.protocol)
        request["kind"] = args.kind
    if args.anyway:  # a session with them on another computer (sync, issue 19)
        request["anyway"] = True

    def check() -> None:
        kinds = _settings(data).session_kinds
        if args.kind is not None:
            kinds.get(args.kind)

    reply = _ask_or_check(data, request, check)
    print(
        f"Started a {minutes}-minute {_session_words(data, args.kind)} with {shown(reply['with'])}."
    )


def _session_words(data: Folder, kind: str | None) -> str:
    """What the started session is called: a kind the user added by the settings' name."""
    if kind is None:
        return "session"
    from focusmate.cli.terminal import shown  # noqa: PLC0415 - see the top
    from focusmate.core.session_kind import CLIENT, COACHING  # noqa: PLC0415 - only for --kind

    built_in = {COACHING: "session", CLIENT: "client meeting"}.get(kind)
    return built_in or f"session ({shown(_settings(data).session_kinds.get(kind).name)})"


def _log(args: Arguments, data: Folder) -> None:
    request = {"cmd": "log", "kind": args.kind}
    _ask_or_check(
        data, request, lambda: _settings(data).kinds.get(args.kind)
    )  # silent, like the key press


def _undo(_args: Arguments, data: Folder) -> None:
    ask_app(data, {"cmd": "undo"})


def _end(_args: Arguments, data: Folder) -> None:
    from focusmate.cli.terminal import shown  # noqa: PLC0415 - see the top

    reply = ask_app(data, {"cmd": "end"})
    print(f"Ended the session with {shown(reply['with'])}. The reflection is open in focusmate.")


def _status(args: Arguments, data: Folder) -> None:
    from focusmate.cli.terminal import write_document  # noqa: PLC0415 - see the top

    status = ask_app(data, {"cmd": "status"})
    if args.json:
        write_document(json.dumps(status, ensure_ascii=False) + "\n")
        return
    from focusmate.core.describe import status_text  # noqa: PLC0415 - the words, not --json
    from focusmate.core.terminal_text import terminal_line  # noqa: PLC0415

    print(terminal_line(status_text(status)))


#: The commands that only ask the running app: the client's fast path.
_SOCKET_COMMANDS: dict[str, Callable[[Arguments, Folder], None]] = {
    "start": _start,
    "log": _log,
    "undo": _undo,
    "end": _end,
    "status": _status,
}
