"""`focusmate sync enable|status|disable` (issue 19): sync the sessions across a manager's
computers through a folder their sync engine moves, or a WebDAV share.

What is typed is checked here first (an address that is not https, a folder not there, an
empty passphrase: one line and an exit code before anything is asked of the app). The work
goes to the running app over the socket, or, when none runs, is done by this process under
the data folder's lock (cli.sync_alone; ARCHITECTURE invariant 1). Both answer with the
same document, printed here.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from focusmate.cli.app_client import request_app
from focusmate.cli.parser import action_parsers
from focusmate.cli.terminal import write_document
from focusmate.core.errors import ExitCode, InvalidInput
from focusmate.core.terminal_text import terminal_line
from focusmate.desktop import handover

EPILOG = """\
DIR is a folder your sync engine already syncs (Syncthing, Nextcloud, Dropbox, OneDrive);
focusmate writes only its own files there, in focusmate-sync/. A WebDAV address must be
https:// (http:// only to this computer); --user gives its user name, and its password is
kept in the secret store too. Everything in the folder is encrypted with a key
from your passphrase unless you choose --plain; the passphrase is kept in the operating
system's secret store. Use the same passphrase on each computer.

exit codes:
  0  done
  2  a wrong passphrase, an encrypted folder enabled with --plain (or the other way round),
     an address that is not https, an empty passphrase
  4  the folder is not there or cannot be reached now; no secret store for the passphrase
  5  the sync folder's format.json or this computer's sync.json is damaged
"""

PLAIN_WARNING = (
    "warning: --plain writes your sessions, reflections included, as readable text in the "
    "sync folder. Use it only for a folder that never leaves your own computers."
)


def fill_parser(sync: argparse.ArgumentParser) -> None:
    actions = action_parsers(
        sync, "Sync your sessions across your computers.", EPILOG, "sync_action"
    )
    enable = actions.add_parser("enable", help="sync through a folder or a WebDAV address")
    enable.add_argument("where", metavar="DIR|WEBDAV_URL")
    enable.add_argument(
        "--passphrase-stdin", action="store_true", help="read the passphrase from standard input"
    )
    enable.add_argument("--plain", action="store_true", help="no encryption (see the warning)")
    enable.add_argument("--name", metavar="NAME", help="this computer's name (default: hostname)")
    enable.add_argument(
        "--user",
        metavar="USER",
        help="a WebDAV share's user name; its password is asked for (with --passphrase-stdin: "
        "the line after the passphrase)",
    )
    status = actions.add_parser("status", help="devices seen, last change of each, what waits")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    actions.add_parser("disable", help="stop syncing (your sessions here stay as they are)")


def run(args: argparse.Namespace, data: Path) -> int:
    from focusmate.cli import sync_alone  # noqa: PLC0415 - storage and sync: not for the socket

    if args.sync_action == "enable":
        from focusmate.services.sync_config import checked_where  # noqa: PLC0415

        where = checked_where(args.where)
        passphrase = None if args.plain else _passphrase(args.passphrase_stdin)
        password = None if args.user is None else _password(args.passphrase_stdin)
        request: dict[str, Any] = {"cmd": "sync-enable", "where": where, "passphrase": passphrase}
        for key, value in (("name", args.name), ("user", args.user), ("password", password)):
            if value is not None:
                request[key] = value
        answer = handover.alone_or_by_owner(
            data,
            lambda: sync_alone.enable(
                data, where, passphrase, args.name, user=args.user, password=password
            ),
            lambda: request_app(data, request),
        )
        print(f"Sync is on: {terminal_line(str(answer['where']))} ({_mode(answer)}).")
        if args.plain:  # said once it is done: a refusal stays one line
            print(PLAIN_WARNING, file=sys.stderr)
        if answer.get("warning"):
            print(f"focusmate: {terminal_line(str(answer['warning']))}", file=sys.stderr)
        return ExitCode.OK
    if args.sync_action == "disable":
        answer = handover.alone_or_by_owner(
            data,
            lambda: sync_alone.disable(data),
            lambda: request_app(data, {"cmd": "sync-disable"}),
        )
        print("Sync is off; your sessions on this computer are all still here.")
        return ExitCode.OK
    answer = handover.alone_or_by_owner(
        data, lambda: sync_alone.status(data), lambda: request_app(data, {"cmd": "sync-status"})
    )
    if args.json:
        write_document(json.dumps(answer, ensure_ascii=False) + "\n")
    else:
        print(status_text(answer))
    return ExitCode.OK


def _passphrase(from_stdin: bool) -> str:
    if from_stdin:
        passphrase = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        passphrase = getpass.getpass("Sync passphrase: ")
        if getpass.getpass("Again: ") != passphrase:
            raise InvalidInput("the two passphrases differ")
    else:
        raise InvalidInput("no passphrase: type it at a terminal, or use --passphrase-stdin")
    if not passphrase:
        raise InvalidInput("the passphrase is empty")
    return passphrase


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if sys.stdin.isatty():
        return getpass.getpass("WebDAV password: ")
    raise InvalidInput("no WebDAV password: type it at a terminal, or use --passphrase-stdin")


def _mode(answer: dict[str, Any]) -> str:
    return "encrypted" if answer.get("encrypted") else "plain text"


def status_text(answer: dict[str, Any]) -> str:
    """The words of `sync status` (one escaped line each, joined by newlines)."""
    if not answer.get("enabled"):
        return "Sync is off."
    lines = [
        f"Sync: {answer['where']} ({_mode(answer)}), {answer['state']}; "
        f"this computer: {answer['device_name']} ({answer['device']}); "
        f"{answer['pending']} change(s) waiting; {answer['sessions']} session(s) merged",
    ]
    for device in answer.get("devices", []):
        mine = " (this computer)" if device["device"] == answer["device"] else ""
        lines.append(
            f"  {device.get('name') or '?'} ({device['device']}){mine}: last change "
            f"{device.get('last_change') or 'none read'}, last seen {device.get('last_seen')}"
        )
    lines.extend(f"  {running}" for running in answer.get("running_elsewhere", []))
    if answer.get("last_error"):
        lines.append(f"Problem: {answer['last_error']}")
    lines.extend(f"Notice: {words}" for words in answer.get("notices", []))
    return "\n".join(terminal_line(line) for line in lines)
