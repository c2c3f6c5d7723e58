"""CSV as focusmate writes it, for every CSV file (the sessions export, the week's table).

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (tab and
CR can hide such a start), so a salesperson's name or a note such as ``=HYPERLINK(...)`` could
run when the file is opened. OWASP's rule for CSV injection applies to every cell: such a cell
gets a leading ``'`` (the spreadsheet then shows it as text) and is quoted. Cells holding a
comma, quote or line break are quoted as the csv module would; others are written bare. The
JSON export keeps the exact text; this file is for reading, not for importing back.
"""

from __future__ import annotations

from collections.abc import Iterable

#: What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_QUOTES = (",", '"', "\r", "\n")


def csv_cell(value: object) -> str:
    """One cell: a formula start is defused with ``'``, and quoted with what needs it."""
    text = str(value)
    defused = text.startswith(FORMULA_STARTS)
    if defused:
        text = "'" + text
    if defused or any(char in text for char in _NEEDS_QUOTES):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_document(rows: Iterable[Iterable[object]]) -> str:
    """Rows of cells as CSV text, one ``\\n``-terminated line per row."""
    return "".join(_line(row) + "\n" for row in rows)


def _line(row: Iterable[object]) -> str:
    # A row of one empty cell is written "" (as the csv module does): a blank line is no row.
    return ",".join(csv_cell(cell) for cell in row) or '""'
