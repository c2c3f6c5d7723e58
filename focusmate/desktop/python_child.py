"""How focusmate starts one of its own modules as a child process (the do-not-disturb guard,
the weekly review's process): ``python -P -m MODULE``, or in a frozen (PyInstaller) bundle,
which has no ``-m``, the program itself with the module's own first argument
(packaging/bundle_entry.py hands the rest to that module).

``-P`` (Python 3.11+, focusmate's minimum): the working folder the app was started from is
not searched for modules. ``-m`` would put it first, and a folder named ``focusmate`` there
would be imported instead of this installation.
"""

from __future__ import annotations

import sys


def python_child(module: str, frozen_argument: str) -> list[str]:
    """The command line, before the module's own arguments."""
    if getattr(sys, "frozen", False):
        return [sys.executable, frozen_argument]
    return [sys.executable, "-P", "-m", module]
