"""`focusmate calendar ...` with no app running: the installed command in a process of its
own (standard input, the terminal rule and the exit code as a user meets them), real data
folders in tmp_path, a real feed server on loopback and real files. The clock is the app's
test hook (FOCUSMATE_FAKE_NOW) and the zone TZ, so the answers are the same on any day."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from focusmate.core.calendar_sources import CalendarKind, CalendarSettings, CalendarSource
from focusmate.core.model import CoachingSession
from focusmate.core.one_on_ones import Person
from focusmate.core.settings import Settings
from focusmate.desktop.secrets import KeyringSecretStore
from focusmate.storage.repository import TinyDBSessionRepository
from focusmate.storage.settings_store import load_settings, save_settings, settings_path
from tests.calendar.feed_server import Reply, serving
from tests.calendar.radicale_server import RadicaleServer, seed_one_on_ones
from tests.cli.calendar_cli import BUS_ENV, CALDAV, FOCUSMATE, NOW, focusmate, one_line_error
from tests.desktop.secret_service import start_unlocked_keyring
from tests.fakes import T0
from tests.mounts import small_tmpfs

WEEKLY_ONE_ON_ONE = (
    b"BEGIN:VCALENDAR\r\n"
    b"VERSION:2.0\r\n"
    b"PRODID:-//focusmate tests//cli//EN\r\n"
    b"BEGIN:VEVENT\r\n"
    b"UID:jordan-weekly@focusmate.test\r\n"
    b"DTSTAMP:20261101T000000Z\r\n"
    b"DTSTART:20261103T090000Z\r\n"
    b"DTEND:20261103T093000Z\r\n"
    b"RRULE:FREQ=WEEKLY\r\n"
    b"SUMMARY:1:1 Jordan\r\n"
    b"END:VEVENT\r\n"
    b"BEGIN:VEVENT\r\n"
    b"UID:standup@focusmate.test\r\n"
    b"DTSTAMP:20261101T000000Z\r\n"
    b"DTSTART:20261102T080000Z\r\n"
    b"DTEND:20261102T081500Z\r\n"
    b"RRULE:FREQ=DAILY\r\n"
    b"SUMMARY:Team stand-up\r\n"
    b"END:VEVENT\r\n"
    b"END:VCALENDAR\r\n"
)


@pytest.fixture
def data_with_jordan(tmp_path: Path) -> Path:
    """A data folder whose history has a session with Jordan (so "1:1 Jordan" is one)."""
    folder = tmp_path / "data"
    session = CoachingSession("s1", "Jordan", T0, 30, ended_at=T0 + timedelta(minutes=30))
    TinyDBSessionRepository(folder).save(session)
    return folder


@pytest.fixture
def feed_file(tmp_path: Path) -> Path:
    path = tmp_path / "work.ics"
    path.write_bytes(WEEKLY_ONE_ON_ONE)
    return path


def test_a_file_is_added_checked_and_its_one_on_ones_listed(
    data_with_jordan: Path, feed_file: Path
) -> None:
    added = focusmate(data_with_jordan, "add-ics", "Work", str(feed_file), "--lead-minutes", "10")
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("Added the calendar 'Work': ")
    (source,) = load_settings(data_with_jordan).calendar.sources
    assert source == CalendarSource("Work", CalendarKind.ICS, str(feed_file), "", 10)
    upcoming = focusmate(data_with_jordan, "next", "--json")
    assert upcoming.returncode == 0, upcoming.stderr
    assert json.loads(upcoming.stdout) == {
        "next": [
            {
                "with": "Jordan",
                "starts_at": "2026-11-24T09:00:00+00:00",
                "ends_at": "2026-11-24T09:30:00+00:00",
                "source": "Work",
                "uid": "jordan-weekly@focusmate.test",
            }
        ]
    }
    readable = focusmate(data_with_jordan, "next")
    assert readable.stdout == "Tue 24 Nov 10:00–10:30  Jordan  (Work)\n"


def test_a_relative_file_is_kept_as_an_absolute_path(
    data_with_jordan: Path, feed_file: Path
) -> None:
    """The running app reads the file from its own working folder, not the shell's."""
    ran = subprocess.run(
        [
            FOCUSMATE,
            "--data-dir",
            str(data_with_jordan),
            "calendar",
            "add-ics",
            "Work",
            feed_file.name,
        ],
        cwd=feed_file.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert load_settings(data_with_jordan).calendar.sources[0].location == str(feed_file)


def test_a_feed_on_loopback_is_added_and_its_status_is_the_document(data_with_jordan: Path) -> None:
    with serving() as server:
        server.routes["/work.ics"] = Reply(200, WEEKLY_ONE_ON_ONE, {"ETag": '"v1"'})
        added = focusmate(data_with_jordan, "add-ics", "Feed", server.url("/work.ics"))
        status = focusmate(data_with_jordan, "status", "--json")
    assert added.returncode == 0 and "Added the calendar 'Feed': " in added.stdout
    assert status.returncode == 0, status.stderr
    document = json.loads(status.stdout)
    assert document.keys() == {"calendars", "secret_store"}
    assert isinstance(document["secret_store"], str) and document["secret_store"]
    (calendar,) = document["calendars"]
    assert calendar["name"] == "Feed" and calendar["kind"] == "ics"
    assert calendar["ok"] is True and calendar["problem"] is None and calendar["events"] > 0
    assert calendar["checked_at"] is not None


def test_a_feed_that_fails_is_added_and_status_exits_1(data_with_jordan: Path) -> None:
    """Down right now is no reason to refuse it; `status` says it failed, and exits 1."""
    with serving() as server:
        server.routes["/work.ics"] = Reply(500, b"oops")
        added = focusmate(data_with_jordan, "add-ics", "Feed", server.url("/work.ics"))
        status = focusmate(data_with_jordan, "status")
    assert added.returncode == 0 and "cannot be read right now: " in added.stdout
    assert [s.name for s in load_settings(data_with_jordan).calendar.sources] == ["Feed"]
    assert status.returncode == 1
    assert status.stdout.startswith("'Feed': FAILED: ") and "no copy yet" in status.stdout


def test_a_taken_name_exits_2_and_keeps_the_settings(
    data_with_jordan: Path, feed_file: Path
) -> None:
    assert focusmate(data_with_jordan, "add-ics", "Work", str(feed_file)).returncode == 0
    before = settings_path(data_with_jordan).read_bytes()
    one_line_error(
        focusmate(data_with_jordan, "add-ics", " work ", str(feed_file)), 2, "exists already"
    )
    assert settings_path(data_with_jordan).read_bytes() == before


def test_removing_takes_the_source_and_its_copy(data_with_jordan: Path, feed_file: Path) -> None:
    assert focusmate(data_with_jordan, "add-ics", "Work", str(feed_file)).returncode == 0
    copies = data_with_jordan / "calendars"
    assert any(copies.iterdir())
    removed = focusmate(data_with_jordan, "remove", "Work")
    assert (removed.returncode, removed.stdout) == (0, "Removed the calendar 'Work'.\n")
    assert load_settings(data_with_jordan).calendar.sources == ()
    assert not any(copies.iterdir())
    one_line_error(focusmate(data_with_jordan, "remove", "Work"), 2, "no calendar named 'Work'")


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["add-ics", "Work", "http://calendar.example.com/secret/basic.ics"], "plain http://"),
        (["add-ics", "Work", "ftp://example.com/basic.ics"], "https://, webcal:// or a file"),
        (["add-ics", "Work", "https:///basic.ics"], "names no host"),
        (["add-ics", "Work", "/tmp/x.ics", "--lead-minutes", "121"], "0 to 120 minutes"),
        (["add-ics", "Work", "/tmp/x.ics", "--lead-minutes", "-1"], "0 to 120 minutes"),
        (["add-ics", "Work", "/tmp/x.ics", "--lead-minutes", "soon"], "invalid int"),
        (["add-ics", "  ", "/tmp/x.ics"], "name is empty"),
        (["add-ics", "Wo\x1b[2Jrk", "/tmp/x.ics"], "\\u001b"),
        (["add-caldav", "Dav", "http://dav.example.com/", "--user", "ana"], "plain http://"),
        (["add-caldav", "Dav", "webcal://dav.example.com/", "--user", "ana"], "CalDAV address"),
        (["add-caldav", "Dav", "https://dav.example.com/", "--user", " "], "user name is empty"),
        (["add-caldav", "Dav", "https://dav.example.com/"], "--user"),
        (["remove", "Nothing"], "no calendar named"),
        (["frobnicate"], "invalid choice"),
        ([], "required: ACTION"),
    ],
)
def test_bad_input_is_one_line_and_exit_2_before_anything_is_saved(
    data_with_jordan: Path, argv: list[str], needle: str
) -> None:
    one_line_error(focusmate(data_with_jordan, *argv), 2, needle)
    assert not settings_path(data_with_jordan).exists()


