"""A socket command given no folder reaches the app that uses the default data folder on its
default socket (desktop.client_paths.DEFAULT_SOCKET), without working the folder out: no
platformdirs, no pathlib (issue 18: they were a third of `focusmate log phone` as users type
it). The installed app runs as a user's would (no --data-dir, its own XDG folders); the
command runs in the same environment, from a probe that says what it loaded.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import textwrap
from pathlib import Path

from tests.e2e.desktop import HeadlessDesktop
from tests.e2e.focusmate_app import RunningApp
from tests.e2e.test_data_move_e2e import UsersApp

#: `focusmate log phone` as the console script runs it, then what it loaded (main() given its
#: argv returns instead of ending the process).
PROBE = textwrap.dedent(
    """
    import json, sys
    from focusmate.cli.main import main
    code = main(["log", "phone"])
    print(json.dumps({"code": code, "loaded": sorted(sys.modules)}))
    """
)
LOCATIONS = "focusmate.desktop.locations"
WHERE = (
    "from focusmate.desktop.client_paths import default_server_name;print(default_server_name())"
)


def probe(app: UsersApp) -> dict[str, object]:
    ran = app.desktop.run([sys.executable, "-c", PROBE], extra_env=app.env)
    result: dict[str, object] = json.loads(ran.stdout.splitlines()[-1])
    return result


def test_a_command_given_no_folder_asks_the_default_app_first(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    app = UsersApp(desktop, tmp_path / "home")
    link = Path(desktop.run([sys.executable, "-c", WHERE], extra_env=app.env).stdout.strip())
    assert link.is_symlink() and link.resolve().is_socket()
    assert app.cli("start", "--with", "Kim").returncode == 0

    answered = probe(app)
    assert answered["code"] == 0
    # Not worked out: no platformdirs, no desktop.locations (pathlib itself is loaded by the
    # dev venv's editable finder before any of ours: tests/cli/test_thin_client.py runs -S).
    assert not {"platformdirs", LOCATIONS} & set(answered["loaded"])  # type: ignore[arg-type]
    status = json.loads(app.cli("status", "--json").stdout)
    assert status["session"]["marks"]["phone"] == 1

    # The app dies without closing: its link stays, and leads nowhere. The command then
    # works the folder out and says that focusmate is not running, as before.
    os.kill(app.proc.pid, signal.SIGKILL)
    app.proc.wait()
    assert link.is_symlink()
    refused = probe(app)
    assert refused["code"] == 3
    assert LOCATIONS in refused["loaded"]  # type: ignore[operator]


def test_the_link_goes_with_the_app_and_an_app_given_a_folder_makes_none(
    desktop: HeadlessDesktop, tmp_path: Path
) -> None:
    app = UsersApp(desktop, tmp_path / "home")
    link = Path(desktop.run([sys.executable, "-c", WHERE], extra_env=app.env).stdout.strip())
    assert link.is_symlink()
    desktop.terminate(app.proc)  # SIGTERM: the app quits as at logout
    assert not link.is_symlink()
    given = RunningApp(desktop, tmp_path / "given", extra_env=app.env)
    try:
        assert given.cli("status").returncode == 0
        assert not link.is_symlink()  # --data-dir: not the default folder's app
    finally:
        given.stop()
