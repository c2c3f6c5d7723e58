"""Reading a screenshot's words with Tesseract, to judge whether a person could read them.

The screenshot is enlarged three times first (smooth scaling): Tesseract reads 10-point screen
text far better at that size. Words come back lower-case, one space between them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

_SCALE = 3


def words_in(path: Path) -> str:
    """The text Tesseract reads in the PNG at ``path``, lower-case, whitespace collapsed."""
    if shutil.which("tesseract") is None:
        raise AssertionError(
            "tesseract is missing (Debian: apt-get install tesseract-ocr; tests/run.sh installs "
            "it): the no-tray test reads the fallback window's status from a screenshot"
        )
    image = QImage(str(path))
    if image.isNull():
        raise ValueError(f"{path} is not an image Qt can read")
    large = path.with_name(f"{path.stem}-x{_SCALE}.png")
    image.scaled(
        image.width() * _SCALE,
        image.height() * _SCALE,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    ).save(str(large))
    done = subprocess.run(
        ["tesseract", str(large), "-", "--psm", "3"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"tesseract failed ({done.returncode}): {done.stderr.strip()}")
    return " ".join(done.stdout.lower().split())
