"""A real Radicale CalDAV server on 127.0.0.1 for the calendar, CLI and end-to-end tests
(issue 15, "How to test it for real"), and the seeded calendar of one-on-ones they read.

:class:`RadicaleServer` runs ``python -m radicale`` as a child process with its own config,
user file and storage in a folder the caller owns (a pytest tmp_path); no pytest fixture
lives here, so any test module can start one. :func:`seed_one_on_ones` writes the week the
tests expect: a weekly "1:1 Jordan" series with a moved, a cancelled and a declined
instance, Priya's series, and noise that must not be taken for one-on-ones.
"""

from __future__ import annotations

import secrets
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import caldav
import icalendar
import niquests

#: The zone the seeded events are written in; the seeded week crosses no DST change unless
#: the caller picks one that does.
BERLIN = ZoneInfo("Europe/Berlin")
ME = "me@example.com"
JORDAN = "jordan@example.com"
PRIYA = "priya@example.com"
#: How long the server may take to answer its first request (it imports and binds first).
_START_TIMEOUT_S = 30.0


def free_port() -> int:
    """A TCP port nobody listens on right now (the server binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class RadicaleServer:
    """One Radicale 3 on 127.0.0.1 with one htpasswd user; ``start()`` returns once it
    answers HTTP, ``stop()`` ends it (also as a context manager).

    ``url`` is the server root (``http://127.0.0.1:PORT/``), the address a user would type;
    ``calendar_url(name)`` is one calendar collection of the user."""

    def __init__(self, folder: Path, user: str = "manager") -> None:
        self.folder = folder
        self.user = user
        #: A fresh one per server, so a test can look for it in logs and messages.
        self.password = "pw-" + secrets.token_urlsafe(12)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self._process: subprocess.Popen[bytes] | None = None

    def calendar_url(self, name: str = "work") -> str:
        return f"{self.url}{self.user}/{name}/"

    def start(self) -> RadicaleServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        users = self.folder / "users"
        users.write_text(f"{self.user}:{self.password}\n", encoding="utf-8")
        config = self.folder / "config"
        config.write_text(
            "[server]\n"
            f"hosts = 127.0.0.1:{self.port}\n"
            "[auth]\n"
            "type = htpasswd\n"
            f"htpasswd_filename = {users}\n"
            "htpasswd_encryption = plain\n"
            # Radicale delays each failed login by up to a second against guessing; the
            # wrong-password tests would only wait for it.
            "delay = 0\n"
            "[rights]\n"
            "type = owner_only\n"
            "[storage]\n"
            f"filesystem_folder = {self.folder / 'collections'}\n"
            "[logging]\n"
            "level = warning\n"
            "mask_passwords = True\n",
            encoding="utf-8",
        )
        log = (self.folder / "radicale.log").open("wb")
        with log:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "radicale", "--config", str(config)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._wait_until_answering()
        return self

    def _wait_until_answering(self) -> None:
        """Polls until an HTTP answer comes; raises with Radicale's log if it exits first."""
        assert self._process is not None
        deadline = time.monotonic() + _START_TIMEOUT_S
        while True:
            if self._process.poll() is not None:
                log = (self.folder / "radicale.log").read_text(errors="replace")
                raise RuntimeError(f"radicale exited with {self._process.returncode}:\n{log}")
            try:
                niquests.get(self.url, timeout=1.0)
            except niquests.exceptions.ConnectionError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"radicale did not answer on {self.url}") from None
                time.sleep(0.05)
            else:
                return

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None

    def __enter__(self) -> RadicaleServer:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def client(self) -> caldav.DAVClient:
        return caldav.DAVClient(url=self.url, username=self.user, password=self.password)

    def make_calendar(self, name: str = "work", components: tuple[str, ...] = ("VEVENT",)) -> str:
        """Creates the user's calendar collection ``name`` (MKCALENDAR); returns its URL."""
        with self.client() as client:
            client.principal().make_calendar(
                name=name, cal_id=name, supported_calendar_component_set=list(components)
            )
        return self.calendar_url(name)

    def put_event(self, calendar_url: str, document: bytes, name: str | None = None) -> str:
        """Stores one calendar object (a whole VCALENDAR, as bytes) with a plain PUT, so the
        server gets exactly these bytes; returns the object's URL."""
        object_url = f"{calendar_url}{name or uuid.uuid4().hex}.ics"
        response = niquests.put(
            object_url,
            data=document,
            headers={"Content-Type": "text/calendar; charset=utf-8"},
            auth=(self.user, self.password),
            timeout=10.0,
        )
        if response.status_code not in (201, 204):
            raise RuntimeError(f"PUT {object_url} answered {response.status_code}")
        return object_url


@dataclass(frozen=True)
class SeededCalendar:
    """What :func:`seed_one_on_ones` wrote and what a reader must find in it.

    ``jordan_starts`` and ``priya_starts`` are the one-on-ones (aware UTC) that take place
    from the seeded week on, within :attr:`window_end`: the moved one at its new time, the
    cancelled and the declined one absent."""

    calendar_url: str
    week_start: datetime
    window_end: datetime
    jordan_starts: tuple[datetime, ...]
    priya_starts: tuple[datetime, ...]
    jordan_uid: str = "jordan-weekly@focusmate.test"
    priya_uid: str = "priya-weekly@focusmate.test"


