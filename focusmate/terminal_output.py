"""Writing documents to standard output: exact bytes for a pipe or a file, escaped for a person.

A JSON, CSV or calendar document on standard output is usually piped or redirected, and must
then be exactly what was stored. When standard output is a terminal, a person reads it: then
core.terminal_text's rule applies, as it does to every line the command line prints.
"""

from __future__ import annotations

import sys
from typing import TextIO

from focusmate.core.terminal_text import terminal_document


def write_document(text: str, stream: TextIO | None = None) -> None:
    """Write ``text`` to ``stream`` (standard output), escaped if it is a terminal."""
    out = sys.stdout if stream is None else stream
    out.write(terminal_document(text) if out.isatty() else text)
