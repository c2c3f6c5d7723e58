"""A FAKE DoNotDisturb backend held in memory, for JournaledSilencer's unit tests."""

from __future__ import annotations

from pathlib import Path

from focusmate.core.dnd import DndUnavailable, PreviousState


class FakeDnd:
    """A switch in memory; ``failing`` names methods that raise DndUnavailable.

    ``journal`` (when set) is checked on every engage(): ``journal_seen_at_engage`` records
    whether the journal was already on disk when the switch was changed.
    """

    name = "fake"
    label = "Fake"
    guidance = "Silence the fake by hand."

    def __init__(self, *, on: bool = False, can_engage: bool = True) -> None:
        self.on = on
        self.can_engage = can_engage
        self.failing: set[str] = set()
        self.calls: list[str] = []
        self.journal: Path | None = None
        self.journal_seen_at_engage: list[bool] = []
        self.ignore_engage = False

    def _call(self, method: str) -> None:
        self.calls.append(method)
        if method in self.failing:
            raise DndUnavailable(f"the fake refuses {method}")

    def is_on(self) -> bool:
        self._call("is_on")
        return self.on

    def capture(self) -> PreviousState:
        self._call("capture")
        return {"on": self.on}

    def engage(self) -> None:
        self._call("engage")
        if self.journal is not None:
            self.journal_seen_at_engage.append(self.journal.exists())
        if not self.ignore_engage:
            self.on = True

    def restore(self, previous: PreviousState) -> None:
        self._call("restore")
        self.on = bool(previous["on"])
