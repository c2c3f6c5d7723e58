"""One valid range for dates (issue 13, finding 4): an instant outside it is refused where a
record enters (import, the data file) with one line, and every instant inside it goes through
every report, export and view computation without an OverflowError."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from focusmate.calendar.export import ics_document
from focusmate.core.errors import InvalidData
from focusmate.core.records import export_document, parse_export_document
from focusmate.core.report import report_text
from focusmate.core.week_review import review_csv, review_document, week_review
from focusmate.core.weekly import IsoWeek, local_day
from focusmate.storage.transfer import export_csv, export_json

offsets = st.builds(
    timezone, st.timedeltas(timedelta(hours=-23, minutes=-59), timedelta(hours=23, minutes=59))
)
#: The edges of what datetime can hold and of the valid range, which random draws rarely hit.
EDGES = [
    datetime.min,
    datetime.max,
    datetime(1969, 12, 31, 23, 59),
    datetime(1970, 1, 1),
    datetime(8999, 12, 31, 23, 59),
    datetime(9000, 1, 1),
]
#: Anything datetime can hold, in any offset: the boundary decides what gets in.
instants = st.one_of(
    st.builds(lambda edge, tz: edge.replace(tzinfo=tz), st.sampled_from(EDGES), offsets),
    st.datetimes(timezones=offsets),
)


def document(started: datetime, ended: datetime | None, mark: datetime) -> dict[str, object]:
    return {
        "format": "focusmate-export",
        "version": 2,
        "sessions": [
            {
                "id": "s",
                "with": "Ana",
                "focus": "",
                "planned_minutes": 240,
                "started_at": started.isoformat(),
                "marks": [{"kind": "phone", "at": mark.isoformat()}],
                "ended_at": None if ended is None else ended.isoformat(),
                "reflection": {"answers": {"fully_present": 3}, "complete": True},
            }
        ],
    }


@settings(max_examples=300, deadline=None)
@given(instants, st.none() | st.timedeltas(timedelta(0), timedelta(days=2)), instants)
def test_what_the_boundary_accepts_every_output_can_show(
    started: datetime, length: timedelta | None, mark: datetime
) -> None:
    try:
        ended = None if length is None else started + length
    except OverflowError:
        return  # not a datetime at all
    try:
        sessions = parse_export_document(document(started, ended, mark))
    except InvalidData as refused:
        assert "must be between 1970 and 8999" in str(refused) or "before" in str(refused)
        return
    for seen in sessions:
        for when in (
            seen.started_at,
            seen.ended_at or seen.started_at,
            *(m.at for m in seen.marks),
        ):
            week = IsoWeek.containing(local_day(when, UTC))
            review = week_review(sessions, week, when, UTC)
            report_text(review.stats), review_csv(review), review_document(review)
            when.astimezone()  # the views show local times
    ics_document(sessions, stamp=sessions[0].started_at)
    export_csv(sessions), export_json(sessions), export_document(sessions)


@pytest.mark.parametrize(
    "text",
    [
        "0001-01-01T00:00:00+00:00",
        "9999-12-31T23:59:59+00:00",
        "1969-12-31T23:59:59+00:00",
        "9000-01-01T00:00:00+00:00",
    ],
)
def test_an_import_dated_year_1_or_9999_is_refused_with_one_line(text: str) -> None:
    moment = datetime.fromisoformat(text)
    with pytest.raises(InvalidData, match=r"sessions\[0\]\.started_at must be between 1970"):
        parse_export_document(document(moment, None, moment))
