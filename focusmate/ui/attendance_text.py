"""The weekly review's words for scheduled one-on-ones against held sessions (issue 15, 7).

``week_sentence`` is the line on the week's page ("You held 5 of 7 scheduled one-on-ones;
Priya's was skipped twice in a row."), ``person_figure`` the People tab's cell ("held 2 of 3
scheduled"). Counts of meetings still ahead are named apart: they are neither held nor
skipped (core.attendance). Numbers follow the user's locale; every word goes through
core.text; a count picks one of two forms, as ``core.text.plural`` does (English and
German both have one singular).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

from focusmate.core.attendance import Attendance, PersonAttendance
from focusmate.core.text import translate

#: A run of skips this long or longer is named in the week's sentence; one skip is already
#: in "held N of M".
NAMED_RUN = 2


def week_sentence(week: Attendance, runs: Attendance) -> str:
    """The week's line, or "" when nothing was scheduled in it. ``week`` covers the week
    shown; ``runs`` is the same people with a look-back, whose runs of skips are named."""
    if not week.scheduled:
        return ""
    clauses: list[str] = []
    if week.judged:
        held = _counted(
            week.judged,
            translate("ReviewWindow", "You held {held} of {n} scheduled one-on-one"),
            translate("ReviewWindow", "You held {held} of {n} scheduled one-on-ones"),
        )
        clauses.append(held.format(held=_whole(week.held)))
        if week.upcoming:
            clauses.append(
                _counted(
                    week.upcoming,
                    translate("ReviewWindow", "{n} more is still to come"),
                    translate("ReviewWindow", "{n} more are still to come"),
                )
            )
    else:
        clauses.append(_to_come(week.upcoming))
    named = [
        p for p in runs.people if p.skipped_in_a_row >= NAMED_RUN and week.of(p.name) is not None
    ]
    named.sort(key=lambda p: -p.skipped_in_a_row)  # stable: by name within a length
    clauses += [_skipped(p) for p in named]
    return "; ".join(clauses) + "."


def _skipped(person: PersonAttendance) -> str:
    if person.skipped_in_a_row == NAMED_RUN:
        text = translate("ReviewWindow", "{name}'s was skipped twice in a row")
    else:
        text = translate("ReviewWindow", "{name}'s was skipped {n} times in a row").format(
            name="{name}", n=_whole(person.skipped_in_a_row)
        )
    # Filled in last, so that braces in a name are never read as a placeholder.
    return text.replace("{name}", person.name)


def person_figure(person: PersonAttendance) -> str:
    """The People tab's cell: held of the ended ones, or how many are still ahead."""
    if person.judged:
        return translate("ReviewWindow", "held {held} of {n} scheduled").format(
            held=_whole(person.held), n=_whole(person.judged)
        )
    return _to_come(person.upcoming)


def _to_come(upcoming: int) -> str:
    return _counted(
        upcoming,
        translate("ReviewWindow", "{n} scheduled one-on-one is still to come"),
        translate("ReviewWindow", "{n} scheduled one-on-ones are still to come"),
    )


def _counted(count: int, one: str, many: str) -> str:
    """``one`` or ``many`` with ``{n}`` filled in (as core.text.plural does, but in the
    user's digits, and leaving other placeholders for the caller)."""
    return (one if count == 1 else many).replace("{n}", _whole(count))


def _whole(number: int) -> str:
    return QLocale().toString(number)
