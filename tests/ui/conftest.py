"""UI fixtures: a controller on a real data file with a fake clock, and its actions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from focusmate.core.settings import Settings
from focusmate.desktop.autostart import XdgAutostart
from focusmate.services.controller import SessionController
from focusmate.services.settings import SettingsService
from focusmate.ui.actions import AppActions
from focusmate.ui.i18n import InstalledLanguage, install_translations, remove_translations
from focusmate.ui.windows import Windows
from tests.fakes import FakeClock
from tests.ui.review_rig import InProcessReview


@pytest.fixture
def actions(controller: SessionController) -> AppActions:
    return AppActions(controller)


@pytest.fixture
def german(qapp: QApplication) -> Iterator[InstalledLanguage]:
    """The German catalogue installed for one test (English again afterwards)."""
    installed = install_translations(qapp, QLocale("de_DE"))
    assert installed.code == "de", "the German catalogue did not load"
    yield installed
    remove_translations(qapp, installed)


@pytest.fixture
def review_process(tmp_path: Path, clock: FakeClock) -> InProcessReview:
    """The weekly review on the controller's data folder and clock, in this process (a FAKE
    of its process boundary only: tests.ui.review_rig)."""
    return InProcessReview(tmp_path / "data", clock)


@pytest.fixture
def windows(
    controller: SessionController, actions: AppActions, review_process: InProcessReview
) -> Iterator[Windows]:
    """The app's windows without a tray (offscreen has none); a quit question says no.
    Test files that need other Windows define their own."""
    windows = Windows(
        controller, actions, use_tray=False, confirm=lambda _q: False, review=lambda: review_process
    )
    windows.show()
    yield windows
    windows.close_all()


@pytest.fixture
def settings_dir(tmp_path: Path) -> Path:
    """Where `service` saves the settings."""
    return tmp_path / "settings"


@pytest.fixture
def service(settings_dir: Path) -> SettingsService:
    """Settings saved in their own folder, as the app's SettingsService saves them."""
    return SettingsService(settings_dir, Settings())


@pytest.fixture
def autostart(tmp_path: Path) -> XdgAutostart:
    """The real XDG adapter, writing into a temporary configuration folder."""
    environ = {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CONFIG_DIRS": str(tmp_path / "system"),
    }
    return XdgAutostart(environ=environ)
