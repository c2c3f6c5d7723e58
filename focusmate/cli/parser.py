"""The command line's grammar: every command and option, as `focusmate --help` shows them.

Building it must stay cheap, because `focusmate log phone` builds it before it parses
(ARCHITECTURE invariant 13): a command's parser is made, and its arguments added, only when
it is the one typed (through :class:`LazySubcommands`), so that the calendar's limits or the
pulse's answers are imported only for those commands, and nothing is made for the others.
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
    """Subcommands whose parsers are made only when chosen: the list in `focusmate --help`
    needs only each one's name and help line, and making a parser costs more than parsing.
    Built on argparse's own subcommand action (its pseudo-action for the help line, its map
    of names to parsers), as add_parser is."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fillers: dict[str, Filler] = {}

    def add_lazy_parser(self, name: str, fill: Filler, *, help_line: str) -> None:
        self._choices_actions.append(self._ChoicesPseudoAction(name, (), help_line))
        self._name_parser_map[name] = None  # type: ignore[assignment]  # a choice until made
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
            chosen = self._parser_class(prog=f"{self._prog_prefix} {name}")
            fill(chosen)
            self._name_parser_map[name] = chosen
        super().__call__(parser, namespace, values, option_string)


def action_parsers(
    parser: argparse.ArgumentParser, description: str, epilog: str, dest: str
) -> Any:
    """A command of actions (``calendar``, ``sync``): its words, its epilog kept as written,
    and the parsers of its actions, one of which is required (named ``dest`` in the result)."""
    parser.description = description
    parser.epilog = epilog
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    return parser.add_subparsers(
        dest=dest, metavar="ACTION", required=True, parser_class=type(parser)
    )


def _nothing(_parser: argparse.ArgumentParser) -> None:
    """A command without arguments."""


def _fill_start(start: argparse.ArgumentParser) -> None:
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


def _fill_log(log: argparse.ArgumentParser) -> None:
    log.add_argument("kind", metavar="KIND", help="phone, app, or one of your own kinds")


def _fill_status(status: argparse.ArgumentParser) -> None:
    status.add_argument("--json", action="store_true", help="machine-readable output")


def _fill_report(report: argparse.ArgumentParser) -> None:
    report.add_argument("--week", metavar="YYYY-Www", help="ISO week (default: this week)")
    output = report.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="aggregates, people and insights")
    output.add_argument("--csv", action="store_true", help="one row per day")
    report.add_argument("--png", metavar="FILE", help="also draw the week's chart to FILE")


def _fill_export(export: argparse.ArgumentParser) -> None:
    export.add_argument("--format", choices=["json", "csv", "ics"], required=True)
    export.add_argument("--output", metavar="FILE", help="default: standard output")


def _fill_import(imp: argparse.ArgumentParser) -> None:
    imp.add_argument("file", metavar="FILE")


def _fill_move_data(move: argparse.ArgumentParser) -> None:
    move.add_argument("folder", metavar="DIR", help="an empty folder, or one not there yet")


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
    for name, fill, help_line in _COMMANDS:
        commands.add_lazy_parser(name, fill, help_line=help_line)
    return parser


#: Every command, in the order of `focusmate --help`: its arguments' filler and help line.
_COMMANDS: tuple[tuple[str, Filler, str], ...] = (
    ("start", _fill_start, "start a coaching session in the running app"),
    ("log", _fill_log, "log a mark in the running session, silently"),
    ("undo", _nothing, "take back the last mark (if at most a minute old)"),
    ("end", _nothing, "end the session and open the reflection"),
    ("status", _fill_status, "show the running session"),
    ("report", _fill_report, "the weekly summary"),
    ("export", _fill_export, "write every session to a file"),
    ("import", _fill_import, "merge sessions from an export file"),
    (
        "pulse",
        _fill_pulse,
        "record the salesperson's answers about a session, or print the questions",
    ),
    ("review", _nothing, "open the weekly review (starts focusmate if needed)"),
    ("settings", _nothing, "open the settings (starts focusmate if needed)"),
    (
        "move-data",
        _fill_move_data,
        "move your data to another folder (the app restarts itself to use it)",
    ),
    ("calendar", _fill_calendar, "add, remove and check calendars; the next one-on-ones"),
    ("sync", _fill_sync, "sync your sessions across your computers (a folder or WebDAV)"),
)
