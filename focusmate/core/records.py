"""Sessions as plain JSON-ready records, and the export document that carries them.

One record format serves the data file, the export file and import, so what is saved is
exactly what is exported. Parsing validates everything and raises InvalidData naming the
first problem; it never returns half a session.

Version 2 of the export adds the check-in (``"checkin"``) and the full reflection (empathy,
worry, the link to last time, the commitment's outcome). Version 1 files are still read:
their sessions simply have none of that (every new field is optional when parsing).
Version 3 adds each session's ``"kind"``: the id of its kind (``"coaching"``, ``"client"`` or
one the user added, core.session_kind); any well-formed id is kept, even one these settings
do not know (it may come from another computer); a session without one, from a version 1 or
2 file or a history saved before kinds existed, reads as coaching. Version 3 also carries
each session's ``"rep_pulse"``: null, or the salesperson's answers in
core.pulse.pulse_to_record's shape (``heard``, ``concern``, ``attention``, ``comment``,
``via``, ``at``); a session without the key (versions 1 and 2, a
history saved before pulses existed) has none, and a damaged one is InvalidData naming the
session.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, TypeVar

from focusmate.core.errors import FocusmateError, InvalidData
from focusmate.core.marks import check_kind_id
from focusmate.core.model import (
    ANSWER_MAX,
    ANSWER_MIN,
    CheckIn,
    ChecklistItem,
    CoachingSession,
    CommitmentOutcome,
    Mark,
    Question,
    Reflection,
    Worry,
)
from focusmate.core.pulse import RepPulse, pulse_from_record, pulse_to_record
from focusmate.core.session_kind import COACHING, check_session_kind_id
from focusmate.core.validation import check_minutes, check_slow_down, clean_intention, clean_name

EXPORT_FORMAT = "focusmate-export"
EXPORT_VERSION = 3
#: Versions that import accepts (1: before the check-in and the full reflection; 2: before
#: the kind of session).
READABLE_VERSIONS = (1, 2, 3)
ID_MAX_CHARS = 64
#: The one valid range for every instant in a record (starts, ends, marks): wide enough for
#: any clock, far enough from year 1 and 9999 that reports, calendars and weeks computed
#: from it never overflow.
EARLIEST_INSTANT = datetime(1970, 1, 1, tzinfo=UTC)
LATEST_INSTANT = datetime(9000, 1, 1, tzinfo=UTC)  # exclusive

Record = dict[str, Any]
T = TypeVar("T")


def format_instant(instant: datetime) -> str:
    """ISO 8601 with an explicit offset."""
    return instant.isoformat()


def session_to_record(session: CoachingSession) -> Record:
    return {
        "id": session.id,
        "with": session.with_name,
        "focus": session.focus,
        "started_at": format_instant(session.started_at),
        "ended_at": None if session.ended_at is None else format_instant(session.ended_at),
        "planned_minutes": session.planned_minutes,
        "marks": [{"kind": m.kind, "at": format_instant(m.at)} for m in session.marks],
        "reflection": None
        if session.reflection is None
        else _reflection_record(session.reflection),
        "checkin": None if session.checkin is None else _checkin_record(session.checkin),
        "slept_s": session.slept_s,
        "kind": session.kind,
        "rep_pulse": None if session.rep_pulse is None else pulse_to_record(session.rep_pulse),
    }


def _reflection_record(reflection: Reflection) -> Record:
    return {
        "answers": {q.value: v for q, v in reflection.answers.items()},
        "their_perspective": reflection.their_perspective,
        "next_time": reflection.next_time,
        "complete": reflection.complete,
        "empathy": reflection.empathy,
        "worry": None if reflection.worry is None else reflection.worry.value,
        "worry_note": reflection.worry_note,
        "previous_session_id": reflection.previous_session_id,
        "same_challenge": reflection.same_challenge,
        "commitment_outcome": None
        if reflection.commitment_outcome is None
        else reflection.commitment_outcome.value,
    }


def _checkin_record(checkin: CheckIn) -> Record:
    return {
        "intention": checkin.intention,
        "checklist": sorted(item.value for item in checkin.checked),
        "slowed_down_s": checkin.slowed_down_s,
    }


def export_document(sessions: Iterable[CoachingSession]) -> Record:
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "sessions": [session_to_record(s) for s in sessions],
    }


def parse_export_document(document: object) -> list[CoachingSession]:
    """Validate a whole export document; raise InvalidData on the first problem found."""
    doc = _mapping(document, "the file")
    if doc.get("format") != EXPORT_FORMAT:
        raise InvalidData(f'not a focusmate export (expected "format": "{EXPORT_FORMAT}")')
    version = doc.get("version")
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        *earlier, last = (str(v) for v in READABLE_VERSIONS)
        readable = f"{', '.join(earlier)} or {last}"
        raise InvalidData(f"export version {version!r} is not supported (expected {readable})")
    raw_sessions = doc.get("sessions")
    if not isinstance(raw_sessions, list):
        raise InvalidData('"sessions" must be a list')
    sessions = [session_from_record(r, where=f"sessions[{i}]") for i, r in enumerate(raw_sessions)]
    ids = [s.id for s in sessions]
    if len(set(ids)) != len(ids):
        raise InvalidData("the file lists the same session id twice")
    return sessions


def session_from_record(record: object, where: str = "session") -> CoachingSession:
    """Build a session from a record, validating every field."""
    rec = _mapping(record, where)
    session_id = expect_string(rec.get("id"), f"{where}.id")
    if not session_id or len(session_id) > ID_MAX_CHARS:
        raise InvalidData(f"{where}.id must be 1-{ID_MAX_CHARS} characters")
    with_name = _checked(
        clean_name, expect_string(rec.get("with"), f"{where}.with"), f"{where}.with"
    )
    planned = _checked(
        check_minutes,
        expect_whole_number(rec.get("planned_minutes"), f"{where}.planned_minutes"),
        f"{where}.planned_minutes",
    )
    started_at = _instant(rec.get("started_at"), f"{where}.started_at")
    ended_raw = rec.get("ended_at")
    ended_at = None if ended_raw is None else _instant(ended_raw, f"{where}.ended_at")
    if ended_at is not None and ended_at < started_at:
        raise InvalidData(f"{where}.ended_at is before started_at")
    raw_marks = rec.get("marks", [])
    if not isinstance(raw_marks, list):
        raise InvalidData(f"{where}.marks must be a list")
    marks = tuple(_mark(m, f"{where}.marks[{i}]") for i, m in enumerate(raw_marks))
    raw_reflection = rec.get("reflection")
    reflection = (
        None if raw_reflection is None else _reflection(raw_reflection, f"{where}.reflection")
    )
    raw_checkin = rec.get("checkin")
    checkin = None if raw_checkin is None else _checkin(raw_checkin, f"{where}.checkin")
    raw_pulse = rec.get("rep_pulse")
    rep_pulse = None if raw_pulse is None else _pulse(raw_pulse, f"{where}.rep_pulse")
    return CoachingSession(
        id=session_id,
        with_name=with_name,
        focus=expect_string(rec.get("focus", ""), f"{where}.focus"),
        started_at=started_at,
        ended_at=ended_at,
        planned_minutes=planned,
        marks=marks,
        reflection=reflection,
        checkin=checkin,
        slept_s=_slept(rec.get("slept_s", 0), f"{where}.slept_s"),
        kind=_checked(
            check_session_kind_id,
            expect_string(rec.get("kind", COACHING), f"{where}.kind"),
            f"{where}.kind",
        ),
        rep_pulse=rep_pulse,
    )


def _pulse(record: object, where: str) -> RepPulse:
    pulse = pulse_from_record(_mapping(record, where), where)
    _instant(format_instant(pulse.at), f"{where}.at")
    return pulse


def _slept(value: object, where: str) -> int:
    seconds = expect_whole_number(value, where)
    if seconds < 0:
        raise InvalidData(f"{where} cannot be negative")
    return seconds


def _checked(rule: Callable[[T], T], value: T, where: str) -> T:
    """Apply a validation rule from core.validation, naming the field when it fails."""
    try:
        return rule(value)
    except FocusmateError as error:
        raise InvalidData(f"{where}: {error}") from None


def _mark(record: object, where: str) -> Mark:
    rec = _mapping(record, where)
    kind = _checked(check_kind_id, expect_string(rec.get("kind"), f"{where}.kind"), f"{where}.kind")
    return Mark(kind=kind, at=_instant(rec.get("at"), f"{where}.at"))


def _reflection(record: object, where: str) -> Reflection:
    rec = _mapping(record, where)
    raw_answers = _mapping(rec.get("answers", {}), f"{where}.answers")
    answers: dict[Question, int] = {}
    for key, value in raw_answers.items():
        try:
            question = Question(key)
        except ValueError:
            raise InvalidData(f"{where}.answers has an unknown question {key!r}") from None
        answer = expect_whole_number(value, f"{where}.answers.{key}")
        if not ANSWER_MIN <= answer <= ANSWER_MAX:
            raise InvalidData(f"{where}.answers.{key} must be {ANSWER_MIN}-{ANSWER_MAX}")
        answers[question] = answer
    complete = rec.get("complete", len(answers) == len(Question))
    if not isinstance(complete, bool):
        raise InvalidData(f"{where}.complete must be true or false")
    empathy = _optional(rec.get("empathy"), expect_whole_number, f"{where}.empathy")
    if empathy is not None and not ANSWER_MIN <= empathy <= ANSWER_MAX:
        raise InvalidData(f"{where}.empathy must be {ANSWER_MIN}-{ANSWER_MAX}")
    previous = _optional(
        rec.get("previous_session_id"), expect_string, f"{where}.previous_session_id"
    )
    if previous is not None and not 0 < len(previous) <= ID_MAX_CHARS:
        raise InvalidData(f"{where}.previous_session_id must be 1-{ID_MAX_CHARS} characters")
    return Reflection(
        answers=answers,
        their_perspective=expect_string(
            rec.get("their_perspective", ""), f"{where}.their_perspective"
        ),
        next_time=expect_string(rec.get("next_time", ""), f"{where}.next_time"),
        complete=complete,
        empathy=empathy,
        worry=_optional(rec.get("worry"), _choice(Worry), f"{where}.worry"),
        worry_note=expect_string(rec.get("worry_note", ""), f"{where}.worry_note"),
        previous_session_id=previous,
        same_challenge=_optional(rec.get("same_challenge"), _boolean, f"{where}.same_challenge"),
        commitment_outcome=_optional(
            rec.get("commitment_outcome"), _choice(CommitmentOutcome), f"{where}.commitment_outcome"
        ),
    )


def _checkin(record: object, where: str) -> CheckIn:
    rec = _mapping(record, where)
    raw_items = rec.get("checklist", [])
    if not isinstance(raw_items, list):
        raise InvalidData(f"{where}.checklist must be a list")
    item = _choice(ChecklistItem)
    checked = frozenset(item(v, f"{where}.checklist[{i}]") for i, v in enumerate(raw_items))
    intention = expect_string(rec.get("intention", ""), f"{where}.intention")
    slowed = expect_whole_number(rec.get("slowed_down_s", 0), f"{where}.slowed_down_s")
    return CheckIn(
        intention=_checked(clean_intention, intention, f"{where}.intention"),
        checked=checked,
        slowed_down_s=_checked(check_slow_down, slowed, f"{where}.slowed_down_s"),
    )


E = TypeVar("E", Worry, CommitmentOutcome, ChecklistItem)


def _choice(kind: type[E]) -> Callable[[object, str], E]:
    """A parser for one value of the enum ``kind``, naming the allowed values when it fails."""

    def parse(value: object, where: str) -> E:
        text = expect_string(value, where)
        try:
            return kind(text)
        except ValueError:
            allowed = ", ".join(member.value for member in kind)
            raise InvalidData(f"{where} must be one of {allowed}, not {text[:40]!r}") from None

    return parse


def _optional(value: object, parse: Callable[[object, str], T], where: str) -> T | None:
    return None if value is None else parse(value, where)


def _boolean(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidData(f"{where} must be true or false")
    return value


def _mapping(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise InvalidData(f"{where} must be a JSON object")
    return value


def expect_string(value: object, where: str) -> str:
    """``value`` if it is a string, else InvalidData naming ``where`` (files and messages)."""
    if not isinstance(value, str):
        raise InvalidData(f"{where} must be a string")
    return value


def expect_whole_number(value: object, where: str) -> int:
    """``value`` if it is an int (not a bool), else InvalidData naming ``where``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidData(f"{where} must be a whole number")
    return value


