"""Giving back the memory of what was let go (the history), not only freeing it.

Freed Python and Qt objects leave holes in the C heap that stay in the process's RSS; a Qt
object whose deletion was deferred waits for the event loop. After something big is gone
(the history after start-up's check or a use, issue 18), run what waits for deletion,
collect Python's cycles and hand the heap's free pages back (desktop.heap).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QEvent, QTimer

#: Whether a give-back waits for the event loop: asked again meanwhile (twice in one turn),
#: it runs once.
_waiting = False


def give_back_soon() -> None:
    """Soon (back in the event loop, once the closing window's own deletion is over); asked
    twice before it ran, it runs once (each run is a full collection and a heap trim)."""
    global _waiting  # noqa: PLW0603 - one give-back waits per process, whoever asked
    if _waiting:
        return
    _waiting = True
    QTimer.singleShot(0, _give_back_waiting)


def _give_back_waiting() -> None:
    global _waiting  # noqa: PLW0603 - see give_back_soon
    _waiting = False
    give_back_now()


def give_back_now() -> None:
    """Delete what waits for deletion, collect cycles, trim the heap."""
    from focusmate.desktop.heap import trim_freed_memory  # noqa: PLC0415 - ctypes, on first use

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    trim_freed_memory()
