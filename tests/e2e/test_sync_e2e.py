"""Issue 19 end to end: two installed focusmate apps (two data folders on one headless desktop,
one unlocked GNOME Keyring for their passphrases, B's clock 3 hours ahead of A's) synced by
two real Syncthing daemons on loopback (tests/sync_engines/syncthing.py), driven only through
the `focusmate` command line.

A sets the encrypted sync folder up; B is refused with a wrong passphrase (nothing written)
and joins with the right one; sessions, marks, a reflection (imported) and pulses made on
one side show in the other's export within the time Syncthing takes (printed), a session
running on A refuses a start with the same person on B; edits made on both sides while the
daemons are apart converge to the same export; B killed with SIGKILL as A's new session
lands in its folder (its merge under way), then started again, converges too and keeps the
mark it acknowledged just before; then the same with A killed as B's session lands.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from focusmate.core.pulse import Concern, PulseVia, RepPulse
from focusmate.desktop.system_clock import FAKE_NOW_ENV
from focusmate.storage.transfer import export_json
from tests.desktop.secret_service import UnlockedKeyring, start_unlocked_keyring
from tests.e2e.desktop import HeadlessDesktop, wait_until
from tests.e2e.focusmate_app import RunningApp, installed_focusmate
from tests.sessions_for_tests import held, reflected
from tests.sync_engines.syncthing import SyncthingPair

PASSPHRASE = "a passphrase for the test's own folder"  # noqa: S105 - a test's throwaway folder
CONVERGE_S = 30.0
#: B's clock runs this far ahead of A's (issue 19's fault injection: clocks hours apart).
SKEW = timedelta(hours=3)


@pytest.fixture(scope="module")
def keyring(desktop: HeadlessDesktop, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    keyring: UnlockedKeyring
    with start_unlocked_keyring(desktop.env, tmp_path_factory.mktemp("keyring")) as keyring:
        del keyring  # running is all it must be
        yield


def exported(app: RunningApp) -> list[dict[str, Any]]:
    return app.exported_sessions()


def converge(source: RunningApp, target: RunningApp, what: str) -> float:
    """Seconds until both exports hold the same sessions (none may still run)."""
    began = time.monotonic()
    try:
        wait_until(
            lambda: exported(source) == exported(target) or None,
            timeout_s=CONVERGE_S,
            what=f"{what}: the same export on both",
        )
    except TimeoutError:
        ours, theirs = exported(source), exported(target)
        print("only on the source:", [s for s in ours if s not in theirs])
        print("only on the target:", [s for s in theirs if s not in ours])
        print("sync status of the target:", sync_status(target))
        raise
    spent = time.monotonic() - began
    print(f"{what}: {spent:.2f} s")
    return spent


def sync_status(app: RunningApp) -> dict[str, Any]:
    result = app.cli("sync", "status", "--json")
    assert result.returncode == 0, result.stderr
    status: dict[str, Any] = json.loads(result.stdout)
    return status


def enable(app: RunningApp, folder: Path, name: str, passphrase: str) -> Any:
    command = [installed_focusmate(), "--data-dir", str(app.data_dir), "sync", "enable"]
    return app.desktop.run(
        [*command, str(folder), "--passphrase-stdin", "--name", name],
        input_text=passphrase + "\n",
        timeout_s=30,
    )


def folder_files(folder: Path) -> dict[str, bytes]:
    root = folder / "focusmate-sync"
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def skewed_app(desktop: HeadlessDesktop, data_dir: Path) -> RunningApp:
    """B, its clock SKEW ahead of A's (the app's FOCUSMATE_FAKE_NOW hook: it starts there and
    runs on): the hybrid logical clocks still order each side's changes causally."""
    ahead = (datetime.now(UTC) + SKEW).isoformat()
    return RunningApp(desktop, data_dir, extra_env={FAKE_NOW_ENV: ahead})


