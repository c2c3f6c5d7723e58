"""The command line: `focusmate` starts the tray app; every other command is a client.

start/log/end/status talk to the running app over the local socket. report and export
read the data file directly (atomic replacement means a reader always sees a whole
file). import writes only through the one writer: the running app, or this process
while it holds the app's lock; move-data likewise (the running app then restarts itself),
and the calendar commands (cli.calendar_commands).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

from focusmate import __version__
from focusmate.cli import calendar_commands
from focusmate.cli.app_client import ask_app, request_app
from focusmate.cli.terminal import write_document
from focusmate.core.describe import status_text
from focusmate.core.dnd import AUTO, BACKEND_NAMES
from focusmate.core.errors import ExitCode, FocusmateError, InvalidInput
from focusmate.core.protocol import (
    SHOWABLE_WINDOWS,
    Message,
    file_contents,
    import_request_bytes,
    pulse_answer,
)
from focusmate.core.pulse import (
    SCALE_HIGH,
    SCALE_LOW,
    Concern,
    PulseVia,
    RepPulse,
    clean_comment,
    pulse_to_record,
)
from focusmate.core.session_kind import CLIENT, COACHING
from focusmate.core.terminal_text import terminal_line
from focusmate.core.validation import (
    DEFAULT_MINUTES,
    check_typed,
    clean_focus,
    clean_name,
    parse_minutes,
)
from focusmate.desktop import handover, ipc_client
from focusmate.desktop.ipc_client import TIMEOUT_S
from focusmate.desktop.locations import DATA_DIR_ENV, DataLocation, locate_data_dir, server_name
from focusmate.storage.settings_store import load_settings

DND_BACKEND_ENV = "FOCUSMATE_DND_BACKEND"
#: How long move-data waits for the app to answer again from the new folder.
RESTART_WAIT_S = 20.0
#: How fast the app is assumed to merge an import at the least, to wait for its answer.
IMPORT_BYTES_PER_S = 1024 * 1024
_DIGITS = re.compile("[0-9]{1,3}")


class _Parser(argparse.ArgumentParser):
    """argparse with one clear line on stderr and exit code 2 for usage errors."""

    def error(self, message: str) -> NoReturn:
        # The message may quote an argument as typed: shown escaped, like all output.
        self.exit(
            ExitCode.USAGE, f"focusmate: {terminal_line(message)} (see: {self.prog} --help)\n"
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="focusmate",
        description="A focus-mode companion for one-on-one coaching sessions. "
        "Without a command, starts the tray app.",
    )
    parser.add_argument("--version", action="version", version=f"focusmate {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help=f"where the data lives (also ${DATA_DIR_ENV})"
    )
    parser.add_argument(
        "--dnd-backend",
        metavar="NAME",
        default=os.environ.get(DND_BACKEND_ENV) or None,
        help=f"do-not-disturb backend: auto or one of {', '.join(BACKEND_NAMES)} "
        f"(also ${DND_BACKEND_ENV})",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    start = commands.add_parser("start", help="start a coaching session in the running app")
    start.add_argument("--with", dest="with_name", required=True, metavar="NAME")
    start.add_argument(
        "--minutes",
        default=str(DEFAULT_MINUTES),
        metavar="N",
        help=f"planned minutes, 1-240 (default {DEFAULT_MINUTES})",
    )
    start.add_argument("--focus", default="", metavar="TEXT", help="an optional focus note")
    start.add_argument(
        "--kind",
        default=COACHING,
        metavar="KIND",
        help="coaching (default), client (a meeting with a client, for the weekly comparison) "
        "or a kind you added in the settings",
    )
    log = commands.add_parser("log", help="log a mark in the running session, silently")
    log.add_argument("kind", metavar="KIND", help="phone, app, or one of your own kinds")
    commands.add_parser("undo", help="take back the last mark (if at most a minute old)")
    commands.add_parser("end", help="end the session and open the reflection")
    status = commands.add_parser("status", help="show the running session")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    report = commands.add_parser("report", help="the weekly summary")
    report.add_argument("--week", metavar="YYYY-Www", help="ISO week (default: this week)")
    output = report.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="aggregates, people and insights")
    output.add_argument("--csv", action="store_true", help="one row per day")
    report.add_argument("--png", metavar="FILE", help="also draw the week's chart to FILE")
    export = commands.add_parser("export", help="write every session to a file")
    export.add_argument("--format", choices=["json", "csv", "ics"], required=True)
    export.add_argument("--output", metavar="FILE", help="default: standard output")
    imp = commands.add_parser("import", help="merge sessions from an export file")
    imp.add_argument("file", metavar="FILE")
    _add_pulse_parser(commands)
    commands.add_parser("review", help="open the weekly review (starts focusmate if needed)")
    commands.add_parser("settings", help="open the settings (starts focusmate if needed)")
    move = commands.add_parser(
        "move-data", help="move your data to another folder (the app restarts itself to use it)"
    )
    move.add_argument("folder", metavar="DIR", help="an empty folder, or one not there yet")
    calendar_commands.add_parser(commands)
    return parser


def _add_pulse_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    pulse = commands.add_parser(
        "pulse", help="record the salesperson's answers about a session, or print the questions"
    )
    pulse.add_argument(
        "session", metavar="SESSION_ID|last", help="a session's id, or last: the latest ended"
    )
    pulse.add_argument("--heard", metavar="N", help="did they feel heard before advice? 1-5")
    pulse.add_argument("--concern", choices=[c.value for c in Concern], help="did it come up?")
    pulse.add_argument("--attention", metavar="N", help="did they have your full attention? 1-5")
    pulse.add_argument("--comment", default="", metavar="TEXT", help="their optional comment")
    pulse.add_argument(
        "--message", action="store_true", help="print the questions to paste into a chat"
    )
    pulse.add_argument(
        "--serve",
        action="store_true",
        help="show a QR code: the salesperson answers on their phone (the app must be running)",
    )
    pulse.add_argument(
        "--json", action="store_true", help='with --serve: print {"url": ..., "expires_at": ...}'
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args, _locate(args))
    except FocusmateError as error:
        print(f"focusmate: {terminal_line(str(error))}", file=sys.stderr)
        return int(error.exit_code)


def _locate(args: argparse.Namespace) -> DataLocation:
    """The data folder; starting the app, a damaged data location file is repaired (the app
    says so), while the other commands only report it."""
    if args.command in {None, *SHOWABLE_WINDOWS}:
        from focusmate.services.data_folder import locate_for_the_app  # noqa: PLC0415 - the app's path

        return locate_for_the_app(args.data_dir, datetime.now(UTC))
    return locate_data_dir(args.data_dir)


def _dispatch(args: argparse.Namespace, location: DataLocation) -> int:
    data = location.path
    command: str | None = args.command
    if command in {None, *SHOWABLE_WINDOWS}:
        if args.dnd_backend is not None and args.dnd_backend.strip().lower() not in {
            AUTO,
            *BACKEND_NAMES,
        }:
            raise InvalidInput(
                f"unknown do-not-disturb backend {args.dnd_backend!r}; "
                f"choose one of: {AUTO}, {', '.join(BACKEND_NAMES)}"
            )
        return _run_app(location, args.dnd_backend, command)
    if command == "start":
        minutes = parse_minutes(args.minutes)
        # The app checks them too; here they are refused even when no app runs.
        check_typed(clean_name(args.with_name), "the salesperson's name")
        check_typed(clean_focus(args.focus), "the focus note")
        kinds = load_settings(data).session_kinds
        kinds.get(args.kind)  # usage error naming the known ones, even when no app runs
        request = {
            "cmd": "start",
            "with": args.with_name,
            "minutes": minutes,
            "focus": args.focus,
            "kind": args.kind,
        }
        reply = ask_app(data, request)
        what = {COACHING: "session", CLIENT: "client meeting"}.get(
            args.kind, f"session ({_shown(kinds.get(args.kind).name)})"
        )
        print(f"Started a {minutes}-minute {what} with {_shown(reply['with'])}.")
    elif command == "log":
        load_settings(data).kinds.get(args.kind)  # usage error even when no app runs
        ask_app(data, {"cmd": "log", "kind": args.kind})  # success is silent, like the key press
    elif command == "undo":
        ask_app(data, {"cmd": "undo"})
    elif command == "end":
        reply = ask_app(data, {"cmd": "end"})
        name = _shown(reply["with"])
        print(f"Ended the session with {name}. The reflection is open in focusmate.")
    elif command == "status":
        _print_status(ask_app(data, {"cmd": "status"}), as_json=args.json)
    elif command == "report":
        from focusmate.cli import direct  # noqa: PLC0415 - not imported by `log`, to keep it fast

        direct.report(data, args.week, as_json=args.json, as_csv=args.csv, png=args.png)
    elif command == "export":
        from focusmate.cli import direct  # noqa: PLC0415

        direct.export(data, args.format, args.output)
    elif command == "move-data":
        return _move_data(location, args.folder)
    elif command in _WITH_ARGS:
        return _WITH_ARGS[command](args, data)
    else:
        return _import(data, Path(args.file))
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


def _move_data(location: DataLocation, folder: str) -> int:
    """Move the data folder: this process does it under the app's lock when no app runs;
    otherwise the app does (the same steps as its settings window), then restarts itself."""
    from focusmate.services import data_folder  # noqa: PLC0415 - Qt's lock file only for this command

    target = Path(folder).expanduser().absolute()
    report = data_folder.move_offline(location, target)
    if report is not None:
        source, moved_to, left = report.source, report.target, list(report.left_behind)
        print(f"Moved your focusmate data from {_shown(source)} to {_shown(moved_to)}.")
    else:
        reply = ask_app(location.path, {"cmd": "move-data", "to": str(target)})
        source, moved_to = Path(reply["from"]), Path(reply["to"])
        left = [str(name) for name in reply.get("left_behind", [])]
        restarted = _answers_within(server_name(moved_to), RESTART_WAIT_S)
        print(
            f"Moved your focusmate data from {_shown(source)} to {_shown(moved_to)}; focusmate "
            f"{'restarted' if restarted else 'is restarting'} to use it."
        )
    for name in left:
        gone = _shown(source / name)
        print(f"focusmate: could not remove {gone}; delete it yourself", file=sys.stderr)
    return ExitCode.OK


def _pulse(args: argparse.Namespace, data: Path) -> int:
    """``focusmate pulse``: the questions as a chat message (no change made), or the typed
    answers, kept by the running app or, when none runs, by this process under the data
    folder's lock (ARCHITECTURE invariant 1)."""
    from focusmate.cli import direct  # noqa: PLC0415 - the storage only for this command

    answers = (args.heard, args.concern, args.attention)
    if args.serve:
        if any(a is not None for a in answers) or args.comment or args.message:
            raise InvalidInput(
                "--serve lets the salesperson answer on their phone; it takes no answers"
            )
        return _serve_pulse(data, args.session, as_json=args.json)
    if args.json:
        raise InvalidInput("--json goes with --serve")
    if args.message:
        if any(a is not None for a in answers) or args.comment:
            raise InvalidInput("--message prints the questions; it takes no answers")
        direct.print_pulse_message(data, args.session)
        return ExitCode.OK
    pulse = typed_pulse(args.heard, args.concern, args.attention, args.comment)
    request = {"cmd": "pulse", "session": args.session, "pulse": pulse_to_record(pulse)}

    def alone() -> Message | None:
        session = direct.record_pulse(data, args.session, pulse)
        return None if session is None else pulse_answer(session)

    reply = handover.alone_or_by_owner(data, alone, lambda: ask_app(data, request))
    started = datetime.fromisoformat(str(reply["started_at"])).astimezone()
    print(f"Recorded {_shown(reply['with'])}'s answers for {started:%a %d %b %H:%M}.")
    return ExitCode.OK


