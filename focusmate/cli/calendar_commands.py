"""`focusmate calendar ...` (issue 15, deliverable 6): add and remove calendars, say how each
is doing, and list the next one-on-ones.

Everything typed is checked here first, so that a bad name, address or lead time is one
line and exit 2 whether or not the app runs, before a password is asked for. The work then
goes to the running app over the socket, or, when none runs, is done by this process under
the data folder's lock (cli.calendar_alone; ARCHITECTURE invariant 1). Both answer with the
same documents (core.protocol), printed here. Names, titles and status lines come from
outside (the user, a feed): each reaches the terminal through core.terminal_text.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from focusmate.cli.app_client import request_app
from focusmate.cli.parser import action_parsers
from focusmate.cli.terminal import log_to_stderr, write_document
from focusmate.core.calendar_sources import (
    DEFAULT_LEAD_MINUTES,
    LEAD_MINUTES_MAX,
    CalendarKind,
    CalendarSource,
    check_lead_minutes,
    check_source_name,
)
from focusmate.core.calendar_status import PENDING_PROBLEM
from focusmate.core.errors import ExitCode, InvalidInput
from focusmate.core.one_on_ones import DEFAULT_DAYS_AHEAD
from focusmate.core.protocol import Message, calendar_add_request
from focusmate.core.terminal_text import terminal_line
from focusmate.core.validation import check_typed
from focusmate.desktop import handover
from focusmate.desktop.system_clock import local_zone
from focusmate.storage.settings_store import load_settings

#: Longer is no password a server gave out, and would not fit in a request to the app.
PASSWORD_MAX_CHARS = 4_096

#: The status of a source the running app has not checked yet (services.calendar).

EPILOG = f"""\
A calendar is an iCalendar address (https://, webcal://; plain http:// only to this
computer) or file, or a CalDAV server with a user name; a CalDAV password goes to the
operating system's secret store, never into the settings. `status` and `next` check each
calendar now when focusmate does not run; a running focusmate checks them every 5 minutes.

exit codes:
  0  done; a calendar that cannot be read right now is still added (it may be down): the
     add commands print why and exit 0
  1  status: the latest check of at least one calendar failed (its last good copy is used)
  2  a taken or unknown name, a bad address, a lead time outside 0-{LEAD_MINUTES_MAX}, no password
  4  no secret store to keep a CalDAV password and no running focusmate to keep it
  5  the settings file is damaged
"""


def fill_parser(calendar: argparse.ArgumentParser) -> None:
    """The ``calendar`` command's actions and help, in its parser (cli.parser makes it)."""
    actions = action_parsers(
        calendar, "Calendars whose one-on-ones focusmate reminds you of.", EPILOG, "calendar_action"
    )
    ics = actions.add_parser("add-ics", help="add an iCalendar address or file")
    ics.add_argument("name", metavar="NAME", help="what focusmate calls it (e.g. Work)")
    ics.add_argument("location", metavar="URL|FILE")
    _lead_minutes(ics)
    caldav = actions.add_parser("add-caldav", help="add a CalDAV calendar (asks for the password)")
    caldav.add_argument("name", metavar="NAME")
    caldav.add_argument("location", metavar="URL", help="the server's or the calendar's address")
    caldav.add_argument("--user", required=True, metavar="USER")
    caldav.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password (one line) from standard input instead of asking",
    )
    _lead_minutes(caldav)
    remove = actions.add_parser("remove", help="remove a calendar and its password")
    remove.add_argument("name", metavar="NAME")
    status = actions.add_parser("status", help="how each calendar is doing (exit 1: a failure)")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    upcoming = actions.add_parser(
        "next", help=f"the one-on-ones of the coming {DEFAULT_DAYS_AHEAD} days"
    )
    upcoming.add_argument("--json", action="store_true", help="machine-readable output")


def _lead_minutes(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lead-minutes",
        type=int,
        default=DEFAULT_LEAD_MINUTES,
        metavar="N",
        help=f"remind N minutes before each one-on-one, 0-{LEAD_MINUTES_MAX} "
        f"(default {DEFAULT_LEAD_MINUTES})",
    )


def run(args: argparse.Namespace, data: Path) -> int:
    """Carry out the parsed ``calendar`` command; its exit code."""
    from focusmate.cli import calendar_alone  # noqa: PLC0415 - the feeds' libraries, only here

    log_to_stderr()  # a feed's or the secret store's warning may quote what came from outside
    action: str = args.calendar_action
    if action in {"add-ics", "add-caldav"}:
        source = _source(args, data)
        password = _password(args, source) if source.kind is CalendarKind.CALDAV else None
        answer = _carried_out(
            data,
            lambda: calendar_alone.add(data, source, password),
            calendar_add_request(source, password),
        )
        print(_added_line(source.name, answer.get("calendar")))
    elif action == "remove":
        answer = _carried_out(
            data,
            lambda: calendar_alone.remove(data, args.name),
            {"cmd": "calendar-remove", "name": args.name},
        )
        print(f"Removed the calendar {_quoted(answer.get('removed', args.name))}.")
    elif action == "status":
        answer = _carried_out(data, lambda: calendar_alone.status(data), {"cmd": "calendar-status"})
        return _print_status(answer, as_json=args.json)
    else:
        answer = _carried_out(data, lambda: calendar_alone.upcoming(data), {"cmd": "calendar-next"})
        _print_next(answer.get("next", []), as_json=args.json)
    return ExitCode.OK


