"""Regenerates the README screenshots on a real headless X desktop (Xvfb + trayer + dunst).

    .venv/bin/python packaging/make_screenshots.py

Writes tray-menu.png, reflection.png and weekly-review.png into resources/screenshots/ from
the installed focusmate, driven the way a user would: the CLI to start a session and import
a sample week, right clicks on the icon for the menu and the review.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, time, timedelta
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


SAMPLE_WEEK = [  # weekday, name, hour, minutes, phone checks, app switches, answers
    (0, "Jordan", 9, 35, 3, 1, 3), (0, "Sam", 15, 25, 0, 0, 5), (1, "Priya", 9, 40, 2, 2, 3),
    (3, "Jordan", 10, 30, 1, 0, 4), (4, "Sam", 16, 50, 4, 1, 2),
]  # fmt: skip
QUESTIONS = ("fully_present", "person_over_phone", "understood_before_advising",
             "respect_like_top_client")  # fmt: skip


def sample_week_export(path: Path) -> None:
    """An export file with a plausible week of one-on-ones, dated this ISO week."""
    monday = date.today() - timedelta(days=date.today().weekday())
    sessions = []
    for index, (weekday, name, hour, minutes, phone, app, answer) in enumerate(SAMPLE_WEEK):
        start = datetime.combine(monday + timedelta(days=weekday), time(hour), tzinfo=UTC)
        marks = [{"kind": "phone", "at": (start + timedelta(minutes=5 + i)).isoformat()}
                 for i in range(phone)] + [
                {"kind": "app", "at": (start + timedelta(minutes=20 + i)).isoformat()}
                 for i in range(app)]  # fmt: skip
        sessions.append({
            "id": f"sample-{index}", "with": name, "focus": "", "planned_minutes": 30,
            "started_at": start.isoformat(),
            "ended_at": (start + timedelta(minutes=minutes)).isoformat(), "marks": marks,
            "reflection": {"answers": dict.fromkeys(QUESTIONS, answer),
                           "their_perspective": "", "next_time": "", "complete": True},
        })  # fmt: skip
    document = {"format": "focusmate-export", "version": 1, "sessions": sessions}
    path.write_text(json.dumps(document))


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
        desktop.key("Escape")
        sample = Path(tempfile.mkdtemp(prefix="fm-sample-")) / "week.json"
        sample_week_export(sample)
        app.cli("import", str(sample))
        app.choose_in_tray_menu("w")
        review = wait_until(lambda: app.windows_named("weekly review") or None,
                            timeout_s=15, what="the weekly review")[0]  # fmt: skip
        subprocess.run(["sleep", "1"], check=True)  # let the chart finish its first paint
        grab(desktop, OUT / "weekly-review.png", window=review)
        app.stop()


if __name__ == "__main__":
    main()
