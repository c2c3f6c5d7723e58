"""Property tests of a source's refresh (issue 15, "never a crash"): whatever bytes a calendar
file holds, SourceRefresher.refresh returns a one-line status and never raises; and the
window pre-filter that makes a refresh fast (ics._within_reach, which takes out events that
cannot reach the window before parsing) never changes what is found in the window.

The parser itself is fuzzed in test_ics_properties; its glued feed lines are reused here.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from focusmate.calendar import ics
from focusmate.calendar.refresh import WINDOW_AFTER, WINDOW_BEFORE, SourceRefresher
from focusmate.core.calendar_sources import CalendarKind, CalendarSource
from tests.calendar.test_ics import BERLIN, BERLIN_ZONE
from tests.calendar.test_ics_properties import documents

NOW = datetime(2026, 3, 20, 9, 10, tzinfo=UTC)
GOOD = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:a\r\n"
    b"DTSTART:20260319T090000Z\r\nDTEND:20260319T093000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def refreshed_twice(first: bytes, second: bytes) -> None:
    """A file source refreshed with ``first``, then with ``second``: each status is one
    line, and ok exactly when it names no problem."""
    with tempfile.TemporaryDirectory(prefix="fm-refresh-") as folder:
        path = Path(folder) / "feed.ics"
        source = SourceRefresher(
            CalendarSource("work", CalendarKind.ICS, str(path)), Path(folder) / "data"
        )
        for step, content in enumerate((first, second)):
            path.write_bytes(content)
            status = source.refresh(NOW + timedelta(minutes=5 * step), BERLIN, None).status
            assert status.line
            assert "\n" not in status.line and "\r" not in status.line
            assert status.ok == (status.problem == "")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), documents())
def test_glued_feed_lines_as_a_file_never_raise(first: bytes, second: bytes) -> None:
    refreshed_twice(first, second)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300), st.booleans())
@example(b"", True)
@example(b"\xef\xbb\xbfBEGIN:VCALENDAR\r\n\x00\xff", False)
def test_random_bytes_as_a_file_never_raise(noise: bytes, after_a_good_copy: bool) -> None:
    refreshed_twice(GOOD if after_a_good_copy else noise, noise)


# --- the window pre-filter --------------------------------------------------------------

WINDOW_START = NOW - WINDOW_BEFORE
_SERIES = (
    "UID:series\r\nSUMMARY:1:1\r\nDTSTART;TZID=Europe/Berlin:20250102T100000\r\n"
    "{end}\r\nRRULE:FREQ=WEEKLY\r\n"
)
#: How long the series' occurrences last: an hour, or longer than the gap between them (its
#: edits' original occurrences then reach further), by DTEND or DURATION.
_SERIES_ENDS = [
    "DTEND;TZID=Europe/Berlin:20250102T110000",
    "DTEND;TZID=Europe/Berlin:20250111T110000",
    "DURATION:PT1H",
    "DURATION:P20D",
]


def _stamp(moment: datetime, form: str) -> str:
    """A DTSTART-like property's parameters and value in one of the forms feeds use."""
    if form == "utc":
        return f":{moment:%Y%m%dT%H%M%S}Z"
    if form == "zone":
        return f";TZID=Europe/Berlin:{moment:%Y%m%dT%H%M%S}"
    if form == "floating":
        return f":{moment:%Y%m%dT%H%M%S}"
    return f";VALUE=DATE:{moment:%Y%m%d}"


@st.composite
def events_around_the_window(draw: st.DrawFn) -> bytes:
    """A calendar with a weekly series (Thursdays 10:00 Berlin since 2025) and events placed
    anywhere from a year before the window to a year after it: single events of any length
    and form, and edited instances of the series moved near or far."""
    count = draw(st.integers(min_value=0, max_value=12))
    # Each edit names another original occurrence: two edits of one occurrence are a broken
    # feed, where the expander keeps one of them by its own rule.
    originals = draw(st.lists(st.integers(0, 120), min_size=count, max_size=count, unique=True))
    blocks = [_SERIES.format(end=draw(st.sampled_from(_SERIES_ENDS)))]
    for number in range(count):
        offset_h = draw(st.integers(min_value=-24 * 400, max_value=24 * 400))
        start = WINDOW_START + timedelta(hours=offset_h)
        form = draw(st.sampled_from(["utc", "zone", "floating", "date"]))
        length = timedelta(hours=draw(st.sampled_from([0, 1, 30, 24 * 9, -24 * 400])))
        lines = [f"UID:event-{number}", f"DTSTART{_stamp(start, form)}"]
        ending = draw(st.sampled_from(["DTEND", "DURATION", "none"]))
        if ending == "DTEND":
            lines.append(f"DTEND{_stamp(start + length, form)}")
        elif ending == "DURATION":
            lines.append(f"DURATION:PT{int(length.total_seconds() // 3600)}H")
        if draw(st.booleans()):  # an edit of the series: its UID and an original Thursday
            original = datetime(2025, 1, 2, 10) + timedelta(weeks=originals[number])
            lines[0] = "UID:series"
            lines.append(f"RECURRENCE-ID;TZID=Europe/Berlin:{original:%Y%m%dT%H%M%S}")
        if draw(st.booleans()):
            lines.append("BEGIN:VALARM\r\nTRIGGER:-PT5M\r\nACTION:DISPLAY\r\nEND:VALARM")
        text = "\r\n".join(lines) + "\r\n"
        if draw(st.booleans()):  # folded as a feed may fold it, or written in lower case
            text = text.replace("DTSTART", "DTST\r\n ART", 1)
        elif draw(st.booleans()):
            for name in ("DTSTART", "DTEND", "RECURRENCE-ID", "BEGIN:VALARM"):
                text = text.replace(name, name.lower())
        blocks.append(text)
    body = "".join(f"BEGIN:VEVENT\r\n{block}END:VEVENT\r\n" for block in blocks)
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
    return (head + BERLIN_ZONE.replace("\n", "\r\n") + body + "END:VCALENDAR\r\n").encode()


def _unfiltered(document: bytes, start: datetime, end: datetime) -> bytes:
    return document


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events_around_the_window())
def test_the_window_prefilter_changes_nothing_in_the_window(document: bytes) -> None:
    end = NOW + WINDOW_AFTER
    with mock.patch.object(ics, "_within_reach", _unfiltered):
        whole = ics.occurrences(document, "work", WINDOW_START, end, BERLIN)
    filtered = ics.occurrences(document, "work", WINDOW_START, end, BERLIN)
    assert filtered.events == whole.events
    assert filtered.skipped <= whole.skipped  # out of reach, a broken event is not seen


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events_around_the_window())
def test_a_broken_event_out_of_reach_no_longer_breaks_the_calendar(document: bytes) -> None:
    """A past event that icalendar cannot parse at all fails the whole document unfiltered;
    out of the window's reach it is taken out first, and the rest is read (a feed's old
    rubbish must not hide this week's meetings)."""
    broken = "BEGIN:VALARM\r\nTRIGGER:-pt5m\r\nEND:VALARM"  # icalendar refuses the document
    far = f"BEGIN:VEVENT\r\nUID:old\r\nDTSTART:20200102T100000Z\r\n{broken}\r\nEND:VEVENT\r\n"
    spoiled = document.replace(b"END:VCALENDAR", far.encode() + b"END:VCALENDAR")
    end = NOW + WINDOW_AFTER
    assert ics.occurrences(spoiled, "work", WINDOW_START, end, BERLIN) == ics.occurrences(
        document, "work", WINDOW_START, end, BERLIN
    )
