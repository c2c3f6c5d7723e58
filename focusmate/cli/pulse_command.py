"""`focusmate pulse` (issue 16): the salesperson's answers typed in, the questions printed for
a chat, or the pulse page opened by the running app for their phone.

Its own module so that the socket commands need not import the pulse's rules to build the
parser (cli.parser fills this command in only when it is typed).
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import UTC, datetime
from pathlib import Path

from focusmate.cli.app_client import ask_app
from focusmate.cli.terminal import shown, write_document
from focusmate.core.errors import ExitCode, InvalidInput
from focusmate.core.protocol import Message, pulse_answer
from focusmate.core.pulse import (
    SCALE_HIGH,
    SCALE_LOW,
    Concern,
    PulseVia,
    RepPulse,
    clean_comment,
    pulse_to_record,
)
from focusmate.desktop import handover

_DIGITS = re.compile("[0-9]{1,3}")


def fill_parser(pulse: argparse.ArgumentParser) -> None:
    """The ``pulse`` command's arguments, in its parser (cli.parser makes it)."""
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


def run(args: argparse.Namespace, data: Path) -> int:
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
    print(f"Recorded {shown(reply['with'])}'s answers for {started:%a %d %b %H:%M}.")
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
        f"The QR code for {shown(reply['with'])} is on screen in focusmate; "
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
