"""The weekly chart's words and numbers: titles, legend, day labels, the figures box and the
week's figures in words (what a screen reader hears as the chart's description).

Words go through ``translate`` in the context "WeekChart"; dates and numbers through QLocale
(the application's default locale). The figures box reads its numbers from the drawn model
(``ui.week_chart_layout.ChartLayout``), not from the week handed in, so it says what is drawn.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale

from focusmate.core.marks import MarkKind
from focusmate.core.text import plural, translate
from focusmate.core.weekly import DayStats, WeekStats
from focusmate.ui.week_chart_layout import ChartLayout, WeekFigures


def chart_name() -> str:
    return translate("WeekChart", "Week chart")


def panel_titles() -> dict[str, str]:
    """Each panel's title, by panel name (the marks panel's is followed by the legend)."""
    return {
        "minutes": translate("WeekChart", "Minutes in sessions"),
        "marks": translate("WeekChart", "Marks"),
        "score": translate("WeekChart", "Average presence (1–5)"),
    }


def legend_names() -> dict[str, str]:
    """The marks panel's two bar kinds; their names come from the domain (MarkKind)."""
    return {
        "phone": _capitalised(MarkKind.PHONE.shown_label),
        "app": _capitalised(MarkKind.APP.shown_label),
    }


def figures_of(stats: WeekStats) -> WeekFigures:
    """The week as the chart draws it: day labels and each day's figures, Monday first."""
    days = stats.days
    #: For translators: a date format for QLocale, for the chart's day labels
    #: (ddd: short day name, d: day).
    day_format = translate("WeekChart", "ddd d")
    return WeekFigures(
        labels=tuple(QLocale().toString(_qdate(d.day), day_format) for d in days),
        minutes=tuple(float(d.minutes) for d in days),
        phone=tuple(float(d.marks.get(MarkKind.PHONE.value, 0)) for d in days),
        app=tuple(float(d.marks.get(MarkKind.APP.value, 0)) for d in days),
        scores=tuple(None if d.average_score is None else float(d.average_score) for d in days),
    )


def day_text(layout: ChartLayout, day: int) -> str:
    """What the figures box says about ``day`` (0 = Monday), from the drawn bars and points."""
    if not 0 <= day < len(layout.figures.labels):
        return ""
    scores = [point.label for point in layout.points if point.day == day]
    presence = (
        translate("WeekChart", "presence {score}").format(score=scores[0])
        if scores
        else translate("WeekChart", "no reflection")
    )
    return translate(
        "WeekChart", "{day} · {minutes} min · {phone} phone, {app} app · {presence}"
    ).format(
        day=layout.figures.labels[day],
        minutes=decimal(round(layout.values("minutes")[day]), 0),
        phone=decimal(layout.values("phone")[day], 0),
        app=decimal(layout.values("app")[day], 0),
        presence=presence,
    )


def figures_text(stats: WeekStats) -> str:
    """The week's figures in words, the chart's accessible description (what a screen reader
    says about it): the totals, then a line per day with a session."""
    days = stats.days
    score = stats.average_score
    totals = translate(
        "WeekChart", "Week {week}, {year}: {sessions}, {minutes}, {phone}, {app}, {presence}."
    ).format(
        week=stats.week.week,
        year=stats.week.year,
        sessions=plural(
            sum(d.sessions for d in days),
            translate("WeekChart", "{n} session"),
            translate("WeekChart", "{n} sessions"),
        ),
        minutes=plural(
            round(stats.total_minutes),
            translate("WeekChart", "{n} minute of coaching"),
            translate("WeekChart", "{n} minutes of coaching"),
        ),
        phone=_phone(stats.total_marks),
        app=_app(stats.total_marks),
        presence=translate("WeekChart", "no reflections")
        if score is None
        else translate("WeekChart", "average presence {score}").format(score=decimal(score, 1)),
    )
    lines = [totals, *(_day_line(day) for day in days if day.sessions)]
    return "\n".join(lines)


def decimal(value: float, decimals: int) -> str:
    """``value`` in the user's locale with exactly ``decimals`` decimals."""
    return QLocale().toString(float(value), "f", decimals)


def _day_line(day: DayStats) -> str:
    #: For translators: a date format for QLocale
    #: (ddd: short day name, d: day, MMM: short month name).
    shown_day = QLocale().toString(_qdate(day.day), translate("WeekChart", "ddd d MMM"))
    figures = {
        "day": shown_day,
        "minutes": decimal(day.minutes, 0),
        "phone": _phone(day.marks),
        "app": _app(day.marks),
    }
    if day.average_score is None:
        return translate("WeekChart", "{day}: {minutes} min, {phone}, {app}, no score").format(
            **figures
        )
    return translate("WeekChart", "{day}: {minutes} min, {phone}, {app}, score {score}").format(
        **figures, score=decimal(day.average_score, 1)
    )


def _phone(marks: dict[str, int]) -> str:
    return MarkKind.PHONE.shown_counted(marks.get(MarkKind.PHONE.value, 0))


def _app(marks: dict[str, int]) -> str:
    return MarkKind.APP.shown_counted(marks.get(MarkKind.APP.value, 0))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


__all__ = [
    "chart_name",
    "day_text",
    "decimal",
    "figures_of",
    "figures_text",
    "legend_names",
    "panel_titles",
]
