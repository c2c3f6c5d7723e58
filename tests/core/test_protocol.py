"""The local-socket protocol: any bytes give a clear error, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.errors import ExitCode, InvalidData, NotPossibleNow
from focusmate.core.protocol import (
    MAX_MESSAGE_BYTES,
    contents_of,
    decode_request,
    decode_response,
    encode,
    error_from_response,
    failure,
    file_contents,
    import_request_bytes,
)


def test_a_request_round_trips() -> None:
    line = encode({"cmd": "log", "kind": "phone"})
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert decode_request(line.strip()) == {"cmd": "log", "kind": "phone"}


@given(st.binary(max_size=300))
def test_any_bytes_are_either_a_request_or_invalid_data(data: bytes) -> None:
    try:
        message = decode_request(data)
    except InvalidData:
        return
    assert isinstance(message, dict) and "cmd" in message


@pytest.mark.parametrize(
    "line",
    [
        b"",
        b"{",
        b"[]",
        b'{"cmd": "rm -rf"}',
        b'"show"',
        b"\xff\xfe",
        b"x" * (MAX_MESSAGE_BYTES + 1),
        b"[" * 60_000,  # nested deeper than Python's recursion limit
        b'{"cmd": ' * 6_000,
    ],
)
def test_bad_requests(line: bytes) -> None:
    with pytest.raises(InvalidData):
        decode_request(line)


def test_a_failure_keeps_its_exit_code_across_the_socket() -> None:
    response = decode_response(encode(failure(NotPossibleNow("no coaching session is running"))))
    error = error_from_response(response)
    assert error.exit_code == ExitCode.NOT_NOW and str(error) == "no coaching session is running"
    assert error_from_response({"ok": False, "exit": 77}).exit_code == ExitCode.FAILURE


# Issue 13, finding 13: a file travels as its contents.


@given(st.binary(max_size=3000))
def test_file_contents_travel_unchanged(raw: bytes) -> None:
    request = {"cmd": "import", "file": "x.json", "contents": file_contents(raw)}
    line = encode(request)
    assert len(line) <= import_request_bytes(len(raw))
    assert contents_of(decode_request(line.strip(), import_request_bytes(len(raw)))) == raw


VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=40), st.lists(st.integers())
)


@given(VALUES)
def test_anything_but_file_contents_is_invalid_data(value: object) -> None:
    """Never another exception: the app answers a bad request with one line."""
    try:
        contents_of({"cmd": "import", "contents": value})
    except InvalidData:
        return
    assert isinstance(value, str)  # only base64 text is file contents
