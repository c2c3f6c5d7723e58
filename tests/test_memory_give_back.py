"""services.memory: what was let go is given back once per turn of the event loop, however
many asked (the review's close and the history's release come together)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from focusmate.services import memory


def test_two_asks_in_one_turn_give_back_once_and_a_later_ask_again(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[int] = []
    monkeypatch.setattr(memory, "give_back_now", lambda: runs.append(1))
    memory.give_back_soon()
    memory.give_back_soon()
    assert runs == []  # soon: back in the event loop
    qtbot.waitUntil(lambda: runs == [1], timeout=2000)
    qtbot.wait(50)
    assert runs == [1]
    memory.give_back_soon()  # a later ask is not swallowed
    qtbot.waitUntil(lambda: runs == [1, 1], timeout=2000)