def test_a_refused_address_is_not_printed_beyond_its_host(data_with_jordan: Path) -> None:
    """A secret address carries its secret in the path: the error names the host only."""
    ran = focusmate(
        data_with_jordan, "add-ics", "Work", "http://calendar.example.com/private-9f3a/b.ics"
    )
    one_line_error(ran, 2, "calendar.example.com")
    assert "private-9f3a" not in ran.stderr


def test_no_password_prompt_without_a_terminal(data_with_jordan: Path) -> None:
    one_line_error(focusmate(data_with_jordan, *CALDAV), 2, "--password-stdin")
    assert not settings_path(data_with_jordan).exists()


@pytest.mark.parametrize(
    ("stdin", "needle"), [("", "no password"), ("\n", "no password"), ("p" * 5000, "longer than")]
)
def test_a_password_on_standard_input_is_one_line_of_sensible_length(
    data_with_jordan: Path, stdin: str, needle: str
) -> None:
    ran = focusmate(data_with_jordan, *CALDAV, "--password-stdin", stdin=stdin)
    one_line_error(ran, 2, needle)
    assert not settings_path(data_with_jordan).exists()


def test_without_a_secret_store_or_an_app_a_caldav_calendar_is_not_possible(
    data_with_jordan: Path,
) -> None:
    ran = focusmate(data_with_jordan, *CALDAV, "--password-stdin", stdin="s3cret\n")
    one_line_error(ran, 4, "while it runs")
    assert "s3cret" not in ran.stderr
    assert not settings_path(data_with_jordan).exists()


