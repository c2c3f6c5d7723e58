"""The session's do-not-disturb, made on first use (core.ports.Silencer).

Choosing the backend asks the session bus which notification server runs (jeepney, ~1 MB and
a round trip), which the idle tray does not need: the silencer is made when a session starts
or the check-in shows its status, and at start-up only when a journal left by a crash must be
replayed (ARCHITECTURE invariant 6: that replay still happens before anything else). Not in
desktop/dnd/: importing any module there runs that package's __init__, which loads every
backend (~20 ms).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from focusmate.core.dnd import DndStatus

if TYPE_CHECKING:
    from focusmate.desktop.dnd.silencer import JournaledSilencer, RecoveryNotice


class SilencerOnUse:
    """Implements core.ports.Silencer through the JournaledSilencer ``make`` returns, made on
    the first call."""

    def __init__(self, make: Callable[[], JournaledSilencer]) -> None:
        self._make = make
        self._silencer: JournaledSilencer | None = None

    def _made(self) -> JournaledSilencer:
        if self._silencer is None:
            self._silencer = self._make()
        return self._silencer

    def recover(self) -> RecoveryNotice | None:
        """Replay a journal left by a run that did not finish (see JournaledSilencer)."""
        return self._made().recover()

    def engage(self) -> DndStatus:
        return self._made().engage()

    def poll(self) -> DndStatus:
        return self._made().poll()

    def restore(self) -> DndStatus:
        return self._made().restore()

    def status(self) -> DndStatus:
        return self._made().status()
