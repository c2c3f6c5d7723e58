"""The command line's grammar: every command and option, as `focusmate --help` shows them.

Building it must stay cheap, because `focusmate log phone` builds it whole before it parses
(ARCHITECTURE invariant 13): a command whose options need a heavy module (the calendar's
limits, the pulse's answers) is filled in only when it is the one typed (its help too),
through :class:`LazySubcommands`.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn

from focusmate import __version__
from focusmate.core.dnd_names import AUTO, BACKEND_NAMES
from focusmate.core.errors import ExitCode
from focusmate.core.terminal_text import terminal_line
from focusmate.core.validation import DEFAULT_MINUTES
from focusmate.desktop.locations import DATA_DIR_ENV

DND_BACKEND_ENV = "FOCUSMATE_DND_BACKEND"

#: Adds a command's arguments (and description, epilog) to its parser once it is typed.
Filler = Callable[[argparse.ArgumentParser], None]


class CommandParser(argparse.ArgumentParser):
    """argparse with one clear line on stderr and exit code 2 for usage errors."""

    def error(self, message: str) -> NoReturn:
        # The message may quote an argument as typed: shown escaped, like all output.
        self.exit(
            ExitCode.USAGE, f"focusmate: {terminal_line(message)} (see: {self.prog} --help)\n"
        )


# argparse has no public class for subcommands to extend; this one is stable since 3.2.
if TYPE_CHECKING:
    _Subcommands = argparse._SubParsersAction[CommandParser]  # noqa: SLF001
else:  # not subscriptable at run time
    _Subcommands = argparse._SubParsersAction  # noqa: SLF001


class LazySubcommands(_Subcommands):
    """Subcommands of which some get their arguments only when chosen: the list in
    `focusmate --help` needs only each one's name and help line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fillers: dict[str, Filler] = {}

    def add_lazy_parser(self, name: str, fill: Filler, **kwargs: Any) -> None:
        self.add_parser(name, **kwargs)
        self._fillers[name] = fill

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        name = values[0]
        fill = self._fillers.pop(name, None)
        if fill is not None:
            fill(self._name_parser_map[name])
        super().__call__(parser, namespace, values, option_string)


def _fill_calendar(parser: argparse.ArgumentParser) -> None:
    from focusmate.cli import calendar_commands  # noqa: PLC0415 - the calendar's rules, only here

    calendar_commands.fill_parser(parser)


def _fill_pulse(parser: argparse.ArgumentParser) -> None:
    from focusmate.cli import pulse_command  # noqa: PLC0415 - the pulse's answers, only here

    pulse_command.fill_parser(parser)


def _fill_sync(parser: argparse.ArgumentParser) -> None:
    from focusmate.cli import sync_commands  # noqa: PLC0415 - sync's words, only here

    sync_commands.fill_parser(parser)


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="focusmate",
        description="A focus-mode companion for one-on-one coaching sessions. "
        "Without a command, starts the tray app.",
    )
    parser.register("action", "lazy_parsers", LazySubcommands)
    parser.add_argument("--version", action="version", version=f"focusmate {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help=f"where the data lives (also ${DATA_DIR_ENV})"
    )
    parser.add_argument(
        "--dnd-backend",
        metavar="NAME",
        default=os.environ.get(DND_BACKEND_ENV) or None,
        help=f"do-not-disturb backend: {AUTO} or one of {', '.join(BACKEND_NAMES)} "
        f"(also ${DND_BACKEND_ENV})",
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=CommandParser, action="lazy_parsers"
    )
    assert isinstance(commands, LazySubcommands)  # the action registered above
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
        metavar="KIND",
        help="coaching (default), client (a meeting with a client, for the weekly comparison) "
        "or a kind you added in the settings",
    )
    start.add_argument(
        "--anyway",
        action="store_true",
        help="start even if a session with them runs on another computer (sync)",
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
    commands.add_lazy_parser(
        "pulse",
        _fill_pulse,
        help="record the salesperson's answers about a session, or print the questions",
    )
    commands.add_parser("review", help="open the weekly review (starts focusmate if needed)")
    commands.add_parser("settings", help="open the settings (starts focusmate if needed)")
    move = commands.add_parser(
        "move-data", help="move your data to another folder (the app restarts itself to use it)"
    )
    move.add_argument("folder", metavar="DIR", help="an empty folder, or one not there yet")
    commands.add_lazy_parser(
        "calendar", _fill_calendar, help="add, remove and check calendars; the next one-on-ones"
    )
    commands.add_lazy_parser(
        "sync", _fill_sync, help="sync your sessions across your computers (a folder or WebDAV)"
    )
    return parser
