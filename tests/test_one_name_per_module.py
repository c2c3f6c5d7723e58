"""Every module of tests/ is imported under one name, its dotted path from the repository
(`tests.e2e.desktop`, never a bare `desktop`, which would also be the name of the tests/desktop
folder): every folder of tests/ is a package, so pytest imports test modules and conftests by
that name too, and no second name can load a second copy of a helper (issue 14).

Scripts the tests start as programs (`python tests/desktop/dnd/fake_kde_server.py`) run in a
process of their own, where their folder is the first on sys.path."""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def dotted_name(path: Path) -> str:
    parts = path.relative_to(TESTS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_every_folder_of_tests_is_a_package() -> None:
    folders = {path.parent for path in TESTS.rglob("*.py")}
    missing = [
        str(f.relative_to(TESTS.parent)) for f in folders if not (f / "__init__.py").exists()
    ]
    assert sorted(missing) == []


def test_every_module_of_tests_is_loaded_under_its_dotted_name_only() -> None:
    """Collection ends before the first test runs: by now every test module and conftest of
    this run, and every helper they import, is in sys.modules."""
    names: dict[str, list[str]] = {}
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file is not None and Path(file).resolve().is_relative_to(TESTS):
            names.setdefault(str(Path(file).resolve().relative_to(TESTS.parent)), []).append(name)
    assert names["tests/conftest.py"] == ["tests.conftest"]  # the check sees the loaded modules
    wrong = {
        file: sorted(loaded)
        for file, loaded in names.items()
        if loaded != [dotted_name(TESTS.parent / file)]
    }
    assert wrong == {}