def _carried_out(data: Path, alone: Callable[[], Message | None], request: Message) -> Message:
    """``alone()`` under the data folder's lock when no app runs (it returns None when the
    lock is taken), else the running app's answer to ``request``."""
    return handover.alone_or_by_owner(data, alone, lambda: request_app(data, request))


def _source(args: argparse.Namespace, data: Path) -> CalendarSource:
    """The source as typed, checked; a name already taken is refused before the password
    is asked for (the settings file says so as well as the running app would)."""
    from focusmate.calendar.addresses import checked_address  # noqa: PLC0415 - ssl: only to add

    caldav = args.calendar_action == "add-caldav"
    kind = CalendarKind.CALDAV if caldav else CalendarKind.ICS
    user = ""
    if caldav:
        user = check_typed(args.user.strip(), "the user name")
        if not user:
            raise InvalidInput("the user name is empty")
    source = CalendarSource(
        check_source_name(args.name),
        kind,
        checked_address(kind, args.location),
        user,
        check_lead_minutes(args.lead_minutes),
    )
    load_settings(data).calendar.with_source(source)  # InvalidInput if the name is taken
    return source


def _password(args: argparse.Namespace, source: CalendarSource) -> str:
    """The CalDAV password: one line of standard input with --password-stdin, else asked
    for on the terminal without echo; never from a pipe nobody announced."""
    if args.password_stdin:
        password = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    elif sys.stdin is None or not sys.stdin.isatty():
        raise InvalidInput(
            "standard input is not a terminal to ask for the password on; "
            "pipe it in and give --password-stdin"
        )
    else:
        prompt = f"Password of {terminal_line(source.user)} for {_quoted(source.name)}: "
        try:
            password = getpass.getpass(prompt)
        except (EOFError, KeyboardInterrupt):
            print(file=sys.stderr)  # the prompt's line was left open
            password = ""
    if not password:
        raise InvalidInput("no password given; the calendar was not added")
    if len(password) > PASSWORD_MAX_CHARS:
        raise InvalidInput(f"the password is longer than {PASSWORD_MAX_CHARS} characters")
    return password


def _added_line(name: str, status: Any) -> str:
    added = f"Added the calendar {_quoted(name)}"
    if not isinstance(status, dict) or status.get("problem") == PENDING_PROBLEM:
        return f"{added}; focusmate is checking it now (see: focusmate calendar status)."
    line = terminal_line(str(status.get("line", "")))
    if status.get("ok"):
        return f"{added}: {line}."
    return f"{added}, but it cannot be read right now: {line} (see: focusmate calendar status)."


def _print_status(answer: Message, *, as_json: bool) -> int:
    calendars = [c for c in answer.get("calendars", []) if isinstance(c, dict)]
    failed = any(not c.get("ok") and c.get("problem") != PENDING_PROBLEM for c in calendars)
    if as_json:
        document = {"calendars": calendars, "secret_store": answer.get("secret_store")}
        write_document(json.dumps(document, ensure_ascii=False) + "\n")
        return ExitCode.FAILURE if failed else ExitCode.OK
    zone = local_zone()
    for calendar in calendars:
        print(_status_line(calendar, zone))
    if not calendars:
        print("No calendars yet; add one with: focusmate calendar add-ics NAME URL|FILE")
    store = answer.get("secret_store")
    if store is not None:
        # The line says why there is none ("no secret store: ...").
        print(f"{terminal_line(str(store))}; a CalDAV password is kept only while focusmate runs")
    return ExitCode.FAILURE if failed else ExitCode.OK


def _status_line(calendar: Message, zone: tzinfo) -> str:
    name = _quoted(calendar.get("name", "?"))
    line = terminal_line(str(calendar.get("line", "")))
    if calendar.get("ok") or calendar.get("problem") == PENDING_PROBLEM:
        checked = calendar.get("checked_at")
        when = f" (checked {_local(checked, zone)})" if isinstance(checked, str) else ""
        return f"{name}: {line}{when}"
    fetched = calendar.get("fetched_at")
    copy = (
        f"using the copy of {_local(fetched, zone)}" if isinstance(fetched, str) else "no copy yet"
    )
    return f"{name}: FAILED: {line}; {copy}"


def _print_next(upcoming: list[Any], *, as_json: bool) -> None:
    if as_json:
        write_document(json.dumps({"next": upcoming}, ensure_ascii=False) + "\n")
        return
    if not upcoming:
        print(f"No one-on-ones in the coming {DEFAULT_DAYS_AHEAD} days.")
        return
    zone = local_zone()
    for one in upcoming:
        starts = datetime.fromisoformat(one["starts_at"]).astimezone(zone)
        ends = datetime.fromisoformat(one["ends_at"]).astimezone(zone)
        print(
            f"{starts:%a %d %b %H:%M}–{ends:%H:%M}  {terminal_line(one['with'])}  "
            f"({terminal_line(one['source'])})"
        )


def _local(instant: str, zone: tzinfo) -> str:
    return f"{datetime.fromisoformat(instant).astimezone(zone):%a %d %b %H:%M}"


def _quoted(name: object) -> str:
    return f"'{terminal_line(str(name))}'"
