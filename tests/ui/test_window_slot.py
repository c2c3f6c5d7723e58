"""The one window lifecycle (ui.window_slot): lazy, brought forward not duplicated, forgotten on
close, and deleted with it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from focusmate.ui.window_slot import WindowSlot, WindowSlots

#: Every window the tests built; those Qt has not deleted are closed and deleted after each test
#: (qtbot.addWidget cannot hold them: it closes its widgets, and these may be gone by then).
BUILT: list[QWidget] = []


@pytest.fixture(autouse=True)
def _delete_leftovers() -> Iterator[None]:
    yield
    for window in BUILT:
        if isValid(window):
            window.close()
            window.deleteLater()
    BUILT.clear()


class Factory:
    """Builds dialogs (or plain widgets) and remembers each it built."""

    def __init__(self, kind: type[QWidget] = QDialog) -> None:
        self._kind = kind
        self.built: list[QWidget] = []

    def __call__(self) -> QWidget:
        window = self._kind()
        BUILT.append(window)
        self.built.append(window)
        return window


def wait_deleted(qtbot: QtBot, window: QWidget) -> None:
    """deleteLater deletes on a later turn of the event loop: wait for it."""
    qtbot.waitUntil(lambda: not isValid(window), timeout=2000)


def test_nothing_is_built_before_the_first_open(qtbot: QtBot) -> None:
    factory = Factory()
    slot = WindowSlot(factory)
    assert slot.window is None and factory.built == []
    window = slot.open()
    assert factory.built == [window] and slot.window is window and window.isVisible()


def test_an_open_window_is_brought_forward_not_duplicated(qtbot: QtBot) -> None:
    factory = Factory()
    slot = WindowSlot(factory)
    first = slot.open()
    first.hide()  # e.g. behind other windows, or minimised
    again = slot.open()
    assert again is first and factory.built == [first] and first.isVisible()


def test_a_closed_dialog_is_forgotten_deleted_and_built_anew(qtbot: QtBot) -> None:
    factory = Factory()
    forgotten: list[bool] = []
    slot = WindowSlot(factory, on_forget=lambda: forgotten.append(True))
    first = slot.open()
    assert isinstance(first, QDialog)
    first.reject()  # Escape, Cancel or the title bar's close button
    assert slot.window is None and forgotten == [True]
    wait_deleted(qtbot, first)
    second = slot.open()
    assert second is not first and factory.built == [first, second] and second.isVisible()


def test_a_closed_plain_window_is_forgotten_too(qtbot: QtBot) -> None:
    factory = Factory(QWidget)
    slot = WindowSlot(factory)
    first = slot.open()
    first.close()
    wait_deleted(qtbot, first)
    assert slot.window is None
    assert slot.open() is not first and len(factory.built) == 2


def test_a_kept_window_is_hidden_on_close_and_refreshed_when_opened_again(qtbot: QtBot) -> None:
    factory = Factory(QWidget)
    refreshed: list[QWidget] = []
    slot = WindowSlot(factory, keep=True, refresh=refreshed.append)
    first = slot.open()
    assert refreshed == []  # a new window is built up to date
    first.close()
    assert slot.window is first and not first.isVisible()
    assert slot.open() is first and refreshed == [first] and first.isVisible()


def test_built_makes_the_window_without_showing_it(qtbot: QtBot) -> None:
    factory = Factory()
    slot = WindowSlot(factory, keep=True)
    window = slot.built()
    assert slot.built() is window and not window.isVisible() and factory.built == [window]


def test_close_hides_deletes_and_forgets(qtbot: QtBot) -> None:
    slot = WindowSlot(Factory())
    window = slot.open()
    slot.close()
    assert slot.window is None and not window.isVisible()
    wait_deleted(qtbot, window)
    slot.close()  # nothing open: nothing to do


def test_a_late_finish_of_a_replaced_window_does_not_forget_its_successor(qtbot: QtBot) -> None:
    slot = WindowSlot(Factory())
    first = slot.open()
    assert isinstance(first, QDialog)
    first.finished.disconnect()  # as if its finished signal were still on its way
    slot.close()
    second = slot.open()
    first.finished.emit(0)
    assert slot.window is second


def test_keyed_windows_one_per_key(qtbot: QtBot) -> None:
    built: list[str] = []

    def build(key: str) -> QDialog | None:
        if key == "unknown":
            return None  # nothing to open for it
        built.append(key)
        dialog = QDialog()
        BUILT.append(dialog)
        return dialog

    slots: WindowSlots[str, QDialog] = WindowSlots(build)
    ana = slots.open("s1")
    ben = slots.open("s2")
    assert ana is not None and ben is not None and ana is not ben
    assert slots.open("s1") is ana and built == ["s1", "s2"]  # forward, not a second one
    assert slots.open("unknown") is None and slots.window("unknown") is None
    assert slots.windows() == (ana, ben)
    ana.accept()
    assert slots.window("s1") is None and slots.windows() == (ben,)
    wait_deleted(qtbot, ana)
    again = slots.open("s1")
    assert again is not None and again is not ana and built == ["s1", "s2", "s1"]
    slots.close()
    assert slots.windows() == ()
    wait_deleted(qtbot, ben)
