"""The PyInstaller spec, checked fast and without PyInstaller (building takes ~40 s: see
packaging/build_bundle.py, which builds and smoke-tests the real bundle).

The spec is executed as PyInstaller executes it, with fakes of its build classes (Analysis,
PYZ, EXE, COLLECT, BUNDLE) that record what they are handed. The tests check that against the
package itself: the resources the code reads through importlib.resources, the PySide6 modules
it imports (and Qt Quick, QML and Qt Graphs, which it must not ship: issue 18), and the
libraries the pruning may drop.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path, PurePosixPath
from typing import Any

import bundle_layout
import pytest

import focusmate
from focusmate.desktop.autostart import APP_ID
from focusmate.ui.icons import TrayState
from tests.packaging.packaging_tools import PACKAGING, REPO

SPEC = PACKAGING / "focusmate.spec"
QT = "PySide6/Qt"
#: What a real Analysis of this project hands over (abridged), including what must be dropped.
ANALYSED_BINARIES = [
    ("PySide6/QtCore.abi3.so", "/site/PySide6/QtCore.abi3.so", "EXTENSION"),
    (f"{QT}/lib/libQt6Core.so.6", "/site/libQt6Core.so.6", "BINARY"),
    (f"{QT}/lib/libQt6Pdf.so.6", "/site/libQt6Pdf.so.6", "BINARY"),
    (f"{QT}/plugins/platforms/libqxcb.so", "/site/libqxcb.so", "BINARY"),
    (f"{QT}/plugins/platforms/libqwayland.so", "/site/libqwayland.so", "BINARY"),
    (f"{QT}/plugins/platforms/libqeglfs.so", "/site/libqeglfs.so", "BINARY"),
    (f"{QT}/plugins/imageformats/libqsvg.so", "/site/libqsvg.so", "BINARY"),
    (f"{QT}/plugins/imageformats/libqpdf.so", "/site/libqpdf.so", "BINARY"),
    (f"{QT}/plugins/platformthemes/libqgtk3.so", "/site/libqgtk3.so", "BINARY"),
    (f"{QT}/plugins/platformthemes/libqxdgdesktopportal.so", "/site/libqxdg.so", "BINARY"),
    (f"{QT}/plugins/qmltooling/libqmldbg_debugger.so", "/site/libqmldbg.so", "BINARY"),
    ("libxcb-cursor.so.0", "/lib/libxcb-cursor.so.0", "BINARY"),
    ("libgtk-3.so.0", "/lib/libgtk-3.so.0", "BINARY"),
    ("libcairo.so.2", "/lib/libcairo.so.2", "BINARY"),
    ("libpython3.11.so.1.0", "/py/libpython3.11.so.1.0", "BINARY"),
]
#: Who links whom among ANALYSED_BINARIES (by library name, as ldd reports them).
LINKS = {
    "/site/PySide6/QtCore.abi3.so": ["libQt6Core.so.6"],
    "/site/libqxcb.so": ["libQt6Core.so.6", "/lib/libxcb-cursor.so.0"],
    "/site/libqpdf.so": ["libQt6Pdf.so.6", "libQt6Core.so.6"],
    "/site/libqgtk3.so": ["libgtk-3.so.0", "libQt6Core.so.6"],
    "/lib/libgtk-3.so.0": ["libcairo.so.2"],
}
DROPPED = {
    "libQt6Pdf.so.6",
    "libqpdf.so",
    "libqgtk3.so",
    "libqmldbg_debugger.so",
    "libqeglfs.so",
    "libgtk-3.so.0",
    "libcairo.so.2",
}


@dataclass
class Recorder:
    """The fakes of PyInstaller's build classes, and what the spec handed each of them."""

    analysis: dict[str, Any] = field(default_factory=dict)
    executables: list[dict[str, Any]] = field(default_factory=list)
    collected: list[Any] = field(default_factory=list)
    collect_options: dict[str, Any] = field(default_factory=dict)
    bundle: dict[str, Any] | None = None

    def namespace(self) -> dict[str, Any]:
        recorder = self

        class FakeAnalysis:
            def __init__(self, scripts: list[str], **options: Any) -> None:
                recorder.analysis = {"scripts": scripts, **options}
                self.pure: list[tuple[str, str, str]] = [
                    ("focusmate", str(REPO / "focusmate" / "__init__.py"), "PYMODULE")
                ]
                self.scripts = [("bundle_entry", scripts[0], "PYSOURCE")]
                self.binaries = list(ANALYSED_BINARIES)
                self.datas = [
                    (str(PurePosixPath(dest) / Path(src).name), src, "DATA")
                    for src, dest in options["datas"]
                ]

        class FakePYZ:
            def __init__(self, *tocs: list[tuple[str, str, str]]) -> None:
                recorder.analysis["pyz"] = [entry for toc in tocs for entry in toc]

        class FakeEXE:
            def __init__(self, *parts: Any, **options: Any) -> None:
                recorder.executables.append(options)

        class FakeCOLLECT:
            def __init__(self, *parts: Any, **options: Any) -> None:
                recorder.collected = list(parts)
                recorder.collect_options = options

        class FakeBUNDLE:
            def __init__(self, collected: Any, **options: Any) -> None:
                recorder.bundle = options

        return {
            "SPECPATH": str(PACKAGING),
            "Analysis": FakeAnalysis,
            "PYZ": FakePYZ,
            "EXE": FakeEXE,
            "COLLECT": FakeCOLLECT,
            "BUNDLE": FakeBUNDLE,
            "__file__": str(SPEC),
            "__name__": "__main__",
        }


