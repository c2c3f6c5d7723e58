"""What goes into focusmate's PyInstaller bundle, as plain data and small pure functions.

``packaging/focusmate.spec`` builds the bundle from these answers; ``tests/packaging`` checks
them without PyInstaller being installed. Nothing here imports PyInstaller, PySide6 or focusmate.

Two things PyInstaller cannot find by itself:

1. **Resources.** ``focusmate.resources`` (icons and translations) is mapped from the top-level
   ``resources/`` folder by ``[tool.setuptools.package-dir]`` in pyproject.toml and is only ever
   reached through ``importlib.resources.files("focusmate.resources")``, never imported by name.
   :func:`resource_datas` and :func:`resource_modules` read that mapping and the package data
   patterns from pyproject.toml, so the bundle holds exactly what ``pip install`` installs. In the
   bundle the package is a frozen module whose ``files()`` is the real folder
   ``_internal/focusmate/resources`` (PyInstaller's resource reader), so paths handed to Qt
   (``QIcon(str(path))``, ``QUrl.fromLocalFile``) are ordinary files.
2. **Backends imported by name.** pynput picks its platform modules at import time (and the
   import fails without a display, so the analysis, which imports it to list submodules, finds
   none); plyer does the same for notifications (Windows, macOS): :func:`hidden_imports` names
   them for the target platform.

And one thing it must leave out: Qt Quick, QML and Qt Graphs. focusmate paints its one chart
with QPainter (issue 18), so :data:`UNUSED_QT_MODULES` excludes them like every other PySide6
module focusmate never imports (tests/ui/test_week_chart.py checks that none imports them).
"""

from __future__ import annotations

import ast
import fnmatch
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import NamedTuple

PACKAGING = Path(__file__).resolve().parent
REPO = PACKAGING.parent
APP_NAME = "focusmate"
#: The reverse-DNS id: the .desktop and metainfo file names, the icon name, the macOS bundle id.
APP_ID = "app.focusmate.Focusmate"
ENTRY_SCRIPT = PACKAGING / "bundle_entry.py"
PACKAGE = "focusmate"

#: PySide6 modules focusmate never imports. Excluding them keeps a hook of some other package
#: from pulling them (and their Qt libraries) in. Qt Quick, QML and Qt Graphs among them: the
#: weekly chart is painted with QPainter (issue 18).
UNUSED_QT_MODULES = (
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtAxContainer",
    "QtBluetooth",
    "QtCharts",
    "QtDataVisualization",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetworkAuth",
    "QtNfc",
    "QtPdf",
    "QtPdfWidgets",
    "QtPositioning",
    "QtQml",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtWebView",
    "QtXml",
)
#: Python modules left out of the bundle on every platform.
EXCLUDED_MODULES = (*(f"PySide6.{name}" for name in UNUSED_QT_MODULES), "tkinter")
#: ... and on Linux and the BSDs, where notifications go over D-Bus (jeepney) and plyer, the
#: Windows and macOS notification backend (focusmate.desktop.notifications), is never imported.
FREEDESKTOP_ONLY_EXCLUDED = ("plyer",)

#: Qt plugins that PyInstaller's Qt hooks collect but a desktop tray app does not use, as glob
#: patterns on the bundle path (the libraries only they link go too: :func:`without_orphans`).
#: Kept: the xcb, wayland, offscreen and minimal platforms with their integrations, SVG icons
#: and the common image formats, input methods (compose, ibus), the desktop portal theme.
UNUSED_PLUGIN_PATTERNS = (
    "*/plugins/qmltooling/*",  # the QML debugger and profiler (for Qt Creator)
    # GTK 3 theme: would bring GTK 3, cairo, pango... (this build machine's copies) to be loaded
    # next to the user's own GTK. Without it Qt uses its own GNOME/generic theme and reads the
    # colour scheme from the desktop portal.
    "*/plugins/platformthemes/*qgtk3*",
    "*/plugins/imageformats/*qpdf*",  # PDF as an image format (links Qt Pdf)
    "*/plugins/platforminputcontexts/*qtvirtualkeyboard*",  # on-screen keyboard (kiosks)
    # Embedded-device platforms (framebuffer, EGL full screen, VNC, Vulkan display) and their
    # input and device plugins.
    "*/plugins/platforms/*qeglfs*",
    "*/plugins/platforms/*qlinuxfb*",
    "*/plugins/platforms/*qminimalegl*",
    "*/plugins/platforms/*qvnc*",
    "*/plugins/platforms/*qvkkhrdisplay*",
    "*/plugins/egldeviceintegrations/*",
    "*/plugins/generic/*",
    "*/plugins/networkinformation/*",  # network reachability: focusmate has no network use
    "*/plugins/tls/*",  # TLS backends: focusmate's only sockets are local
)

