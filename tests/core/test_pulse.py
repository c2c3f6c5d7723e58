"""The salesperson's pulse as a value: its rules, the page's form body, its JSON record."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote_plus, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.errors import InvalidData, InvalidInput
from focusmate.core.pulse import (
    ATTENTION_QUESTION,
    CONCERN_QUESTION,
    HEARD_QUESTION,
    Concern,
    PulseVia,
    RepPulse,
    pulse_from_form,
    pulse_from_record,
    pulse_message,
    pulse_to_record,
)
from tests.core.strategies import instants, pulses

AT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
VALID_FORM = {"heard": "4", "concern": "partly", "attention": "5", "comment": "Thanks"}


def form(**fields: str) -> bytes:
    return urlencode({**VALID_FORM, **fields}).encode()


def test_the_page_form_becomes_a_pulse_sent_by_the_page() -> None:
    assert pulse_from_form(form(), AT) == RepPulse(
        4, Concern.PARTLY, 5, "Thanks", PulseVia.PAGE, AT
    )


def test_a_browser_text_box_keeps_its_lines_as_line_feeds_and_is_trimmed() -> None:
    pulse = pulse_from_form(form(comment="  Good call\r\nMore time please  "), AT)
    assert pulse.comment == "Good call\nMore time please"


def test_the_comment_may_be_empty_and_holds_any_language() -> None:
    assert pulse_from_form(form(comment=""), AT).comment == ""
    assert pulse_from_form(form(comment="Très bien — 良い 👍"), AT).comment == "Très bien — 良い 👍"


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (form() + b"&extra=1", "unknown field"),
        (form() + b"&heard=4", "twice"),
        (b"heard=4&concern=yes&attention=5", "misses comment"),
        (b"", "misses|without a value"),
        (form(heard="6"), "1 to 5"),
        (form(heard="04"), "1 to 5"),
        (form(attention=" 5"), "1 to 5"),
        (form(attention="٥"), "1 to 5"),  # an Arabic-Indic five: int() would take it
        (form(concern="maybe"), "yes, partly or no"),
        (form(comment="x" * 501), "at most 500"),
        (form(comment="look\x1b[2J"), "control character"),
        (form(comment="a\rb"), "control character"),
        (form(comment="\u202eevil"), "control character"),
        (form().replace(b"Thanks", b"%FF%FE"), "not UTF-8"),
        (form().replace(b"Thanks", b"%G1"), "broken"),
        (form().replace(b"Thanks", b"caf\xc3\xa9"), "escaped"),
        (form() + b"&", "without a value"),
        (b"heard", "without a value"),
    ],
)
def test_a_form_body_not_sent_by_the_page_is_refused_in_one_line(body: bytes, says: str) -> None:
    with pytest.raises(InvalidInput, match=says) as caught:
        pulse_from_form(body, AT)
    assert "\n" not in str(caught.value)


@given(st.binary(max_size=300))
def test_any_bytes_give_a_pulse_or_invalid_input(body: bytes) -> None:
    try:
        assert isinstance(pulse_from_form(body, AT), RepPulse)
    except InvalidInput as refused:
        assert "\n" not in str(refused)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["heard", "concern", "attention", "comment", "other", ""]),
            st.one_of(st.sampled_from(["1", "5", "yes", "no", "partly", "0"]), st.text()),
        ),
        max_size=6,
    )
)
def test_any_form_fields_give_a_pulse_or_invalid_input(pairs: list[tuple[str, str]]) -> None:
    body = "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, v in pairs).encode()
    try:
        pulse = pulse_from_form(body, AT)
    except InvalidInput as refused:
        assert "\n" not in str(refused)
    else:
        assert sorted(k for k, _ in pairs) == ["attention", "comment", "concern", "heard"]
        assert pulse.via is PulseVia.PAGE


@given(pulses)
def test_a_pulse_comes_back_from_its_record(pulse: RepPulse) -> None:
    record = pulse_to_record(pulse)
    assert set(record) == {"heard", "concern", "attention", "comment", "via", "at"}
    assert pulse_from_record(record) == pulse


@given(pulses)
def test_a_pulse_sent_as_a_form_reads_back_the_same(pulse: RepPulse) -> None:
    fields = {
        "heard": str(pulse.heard),
        "concern": pulse.concern.value,
        "attention": str(pulse.attention),
        "comment": pulse.comment,
    }
    read = pulse_from_form(urlencode(fields).encode(), pulse.at)
    assert read.comment == pulse.comment.strip()
    assert (read.heard, read.concern, read.attention) == (
        pulse.heard,
        pulse.concern,
        pulse.attention,
    )


@given(
    heard=st.one_of(st.integers(-3, 8), st.booleans(), st.text(max_size=2), st.floats()),
    attention=st.one_of(st.integers(-3, 8), st.none()),
    comment=st.one_of(st.text(max_size=520), st.none(), st.integers()),
    at=st.one_of(instants, st.datetimes()),
)
def test_any_values_give_a_pulse_or_invalid_input(
    heard: object, attention: object, comment: object, at: datetime
) -> None:
    try:
        pulse = RepPulse(heard, Concern.YES, attention, comment, PulseVia.TYPED, at)  # type: ignore[arg-type]
    except InvalidInput as refused:
        assert "\n" not in str(refused)
    else:
        assert type(pulse.heard) is int and 1 <= pulse.heard <= 5
        assert type(pulse.attention) is int and 1 <= pulse.attention <= 5
        assert isinstance(pulse.comment, str) and len(pulse.comment) <= 500
        assert pulse.at.tzinfo is not None


@pytest.mark.parametrize(
    "change",
    [
        {"heard": True},
        {"heard": "4"},
        {"concern": "sometimes"},
        {"via": "pigeon"},
        {"at": "yesterday"},
        {"at": "2026-11-23T09:30:00"},
        {"comment": None},
        {"extra": 1},
    ],
)
def test_a_damaged_record_is_invalid_data(change: dict[str, object]) -> None:
    record = {**pulse_to_record(pulse_from_form(form(), AT)), **change}
    with pytest.raises(InvalidData, match="rep_pulse"):
        pulse_from_record(record)


def test_the_message_asks_the_three_questions_by_name() -> None:
    message = pulse_message(" Jordan ")
    assert message.startswith("Hi Jordan,")
    for question in (HEARD_QUESTION, CONCERN_QUESTION, ATTENTION_QUESTION):
        assert question in message
    assert "\x1b" not in pulse_message("Jo\x1b[2Jrdan")
    assert pulse_message("").startswith("Hi,")