def fake_links(source: str) -> list[str]:
    return LINKS.get(source, [])


def run_spec(monkeypatch: pytest.MonkeyPatch, platform: str = "linux") -> Recorder:
    """Execute focusmate.spec as PyInstaller would, on ``platform``, with recording fakes."""
    monkeypatch.setattr(sys, "path", list(sys.path))  # the spec prepends packaging/
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(bundle_layout, "linked_libraries", fake_links)
    recorder = Recorder()
    exec(compile(SPEC.read_text(), str(SPEC), "exec"), recorder.namespace())  # noqa: S102
    return recorder


def collected_toc(recorder: Recorder, typecode: str | None = None) -> list[tuple[str, str, str]]:
    tocs = [part for part in recorder.collected if isinstance(part, list)]
    return [entry for toc in tocs for entry in toc if typecode in (None, entry[2])]


@cache
def package_imports() -> frozenset[str]:
    """Every module imported anywhere in the focusmate package (lazy imports included)."""
    found: set[str] = set()
    for path in Path(focusmate.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
    return frozenset(found)


def test_the_entry_point_runs_the_console_scripts_main(monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = run_spec(monkeypatch)
    (script,) = recorder.analysis["scripts"]
    assert Path(script) == bundle_layout.ENTRY_SCRIPT and Path(script).is_file()
    tree = ast.parse(Path(script).read_text())
    assert any(
        isinstance(node, ast.ImportFrom) and node.module == "focusmate.__main__"
        for node in tree.body
    )
    assert recorder.analysis["pathex"] == [str(REPO)]
    (program,) = recorder.executables
    assert program["name"] == "focusmate" and program["upx"] is False
    assert program["exclude_binaries"] is True  # one folder, not one file
    assert recorder.collect_options["name"] == "focusmate"


def test_every_resource_the_code_reads_is_bundled_where_importlib_resources_finds_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorder = run_spec(monkeypatch)
    bundled = {
        str(PurePosixPath(dest) / Path(src).name): Path(src)
        for src, dest in recorder.analysis["datas"]
    }
    installed = files("focusmate.resources")
    expected = {
        f"focusmate/resources/{folder}/{item.name}"
        for folder, pattern in (("icons", ".svg"), ("i18n", ".qm"))
        for item in (installed / folder).iterdir()
        if item.name.endswith(pattern)
    }
    assert expected and set(bundled) == expected
    for name, source in bundled.items():
        assert (
            source.read_bytes()
            == (installed / PurePosixPath(name).relative_to("focusmate/resources")).read_bytes()
        )
    for state in TrayState:  # the names focusmate.ui.icons asks for
        assert f"focusmate/resources/icons/{state.value}.svg" in bundled
    assert "focusmate/resources/icons/focusmate.svg" in bundled
    assert not [name for name in bundled if name.endswith(".qml")]
    assert "focusmate/resources/i18n/focusmate_de.qm" in bundled  # what focusmate.ui.i18n loads
    # files() imports the package first: it must be a module of the bundle too.
    assert ("focusmate.resources", str(REPO / "resources" / "__init__.py"), "PYMODULE") in (
        recorder.analysis["pyz"]
    )


def test_resources_follow_pyproject_package_data(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.setuptools]\npackages = ["app", "app.assets", "app.assets.img"]\n'
        '[tool.setuptools.package-dir]\n"app.assets" = "art"\n'
        '[tool.setuptools.package-data]\n"app.assets.img" = ["*.png"]\n'
    )
    (tmp_path / "art" / "img").mkdir(parents=True)
    (tmp_path / "art" / "__init__.py").write_text("")
    (tmp_path / "art" / "img" / "a.png").write_text("")
    (tmp_path / "art" / "img" / "notes.txt").write_text("")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    assert bundle_layout.resource_datas(tmp_path) == [
        bundle_layout.DataFile(tmp_path / "art" / "img" / "a.png", "app/assets/img")
    ]
    assert bundle_layout.resource_modules(tmp_path) == [
        bundle_layout.PythonModule("app.assets", str(tmp_path / "art" / "__init__.py"), "PYMODULE")
    ]


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_nothing_focusmate_imports_is_excluded(
    monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    recorder = run_spec(monkeypatch, platform)
    excluded = set(recorder.analysis["excludes"])
    imported = {m for m in package_imports() if m.split(".")[0] not in {"PySide6", "focusmate"}}
    imported |= {m for m in package_imports() if m.startswith("PySide6.")}
    roots = {m.split(".")[0] for m in imported}
    # plyer is the notification backend only off Linux (focusmate.desktop.notifications).
    allowed = {"plyer"} if platform == "linux" else set()
    assert excluded & (imported | roots) == allowed
    assert {"PySide6.QtWebEngineCore", "PySide6.Qt3DCore", "PySide6.QtMultimedia"} <= excluded
    used_qt = {m for m in imported if m.startswith("PySide6.")}
    assert {"PySide6.QtWidgets", "PySide6.QtNetwork"} <= used_qt
    # Issue 18: the chart is painted with QPainter; nothing of Qt Quick goes into the bundle.
    assert {
        "PySide6.QtQuick",
        "PySide6.QtQml",
        "PySide6.QtGraphs",
        "PySide6.QtQuickWidgets",
    } <= excluded
    assert not recorder.analysis.get("hookspath")  # no QML hook of our own any more


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_backends_imported_by_name_are_named_for_each_platform(
    monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    hidden = run_spec(monkeypatch, platform).analysis["hiddenimports"]
    keyboard = {"linux": "xorg", "win32": "win32", "darwin": "darwin"}[platform]
    assert f"pynput.keyboard._{keyboard}" in hidden
    assert ("plyer.platforms.win.notification" in hidden) == (platform == "win32")
    assert ("plyer.platforms.macosx.notification" in hidden) == (platform == "darwin")
    for module in hidden:  # each exists (found without importing: pynput needs a display)
        spec = find_spec(module.split(".")[0])
        assert spec is not None and spec.submodule_search_locations
        root = Path(next(iter(spec.submodule_search_locations)))
        assert (root / Path(*module.split(".")[1:])).with_suffix(".py").is_file(), module


def test_unused_plugins_and_the_libraries_only_they_link_are_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorder = run_spec(monkeypatch)
    names = {PurePosixPath(dest).name for dest, _src, _kind in collected_toc(recorder)}
    analysed = {PurePosixPath(dest).name for dest, _src, _kind in ANALYSED_BINARIES}
    assert names & analysed == analysed - DROPPED


def test_orphan_pruning_walks_the_link_graph() -> None:
    kept = bundle_layout.without_orphans(
        [e for e in ANALYSED_BINARIES if not bundle_layout.is_unused(e[0])],
        fake_links,
        keep=bundle_layout.python_library_names(ANALYSED_BINARIES),
    )
    kept_names = {PurePosixPath(dest).name for dest, _src, _kind in kept}
    assert "libxcb-cursor.so.0" in kept_names  # linked by the xcb platform plugin
    assert "libpython3.11.so.1.0" in kept_names  # loaded by name by the bootloader
    assert "libqwayland.so" in kept_names and "libqxdgdesktopportal.so" in kept_names
    assert not kept_names & DROPPED


def test_unused_patterns_spare_what_a_desktop_needs() -> None:
    needed = [
        f"{QT}/plugins/platforms/libqxcb.so",
        f"{QT}/plugins/platforms/libqwayland.so",
        f"{QT}/plugins/platforms/libqoffscreen.so",
        f"{QT}/plugins/iconengines/libqsvgicon.so",
        f"{QT}/plugins/imageformats/libqsvg.so",
        f"{QT}/plugins/xcbglintegrations/libqxcb-glx-integration.so",
        f"{QT}/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        f"{QT}/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",
    ]
    assert not [path for path in needed if bundle_layout.is_unused(path)]
    assert bundle_layout.is_unused("PySide6\\plugins\\qmltooling\\qmldbg_debugger.dll")


def test_windows_gets_a_console_less_app_and_a_console_cli(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorder = run_spec(monkeypatch, "win32")
    # Unused plugins go; libraries stay (Qt loads some DLLs by name: no link graph shows them).
    names = {PurePosixPath(dest).name for dest, _src, _kind in collected_toc(recorder)}
    assert "libqmldbg_debugger.so" not in names and {"libgtk-3.so.0", "libQt6Pdf.so.6"} <= names
    programs = {program["name"]: program for program in recorder.executables}
    assert programs["focusmate"]["console"] is False
    assert programs["focusmate-cli"]["console"] is True
    assert not any(program["strip"] for program in programs.values())
    assert recorder.bundle is None


def test_macos_gets_a_menu_bar_app_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = run_spec(monkeypatch, "darwin")
    assert recorder.bundle is not None
    assert recorder.bundle["name"] == "focusmate.app"
    assert recorder.bundle["bundle_identifier"] == APP_ID == bundle_layout.APP_ID
    assert recorder.bundle["info_plist"]["LSUIElement"] is True
    assert recorder.bundle["version"] == focusmate.__version__
    assert not recorder.executables[0]["strip"]  # stripping breaks code signatures


def test_linux_binaries_are_stripped(monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = run_spec(monkeypatch, "linux")
    assert recorder.executables[0]["strip"] is True and recorder.collect_options["strip"] is True


def test_the_program_icon_is_used_once_it_has_been_made(tmp_path: Path) -> None:
    assert bundle_layout.program_icon("win32", tmp_path) is None  # PyInstaller's default
    (tmp_path / "focusmate.ico").write_bytes(b"")
    (tmp_path / "focusmate.icns").write_bytes(b"")
    assert bundle_layout.program_icon("win32", tmp_path) == str(tmp_path / "focusmate.ico")
    assert bundle_layout.program_icon("darwin", tmp_path) == str(tmp_path / "focusmate.icns")
    assert bundle_layout.program_icon("linux", tmp_path) is None  # the desktop entry's icon
