"""GlobalHotkeys.check: what start() would answer, known without listening (issue 18: the
listener runs only in a session, yet `status --json` and the welcome must say the truth).
Against real X servers: Xvfb with and without the RECORD extension pynput needs."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from focusmate.core.hotkeys import HotkeyBindings
from focusmate.desktop.hotkeys import GlobalHotkeys
from focusmate.desktop.x_display import x_extension_present
from tests.e2e.desktop import wait_until


@pytest.fixture(params=["+extension", "-extension"], ids=["with RECORD", "without RECORD"])
def x_server(request: pytest.FixtureRequest) -> Iterator[tuple[str, bool]]:
    """A private Xvfb (its display name) and whether it offers RECORD."""
    number = next(n for n in range(240, 400) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-nolisten", "tcp", request.param, "RECORD"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(
            lambda: Path(f"/tmp/.X11-unix/X{number}").exists() or None,
            timeout_s=10,
            what="Xvfb's socket",
        )
        yield f":{number}", request.param == "+extension"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_record_is_asked_of_the_display_itself(x_server: tuple[str, bool]) -> None:
    display, offers_record = x_server
    assert x_extension_present(display, "RECORD") is offers_record
    assert x_extension_present(display, "NO-SUCH-EXTENSION") is False


def test_check_answers_as_start_would(
    x_server: tuple[str, bool], qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    display, offers_record = x_server
    monkeypatch.setenv("DISPLAY", display)  # pynput and Xlib read the process's own
    hotkeys = GlobalHotkeys(platform="linux")
    checked = hotkeys.check(HotkeyBindings.defaults())
    assert hotkeys.listening is False  # nothing listens after a check
    started = hotkeys.start(HotkeyBindings.defaults())
    try:
        assert checked.available is offers_record is started.available
        if not offers_record:
            assert "RECORD" in checked.reason
    finally:
        hotkeys.stop()


def test_a_display_that_does_not_answer_is_said(qapp: QApplication) -> None:
    hotkeys = GlobalHotkeys(environ={"DISPLAY": ":4242"}, platform="linux")
    checked = hotkeys.check(HotkeyBindings.defaults())
    assert not checked.available
    assert "cannot reach the X display ':4242'" in checked.reason
