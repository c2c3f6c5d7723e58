"""Icons from the installed resources: the colour app icon and the monochrome tray icons.

The tray icons are drawn in one colour, their states told apart by shape (a ring when idle,
a target in session, a solid disc when over time, a tick for a moment after a mark), because
panels are light or dark whatever the app's own theme is. The glyph takes the colour of the
desktop's text and sits on a thin halo of the opposite colour, so it stays readable on a
panel of either kind (tests/ui/test_icons.py measures the contrast). On macOS the icon is a
template image with no halo: the menu bar tints it itself.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from functools import cache
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QImageReader, QPalette, QPixmap

from focusmate.resources import FOLDER

#: The shipped icons' and translations' folder (resources/, installed as focusmate.resources).
RESOURCES = Path(FOLDER)

#: Colours in the tray SVGs that stand for the glyph and for its halo.
GLYPH, HALO = "#000000", "#ffffff"
DARK_INK, LIGHT_INK = "#1b1b1b", "#ffffff"
TRAY_SIZES = (16, 22, 24, 32, 48, 64)


class TrayState(StrEnum):
    IDLE = "idle"
    SESSION = "session"
    OVERTIME = "overtime"
    MARKED = "marked"  # shown for a moment after a mark is logged


def _icon_path(name: str) -> str:
    return str(RESOURCES / "icons" / f"{name}.svg")


def desktop_is_dark() -> bool:
    """Whether the desktop uses a dark colour scheme (then panels are dark too)."""
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme is not Qt.ColorScheme.Unknown:
        return scheme is Qt.ColorScheme.Dark
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.5


def tray_svg(state: TrayState, glyph: str, halo: str) -> bytes:
    """The state's SVG with its glyph and halo in the given colours ("none": no halo)."""
    template = (RESOURCES / "icons" / f"{state.value}.svg").read_text(encoding="utf-8")
    swapped = template.replace(GLYPH, "\0").replace(HALO, halo).replace("\0", glyph)
    return swapped.encode()


def render_svg(svg: bytes, size: int) -> QImage:
    """Rasterise ``svg`` at size×size (crisp at each tray size, not a scaled bitmap)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(svg))
    reader = QImageReader(buffer, QByteArray(b"svg"))
    reader.setScaledSize(QSize(size, size))
    image = reader.read()
    if image.isNull():
        raise RuntimeError(f"cannot render a tray icon: {reader.errorString()}")
    return image


@cache
def _tray_icon(state: TrayState, glyph: str, halo: str, template: bool) -> QIcon:
    svg = tray_svg(state, glyph, halo)
    icon = QIcon()
    for size in TRAY_SIZES:
        icon.addPixmap(QPixmap.fromImage(render_svg(svg, size)))
    icon.setIsMask(template)
    return icon


def tray_icon(state: TrayState, dark: bool | None = None) -> QIcon:
    """The tray icon for ``state`` in the desktop's current scheme (or the one given)."""
    if sys.platform == "darwin":
        return _tray_icon(state, DARK_INK, "none", True)
    dark = desktop_is_dark() if dark is None else dark
    glyph, halo = (LIGHT_INK, DARK_INK) if dark else (DARK_INK, LIGHT_INK)
    return _tray_icon(state, glyph, halo, False)


@cache
def app_icon() -> QIcon:
    return QIcon(_icon_path("focusmate"))
