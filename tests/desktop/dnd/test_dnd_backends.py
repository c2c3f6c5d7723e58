"""Every do-not-disturb backend that runs here, through JournaledSilencer, against its daemon.

For each rig (see rigs.py: dunst, xfce4-notifyd and mate-notification-daemon for real, GNOME
and Cinnamon keys through the real dconf, and the named fakes for KDE, swaync and mako): engage
silences within 1 s and restore puts back the pristine state; an "already on" state stays on;
a hand-made "off" mid-session is never fought; SIGKILL of the process holding the session is
undone by the guard within 2 s; and after a simulated power loss (the guard killed too) the
next start's recover() replays the journal.  The state is always checked with the daemon's own
tools (dunstctl, xfconf-query, gsettings/dconf, the fakes' test methods), not with focusmate.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from focusmate.core.dnd import DndStatus
from focusmate.desktop.dnd.journal import read_journal
from focusmate.desktop.dnd.silencer import JournaledSilencer, Phase
from tests.desktop.dnd.rigs import VERIFIED_BY, Rig, kill_group, time_until
from tests.e2e.desktop import wait_until

pytestmark = pytest.mark.timeout(90)


def is_running(pid: int) -> bool:
    """True for a live process; False for a missing one or a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def session_for(rig: Rig, journal: Path) -> JournaledSilencer:
    return JournaledSilencer(rig.backend(), journal, env=rig.env)


def test_engage_silences_within_a_second_and_restore_puts_back_the_pristine_state(
    clean: Rig, tmp_path: Path
) -> None:
    journal = tmp_path / "dnd.json"
    session = session_for(clean, journal)
    label = clean.backend().label

    started = time.monotonic()
    status = session.engage()
    wait_until(clean.silenced, timeout_s=1.0, interval_s=0.005, what=f"{clean.name} silenced")
    silenced_ms = (time.monotonic() - started) * 1000
    print(f"\n{clean.name} ({VERIFIED_BY[clean.name]}): silenced in {silenced_ms:.0f} ms")

    assert status == DndStatus(clean.name, True, f"Notifications paused ({label})")
    saved = read_journal(journal)
    assert saved is not None and saved.backend == clean.name
    assert journal.stat().st_mode & 0o777 == 0o600
    guard = session.guard_pid
    assert guard is not None and is_running(guard)
    assert session.poll() == status  # still on: nothing changes

    status = session.restore()

    assert status == DndStatus(clean.name, False, f"Notifications are back on ({label})")
    assert not clean.silenced()
    assert clean.is_pristine()
    assert not journal.exists()
    assert not Path(f"/proc/{guard}").exists()  # told "done", exited and reaped: no zombie


def test_already_on_stays_on_and_focusmate_writes_nothing(clean: Rig, tmp_path: Path) -> None:
    clean.set_by_hand(True)
    journal = tmp_path / "dnd.json"
    session = session_for(clean, journal)
    label = clean.backend().label

    status = session.engage()

    assert status == DndStatus(
        clean.name, True, f"Notifications were already paused ({label}); they stay paused"
    )
    assert not journal.exists() and session.guard_pid is None  # nothing to undo

    status = session.restore()

    assert clean.silenced()
    assert status.engaged is False and "stay paused" in status.detail


@pytest.mark.parametrize("was_on", [False, True], ids=["was-off", "was-on"])
def test_turned_off_by_hand_mid_session_is_left_off(
    clean: Rig, tmp_path: Path, was_on: bool
) -> None:
    if was_on:
        clean.set_by_hand(True)
    journal = tmp_path / "dnd.json"
    session = session_for(clean, journal)
    session.engage()
    assert clean.silenced()

    clean.set_by_hand(False)  # the manager wants their notifications back
    status = session.poll()

    assert session.phase is Phase.LET_GO
    assert status.engaged is False and "turned off by hand" in status.detail
    assert not journal.exists() and session.guard_pid is None

    session.restore()

    assert not clean.silenced()  # not turned back on, even when it was on before


def test_sigkill_of_the_session_holder_is_undone_by_the_guard_within_2_s(
    clean: Rig, tmp_path: Path
) -> None:
    journal = tmp_path / "dnd.json"
    holder, report = clean.start_holder(journal)
    assert report["status"]["engaged"] is True, report
    assert clean.silenced()
    guard = report["guard_pid"]
    assert guard is not None and os.getpgid(guard) == guard  # its own group: killpg spares it

    kill_group(holder)  # SIGKILL to the holder's whole process group, as a test teardown does
    took = time_until(lambda: not clean.silenced(), timeout_s=2.0, what="the previous state")
    print(
        f"\n{clean.name}: engaged in {report['engaged_in_s'] * 1000:.0f} ms; previous state back "
        f"{took.seconds * 1000:.0f} ms after SIGKILL"
    )

    wait_until(lambda: not journal.exists(), timeout_s=2.0, what="the guard to delete the journal")
    wait_until(lambda: not is_running(guard), timeout_s=2.0, what="the guard to exit")
    assert clean.is_pristine()
    holder.wait(timeout=5)


def test_power_loss_journal_is_replayed_by_recover_at_the_next_start(
    clean: Rig, tmp_path: Path
) -> None:
    journal = tmp_path / "dnd.json"
    holder, report = clean.start_holder(journal)
    guard = report["guard_pid"]

    os.kill(guard, signal.SIGKILL)  # the guard dies first, then the app: nothing restores
    wait_until(lambda: not is_running(guard), timeout_s=2.0, what="the guard to die")
    kill_group(holder)
    holder.wait(timeout=5)
    time.sleep(0.3)
    assert journal.exists()
    if clean.survives_owner_death:
        assert clean.silenced()  # stored state: only the journal can undo it now

    message = session_for(clean, journal).recover()

    assert message is not None and "they are back on" in str(message)
    assert not clean.silenced()
    assert clean.is_pristine()
    assert not journal.exists()  # no stale journal after the next start
    assert session_for(clean, journal).recover() is None
