"""The packaging tests import packaging/bundle_layout.py the way focusmate.spec does."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