def parse_instant(value: object, where: str) -> datetime:
    """An instant as records hold it (ISO 8601 with an offset, within EARLIEST_INSTANT and
    LATEST_INSTANT), else InvalidData naming ``where``; sync's records use the same rule."""
    return _instant(value, where)


def _instant(value: object, where: str) -> datetime:
    text = expect_string(value, where)
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidData(f"{where} is not an ISO 8601 timestamp: {text[:40]!r}") from None
    if instant.tzinfo is None:
        raise InvalidData(f"{where} has no UTC offset: {text[:40]!r}")
    if not EARLIEST_INSTANT <= instant < LATEST_INSTANT:
        raise InvalidData(
            f"{where} must be between {EARLIEST_INSTANT.year} and "
            f"{LATEST_INSTANT.year - 1}, not {text[:40]!r}"
        )
    return instant


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What an import changes: the sessions to write, and counts for the user."""

    to_write: tuple[CoachingSession, ...]
    added: int
    updated: int
    unchanged: int
    #: Sessions left out because they were still running: in the file (an export taken
    #: during a session) or here (the session running now). An import never starts one.
    skipped_running: int = 0

    def counts(self) -> dict[str, int]:
        """The counts by name, as the app answers an import over the local socket."""
        return {name: getattr(self, name) for name in IMPORT_COUNTS}


#: The counts of an import, by name (MergeResult's fields and the app's answer).
IMPORT_COUNTS = ("added", "updated", "unchanged", "skipped_running")


def import_summary(counts: Mapping[str, object]) -> str:
    """One English line for the CLI: what an import did, saying why sessions were skipped."""
    added, updated, unchanged, skipped = (int(str(counts.get(n, 0))) for n in IMPORT_COUNTS)
    line = f"{added} added, {updated} updated, {unchanged} unchanged"
    if skipped:
        sessions = "session was" if skipped == 1 else "sessions were"
        line += (
            f"; {skipped} {sessions} skipped because still running "
            "(end the session, export again and import that file)"
        )
    return line


def merge_sessions(
    existing: Mapping[str, CoachingSession],
    incoming: Iterable[CoachingSession],
    running_here: Collection[str] = (),
) -> MergeResult:
    """Merge imported sessions by id without ever dropping what is already saved.

    A new id is added. A known id keeps everything saved and gains only what it lacks:
    marks it does not have, an end time, a check-in, a reflection (a complete one beats a
    draft). Of two pulses, the salesperson's newer answers (the later ``at``) win, as when
    a pulse is recorded again; on equal times the saved one stays.
    Merging the same file twice therefore changes nothing the second time.

    A session still running in the file, or running here (``running_here``: ids), is
    skipped and counted: an imported session that never ended would run forever.
    """
    to_write: list[CoachingSession] = []
    added = updated = unchanged = skipped = 0
    for new in incoming:
        if new.running or new.id in running_here:
            skipped += 1
            continue
        old = existing.get(new.id)
        if old is None:
            to_write.append(new)
            added += 1
            continue
        merged = _merge_one(old, new)
        if merged == old:
            unchanged += 1
        else:
            to_write.append(merged)
            updated += 1
    return MergeResult(tuple(to_write), added, updated, unchanged, skipped)


def _merge_one(old: CoachingSession, new: CoachingSession) -> CoachingSession:
    known = set(old.marks)
    extra = tuple(m for m in new.marks if m not in known)
    marks = tuple(sorted((*old.marks, *extra), key=lambda m: m.at)) if extra else old.marks
    reflection = old.reflection
    if new.reflection is not None and (
        reflection is None or (new.reflection.complete and not reflection.complete)
    ):
        reflection = new.reflection
    return replace(
        old,
        ended_at=old.ended_at or new.ended_at,
        marks=marks,
        reflection=reflection,
        checkin=old.checkin or new.checkin,
        rep_pulse=_newer_pulse(old.rep_pulse, new.rep_pulse),
    )


def _newer_pulse(old: RepPulse | None, new: RepPulse | None) -> RepPulse | None:
    if old is None or (new is not None and new.at > old.at):
        return new
    return old
