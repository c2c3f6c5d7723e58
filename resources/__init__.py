"""Data only: focusmate's icons and translations, installed as the package focusmate.resources.

``FOLDER`` is where they are on disk. pip and the bundle (PyInstaller, which puts the data
files beside this module's frozen copy) both install them as plain files, so the code reads
them by path: importlib.resources would give the same path here, for nine more modules and
about half a megabyte more in the idle tray (issue 18).
"""

from pathlib import Path

FOLDER = Path(__file__).resolve().parent
