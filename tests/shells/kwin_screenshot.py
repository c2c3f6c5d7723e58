"""A screenshot of kwin_wayland's screen, through KWin's ``org.kde.KWin.ScreenShot2`` D-Bus API.

A KWin started by the tests serves that API to any caller of its session bus (kde.py starts it
with KWin's test switch KWIN_SCREENSHOT_NO_PERMISSION_CHECKS=1); it runs as a process of its own,
as the shell's user:

    python kwin_screenshot.py OUT.png

``CaptureActiveScreen`` writes the raw image into a pipe we pass it and answers with its
width, height, stride and QImage format; Qt turns that into the PNG.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import open_dbus_connection
from jeepney.wrappers import unwrap_msg
from PySide6.QtGui import QImage

SCREENSHOT = DBusAddress(
    "/org/kde/KWin/ScreenShot2", bus_name="org.kde.KWin", interface="org.kde.KWin.ScreenShot2"
)


def capture(path: Path) -> None:
    connection = open_dbus_connection("SESSION", enable_fds=True)
    read_end, write_end = os.pipe()
    try:
        call = new_method_call(
            SCREENSHOT,
            "CaptureActiveScreen",
            "a{sv}h",
            ({"native-resolution": ("b", True)}, write_end),
        )
        reply = connection.send_and_get_reply(call, timeout=10)
        os.close(write_end)
        write_end = -1
        (results,) = unwrap_msg(reply)
        chunks = []
        while chunk := os.read(read_end, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)
        connection.close()
    data = b"".join(chunks)
    width, height = results["width"][1], results["height"][1]
    stride, image_format = results["stride"][1], results["format"][1]
    image = QImage(data, width, height, stride, QImage.Format(image_format))
    if not image.save(str(path)):
        raise RuntimeError(f"cannot write {path}")


if __name__ == "__main__":
    capture(Path(sys.argv[1]))
