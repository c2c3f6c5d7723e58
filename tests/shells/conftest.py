"""Fixtures for the real-shell tests: one sway shell per notification daemon per module (the
tests are grouped by it), a focusmate in it per test, and the module's figures.

Never skipped: a missing program, or a shell that does not come up, fails the tests with the
reason (and the logs). ``FOCUSMATE_E2E_KEEP=1`` keeps each shell's folder (logs, screenshots).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.e2e.desktop import wait_until
from tests.shells.daemons import DAEMONS
from tests.shells.screen import pixels_of
from tests.shells.shell_app import ShellApp, app_name
from tests.shells.shell_user import shell_user
from tests.shells.sway import SwayShell


@pytest.fixture(scope="module", autouse=True)
def module_time(request: pytest.FixtureRequest) -> Iterator[None]:
    started = time.monotonic()
    yield
    print(f"\n{request.module.__name__}: {time.monotonic() - started:.1f} s in all")


@pytest.fixture(scope="module", params=sorted(DAEMONS))
def shell(request: pytest.FixtureRequest) -> Iterator[SwayShell]:
    """A headless sway with swaybar and the daemon named by the parameter."""
    with SwayShell(DAEMONS[request.param], shell_user()) as running:
        print(running.up_line(f"sway + {request.param}"))
        yield running


@pytest.fixture
def quiet_shell(shell: SwayShell) -> Iterator[SwayShell]:
    """The shell with nothing on screen and do-not-disturb off, before and after the test."""
    reset(shell)
    yield shell
    reset(shell)


def reset(shell: SwayShell) -> None:
    daemon = shell.daemon
    daemon.clear(shell)
    if daemon.dnd_on(shell):
        daemon.set_dnd(shell, False)
    wait_until(
        lambda: pixels_of(shell.screenshot("reset")) == 0,
        timeout_s=10,
        what="an empty screen (no notification, no panel)",
    )


@pytest.fixture
def app(quiet_shell: SwayShell, request: pytest.FixtureRequest) -> Iterator[ShellApp]:
    """The installed focusmate, native on Wayland, in the shell."""
    running = ShellApp(quiet_shell, name=app_name(request.node.name))
    print(f"\nlaunch to the tray icon on swaybar: {running.launch_to_tray_s:.2f} s")
    yield running
    running.stop()
