"""Guards against a PySide6 regression that would crash a long session.

PySide6 6.12.0 lost a reference to True on every Signal.emit(); after a few hundred emits
(the session timer ticks once a second) the interpreter aborted at a random moment.
pyproject.toml excludes that release; this test fails on any binding that leaks again.
"""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Emitter(QObject):
    text = Signal(str)
    plain = Signal()
emitter = Emitter()
emitter.text.connect(lambda _t: None)
emitter.plain.connect(lambda: None)
before = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
for _ in range(2000):
    emitter.text.emit("x")
    emitter.plain.emit()
after = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
print([a - b for a, b in zip(after, before)])
"""


def test_emitting_signals_does_not_leak_references() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            timeout=60, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "[0, 0, 0]"
