"""PySide's per-import source check, made light (issue 18: start-up time and idle memory).

Once PySide6.QtCore is loaded, PySide's ``__feature__`` support runs a callback after every
import in the process (``PySide6.support.feature.feature_imported``): to learn whether the new
module mentions PySide6 (for its opt-in ``from __feature__ import snake_case``), it calls
``inspect.getsource(module)``, which tokenises the file and keeps every line of it in
``linecache`` for good. For the ~170 modules the app imports after Qt that cost ~6 MB of
memory and ~20% of the import time, measured here (napari/napari#8584 describes the same).

:func:`check_sources_lightly` puts in its place the same test, done plainly: the module's
file read as bytes and searched for ``PySide6``, nothing kept. focusmate uses no
``__feature__``, and modules mentioning PySide6 are still told apart exactly as before. Where
a PySide6 version has no such callback, nothing changes.
"""

from __future__ import annotations

import sys
from types import ModuleType


def check_sources_lightly() -> bool:
    """Replace PySide's source check (see the module); True if there was one to replace.
    Call once PySide6.QtCore is imported, before the modules that follow it."""
    feature = sys.modules.get("PySide6.support.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None:
        return False

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))  # a package without source, a frozen module
        try:
            with open(path, "rb") as source:  # noqa: PTH123 - runs on every import: no pathlib
                return b"PySide6" in source.read()
        except OSError:
            return False  # as PySide answers when the source cannot be read

    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 - PySide's own hook
    return True
