"""Issue 18: the tray icon shows first, and the rest is built right after it.

A wrapper around the installed app's entry point records, in order, when the icon is shown
(app._show_tray_icon), when the repository is opened (storage.backups.open_or_recover) and
when the local socket listens (CommandServer.listen); as soon as the icon shows it launches
`focusmate start` and holds the event loop a moment, so that command is sent before anything
else is built. It must wait for the app, not fail: the session runs once the app is ready.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from tests.e2e.desktop import HeadlessDesktop, wait_until
from tests.e2e.focusmate_app import WM_CLASS, installed_focusmate, prepare_settings

WRAPPER = textwrap.dedent(
    """
    import os, subprocess, sys, time
    import focusmate.app as fa
    import focusmate.desktop.ipc_server as ipc
    import focusmate.storage.backups as backups

    OUT = os.environ["FM_TEST_OUT"]

    def record(event):
        with open(OUT + "-events", "a") as f:
            f.write(event + "\\n")

    _show, _open, _listen = fa._show_tray_icon, backups.open_or_recover, ipc.CommandServer.listen

    def show_tray_icon():
        icon = _show()
        record("icon")
        command = os.environ["FM_TEST_CLIENT"]
        shell = f"{command} >{OUT}-client 2>&1; echo $? >{OUT}-rc"
        subprocess.Popen(["sh", "-c", shell])
        time.sleep(1.0)  # the command is sent while nothing else is built
        record("client-sent")
        return icon

    def open_or_recover(*args, **kwargs):
        record("repository")
        return _open(*args, **kwargs)

    def listen(self, name, **options):
        record("listening")
        return _listen(self, name, **options)

    fa._show_tray_icon = show_tray_icon
    backups.open_or_recover = open_or_recover
    ipc.CommandServer.listen = listen
    from focusmate.cli.main import main
    sys.argv = ["focusmate", *sys.argv[1:]]
    sys.exit(main())
    """
)


def test_the_icon_shows_before_the_repository_opens_and_an_early_start_waits(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    prepare_settings(data_dir, morning_reminder=False)
    script = tmp_path / "wrapper.py"
    script.write_text(WRAPPER)
    out = tmp_path / "trace"
    focusmate = f"{installed_focusmate()} --data-dir {data_dir}"
    proc = desktop.spawn(
        [sys.executable, str(script), "--data-dir", str(data_dir)],
        name="focusmate-wrapped",
        extra_env={"FM_TEST_OUT": str(out), "FM_TEST_CLIENT": f"{focusmate} start --with Ana"},
    )
    try:
        desktop.wait_for_tray_icon(wm_class=WM_CLASS, timeout_s=15)
        code = wait_until(
            lambda: _read(Path(f"{out}-rc")), timeout_s=20, what="the early start's answer"
        )
        assert code.strip() == "0", Path(f"{out}-client").read_text()
        events = Path(f"{out}-events").read_text().split()
        assert events == ["icon", "client-sent", "repository", "listening"]
        status = desktop.run([installed_focusmate(), "--data-dir", str(data_dir), "status"])
        assert status.returncode == 0
        assert "Ana" in status.stdout  # the session the early command started runs
    finally:
        desktop.terminate(proc)


def _read(path: Path) -> str | None:
    text = path.read_text() if path.exists() else ""
    return text if text.endswith("\n") else None
