"""Keyboard and language checks: reading order, mnemonics, and English left in German.

Reading order is what a sighted user scans: rows from top to bottom, each row left to
right. Two controls share a row when their vertical extents overlap (a button next to a
line edit a few pixels taller is still on the same row). Tab order should match it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from tests.ui.accessibility import focusable_controls, visible_texts


def _rect(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def reading_order(window: QWidget) -> list[QWidget]:
    """The window's focusable controls, row by row, left to right (the window must be shown)."""
    controls = sorted(focusable_controls(window), key=lambda w: _rect(w, window).top())
    rows: list[list[QWidget]] = []
    bottom = -1
    for control in controls:
        rect = _rect(control, window)
        if rows and rect.top() < bottom:
            rows[-1].append(control)
            bottom = max(bottom, rect.bottom())
        else:
            rows.append([control])
            bottom = rect.bottom()
    return [w for row in rows for w in sorted(row, key=lambda w: _rect(w, window).left())]


def texts(window: QWidget) -> list[tuple[str, str]]:
    """What ``window`` shows now (take the English texts before switching to German: a
    window that updates itself would speak German too)."""
    return list(visible_texts(window))


def untranslated(
    english: QWidget | list[tuple[str, str]], german: QWidget, allowed: Iterable[str] = ()
) -> list[str]:
    """Texts the German window still shows in English: ``where: text`` for each piece of
    text that is the same as in the English window (built alike, so their texts pair up in
    order). ``english`` is the window, or its ``texts`` taken before German was installed
    (a window that updates itself would speak German by now). ``allowed`` are texts that
    are rightly the same (names, numbers, "focusmate")."""
    ok = {"", "focusmate", *allowed}
    before = texts(english) if isinstance(english, QWidget) else english
    pairs = list(zip(before, visible_texts(german), strict=True))
    return [
        f"{where}: {text!r}"
        for (where, text), (_where, translated) in pairs
        if text.strip() not in ok and text == translated
    ]


def mnemonic(control: QWidget) -> str:
    """The Alt+letter that reaches ``control`` ("" if none): from its own text, or from the
    label that names it (a QLabel whose buddy it is)."""
    own = [control.text()] if isinstance(control, QAbstractButton) else []
    labels = control.window().findChildren(QLabel)
    for text in own + [label.text() for label in labels if label.buddy() is control]:
        found = re.search(r"&([^&\s])", text.replace("&&", ""))
        if found:
            return found.group(1).lower()
    return ""
