"""Replaces PyInstaller's hook for ``PySide6.QtQml``: only the QML modules focusmate uses.

PyInstaller's own hook collects every QML module in the Qt wheel, and with them the Qt
libraries they link (WebEngine, Quick3D, Multimedia, ...: about 330 MB). This one collects the
modules that ``bundle_layout.qml_modules_needed`` finds in our QML files, with the same layout
(``PySide6/Qt/qml/<module>`` on Linux and macOS, ``PySide6/qml/<module>`` on Windows) and the same
Qt library dependencies and plugins as the original. It is used because ``focusmate.spec`` puts
this folder in ``hookspath`` (hooks there take precedence over PyInstaller's).
"""

from __future__ import annotations

from pathlib import Path, PurePath

import bundle_layout  # packaging/ is on sys.path: focusmate.spec puts it there
from PyInstaller.utils.hooks import logger
from PyInstaller.utils.hooks.qt import add_qt6_dependencies, pyside6_library_info

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)

_qml_root = Path(pyside6_library_info.location["QmlImportsPath"])
_dest_root = PurePath(pyside6_library_info.qt_rel_dir) / "qml"
_modules = bundle_layout.qml_modules_needed(bundle_layout.qml_sources(), _qml_root)
logger.info("focusmate: collecting QML modules %s", ", ".join(_modules))
_plugins, _files = bundle_layout.qml_module_files(_qml_root, _modules)
binaries += [(str(path), str(_dest_root / path.parent.relative_to(_qml_root))) for path in _plugins]
datas += [(str(path), str(_dest_root / path.parent.relative_to(_qml_root))) for path in _files]
