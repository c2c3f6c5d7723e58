"""Checks every window can share: accessible names, tab order, and no untranslated text.

They ask Qt's accessibility layer (what a screen reader hears), not our own attributes,
so a control named only by a buddy label counts, and one with no name at all fails.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)


def focusable_controls(window: QWidget) -> list[QWidget]:
    """Visible, enabled widgets that Tab can reach, in no particular order."""
    return [
        child
        for child in window.findChildren(QWidget)
        if child.isVisibleTo(window)
        and child.isEnabled()
        and child.focusPolicy() & Qt.FocusPolicy.TabFocus
        and child.focusProxy() is None
    ]


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None, f"no accessibility interface for {widget!r}"
    return interface.text(QAccessible.Text.Name).strip()


def unnamed_controls(window: QWidget) -> list[str]:
    """Descriptions of the focusable controls a screen reader would announce without a name."""
    return [
        f"{type(w).__name__} objectName={w.objectName()!r}"
        for w in focusable_controls(window)
        if not accessible_name(w)
    ]


def tab_chain(window: QWidget, limit: int = 500) -> list[QWidget]:
    """The widgets Tab visits from the window's first control, once round."""
    start = window.nextInFocusChain()
    chain: list[QWidget] = []
    widget = start
    for _ in range(limit):
        if widget in focusable_controls(window) and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is start:
            break
    return chain


def visible_texts(window: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of text the window shows or announces."""
    widgets = [window, *window.findChildren(QWidget)]
    yield "windowTitle", window.windowTitle()
    for w in widgets:
        if not w.isVisibleTo(window) and w is not window:
            continue
        name = f"{type(w).__name__}:{w.objectName()}"
        if isinstance(w, QLabel | QAbstractButton | QLineEdit):
            yield name, w.text() if not isinstance(w, QLineEdit) else w.placeholderText()
        if isinstance(w, QPlainTextEdit | QTextEdit):
            yield name, w.placeholderText()
        if isinstance(w, QGroupBox):
            yield name, w.title()
        if isinstance(w, QTabWidget):
            for index in range(w.count()):
                yield f"{name} tab {index}", w.tabText(index)
        yield f"{name} toolTip", w.toolTip()
        yield f"{name} accessibleName", w.accessibleName()
        yield f"{name} accessibleDescription", w.accessibleDescription()
