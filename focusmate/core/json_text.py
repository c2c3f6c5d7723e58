"""Parsing JSON from files and messages focusmate does not control.

``json.loads`` raises RecursionError, not ValueError, for nesting deeper than Python's
recursion limit (``[[[[...`` a few thousand deep, well under any size limit). Every reader
catches ValueError for bad JSON, so here the one becomes the other.
"""

from __future__ import annotations

import json


def parse_json(raw: bytes | str) -> object:
    """``json.loads(raw)``; ValueError (or UnicodeDecodeError) for anything that is not JSON
    focusmate can read, including nesting too deep to parse."""
    try:
        value: object = json.loads(raw)
    except RecursionError:
        raise ValueError("it is nested too deeply") from None
    return value
