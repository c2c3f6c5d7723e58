"""The layer rules of ARCHITECTURE.md, checked by walking every import with ast.

core is pure (standard library minus I/O, and itself); storage and desktop import core
but not each other's siblings or ui; ui imports no storage or desktop. This test reads
the source files, so a lazy import inside a function is caught as well.
"""

from __future__ import annotations

import ast
from pathlib import Path

import focusmate

PACKAGE = Path(focusmate.__file__).parent
THIRD_PARTY = {"PySide6", "shiboken6", "tinydb", "plyer", "pynput", "jeepney", "platformdirs"}
CORE_FORBIDDEN_STDLIB = {
    "os", "io", "pathlib", "socket", "subprocess", "shutil", "tempfile", "time", "random",
    "uuid", "sqlite3", "threading", "asyncio", "urllib", "http", "signal", "glob",
}  # fmt: skip
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


def modules_of(layer: str) -> list[Path]:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"no modules found in {layer}"
    return files


def roots(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_core_imports_only_pure_standard_library_and_itself() -> None:
    for path in modules_of("core"):
        modules = imported_modules(path)
        outer = {m for m in modules if m.startswith("focusmate.") and
                 not m.startswith("focusmate.core")}  # fmt: skip
        assert not outer, f"{path.name} imports outer layers {outer}"
        assert not roots(modules) & THIRD_PARTY, f"{path.name} imports {modules & THIRD_PARTY}"
        assert not roots(modules) & CORE_FORBIDDEN_STDLIB, f"{path.name} does I/O via {modules}"


def test_core_never_reads_the_clock_or_files() -> None:
    for path in modules_of("core"):
        calls = called_names(path) & CORE_FORBIDDEN_CALLS
        assert not calls, f"{path.name} calls {calls}"


def test_ui_reaches_neither_storage_nor_desktop() -> None:
    for path in modules_of("ui"):
        bad = {m for m in imported_modules(path)
               if m.startswith(("focusmate.storage", "focusmate.desktop", "tinydb"))}  # fmt: skip
        assert not bad, f"{path.name} imports {bad}"


def test_storage_and_desktop_stay_out_of_each_other_and_ui() -> None:
    for layer, forbidden in (("storage", ("focusmate.desktop", "focusmate.ui", "PySide6")),
                             ("desktop", ("focusmate.storage", "focusmate.ui"))):  # fmt: skip
        for path in modules_of(layer):
            bad = {m for m in imported_modules(path) if m.startswith(forbidden)}
            assert not bad, f"{layer}/{path.name} imports {bad}"


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
