"""Answers the CLI's requests over the local socket by calling the controller.

This is the CLI's door into the same SessionController methods the tray uses, and into the
CalendarService the Calendars tab uses (``focusmate calendar ...``, issue 15).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from focusmate.core.errors import InvalidData, InvalidInput, NotPossibleNow
from focusmate.core.protocol import (
    MAX_MESSAGE_BYTES,
    SHOWABLE_WINDOWS,
    Message,
    calendar_next_result,
    calendar_status_result,
    contents_of,
    encode,
    password_of,
    pulse_answer,
    pulse_serve_answer,
    source_of,
    success,
)
from focusmate.core.pulse import pulse_from_record
from focusmate.core.records import expect_string, expect_whole_number
from focusmate.core.session_kind import COACHING
from focusmate.core.status import HOTKEYS_NOT_STARTED, HotkeyReadiness
from focusmate.services.controller import SessionController
from focusmate.services.status import status_of
from focusmate.storage.transfer import parse_import

if TYPE_CHECKING:
    from focusmate.services.calendar import CalendarService
    from focusmate.services.data_folder import DataFolder
    from focusmate.services.pulse_offers import PulseOffers
    from focusmate.services.sync_on_use import SyncOnUse

log = logging.getLogger(__name__)


class SocketCommands:
    def __init__(
        self,
        controller: SessionController,
        show_app: Callable[[str | None], None],
        data_folder: DataFolder | None = None,
        *,
        hotkeys: Callable[[], HotkeyReadiness] = lambda: HOTKEYS_NOT_STARTED,
        calendar: CalendarService | None = None,
        pulse_offers: PulseOffers | None = None,
        sync: SyncOnUse | None = None,
    ) -> None:
        """``hotkeys`` says, when asked, whether the global-hotkey listener is ready (the
        status shows it; scripts and tests wait for it instead of sleeping). ``calendar``
        answers the calendar commands (without it they are not possible now);
        ``pulse_offers`` serves the pulse page (``pulse-serve``; likewise)."""
        self._controller = controller
        self._show_app = show_app
        self._data_folder = data_folder
        self._hotkeys = hotkeys
        self._calendar = calendar
        self._pulse_offers = pulse_offers
        self._sync = sync

    def handle(self, request: Message) -> Message:
        handlers: dict[str, Callable[[Message], Message | None]] = {
            "show": self._show,
            "status": self._status,
            "start": self._start,
            "log": self._log,
            "undo": lambda _r: {"marks": len(self._controller.undo_mark().marks)},
            "end": self._end,
            "import": self._import,
            "move-data": self._move_data,
            "pulse": self._pulse,
            "pulse-serve": self._pulse_serve,
            "calendar-add": self._calendar_add,
            "calendar-remove": self._calendar_remove,
            "calendar-status": self._calendar_status,
            "calendar-next": self._calendar_next,
            "sync-enable": self._sync_enable,
            "sync-status": lambda _r: self._syncing().status(),
            "sync-disable": self._sync_disable,
        }
        return success(handlers[request["cmd"]](request))

    def _show(self, request: Message) -> None:
        """A second `focusmate` (or `focusmate review`): bring the app, or one window, forward."""
        window = request.get("window")
        if window is not None and window not in SHOWABLE_WINDOWS:
            raise InvalidInput(
                f"unknown window {str(window)[:40]!r}; one of: {', '.join(SHOWABLE_WINDOWS)}"
            )
        self._show_app(window)

    def _status(self, _request: Message) -> Message:
        status = status_of(self._controller, self._hotkeys())
        if self._sync is not None and self._sync.enabled:
            # Sessions running on the user's other computers (sync, issue 19; rule S6).
            status["elsewhere"] = self._sync.running_elsewhere()
        return status

    def _start(self, request: Message) -> Message:
        if self._sync is not None and request.get("anyway") is not True:
            # Rule S6: a session with this person running on another device (issue 19).
            self._sync.check_start(_text(request, "with"))
        session = self._controller.start(
            _text(request, "with"),
            _whole(request, "minutes"),
            _text(request, "focus", ""),
            # Absent from a client older than kinds of session: a coaching session, as before.
            # The controller refuses a kind the settings do not offer (a usage error).
            _text(request, "kind", COACHING),
        )
        return {"id": session.id, "with": session.with_name}

    def _log(self, request: Message) -> Message:
        kind = _text(request, "kind")
        return {"kind": kind, "count": self._controller.mark(kind).mark_counts()[kind]}

    def _end(self, _request: Message) -> Message:
        session = self._controller.end(announce_later=True)  # answered before the window opens
        return {"id": session.id, "with": session.with_name}

    def _import(self, request: Message) -> Message:
        # The CLI read the file and sends its contents (the app never opens a path it is
        # given); they are checked again here, by the one writer.
        incoming = parse_import(contents_of(request), _text(request, "file"))
        result = self._controller.import_sessions(incoming)
        return dict(result.counts())

    def _pulse(self, request: Message) -> Message:
        """A typed pulse: checked again here (InvalidData when damaged), kept by the
        controller, the one path (ARCHITECTURE invariant 2)."""
        raw = request.get("pulse")
        if not isinstance(raw, dict):
            raise InvalidData("request field 'pulse' must be a JSON object")
        pulse = pulse_from_record(raw, "request field 'pulse'")
        session = self._controller.record_pulse(_text(request, "session"), pulse)
        return pulse_answer(session)

    def _pulse_serve(self, request: Message) -> Message:
        """The pulse page for an ended session, and its QR window (the same offer as the
        pulse dialog's button); answered once the page listens."""
        if self._pulse_offers is None:
            raise NotPossibleNow("this focusmate cannot serve the pulse page")
        shown = self._pulse_offers.offer(_text(request, "session"))
        return pulse_serve_answer(shown.url, shown.expires_at, shown.session_id, shown.with_name)

    def _move_data(self, request: Message) -> Message:
        """The same move as the settings window's, then the same restart: the app quits its
        event loop once this answer is written, and starts again on the new folder."""
        if self._data_folder is None:
            raise NotPossibleNow("this focusmate cannot move its data folder")
        target = Path(_text(request, "to"))
        if not target.is_absolute():
            raise InvalidInput(f"the new data folder must be an absolute path, not {target}")
        report = self._data_folder.move_report(target)
        self._data_folder.restart()
        return {
            "from": str(report.source),
            "to": str(report.target),
            "moved": len(report.moved),
            "bytes": report.bytes_moved,
            "left_behind": list(report.left_behind),
        }

    def _calendars(self) -> CalendarService:
        if self._calendar is None:
            raise NotPossibleNow("this focusmate has no calendars")
        return self._calendar

    def _calendar_add(self, request: Message) -> Message:
        """Add the source, keep its password (in the secret store, or for this run where
        there is none) and start its first refresh; the answer carries its status, which
        says "not checked yet" until the worker is done."""
        calendars = self._calendars()
        source = source_of(request)
        calendars.add_source(source, password_of(request))
        found = next((s for s in calendars.statuses() if s.name == source.name), None)
        return {"calendar": None if found is None else found.as_json()}

    def _calendar_remove(self, request: Message) -> Message:
        name = _text(request, "name")
        self._calendars().remove_source(name)
        return {"removed": name}

    def _calendar_status(self, _request: Message) -> Message:
        calendars = self._calendars()
        return calendar_status_result(calendars.statuses(), calendars.known_secret_store_problem())

    def _calendar_next(self, _request: Message) -> Message:
        upcoming = self._calendars().upcoming()
        # A feed's titles and UIDs may be long: the answer must fit in one message, so the
        # latest one-on-ones give way (logged; a week of them fits many times over).
        while len(encode(success(calendar_next_result(upcoming)))) > MAX_MESSAGE_BYTES:
            upcoming = upcoming[:-1]
            log.warning("calendar next: one-on-one left out of the answer, it is too long")
        return calendar_next_result(upcoming)

    def _syncing(self) -> SyncOnUse:
        if self._sync is None:
            raise NotPossibleNow("this focusmate cannot sync")
        return self._sync

    def _sync_enable(self, request: Message) -> Message:
        """Turn sync on (the CLI checked the input; checked again by the service)."""
        passphrase = request.get("passphrase")
        if passphrase is not None and not isinstance(passphrase, str):
            raise InvalidData("request field 'passphrase' must be text")
        optional = {
            key: None if request.get(key) is None else _text(request, key)
            for key in ("name", "user", "password")
        }
        return (
            self._syncing()
            .service()
            .enable(
                _text(request, "where"),
                passphrase,
                optional["name"],
                optional["user"],
                optional["password"],
            )
        )

    def _sync_disable(self, _request: Message) -> Message:
        sync = self._syncing()
        was = sync.status()
        sync.service().disable()  # also clears what a damaged set-up left
        return {"disabled": was.get("where")}


def _text(request: Message, key: str, default: str | None = None) -> str:
    return expect_string(request.get(key, default), f"request field {key!r}")


def _whole(request: Message, key: str) -> int:
    return expect_whole_number(request.get(key), f"request field {key!r}")
