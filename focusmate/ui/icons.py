"""Icons from the installed resources (SVG, rendered crisply at any tray size)."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib.resources import files

from PySide6.QtGui import QIcon


class TrayState(StrEnum):
    IDLE = "idle"
    SESSION = "session"
    OVERTIME = "overtime"
    MARKED = "marked"  # shown for a moment after a mark is logged


def _icon_path(name: str) -> str:
    return str(files("focusmate.resources") / "icons" / f"{name}.svg")


@cache
def tray_icon(state: TrayState) -> QIcon:
    return QIcon(_icon_path(state.value))


@cache
def app_icon() -> QIcon:
    return QIcon(_icon_path("focusmate"))