def killed_and_started_again(
    app: RunningApp, apps: list[RunningApp], start: Callable[[Path], RunningApp]
) -> RunningApp:
    """``app`` killed with SIGKILL (its whole process group), then started again on the same
    data folder by ``start``; the new one joins ``apps`` (stopped at the end)."""
    os.killpg(app.proc.pid, signal.SIGKILL)
    app.proc.wait(timeout=10)
    app.stop()  # reaped and forgotten by the desktop
    again = start(app.data_dir)
    apps.append(again)
    return again


def test_two_apps_synced_by_two_syncthing_daemons(
    desktop: HeadlessDesktop, keyring: None, tmp_path: Path
) -> None:
    del keyring
    with SyncthingPair(tmp_path / "syncthing") as pair:
        apps = [RunningApp(desktop, tmp_path / "a"), skewed_app(desktop, tmp_path / "b")]
        try:
            _scenario(pair, apps, tmp_path)
        finally:
            for app in apps:
                if app.proc.returncode is None:
                    app.stop()


def _scenario(pair: SyncthingPair, apps: list[RunningApp], tmp_path: Path) -> None:
    a, b = apps
    # A's history before sync: published when sync is turned on.
    start = datetime.now(UTC) - timedelta(days=2)
    pulse = RepPulse(5, Concern.YES, 4, "thanks", PulseVia.TYPED, datetime.now(UTC))
    history = [
        held("old-1", "Jordan", start, phone=2, reflection=reflected(4), pulse=pulse),
        held("old-2", "Sam", start + timedelta(hours=3), app=1),
    ]
    import_file = tmp_path / "history.json"
    import_file.write_text(export_json(history))
    assert a.cli("import", str(import_file)).returncode == 0

    began = time.monotonic()
    done = enable(a, pair.a.folder, "A", PASSPHRASE)
    assert done.returncode == 0, done.stderr
    print(f"sync enable on A: {time.monotonic() - began:.2f} s")
    pair.wait_synced("focusmate-sync/format.json")

    # A wrong passphrase on B: refused, exit 2, nothing written on either side.
    a_device = sync_status(a)["device"]
    format_json = folder_files(pair.b.folder)["format.json"]
    wrong = enable(b, pair.b.folder, "B", "not the passphrase")
    assert wrong.returncode == 2, (wrong.returncode, wrong.stderr)
    assert "passphrase" in wrong.stderr
    assert not (b.data_dir / "sync.json").exists()
    written = folder_files(pair.b.folder)  # A's files may still be arriving meanwhile
    assert written["format.json"] == format_json
    assert {name.split("/")[1] for name in written if name.startswith("devices/")} <= {a_device}
    assert sync_status(b) == {"enabled": False}

    began = time.monotonic()
    joined = enable(b, pair.b.folder, "B", PASSPHRASE)
    assert joined.returncode == 0, joined.stderr
    wait_until(
        lambda: len(exported(b)) == 2 or None, timeout_s=CONVERGE_S, what="B joined A's history"
    )
    print(f"B joins A's history (enable to export): {time.monotonic() - began:.2f} s")
    assert exported(b) == exported(a)
    assert exported(b)[0]["reflection"]["complete"] is True

    # A session running on A: B sees it and refuses the same person unless asked.
    assert a.cli("start", "--with", "Jordan", "--minutes", "30").returncode == 0
    began = time.monotonic()
    wait_until(
        lambda: "in session on A with Jordan" in sync_status(b)["running_elsewhere"] or None,
        timeout_s=CONVERGE_S,
        what="B sees A's running session",
    )
    print(f"A's start seen on B: {time.monotonic() - began:.2f} s")
    assert "in session on A with Jordan" in b.cli("status").stdout
    assert b.status()["elsewhere"] == ["in session on A with Jordan"]
    refused = b.cli("start", "--with", "Jordan")
    assert refused.returncode == 4, refused.stderr
    assert "in session on A with Jordan" in refused.stderr
    assert b.status()["session"] is None
    for kind in ("phone", "phone", "app"):
        assert a.cli("log", kind).returncode == 0
    assert a.cli("end").returncode == 0
    a_to_b = converge(a, b, "A's session (3 marks) on B")
    print(f"B's last merge, in the app: {sync_status(b)['last_merge']}")
    words = b.cli("sync", "status")
    assert words.returncode == 0, words.stderr
    assert "(encrypted), in sync; this computer: B (" in words.stdout
    assert "  A (" in words.stdout and "last change 20" in words.stdout
    marks = [len(s["marks"]) for s in exported(b) if s["with"] == "Jordan"]
    assert 3 in marks

    # The other way round, with a pulse from the command line.
    assert b.cli("start", "--with", "Sam", "--minutes", "20").returncode == 0
    assert b.cli("log", "phone").returncode == 0
    assert b.cli("end").returncode == 0
    pulse_b = b.cli("pulse", "last", "--heard", "3", "--concern", "partly", "--attention", "4")
    assert pulse_b.returncode == 0, pulse_b.stderr
    b_to_a = converge(b, a, "B's session and pulse on A")
    starts = {s["with"]: datetime.fromisoformat(s["started_at"]) for s in exported(a)[2:]}
    assert starts["Sam"] - starts["Jordan"] > SKEW - timedelta(minutes=5)  # B's clock is ahead

    # Edits on both sides while the daemons are apart: the same export once they meet.
    with pair.disconnected():
        for app, answer in ((a, "2"), (b, "5")):
            typed = ("--heard", answer, "--concern", "no", "--attention", answer)
            assert app.cli("pulse", "old-2", *typed).returncode == 0
        assert a.cli("start", "--with", "Priya").returncode == 0
        assert a.cli("log", "phone").returncode == 0
        assert a.cli("end").returncode == 0
        assert b.cli("start", "--with", "Alex").returncode == 0
        assert b.cli("end").returncode == 0
    converge(a, b, "concurrent edits on both sides")
    assert {s["with"] for s in exported(a)} >= {"Jordan", "Sam", "Priya", "Alex"}

    # B killed while it merges A's new session; a mark B acknowledged just before survives.
    assert b.cli("start", "--with", "Morgan").returncode == 0
    assert b.cli("log", "app").returncode == 0  # acknowledged: on disk
    assert a.cli("start", "--with", "Chen").returncode == 0
    for _ in range(5):
        assert a.cli("log", "phone").returncode == 0
    assert a.cli("end").returncode == 0
    # Killed as A's files land in its folder: its watcher has fired, the merge is under way.
    pair.wait_in_sync()
    b = killed_and_started_again(b, apps, lambda data_dir: skewed_app(b.desktop, data_dir))
    assert b.cli("end").returncode == 0  # the session resumed after the kill
    converge(a, b, "after B was killed and started again")
    morgan = [s for s in exported(a) if s["with"] == "Morgan"]
    assert len(morgan) == 1 and [m["kind"] for m in morgan[0]["marks"]] == ["app"]
    chen = [s for s in exported(b) if s["with"] == "Chen"]
    assert len(chen) == 1 and len(chen[0]["marks"]) == 5

    # The other way round: A killed while it merges B's new session, just after A's own
    # mark was acknowledged.
    assert a.cli("start", "--with", "Robin").returncode == 0
    assert a.cli("log", "phone").returncode == 0  # acknowledged: on disk
    assert b.cli("start", "--with", "Kim").returncode == 0
    for _ in range(3):
        assert b.cli("log", "app").returncode == 0
    assert b.cli("end").returncode == 0
    pair.wait_in_sync()
    a = killed_and_started_again(a, apps, lambda data_dir: RunningApp(a.desktop, data_dir))
    assert a.cli("end").returncode == 0
    converge(b, a, "after A was killed and started again")
    robin = [s for s in exported(b) if s["with"] == "Robin"]
    assert len(robin) == 1 and [m["kind"] for m in robin[0]["marks"]] == ["phone"]
    kim = [s for s in exported(a) if s["with"] == "Kim"]
    assert len(kim) == 1 and len(kim[0]["marks"]) == 3
    print(f"convergence A->B {a_to_b:.2f} s, B->A {b_to_a:.2f} s")
