"""desktop/pyside_feature.py: PySide's per-import source check without linecache (issue 18).

In child processes, as the hook is process-wide: the app's modules, imported as focusmate.app
imports them, leave no source in linecache, and each module is told apart (mentions PySide6
or not) exactly as PySide's own check tells it, in a process without the replacement."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Any

MODULES = (
    "focusmate.ui.windows",
    "focusmate.ui.tray",
    "focusmate.services.controller",
    "focusmate.core.model",
    "focusmate.storage.repository",
    "focusmate.desktop.locations",
)

CHILD = textwrap.dedent(
    """
    import json, linecache, sys
    import PySide6.QtCore
    if sys.argv[1] == "light":
        from focusmate.desktop.pyside_feature import check_sources_lightly
        assert check_sources_lightly()
    for name in sys.argv[2:]:
        __import__(name)  # through builtins.__import__, where PySide hooks in
    feature = sys.modules["PySide6.support.feature"]
    print(json.dumps({
        "told": {
            name: told for name, told in feature.pyside_feature_dict.items()
            if name.startswith("focusmate.")
        },
        "sources_kept": [f for f in linecache.cache if "/focusmate/" in f],
    }))
    """
)


def child(mode: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, mode, *MODULES], capture_output=True, text=True, check=True
    )
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


def test_modules_are_told_apart_as_pyside_does_without_keeping_their_sources() -> None:
    pysides, light = child("pyside"), child("light")
    assert pysides["sources_kept"]  # PySide's own check keeps them: what this replaces
    # Only its own, imported (and read by PySide's check) before it replaced the check.
    assert [path.rsplit("/", 1)[1] for path in light["sources_kept"]] == ["pyside_feature.py"]
    assert light["told"].pop("focusmate.desktop.pyside_feature") == 0  # itself, as above
    assert light["told"] == pysides["told"]
    assert len(light["told"]) > 40  # every module imported with them (49 on 4 Dec)
    assert light["told"]["focusmate.ui.tray"] == 0  # mentions PySide6
    assert light["told"]["focusmate.core.model"] == -1  # does not
