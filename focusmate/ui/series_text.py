"""The words for a recurring series in the Calendars tab: when it next meets, and what it
counts as now ("Coaching with Jordan", "Not coaching", why it is no one-on-one)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale

from focusmate.core.one_on_ones import NotOneOnOne
from focusmate.core.recurring_series import RecurringSeries
from focusmate.core.text import translate


def next_text(calendar: str, starts_at: datetime) -> str:
    """The calendar and the next meeting, in local time and the user's format."""
    local = QDateTime.fromSecsSinceEpoch(int(starts_at.timestamp()))
    locale = QLocale()
    day = locale.dayName(local.date().dayOfWeek(), QLocale.FormatType.ShortFormat)
    when = f"{day} {locale.toString(local, QLocale.FormatType.ShortFormat)}"
    return translate("SeriesList", "{calendar}, next: {when}").format(calendar=calendar, when=when)


def verdict_text(series: RecurringSeries) -> str:
    """What the series counts as now, by the user's choice or the rules."""
    if series.with_name is not None:
        return translate("SeriesList", "Coaching with {name}").format(name=series.with_name)
    if series.reason is NotOneOnOne.MARKED_NOT_COACHING:
        return translate("SeriesList", "Not coaching")
    if series.reason is NotOneOnOne.AMBIGUOUS and series.candidates:
        return translate("SeriesList", "Could be {names}: choose").format(
            names=either(series.candidates)
        )
    if series.reason is NotOneOnOne.NOBODY:
        return translate(
            "SeriesList", "Not a one-on-one: nobody on the people list is invited or named"
        )
    return translate("SeriesList", "Not a one-on-one")


def either(names: Sequence[str]) -> str:
    """ "Jordan", "Jordan or Alex", "Jordan, Alex or Priya"."""
    if len(names) < 2:
        return "".join(names)
    return translate("SeriesList", "{names} or {last}").format(
        names=", ".join(names[:-1]), last=names[-1]
    )
