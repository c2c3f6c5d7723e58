"""Every user-visible string is translatable, and the German catalogue is complete.

The catalogue check runs Qt's own lupdate over the source, so a string added without
its translation (or a translation left for a string that is gone) fails here.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import focusmate
from focusmate.core.text import plural, translate, use_translator

REPO = Path(__file__).resolve().parent.parent
PACKAGE = Path(focusmate.__file__).parent


def translate_calls() -> list[tuple[Path, ast.Call]]:
    calls = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name == "translate":
                    calls.append((path, node))
    return calls


def test_translate_calls_use_literal_strings_lupdate_can_read() -> None:
    """lupdate reads only literals: an f-string or a variable would never be translated."""
    calls = translate_calls()
    assert len(calls) > 100, "the user interface should go through translate()"
    bad = [
        f"{path.relative_to(REPO)}:{call.lineno}"
        for path, call in calls
        if len(call.args) < 2
        or not all(
            isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in call.args[:2]
        )
    ]
    assert bad == []


def test_german_catalogue_is_complete_and_compiled() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_translate_is_english_until_a_translator_is_installed() -> None:
    assert translate("Tray", "Quit") == "Quit"
    use_translator(lambda context, text, _d=None: f"{context}|{text}")
    try:
        assert translate("Tray", "Quit") == "Tray|Quit"
    finally:
        use_translator(None)
    assert translate("Tray", "Quit") == "Quit"


@pytest.mark.parametrize(("count", "expected"), [(0, "0 marks"), (1, "1 mark"), (2, "2 marks")])
def test_plural_picks_the_form_and_fills_in_the_count(count: int, expected: str) -> None:
    assert plural(count, "{n} mark", "{n} marks") == expected