def _serve_pulse(data: Path, session: str, *, as_json: bool) -> int:
    """``focusmate pulse ... --serve``: the running app opens the pulse page and its QR window;
    printed once the page listens (NotListening, exit 3, when no app runs)."""
    reply = ask_app(data, {"cmd": "pulse-serve", "session": session})
    url, expires_at = str(reply["url"]), str(reply["expires_at"])
    if as_json:
        write_document(json.dumps({"url": url, "expires_at": expires_at}) + "\n")
        return ExitCode.OK
    expires = datetime.fromisoformat(expires_at).astimezone()
    print(url)
    print(
        f"The QR code for {_shown(reply['with'])} is on screen in focusmate; "
        f"the form takes an answer until {expires:%H:%M}."
    )
    return ExitCode.OK


def typed_pulse(
    heard: str | None, concern: str | None, attention: str | None, comment: str
) -> RepPulse:
    """The typed answers as a pulse stamped now, checked whole before anything is asked or
    written; InvalidInput (exit 2) with one line for a missing or bad value."""
    if heard is None or concern is None or attention is None:
        raise InvalidInput("give --heard, --concern and --attention (or --message)")
    return RepPulse(
        heard=_scale(heard, "heard"),
        concern=Concern(concern),
        attention=_scale(attention, "attention"),
        comment=clean_comment(comment),
        via=PulseVia.TYPED,
        at=datetime.now(UTC),
    )


