"""One lifecycle for every window of the app: opened lazily, brought forward, forgotten on close.

A :class:`WindowSlot` holds at most one window of a kind. ``open()`` builds it through its
factory the first time, and brings the same window forward while it is open, never a second
copy. When the window is closed it forgets itself and is deleted (``deleteLater``), so the next
``open()`` builds a fresh one. A dialog counts as closed when it is finished (accepted, rejected,
Escape, the title bar's close button); any other window when it closes (it gets
``WA_DeleteOnClose``).

Some windows are worth keeping instead (``keep=True``): those that hold what the app tells the
user while they are hidden (the session window's notes and errors, the control window). A kept
window is only hidden by its close button, and ``refresh`` brings it up to date each time it is
opened again. The weekly review is not kept (issue 18): its week's data and tables would hold
memory for the rest of the day; it is deleted on close, and services.memory.give_back_soon
hands back what that freed.

:class:`WindowSlots` is the same for windows of one kind told apart by a key (one reflection
per session, one box per notice). Whether a window may open at all (never during a session,
ARCHITECTURE invariant 5) is the caller's decision: a slot only opens what it is asked to.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

W = TypeVar("W", bound=QWidget)
K = TypeVar("K", bound=Hashable)


def bring_forward(window: QWidget) -> None:
    """Show the window, above the others, with the keyboard focus: only on the user's request."""
    window.show()
    window.raise_()
    window.activateWindow()


class WindowSlot(Generic[W]):
    """At most one window built by ``build``; see the module's docstring for its lifecycle."""

    def __init__(
        self,
        build: Callable[[], W],
        *,
        keep: bool = False,
        refresh: Callable[[W], None] | None = None,
        on_forget: Callable[[], object] | None = None,
    ) -> None:
        """``build`` makes the window and connects its signals; ``keep``: hidden, not forgotten,
        when closed; ``refresh`` brings an existing window up to date when it is opened again;
        ``on_forget`` is told when the window has been forgotten."""
        self._build = build
        self._keep = keep
        self._refresh = refresh
        self._on_forget = on_forget
        self._window: W | None = None

    @property
    def window(self) -> W | None:
        """The window while it is built and not closed, else None."""
        return self._window

    def built(self) -> W:
        """The window, built now (and not shown) if there is none."""
        if self._window is None:
            window = self._build()
            if not self._keep:
                self._forget_when_closed(window)
            self._window = window
        return self._window

    def open(self) -> W:
        """Build the window if there is none, else refresh it; then bring it forward."""
        existing = self._window
        window = self.built()
        if existing is not None and self._refresh is not None:
            self._refresh(window)
        bring_forward(window)
        return window

    def close(self) -> None:
        """Hide and delete the window (the app quits, or it must not stay in front)."""
        window = self._window
        if window is not None:
            window.hide()
            self._forget(window)

    def _forget_when_closed(self, window: W) -> None:
        if isinstance(window, QDialog):
            window.finished.connect(lambda _result: self._forget(window))
        else:  # Qt deletes it when it closes (a close it ignores keeps it): then forget it
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda _object=None: self._forget(window, deleted=True))

    def _forget(self, window: W, *, deleted: bool = False) -> None:
        # A late signal of a window already replaced must not forget its successor.
        if self._window is not window:
            return
        self._window = None
        if not deleted:
            window.deleteLater()
        if self._on_forget is not None:
            self._on_forget()


class WindowSlots(Generic[K, W]):
    """One :class:`WindowSlot` per key, each forgotten (and removed) when its window closes."""

    def __init__(self, build: Callable[[K], W | None]) -> None:
        """``build`` makes the window for a key, or None when there is nothing to open for it."""
        self._build = build
        self._slots: dict[K, WindowSlot[W]] = {}

    def window(self, key: K) -> W | None:
        slot = self._slots.get(key)
        return None if slot is None else slot.window

    def windows(self) -> tuple[W, ...]:
        """The open windows, oldest first."""
        return tuple(w for slot in self._slots.values() if (w := slot.window) is not None)

    def open(self, key: K) -> W | None:
        """Bring the key's window forward, built first if it is not open (None: nothing to open)."""
        slot = self._slots.get(key)
        if slot is None:
            window = self._build(key)
            if window is None:
                return None
            slot = WindowSlot(lambda: window, on_forget=lambda: self._slots.pop(key, None))
            self._slots[key] = slot
        return slot.open()

    def close(self) -> None:
        """Close every window (the app quits)."""
        for slot in list(self._slots.values()):
            slot.close()
