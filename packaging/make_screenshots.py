"""Regenerates the README screenshots on a real headless X desktop (Xvfb + trayer + dunst).

    .venv/bin/python packaging/make_screenshots.py

Writes resources/screenshots/tray-menu.png and resources/screenshots/reflection.png from the
installed focusmate, driven the way a user would: CLI to start, right click on the icon.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))

from desktop import HeadlessDesktop, wait_until  # noqa: E402
from focusmate_app import RunningApp  # noqa: E402

OUT = REPO / "resources" / "screenshots"


def grab(desktop: HeadlessDesktop, target: Path, *, window: int | None = None,
         crop: str | None = None) -> None:  # fmt: skip
    command = ["import", "-window", str(window) if window else "root"]
    if crop:
        command += ["-crop", crop, "+repage"]
    subprocess.run([*command, str(target)], env=desktop.env, check=True, timeout=30)
    print(f"wrote {target}")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with HeadlessDesktop() as desktop:
        app = RunningApp(desktop, Path(tempfile.mkdtemp(prefix="fm-shots-")) / "data")
        app.cli("start", "--with", "Jordan", "--minutes", "30", "--focus", "listen first")
        app.cli("log", "phone")
        app.cli("log", "app")
        menu = desktop.open_tray_menu(app.icon)
        geometry = desktop.window_geometry(menu)
        icon = desktop.tray_icon_geometry(app.icon)
        left = min(geometry.x, icon.x) - 10
        right = max(geometry.x + geometry.width, icon.x + icon.width) + 4
        bottom = geometry.y + geometry.height + 10
        grab(desktop, OUT / "tray-menu.png", crop=f"{right - left}x{bottom}+{left}+0")
        desktop.key("Escape")
        app.cli("end")
        dialog = wait_until(lambda: app.windows_named("Reflect on your session") or None,
                            timeout_s=10, what="the reflection dialog")[0]  # fmt: skip
        grab(desktop, OUT / "reflection.png", window=dialog)
        app.stop()


if __name__ == "__main__":
    main()