#: Modules imported by name at run time, per platform (``sys.platform`` prefix). ``import pynput``
#: loads a backend for both ``pynput.keyboard`` and ``pynput.mouse`` by name (``$PYNPUT_BACKEND``,
#: else the platform's); plyer loads ``plyer.platforms.<platform>.notification`` the same way.
RUNTIME_IMPORTS = {
    "linux": ("pynput.keyboard._xorg", "pynput.mouse._xorg", "pynput.keyboard._uinput"),
    "win32": (
        "pynput.keyboard._win32",
        "pynput.mouse._win32",
        "plyer.platforms.win.notification",
    ),
    "darwin": (
        "pynput.keyboard._darwin",
        "pynput.mouse._darwin",
        "plyer.platforms.macosx.notification",
    ),
}


class DataFile(NamedTuple):
    """One file for PyInstaller's ``datas``: where it is, and the bundle folder it goes to."""

    source: Path
    dest_dir: str


class PythonModule(NamedTuple):
    """A TOC entry for PyInstaller's ``Analysis.pure``: (module name, source file, typecode)."""

    name: str
    source: str
    typecode: str


def pyproject(repo: Path = REPO) -> dict[str, object]:
    """The parsed pyproject.toml of ``repo``."""
    with (repo / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)


def _setuptools_table(repo: Path) -> dict[str, object]:
    tool = pyproject(repo).get("tool", {})
    assert isinstance(tool, dict)
    table = tool.get("setuptools", {})
    assert isinstance(table, dict)
    return table


def package_source_dir(package: str, repo: Path = REPO) -> Path:
    """Where setuptools takes ``package`` from: the longest ``package-dir`` mapping, else the
    package's own path under the repository."""
    mapping = _setuptools_table(repo).get("package-dir", {})
    assert isinstance(mapping, dict)
    parts = package.split(".")
    for length in range(len(parts), 0, -1):
        prefix = ".".join(parts[:length])
        if prefix in mapping:
            return repo / str(mapping[prefix]) / Path(*parts[length:])
    return repo / Path(*parts)


def _is_remapped(package: str, repo: Path) -> bool:
    """True when the package does not live at its own path (so PyInstaller cannot find it)."""
    return package_source_dir(package, repo) != repo / Path(*package.split("."))


def resource_datas(repo: Path = REPO) -> list[DataFile]:
    """Every package-data file from pyproject.toml, with its folder inside the bundle.

    PyInstaller collects modules, not package data, so each file listed by
    ``[tool.setuptools.package-data]`` is handed over here, to the folder its package has in
    the bundle (``focusmate/resources/icons`` for ``focusmate.resources.icons``).
    """
    package_data = _setuptools_table(repo).get("package-data", {})
    assert isinstance(package_data, dict)
    found: list[DataFile] = []
    for package, patterns in sorted(package_data.items()):
        source_dir = package_source_dir(package, repo)
        dest_dir = str(PurePosixPath(*package.split(".")))
        for path in sorted(source_dir.iterdir()):
            if path.is_file() and any(fnmatch.fnmatch(path.name, p) for p in patterns):
                found.append(DataFile(path, dest_dir))
    return found


def resource_modules(repo: Path = REPO) -> list[PythonModule]:
    """The remapped regular packages (with an ``__init__.py``) as TOC entries for ``a.pure``.

    ``importlib.resources.files("focusmate.resources")`` imports the package first; it is never
    imported by name, and it does not live at ``focusmate/resources``, so the analysis cannot
    find it. Namespace sub-packages (``icons``, ``i18n``) need no entry: ``files()`` of the parent
    is a real folder.
    """
    packages = _setuptools_table(repo).get("packages", [])
    assert isinstance(packages, list)
    modules = []
    for package in sorted(str(p) for p in packages):
        init = package_source_dir(package, repo) / "__init__.py"
        if _is_remapped(package, repo) and init.is_file():
            modules.append(PythonModule(package, str(init), "PYMODULE"))
    return modules


def hidden_imports(platform: str) -> list[str]:
    """Modules imported by name at run time that the analysis cannot see, for ``platform``."""
    for prefix, modules in RUNTIME_IMPORTS.items():
        if platform.startswith(prefix):
            return list(modules)
    return []


def excluded_modules(platform: str) -> list[str]:
    """Python modules to leave out of the bundle for ``platform``."""
    freedesktop = platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))
    return [*EXCLUDED_MODULES, *(FREEDESKTOP_ONLY_EXCLUDED if freedesktop else ())]


