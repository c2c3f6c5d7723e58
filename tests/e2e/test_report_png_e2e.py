"""`focusmate report --png` draws the week's chart headless: right size, not blank."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from PySide6.QtGui import QImage

from tests.e2e.focusmate_app import installed_focusmate


def test_report_png_renders_the_chart_without_a_display(tmp_path: Path) -> None:
    sessions = [
        {
            "id": f"s{i}",
            "with": "Ana",
            "planned_minutes": 30,
            "started_at": f"2026-11-2{3 + i}T09:00:00+00:00",
            "ended_at": f"2026-11-2{3 + i}T09:40:00+00:00",
            "marks": [{"kind": "phone", "at": f"2026-11-2{3 + i}T09:05:00+00:00"}],
            "reflection": {"answers": {"fully_present": 4}, "complete": True},
        }
        for i in range(3)
    ]
    source = tmp_path / "week.json"
    source.write_text(
        json.dumps({"format": "focusmate-export", "version": 1, "sessions": sessions})
    )
    data, png = tmp_path / "data", tmp_path / "week.png"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # no DISPLAY at all
    command = [installed_focusmate(), "--data-dir", str(data)]
    subprocess.run([*command, "import", str(source)], env=env, check=True, timeout=60)
    report = [*command, "report", "--week", "2026-W48", "--png", str(png)]
    result = subprocess.run(
        report, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1200, 700)
    colours = {image.pixel(x, y) for x in range(0, 1200, 7) for y in range(0, 700, 7)}
    assert len(colours) > 20  # bars, line, labels: not a blank canvas
