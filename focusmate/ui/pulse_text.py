"""The weekly review's words for the other side of the table (issue 16): the salesperson's
pulse, the gap between the manager's own ratings and those answers, and the top-client mirror.

``pulse_cell`` is a session's cell ("heard 3 · attention 2", or "—" without answers);
``gap_cell`` a person's on the People tab ("listening 4.6 vs 2.8 · attention 4.5 vs 2.0", or
"2 of 3 answers" while there are too few to name a gap, core.pulse_gap.MIN_PULSES);
``widest_gap_line`` and ``mirror_line`` the lines under the week's insights. Every figure has
one decimal in the user's locale (as the rest of the review); every word goes through
core.text, each line a whole sentence (no sentence glued from parts).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QLocale

from focusmate.core.kind_stats import KindStats
from focusmate.core.model import ANSWER_MAX
from focusmate.core.pulse import Concern, RepPulse
from focusmate.core.pulse_gap import MIN_PULSES, PulseGap
from focusmate.core.text import translate

#: A session or person without answers (the tables' mark for "nothing").
NONE = "–"


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell's text, and the same in words for the tooltip and a screen reader."""

    text: str
    spoken: str


def pulse_cell(pulse: RepPulse | None) -> Cell:
    """A session's answers in brief; the concern and the comment in the spoken form."""
    if pulse is None:
        return Cell(NONE, translate("ReviewWindow", "No answers from them yet"))
    text = translate("ReviewWindow", "heard {heard} · attention {attention}").format(
        heard=_whole(pulse.heard), attention=_whole(pulse.attention)
    )
    spoken = translate(
        "ReviewWindow",
        "Their answers: heard {heard} of {most}, attention {attention} of {most}; "
        "their real concern came up: {concern}.",
    ).format(
        heard=_whole(pulse.heard),
        attention=_whole(pulse.attention),
        most=_whole(ANSWER_MAX),
        concern=_concern(pulse.concern),
    )
    if pulse.comment:
        spoken += "\n" + pulse.comment
    return Cell(text, spoken)


def _concern(concern: Concern) -> str:
    return {
        Concern.YES: translate("ReviewWindow", "yes"),
        Concern.PARTLY: translate("ReviewWindow", "partly"),
        Concern.NO: translate("ReviewWindow", "no"),
    }[concern]


def gap_cell(gap: PulseGap | None) -> Cell:
    """A person's own ratings against their answers over the eight weeks."""
    if gap is None:
        return Cell(NONE, translate("ReviewWindow", "No answers from them in these eight weeks"))
    if not gap.shown:
        text = translate("ReviewWindow", "{n} of {needed} answers").format(
            n=_whole(gap.pulses), needed=_whole(MIN_PULSES)
        )
        spoken = translate(
            "ReviewWindow",
            "{n} of the {needed} answers it takes to compare them with your own ratings",
        ).format(n=_whole(gap.pulses), needed=_whole(MIN_PULSES))
        return Cell(text, spoken)
    own_listening, own_attention = _maybe(gap.own_listening), _maybe(gap.own_attention)
    their_heard, their_attention = decimal(gap.their_heard), decimal(gap.their_attention)
    text = translate(
        "ReviewWindow", "listening {own} vs {theirs} · attention {own_attention} vs {theirs_2}"
    ).format(
        own=own_listening,
        theirs=their_heard,
        own_attention=own_attention,
        theirs_2=their_attention,
    )
    spoken = translate(
        "ReviewWindow",
        "Over {n} answers: you rated your listening {own}, their answers average {theirs}; "
        "you rated your attention {own_attention}, their answers average {theirs_2}.",
    ).format(
        n=_whole(gap.pulses),
        own=own_listening,
        theirs=their_heard,
        own_attention=own_attention,
        theirs_2=their_attention,
    )
    return Cell(text, spoken)


def widest_gap_line(gaps: Iterable[PulseGap]) -> tuple[str, str]:
    """The sentence naming the widest gap of any person (listening or attention), and that
    person's name; ("", "") when no gap can be named or every gap rounds to nothing."""
    found: list[tuple[float, str, str]] = []
    for gap in gaps:
        for listening, difference, own, theirs in (
            (True, gap.listening_gap, gap.own_listening, gap.their_heard),
            (False, gap.attention_gap, gap.own_attention, gap.their_attention),
        ):
            if difference is None or own is None or round(abs(difference), 1) == 0:
                continue
            line = _gap_sentence(listening).format(
                own=decimal(own), theirs=decimal(theirs), name="{name}"
            )
            # The name last: braces in it are never read as a placeholder.
            found.append((abs(difference), line.replace("{name}", gap.name), gap.name))
    if not found:
        return "", ""
    _size, line, name = max(found, key=lambda each: each[0])  # the first of equals
    return line, name


def _gap_sentence(listening: bool) -> str:
    """Two whole sentences, so that no translation glues "listening" into one."""
    if listening:
        return translate(
            "ReviewWindow",
            "Widest gap, with {name}: you rated your listening {own}, their answers {theirs}.",
        )
    return translate(
        "ReviewWindow",
        "Widest gap, with {name}: you rated your attention {own}, their answers {theirs}.",
    )


def mirror_line(clients: KindStats | None, team: KindStats | None) -> str:
    """The week's client meetings against its coaching sessions: phone checks and app
    switches per hour, and presence; "" unless the week has session time of both kinds."""
    if clients is None or team is None:
        return ""
    rates = [
        (clients.per_hour(kind), team.per_hour(kind)) for kind in ("phone", "app")
    ]  # the built-in marks the issue compares
    if any(rate is None for pair in rates for rate in pair):
        return ""
    (client_phone, team_phone), (client_app, team_app) = rates
    return translate(
        "ReviewWindow",
        "This week, clients vs your team: phone checks per hour {client_phone} vs "
        "{team_phone}, app switches per hour {client_app} vs {team_app}, presence "
        "{client_presence} vs {team_presence}.",
    ).format(
        client_phone=_maybe(client_phone),
        team_phone=_maybe(team_phone),
        client_app=_maybe(client_app),
        team_app=_maybe(team_app),
        client_presence=_maybe(clients.average_presence),
        team_presence=_maybe(team.average_presence),
    )


def decimal(value: float) -> str:
    """One decimal in the user's locale: the review's one number format."""
    return QLocale().toString(float(value), "f", 1)


def _maybe(value: float | None) -> str:
    return "–" if value is None else decimal(value)


def _whole(number: int) -> str:
    return QLocale().toString(number)