def version(repo: Path = REPO) -> str:
    """``focusmate.__version__``, read from the source without importing the package."""
    tree = ast.parse((repo / PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets)
            and isinstance(node.value, ast.Constant)
        ):
            return str(node.value.value)
    raise LookupError("focusmate/__init__.py has no __version__ = '...'")


def is_unused(dest_name: str) -> bool:
    """True for a bundle path (``PySide6/Qt/plugins/...``) that matches UNUSED_PLUGIN_PATTERNS."""
    path = "/" + dest_name.replace("\\", "/")
    return any(fnmatch.fnmatch(path, pattern) for pattern in UNUSED_PLUGIN_PATTERNS)


#: A PyInstaller TOC entry: (name in the bundle, source path, typecode).
TocEntry = tuple[str, str, str]


def _is_shared_library(name: str) -> bool:
    lowered = name.lower()
    return ".so" in lowered or lowered.endswith((".dll", ".dylib"))


def without_orphans(
    binaries: Sequence[TocEntry], imports_of: Callable[[str], Iterable[str]], keep: Iterable[str]
) -> list[TocEntry]:
    """``binaries`` less the shared libraries that no remaining program, extension or plugin needs.

    PyInstaller collects every library the collected binaries link (Qt's, and this machine's
    system libraries at the top of the bundle). Once plugins are dropped (UNUSED_PLUGIN_PATTERNS),
    the libraries only they linked stay behind (GTK 3 for the GTK theme, Qt Pdf for the PDF image
    format, ...). This walks the link graph from the roots (Python extensions and Qt plugins)
    and keeps the libraries it reaches. ``imports_of(source)`` gives the names of the libraries a
    binary links against (direct or transitive, either works; a path counts by its file name);
    ``keep`` names libraries to keep regardless (the Python library: the bootloader loads it by
    name, nothing links it).

    The spec applies this on Linux only, where build_bundle.py's link check and smoke test
    verify the result. On Windows Qt loads some DLLs by name at run time (``opengl32sw.dll``,
    ``d3dcompiler_47.dll``), which no link graph shows.
    """
    kept_names = set(keep)

    def library_name(entry: TocEntry) -> str | None:
        """The file name of a prunable library; None for a root."""
        dest, _source, typecode = entry
        path = PurePosixPath(dest.replace("\\", "/"))
        if typecode != "BINARY" or not _is_shared_library(path.name) or path.name in kept_names:
            return None
        if "plugins" in path.parts[:-1]:
            return None
        return path.name

    libraries: dict[str, list[TocEntry]] = {}
    for entry in binaries:
        if (name := library_name(entry)) is not None:
            libraries.setdefault(name, []).append(entry)
    reached: set[str] = set()
    pending = [entry[1] for entry in binaries if library_name(entry) is None]
    while pending:
        for dependency in imports_of(pending.pop()):
            name = PurePosixPath(dependency.replace("\\", "/")).name
            if name in libraries and name not in reached:
                reached.add(name)
                pending.extend(entry[1] for entry in libraries[name])
    return [entry for entry in binaries if (name := library_name(entry)) is None or name in reached]


def linked_libraries(source: str) -> list[str]:
    """The libraries a binary links against, as PyInstaller resolves them (needs PyInstaller;
    on Linux ``ldd`` lists them transitively)."""
    from PyInstaller.depend import bindepend  # noqa: PLC0415 - only inside a PyInstaller build

    return [name for name, _path in bindepend.get_imports(source)]


_PYTHON_LIBRARY = re.compile(r"^(lib)?python\d", re.IGNORECASE)


def python_library_names(binaries: Iterable[TocEntry]) -> list[str]:
    """Top-level Python runtime libraries (``libpython3.11.so.1.0``, ``python311.dll``): the
    bootloader loads them by name, so no other binary links them."""
    return [entry[0] for entry in binaries if _PYTHON_LIBRARY.match(entry[0])]


def program_icon(platform: str, packaging: Path = PACKAGING) -> str | None:
    """The program icon for ``platform`` if it has been made (packaging/README.md says how):
    ``focusmate.ico`` on Windows, ``focusmate.icns`` on macOS; Linux uses the desktop entry's
    icon instead. None means PyInstaller's default icon."""
    suffix = {"win32": ".ico", "darwin": ".icns"}.get(platform)
    icon = packaging / f"{APP_NAME}{suffix}" if suffix else None
    return str(icon) if icon is not None and icon.is_file() else None


def executable_name(platform: str) -> str:
    """The bundled program's file name (the app and the command line are one program)."""
    return f"{APP_NAME}.exe" if platform == "win32" else APP_NAME
