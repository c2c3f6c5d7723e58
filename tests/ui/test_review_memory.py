"""Issue 18: what the weekly review keeps for good is made before it reads the history.

PySide makes a Qt class, with its enums, the first time a call needs it, Python's enum makes
each new flag combination the first time it is or-ed, and a module stays once imported; all
of them stay for the life of the process. Made while the history is in memory, each such
object would hold a 1 MiB arena of it after the history is let go (Python gives memory back
only in whole arenas), and the review's memory would not come back.

A fresh interpreter (offscreen) holds a year of sessions on disk, builds the review as the
app does, and notes what exists at the moment the repository is read; the window then fills,
is painted on each tab and closes. Nothing may be new since the read.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

PROBE = textwrap.dedent(
    """
    import enum, json, sys
    from datetime import UTC, datetime
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from focusmate.desktop.system_clock import SystemClock
    from focusmate.services.controller import SessionController
    from focusmate.storage.repository import TinyDBSessionRepository
    from tests.benchmarks.make_history import history

    app = QApplication([])
    folder = Path(sys.argv[1])
    TinyDBSessionRepository(folder).save_many(history(1, 3, datetime.now(UTC)))

    QT = ("QtCore", "QtGui", "QtWidgets")

    def made():
        enums, stack = [], [enum.Enum]
        while stack:
            for sub in type.__subclasses__(stack.pop()):
                enums.append(sub)
                stack.append(sub)
        return {
            "modules": sorted(sys.modules),
            "classes": sorted(f"{m}.{n}" for m in QT for n in vars(sys.modules["PySide6." + m])),
            "enum values": sorted(
                f"{e.__qualname__}={v}" for e in set(enums) for v in e._value2member_map_
            ),
        }

    at_read = []

    class Noted(TinyDBSessionRepository):
        def all_sessions(self, **options):
            at_read.append(made())
            return super().all_sessions(**options)

    from focusmate.ui.review_window import ReviewWindow  # as Windows._build_review does

    controller = SessionController(Noted(folder), SystemClock(), lambda: "id")
    week = controller.current_week()
    review = ReviewWindow(controller.week_review, week, week, controller.kinds)
    review.show()
    app.processEvents()
    for tab in range(review.tabs.count()):
        review.tabs.setCurrentIndex(tab)
        review.grab()
    review.show_week(week.shifted(-1))
    review.grab()
    review.close()
    app.processEvents()
    after = made()
    print(json.dumps({
        "reads": len(at_read),
        "sessions": len(controller.all_sessions()),
        "new": {k: sorted(set(after[k]) - set(at_read[0][k])) for k in after},
    }))
    """
)


def test_the_review_makes_nothing_lasting_while_the_history_is_in_memory(tmp_path: Path) -> None:
    script = tmp_path / "probe.py"
    script.write_text(PROBE)
    repository = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": repository}
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "data")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.splitlines()[-1])
    assert found["reads"] >= 1  # the review read the history through the noted repository
    assert found["sessions"] > 400  # a year of them: the fill and the chart had work to do
    assert found["new"] == {"modules": [], "classes": [], "enum values": []}