def _scale(text: str, name: str) -> int:
    # Digits only: int() would also take "٣", "+2" or "0_2", which nobody means as an answer.
    if _DIGITS.fullmatch(text.strip()) is None:
        raise InvalidInput(
            f"--{name} must be a whole number from {SCALE_LOW} to {SCALE_HIGH}, not {text[:20]!r}"
        )
    return int(text.strip())


#: The commands that take their parsed arguments and the data folder whole.
_WITH_ARGS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "calendar": calendar_commands.run,
    "pulse": _pulse,
}


def _shown(value: object) -> str:
    """A name or path as printed for a person: core.terminal_text's rule."""
    return terminal_line(str(value))


def _answers_within(server: str, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if ipc_client.request(server, {"cmd": "status"})["ok"]:
                return True
        except FocusmateError:
            pass  # not up yet
        time.sleep(0.1)
    return False


def _print_status(status: Message, *, as_json: bool) -> None:
    if as_json:
        write_document(json.dumps(status, ensure_ascii=False) + "\n")
        return
    print(terminal_line(status_text(status)))


def _import(data: Path, file: Path) -> int:
    from focusmate.cli import direct  # noqa: PLC0415
    from focusmate.core.records import import_summary  # noqa: PLC0415
    from focusmate.storage import transfer  # noqa: PLC0415

    raw = transfer.read_import_bytes(file)  # once, here: a pipe such as <(...) is read once
    incoming = transfer.parse_import(raw, file)  # checked whole before anything is locked
    request = {"cmd": "import", "file": str(file), "contents": file_contents(raw)}
    limit = import_request_bytes(transfer.IMPORT_MAX_BYTES)
    merging_s = len(raw) / IMPORT_BYTES_PER_S

    def alone() -> Message | None:
        merged = direct.import_sessions(data, incoming)
        return None if merged is None else dict(merged.counts())

    def ask() -> Message:  # the app owns the data: it merges (and checks again) what was read
        return request_app(data, request, max_bytes=limit, answer_within_s=TIMEOUT_S + merging_s)

    counts = handover.alone_or_by_owner(data, alone, ask)
    print(f"Imported {_shown(file)}: {import_summary(counts)}.")
    return ExitCode.OK
