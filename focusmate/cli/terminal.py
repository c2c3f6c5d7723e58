"""What focusmate writes to standard output and standard error, under core.terminal_text's rule.

A JSON, CSV or calendar document on standard output is usually piped or redirected, and must
then be exactly what was stored. When standard output is a terminal, a person reads it: then
the rule applies, as it does to every line the command line prints. The app's log goes to
standard error, often a terminal too (or the desktop's session log), and may quote a name or a
path: each record is escaped the same way.
"""

from __future__ import annotations

import sys

from focusmate.core.terminal_text import terminal_document, terminal_line

#: typing.TYPE_CHECKING without importing typing (see desktop.client_paths).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO


def write_document(text: str, stream: TextIO | None = None) -> None:
    """Write ``text`` to ``stream`` (standard output), escaped if it is a terminal."""
    out = sys.stdout if stream is None else stream
    out.write(terminal_document(text) if out.isatty() else text)


def shown(value: object) -> str:
    """A name or path as printed for a person: core.terminal_text's rule."""
    return terminal_line(str(value))


def log_to_stderr() -> None:
    """Send warnings and errors to standard error, escaped, unless logging is set up already
    (by a test harness, say). Without this, Python's last-resort handler writes them raw."""
    # Imported here: the socket commands log nothing (ARCHITECTURE invariant 13).
    import logging  # noqa: PLC0415

    class _EscapingFormatter(logging.Formatter):
        """A log record as Python's last-resort handler writes it, with what a terminal would
        obey escaped (a traceback keeps its lines)."""

        def format(self, record: logging.LogRecord) -> str:
            return terminal_document(super().format(record))

    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(_EscapingFormatter("%(message)s"))
    root.addHandler(handler)
