"""Reading a screenshot: how many pixels of one exact colour it has.

The shells' notification daemons are configured to paint notifications in a colour nothing
else on the screen uses (NOTIFICATION_RGB), so "is a notification visible?" becomes "are
there pixels of that colour in the screenshot?", judged from what the compositor drew.
"""

from __future__ import annotations

from array import array
from pathlib import Path
from typing import Final

from PySide6.QtGui import QImage

#: Magenta: the background every notification gets in the shells' daemon configs.
NOTIFICATION_RGB: Final = (255, 0, 255)
NOTIFICATION_HEX: Final = "#ff00ff"


def pixels_of(path: Path, rgb: tuple[int, int, int] = NOTIFICATION_RGB) -> int:
    """How many pixels of ``path`` (a PNG) are exactly ``rgb``."""
    image = QImage(str(path))
    if image.isNull():
        raise ValueError(f"{path} is not an image Qt can read")
    image = image.convertToFormat(QImage.Format.Format_RGB32)  # 0xffRRGGBB per pixel
    red, green, blue = rgb
    wanted = 0xFF000000 | red << 16 | green << 8 | blue
    row_bytes = image.width() * 4
    pixels = array("I")
    bits = bytes(image.constBits())
    for row in range(image.height()):  # rows may be padded: take each row's pixels only
        start = row * image.bytesPerLine()
        pixels.frombytes(bits[start : start + row_bytes])
    return pixels.count(wanted)
