"""Text at the terminal (issue 13, finding 9): names and notes never reach a terminal as
commands. Typed names and focus notes with control characters are refused (exit 2); whatever
is printed from stored or imported data is escaped, one rule for every line the CLI prints."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusmate.cli.main import main
from focusmate.cli.terminal import write_document
from focusmate.core.errors import ExitCode, InvalidInput
from focusmate.core.session import start_session
from focusmate.core.terminal_text import terminal_document, terminal_line
from tests.fakes import T0

#: What a terminal obeys: C0, DEL, C1, line/paragraph separators, bidirectional controls.
OBEYED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: The review's examples: clear the screen and fake a line, set the window title, overwrite.
ATTACKS = [
    "\x1b[2J\x1b[H\x1b[31mFAKE",
    "\x1b]0;owned\x07",
    "Ana\r\nfocusmate: all good",
    "Ana\x08\x08\x08Bob",
    "\u202eanA",
    "\x9b2J",
]
obeyed = st.sampled_from(
    [
        chr(c)
        for c in [
            *range(0x20),
            *range(0x7F, 0xA0),
            0x2028,
            0x2029,
            *range(0x202A, 0x202F),
            *range(0x2066, 0x206A),
        ]
    ]
)


@given(st.text() | st.sampled_from(ATTACKS))
def test_a_line_for_the_terminal_holds_nothing_a_terminal_obeys(text: str) -> None:
    shown = terminal_line(text)
    assert OBEYED.search(shown) is None
    if OBEYED.search(text) is None:
        assert shown == text  # ordinary text, any script, is printed as it is


@given(st.text())
def test_a_document_keeps_its_lines_and_tabs_and_nothing_else(text: str) -> None:
    shown = terminal_document(text)
    assert OBEYED.search(shown.replace("\r\n", "").replace("\n", "").replace("\t", "")) is None
    assert shown.count("\n") == text.count("\n") and shown.count("\t") == text.count("\t")


def test_escapes_are_visible() -> None:
    assert terminal_line("\x1b]0;owned\x07\u202e") == "\\u001b]0;owned\\u0007\\u202e"


@given(st.dictionaries(st.text(), st.text() | st.sampled_from(ATTACKS)))
def test_a_json_document_on_a_terminal_is_still_the_same_json(document: dict[str, str]) -> None:
    text = json.dumps(document, ensure_ascii=False)
    assert json.loads(terminal_document(text)) == document


@given(st.text(max_size=20), obeyed, st.text(max_size=20))
def test_a_typed_name_or_focus_with_a_control_character_is_refused(
    before: str, char: str, after: str
) -> None:
    text = f"A{before}{char}{after}Z"  # inside: surrounding white space is trimmed
    for name, focus in ((text, ""), ("Ana", text)):
        with pytest.raises(InvalidInput) as refused:
            start_session("s1", name, 30, focus, T0)
        assert refused.value.exit_code == ExitCode.USAGE
        assert OBEYED.search(str(refused.value)) is None


@pytest.mark.parametrize("attack", ATTACKS)
def test_start_refuses_it_in_one_escaped_line_even_with_no_app(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, attack: str
) -> None:
    code = main(["--data-dir", str(tmp_path), "start", "--with", attack])
    out, err = capsys.readouterr()
    assert code == ExitCode.USAGE and out == ""
    assert err.startswith("focusmate: the salesperson's name contains the control character ")
    assert err.count("\n") == 1 and OBEYED.search(err.rstrip("\n")) is None


def test_an_unknown_argument_is_quoted_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as leaving:
        main(["--data-dir", str(tmp_path), "status", "\x1b[2J\x1b]0;x\x07"])
    _, err = capsys.readouterr()
    assert leaving.value.code == ExitCode.USAGE
    assert "\\u001b[2J" in err and OBEYED.search(err.rstrip("\n")) is None


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_documents_are_exact_in_a_pipe_and_escaped_on_a_terminal() -> None:
    document = 'id,with\r\n1,"\x1b]0;owned\x07"\r\n'
    piped, terminal = io.StringIO(), _Terminal()
    write_document(document, piped)
    write_document(document, terminal)
    assert piped.getvalue() == document
    assert terminal.getvalue() == 'id,with\r\n1,"\\u001b]0;owned\\u0007"\r\n'
