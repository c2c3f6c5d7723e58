"""The layer rules of ARCHITECTURE.md ("Layers: who may import whom"), checked with ast.

Every module of focusmate belongs to one layer (a module in none fails), and imports only what
its layer may: core is pure (standard library minus I/O, and itself); files adds nothing but the
standard library; storage and desktop stay out of each other; services reach no widget; ui
reaches neither storage nor desktop; cli draws its chart through ui.chart_png only; the
composition root (app.py) wires them all. This test reads the source files, so a lazy import
inside a function is caught as well.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import focusmate

PACKAGE = Path(focusmate.__file__).parent
THIRD_PARTY = {"PySide6", "shiboken6", "tinydb", "plyer", "pynput", "jeepney", "platformdirs"}
CORE_FORBIDDEN_STDLIB = {
    "os",
    "io",
    "pathlib",
    "socket",
    "subprocess",
    "shutil",
    "tempfile",
    "time",
    "random",
    "uuid",
    "sqlite3",
    "threading",
    "asyncio",
    "urllib",
    "http",
    "signal",
    "glob",
}
CORE_FORBIDDEN_CALLS = {"open", "now", "today", "utcnow", "input", "print"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def called_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                names.add(func.id)
            elif isinstance(func, ast.Attribute):
                names.add(func.attr)
    return names


@dataclass(frozen=True)
class Layer:
    """A room of the package: where its modules live and what they may import."""

    name: str
    #: Packages (folders) or single modules, relative to focusmate/, that belong to it.
    places: tuple[str, ...]
    #: focusmate's layers its modules may import (besides the package root's metadata).
    may_import: frozenset[str]
    #: Module prefixes it must not import even so.
    forbidden: tuple[str, ...] = ()


QT_VISUAL = ("PySide6.QtWidgets", "PySide6.QtGui", "PySide6.QtQuick", "PySide6.QtQml")
#: ARCHITECTURE.md, "Layers: who may import whom". The composition root may import all.
LAYERS = (
    Layer("core", ("core",), frozenset({"core"}), ("PySide6", "tinydb", "pynput", "jeepney")),
    Layer("files", ("files",), frozenset({"core", "files"}), ("PySide6", "tinydb")),
    Layer("storage", ("storage",), frozenset({"core", "files", "storage"}), ("PySide6",)),
    Layer("desktop", ("desktop",), frozenset({"core", "files", "desktop"}), ("tinydb",)),
    Layer(
        "services",
        ("services",),
        frozenset({"core", "files", "storage", "desktop", "calendar", "sync", "services"}),
        QT_VISUAL,
    ),
    Layer(
        "calendar", ("calendar",), frozenset({"core", "files", "calendar"}), ("PySide6", "tinydb")
    ),
    Layer("sync", ("sync",), frozenset({"core", "files", "sync"}), ("PySide6", "tinydb")),
    Layer("ui", ("ui",), frozenset({"core", "services", "ui", "resources"}), ("tinydb",)),
    Layer(
        "cli",
        ("cli",),
        frozenset(
            {"core", "files", "storage", "desktop", "calendar", "services", "cli", "ui.chart_png"}
        ),
    ),
    Layer(
        "root",
        ("__init__.py", "__main__.py", "app.py", "root"),
        frozenset(
            {"core", "files", "storage", "desktop", "calendar", "services", "ui", "cli", "root"}
        ),
    ),
)


def layer_of(package: Path, path: Path) -> Layer | None:
    relative = path.relative_to(package)
    for layer in LAYERS:
        for place in layer.places:
            if relative.parts[0] == place or str(relative) == place:
                return layer
    return None


def modules_in(package: Path) -> list[Path]:
    return sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)


def modules_of(layer: str) -> list[Path]:
    (chosen,) = (candidate for candidate in LAYERS if candidate.name == layer)
    files = [p for p in modules_in(PACKAGE) if layer_of(PACKAGE, p) is chosen]
    assert files, f"no modules found in {layer}"
    return files


def roots(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def outside_every_layer(package: Path) -> list[str]:
    return [
        str(p.relative_to(package)) for p in modules_in(package) if layer_of(package, p) is None
    ]


def broken_rules(package: Path) -> list[str]:
    """Every import of a module that its layer does not allow, as 'module imports name'."""
    found = []
    for path in modules_in(package):
        layer = layer_of(package, path)
        if layer is None:
            continue
        for name in sorted(imported_modules(path)):
            inner = name.removeprefix("focusmate.")
            allowed = name == "focusmate" or any(
                inner == room or inner.startswith(room + ".") for room in layer.may_import
            )
            if (name.startswith("focusmate.") and not allowed) or name.startswith(layer.forbidden):
                found.append(f"{path.relative_to(package)} imports {name}")
    return found


def test_every_module_is_in_a_layer() -> None:
    assert outside_every_layer(PACKAGE) == []


def test_every_import_follows_the_layer_rules() -> None:
    assert broken_rules(PACKAGE) == []


def test_the_controller_reaches_storage_and_the_desktop_only_through_ports() -> None:
    """ARCHITECTURE.md invariant 3: SessionController imports core and Qt's core only."""
    modules = imported_modules(PACKAGE / "services" / "controller.py")
    inner = {m for m in modules if m.startswith("focusmate.")}
    assert all(m.startswith("focusmate.core") for m in inner), inner
    assert {m for m in modules if m.startswith("PySide6")} <= {"PySide6.QtCore"}


def test_a_module_outside_every_layer_or_against_a_rule_is_caught(tmp_path: Path) -> None:
    """Guard against a checker that cannot fail: a scratch package with a loose module and a
    ui module that reaches storage."""
    package = tmp_path / "focusmate"
    (package / "ui").mkdir(parents=True)
    (package / "app.py").write_text("import focusmate.storage.repository\n")
    (package / "loose.py").write_text("x = 1\n")
    (package / "ui" / "bad.py").write_text("from focusmate.storage import repository\n")
    assert outside_every_layer(package) == ["loose.py"]
    assert broken_rules(package) == ["ui/bad.py imports focusmate.storage"]


def test_core_imports_only_pure_standard_library_and_itself() -> None:
    for path in modules_of("core"):
        modules = imported_modules(path)
        assert not roots(modules) & THIRD_PARTY, f"{path.name} imports {modules & THIRD_PARTY}"
        assert not roots(modules) & CORE_FORBIDDEN_STDLIB, f"{path.name} does I/O via {modules}"


def test_core_never_reads_the_clock_or_files() -> None:
    for path in modules_of("core"):
        calls = called_names(path) & CORE_FORBIDDEN_CALLS
        assert not calls, f"{path.name} calls {calls}"


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    """Guard against a checker that cannot fail: a planted bad import is found."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from PySide6 import QtCore\n    return open('x')\n")
    assert roots(imported_modules(bad)) & THIRD_PARTY == {"PySide6"}
    assert "open" in called_names(bad)


def test_no_shell_anywhere() -> None:
    """Names and notes never reach a shell: no shell=True, os.system or os.popen."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg == "shell":
                assert isinstance(node.value, ast.Constant) and node.value.value is False, path
            if isinstance(node, ast.Attribute) and node.attr in {"system", "popen"}:
                assert not (isinstance(node.value, ast.Name) and node.value.id == "os"), path