def seed_one_on_ones(server: RadicaleServer, week_start: datetime) -> SeededCalendar:
    """Creates the user's calendar "work" on ``server`` and writes, in Europe/Berlin time
    with its VTIMEZONE, counting days from ``week_start``'s date in Berlin (day 0):

    - "1:1 Jordan", weekly on day 0's weekday at 10:00 for 30 minutes, from four weeks before
      day 0 (so the series starts before any window from day 0 on) for ten weeks; the user
      organises it, jordan@example.com attends. Week 1 is moved to the next day at 14:00,
      week 2 is cancelled, and the user declined week 3.
    - "Priya / Alex", weekly from day 2 at 15:00 for 45 minutes, four times, with
      priya@example.com.
    - Noise: "Jordan off-site", all day on day 3 with Jordan invited; a 4-hour "Sales
      workshop" with Priya on day 4; a "Team meeting" with six attendees on day 1.
    """
    day0 = week_start.astimezone(BERLIN).date()

    def at(days: int, hour: int) -> datetime:
        day = day0 + timedelta(days=days)
        return datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)

    calendar_url = server.make_calendar("work")
    seeded = SeededCalendar(
        calendar_url=calendar_url,
        week_start=at(0, 0),
        window_end=at(42, 0),
        jordan_starts=tuple(_utc(at(d, h)) for d, h in ((0, 10), (8, 14), (28, 10), (35, 10))),
        priya_starts=tuple(_utc(at(d, 15)) for d in (2, 9, 16, 23)),
    )
    jordan = partial(
        _event, seeded.jordan_uid, "1:1 Jordan", length=timedelta(minutes=30), guests=(JORDAN,)
    )
    series = [
        jordan(at(-28, 10), rule={"FREQ": "WEEKLY", "COUNT": 10}),
        jordan(at(8, 14), moved=at(7, 10)),
        jordan(at(14, 10), moved=at(14, 10), cancelled=True),
        jordan(at(21, 10), moved=at(21, 10), declined=True),
    ]
    server.put_event(calendar_url, _document(series), "jordan")
    priya = _event(
        seeded.priya_uid,
        "Priya / Alex",
        at(2, 15),
        timedelta(minutes=45),
        (PRIYA,),
        rule={"FREQ": "WEEKLY", "COUNT": 4},
    )
    server.put_event(calendar_url, _document([priya]), "priya")
    off_site = icalendar.Event()
    off_site.add("uid", "off-site@focusmate.test")
    off_site.add("summary", "Jordan off-site")
    off_site.add("dtstamp", _utc(at(0, 0)))
    off_site.add("dtstart", day0 + timedelta(days=3))
    off_site.add("dtend", day0 + timedelta(days=4))
    off_site.add("attendee", _address(JORDAN))
    server.put_event(calendar_url, _document([off_site]), "off-site")
    workshop = _event(
        "workshop@focusmate.test", "Sales workshop", at(4, 9), timedelta(hours=4), (PRIYA,)
    )
    server.put_event(calendar_url, _document([workshop]), "workshop")
    team = ("jordan", "priya", "alex", "sam", "kim")
    meeting = _event(
        "team@focusmate.test",
        "Team meeting",
        at(1, 11),
        timedelta(hours=1),
        tuple(f"{name}@example.com" for name in team),
    )
    server.put_event(calendar_url, _document([meeting]), "team")
    return seeded


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _address(email: str, partstat: str = "ACCEPTED") -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{email}")
    address.params["PARTSTAT"] = partstat
    return address


def _event(
    uid: str,
    summary: str,
    starts_at: datetime,
    length: timedelta,
    guests: tuple[str, ...],
    *,
    rule: dict[str, object] | None = None,
    moved: datetime | None = None,
    cancelled: bool = False,
    declined: bool = False,
) -> icalendar.Event:
    """One VEVENT the user organises and attends (declined if ``declined``) with ``guests``;
    an edited instance of its series if ``moved`` gives the original start."""
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstamp", _utc(starts_at))
    event.add("dtstart", starts_at)
    event.add("dtend", starts_at + length)
    if rule is not None:
        event.add("rrule", rule)
    if moved is not None:
        event.add("recurrence-id", moved)
    if cancelled:
        event.add("status", "CANCELLED")
    event.add("organizer", icalendar.vCalAddress(f"mailto:{ME}"))
    event.add("attendee", _address(ME, "DECLINED" if declined else "ACCEPTED"))
    for guest in guests:
        event.add("attendee", _address(guest))
    return event


def _document(events: list[icalendar.Event]) -> bytes:
    """One calendar object: the events (a series and its edited instances share a UID) and
    the VTIMEZONE of every zone they use."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//focusmate tests//radicale_server//EN")
    calendar.add("version", "2.0")
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