def test_next_without_calendars_says_so(data_with_jordan: Path) -> None:
    assert focusmate(data_with_jordan, "next").stdout == "No one-on-ones in the coming 7 days.\n"
    assert json.loads(focusmate(data_with_jordan, "next", "--json").stdout) == {"next": []}


def test_a_caldav_calendar_with_its_password_in_a_real_secret_store(
    data_with_jordan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Radicale on loopback, GNOME Keyring on a private bus: the password goes in on standard
    input, into the keyring and nowhere else, serves `next`, and leaves with the calendar."""
    TinyDBSessionRepository(data_with_jordan).save(
        CoachingSession("s2", "Priya", T0, 30, ended_at=T0 + timedelta(minutes=30))
    )
    machine = {k: v for k, v in os.environ.items() if k != BUS_ENV}
    with (
        RadicaleServer(tmp_path / "radicale") as server,
        start_unlocked_keyring(machine, tmp_path / "keyring") as keyring,
    ):
        seeded = seed_one_on_ones(server, datetime.fromisoformat(NOW))
        bus = {BUS_ENV: keyring.bus_address}
        argv = ["add-caldav", "Dav", server.url, "--user", server.user, "--password-stdin"]
        added = focusmate(data_with_jordan, *argv, stdin=server.password + "\n", env=bus)
        assert added.returncode == 0, added.stderr
        assert added.stdout.startswith("Added the calendar 'Dav': ")
        upcoming = focusmate(data_with_jordan, "next", "--json", env=bus)
        assert upcoming.returncode == 0, upcoming.stderr
        found = [(n["with"], n["starts_at"], n["uid"]) for n in json.loads(upcoming.stdout)["next"]]
        assert found == [
            ("Jordan", seeded.jordan_starts[0].isoformat(), seeded.jordan_uid),
            ("Priya", seeded.priya_starts[0].isoformat(), seeded.priya_uid),
        ]
        everything = b"".join(p.read_bytes() for p in data_with_jordan.rglob("*") if p.is_file())
        assert server.password.encode() not in everything
        monkeypatch.setenv(BUS_ENV, keyring.bus_address)
        key = load_settings(data_with_jordan).calendar.sources[0].secret_key
        assert KeyringSecretStore().load(key) == server.password
        assert focusmate(data_with_jordan, "remove", "Dav", env=bus).returncode == 0
        assert KeyringSecretStore().load(key) is None


def test_the_password_prompt_on_a_terminal_does_not_echo(data_with_jordan: Path) -> None:
    """Standard input a real terminal (a pseudo-terminal): the prompt names the user and
    the calendar, the typed password is read with echo off, and is used (here: refused,
    as there is no secret store and no app)."""
    terminal, terminal_end = os.openpty()
    environment = {k: v for k, v in os.environ.items() if k != BUS_ENV}
    with subprocess.Popen(
        [FOCUSMATE, "--data-dir", str(data_with_jordan), "calendar", *CALDAV],
        stdin=terminal_end,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    ) as process:
        os.close(terminal_end)
        assert process.stderr is not None
        prompt = b""
        while not prompt.endswith(b": "):
            prompt += process.stderr.read(1)
        os.write(terminal, b"typed-pw-41\n")
        out, err = process.communicate(timeout=120)
    os.set_blocking(terminal, False)
    try:
        echoed = os.read(terminal, 4096)
    except (BlockingIOError, OSError):  # nothing was echoed (EIO: the other end is closed)
        echoed = b""
    os.close(terminal)
    assert prompt == b"Password of ana for 'Dav': "
    assert b"typed-pw-41" not in echoed + out + err
    assert process.returncode == 4 and b"cannot keep the password of 'Dav'" in err
    assert not settings_path(data_with_jordan).exists()


def test_names_from_outside_are_escaped_on_a_terminal_and_exact_in_json(
    data_with_jordan: Path, feed_file: Path
) -> None:
    """A people-list name carrying terminal controls (an edited or imported list) reaches
    the line `next` prints as visible escapes, and the JSON as it is."""
    hostile = "Jordan\x1b]0;owned\x07"
    people = (Person(hostile, aliases=("Jordan",)),)
    save_settings(data_with_jordan, Settings(calendar=CalendarSettings(people=people)))
    assert focusmate(data_with_jordan, "add-ics", "Work", str(feed_file)).returncode == 0
    readable = focusmate(data_with_jordan, "next")
    assert "\x1b" not in readable.stdout and "\x07" not in readable.stdout
    assert "Jordan\\u001b]0;owned\\u0007  (Work)" in readable.stdout
    document = json.loads(focusmate(data_with_jordan, "next", "--json").stdout)
    assert [one["with"] for one in document["next"]] == [hostile]


def test_a_full_disk_is_one_line_and_keeps_the_calendars(tmp_path: Path, feed_file: Path) -> None:
    """The disk fills up with one page left, for the lock file: the settings cannot be
    written, the command says so in one line, and the saved calendars stay as they were."""
    with small_tmpfs(tmp_path / "disk", size_kib=64) as disk:
        data = disk / "data"
        assert focusmate(data, "add-ics", "Work", str(feed_file)).returncode == 0
        before = settings_path(data).read_bytes()
        spare = disk / "spare"
        spare.write_bytes(b"x" * 4096)
        with contextlib.suppress(OSError), (disk / "filler").open("wb") as out:
            while True:
                out.write(b"x" * 4096)
                out.flush()
        spare.unlink()
        one_line_error(focusmate(data, "add-ics", "Home", str(feed_file)), 1, "cannot write to")
        assert settings_path(data).read_bytes() == before
