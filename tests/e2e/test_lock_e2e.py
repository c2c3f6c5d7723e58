"""The installed focusmate and its data folder's lock (issue 13, findings 6, 15 and 16).

A lock left behind never locks the user out; a folder the app cannot write is named with the
system's reason; a launch racing another waits for the winner and hands it its request.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.desktop import HeadlessDesktop, wait_until
from tests.e2e.focusmate_app import WM_CLASS, RunningApp, installed_focusmate, prepare_settings
from tests.file_opens import FileOpens
from tests.lock_holder import holding, let_go
from tests.mounts import fill, read_only, small_tmpfs

pytestmark = pytest.mark.timeout(180)

REVIEW_TITLE = "focusmate: weekly review"


@pytest.fixture
def python_process() -> Iterator[subprocess.Popen[bytes]]:
    """Another Python program, alive: a dead app's process number may be given to one."""
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    yield other
    other.kill()
    other.wait()


@pytest.mark.parametrize("left_behind", ["empty", "python"])
def test_a_lock_left_behind_never_locks_the_user_out(
    desktop: HeadlessDesktop,
    tmp_path: Path,
    python_process: subprocess.Popen[bytes],
    left_behind: str,
) -> None:
    data = tmp_path / "data"
    prepare_settings(data, morning_reminder=False)
    lock = data / "focusmate.lock"
    if left_behind == "empty":  # the power went just after the start
        lock.touch()
    else:  # the app died; its process number now belongs to another Python program
        program = Path(f"/proc/{python_process.pid}/exe").readlink().name
        lock.write_text(f"{python_process.pid}\n{program}\n{desktop.run(['hostname']).stdout}")
    app = RunningApp(desktop, data)  # waits for its tray icon and its answer to `status`
    try:
        assert app.status()["state"] == "idle"
    finally:
        app.stop()


def launch(desktop: HeadlessDesktop, data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return desktop.run([installed_focusmate(), "--data-dir", str(data), *args], timeout_s=60)


def test_a_read_only_data_folder_is_named_with_the_reason(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    with small_tmpfs(tmp_path / "disk") as disk:
        data = disk / "data"
        prepare_settings(data, morning_reminder=False)
        (data / "focusmate.lock").write_text("")  # even with a lock file left behind
        before = sorted(p.name for p in data.iterdir())
        read_only(disk)
        result = launch(desktop, data)
        assert result.returncode == 1, result.stderr
        reason = "Read-only file system"
        assert result.stderr == f"focusmate: cannot use the data folder {data}: {reason}\n"
        assert sorted(p.name for p in data.iterdir()) == before


def test_a_full_disk_at_first_start_gives_the_reason(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    with small_tmpfs(tmp_path / "disk") as disk:
        data = disk / "data"
        data.mkdir(mode=0o700)
        fill(disk)
        result = launch(desktop, data)
        assert result.returncode == 1, result.stderr
        reason = "No space left on device"
        assert result.stderr == f"focusmate: cannot use the data folder {data}: {reason}\n"


def test_launches_at_the_same_instant_run_one_app(desktop: HeadlessDesktop, tmp_path: Path) -> None:
    """Before, 5 of 10 such pairs printed 'focusmate is not running' (exit 3)."""
    for attempt in range(4):
        data = tmp_path / f"data{attempt}"
        prepare_settings(data, morning_reminder=False)
        command = [installed_focusmate(), "--data-dir", str(data)]
        pair = [desktop.spawn(command, name=f"race{attempt}-{n}") for n in range(2)]
        try:
            loser = wait_until(
                lambda pair=pair: [p for p in pair if p.poll() is not None] or None,
                timeout_s=60,
                what="one launch to hand over and end",
            )[0]
            assert loser.returncode == 0, desktop.read_log(f"race{attempt}-{pair.index(loser)}")
            winner = pair[1 - pair.index(loser)]
            assert winner.poll() is None
            status = launch(desktop, data, "status", "--json")
            assert status.returncode == 0, status.stderr
        finally:
            for proc in pair:
                if proc.poll() is None:
                    desktop.terminate(proc)


def test_a_review_asked_while_focusmate_starts_is_shown(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    """`focusmate review` while another process holds the folder and does not answer yet (an
    app starting, or an import): it waits, and once the folder is free it does what it was
    asked. Before, it printed 'focusmate is not running' at once."""
    data = tmp_path / "data"
    prepare_settings(data, morning_reminder=False)
    with holding(data / "focusmate.lock") as holder:
        opens = FileOpens(data / "focusmate.lock")
        review = desktop.spawn(
            [installed_focusmate(), "--data-dir", str(data), "review"], name="review-waiting"
        )
        try:
            opens.wait_for(2, timeout_s=30)  # it found the folder held, nobody answering, twice
            assert review.poll() is None, desktop.read_log("review-waiting")
            let_go(holder)  # the holder ends: the folder is free
            wait_until(
                lambda: desktop.tray_icon_windows(wm_class=WM_CLASS) or None,
                timeout_s=30,
                what="the tray icon of the review's own app",
            )
            wait_until(
                lambda: window_named(desktop, REVIEW_TITLE) or None,
                timeout_s=30,
                what="the weekly review",
            )
        finally:
            opens.close()
            desktop.terminate(review)


def test_a_review_racing_a_launch_is_shown(desktop: HeadlessDesktop, tmp_path: Path) -> None:
    """`focusmate review` from the menu while the autostart's `focusmate` starts."""
    data = tmp_path / "data"
    prepare_settings(data, morning_reminder=False)
    launches = [
        desktop.spawn([installed_focusmate(), "--data-dir", str(data), *args], name=name)
        for name, args in (("autostart", ()), ("review-racing", ("review",)))
    ]
    try:
        wait_until(
            lambda: window_named(desktop, REVIEW_TITLE) or None,
            timeout_s=60,
            what="the weekly review",
        )
        assert [p.returncode for p in launches if p.poll() is not None] in ([], [0])
    finally:
        for proc in launches:
            if proc.poll() is None:
                desktop.terminate(proc)


def window_named(desktop: HeadlessDesktop, title: str) -> list[int]:
    found = desktop.run(["xdotool", "search", "--onlyvisible", "--name", title])
    return [int(w) for w in found.stdout.split()]
