"""Do-not-disturb for one coaching session: silence, watch, and always put it back.

JournaledSilencer wraps a DoNotDisturb backend with what makes the promise hold after any exit:

1. **Journal first.**  engage() captures the previous state and writes it to the journal
   (atomically, mode 0600) *before* changing anything; restore() deletes it last.
2. **Guard.**  Right after the journal, engage() starts focusmate.desktop.dnd.guard in its own
   process group with a pipe from this process, and waits (at most guard.READY_TIMEOUT_S) until
   the guard says it watches that pipe: if this process dies in any way (even SIGKILL), the
   pipe closes and the guard replays the journal at once.  restore() tells the guard "done"
   and reaps it.
3. **Replay at start.**  recover() replays a journal left by a run whose guard died too
   (power loss, the whole session killed) and says so in one line.

The rules for "restore the previous state exactly, and never fight the user":

* **Only our own change is undone.**  If do-not-disturb was already on at the start, focusmate
  changes nothing — no journal, no guard — and reports "already paused; they stay paused";
  restore() then writes nothing, so it stays on.
* **A hand-made change wins.**  poll() re-reads the state while a session runs.  If the user
  turned do-not-disturb off (whether focusmate or the user had turned it on), focusmate lets
  go at once: the journal is deleted and the guard stopped *without writing anything*, the
  status says so, and restore() writes nothing either.  So focusmate never turns it back on,
  not even if it was on before the session: the person's latest choice stands.  (Had focusmate
  written the old "off" state at that moment, it could also undo a user who switches it off and
  on again; letting go avoids both.)
* **Failures are statuses.**  engage(), restore() and poll() never raise: a backend that
  cannot silence (Windows, macOS without Shortcuts, no server) or a call that fails becomes a
  DndStatus whose detail says what happened and what the user can do.  A restore that fails
  keeps the journal, so the next start tries again.

Backends whose state cannot be read (macOS) are treated as "off before": they are turned off at
the end.  The module is Qt-free; the controller calls it on the GUI thread.

Every detail and notice is a sentence for the user, in their language.  The session is made
before the app loads its translations, so nothing said at that point is fixed then: the idle
detail is worded when status() is asked, and recover() returns a RecoveryNotice that is worded
when it is shown.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

from focusmate.core.dnd import (
    NOTIFICATIONS_ON,
    DndStatus,
    DndUnavailable,
    DoNotDisturb,
    PreviousState,
)
from focusmate.core.errors import InvalidData, InvalidInput
from focusmate.core.text import Translator, Worded, translate
from focusmate.desktop.dnd import backend_named
from focusmate.desktop.dnd.guard import GuardProcess
from focusmate.desktop.dnd.journal import Journal, read_journal, remove_journal
from focusmate.files.atomic import atomic_write_bytes, dumps_strict, ensure_private_dir
from focusmate.files.set_aside import set_aside

log = logging.getLogger(__name__)

#: Start-up replays that may fail before the journal is given up (and the user told).
MAX_FAILED_REPLAYS = 3


class Phase(Enum):
    """Where the session's do-not-disturb stands."""

    IDLE = "idle"  # no session, or it ended
    ENGAGED = "engaged"  # focusmate silenced notifications and will put them back
    ALREADY_ON = "already-on"  # they were silenced before; focusmate changed nothing
    LET_GO = "let-go"  # the user turned do-not-disturb off by hand: hands off
    FAILED = "failed"  # notifications could not be silenced
    RESTORE_FAILED = "restore-failed"  # still silenced; the journal waits for the next start


class Recovery(Enum):
    """What recover() found and did about a journal left behind."""

    DAMAGED = "damaged"  # the journal could not be read; it was kept aside
    DAMAGED_BACK_ON = "damaged-back-on"  # ... and notifications were switched back on
    BACK_ON = "back-on"  # the previous state was put back
    RETRY = "retry"  # putting it back failed; the next start tries again
    GAVE_UP = "gave-up"  # failed MAX_FAILED_REPLAYS times; the user must do it by hand


@dataclass(frozen=True, slots=True)
class RecoveryNotice(Worded):
    """recover()'s one-line message; str() words it in the user's language at that moment,
    ``in_english`` for the log."""

    outcome: Recovery
    label: str = ""  # the backend's label
    error: str = ""  # why the journal was damaged, or why the restore failed
    kept_as: str = ""  # the damaged journal's new name, in the data folder

    def worded(self, translate: Translator) -> str:
        if self.outcome is Recovery.DAMAGED:
            text = translate(
                "DoNotDisturb",
                "A do-not-disturb record was damaged ({error}) and kept as {kept_as}; check "
                "your notifications.",
            )
        elif self.outcome is Recovery.DAMAGED_BACK_ON:
            text = translate(
                "DoNotDisturb",
                "A do-not-disturb record was damaged ({error}) and kept as {kept_as}; "
                "notifications are back on.",
            )
        elif self.outcome is Recovery.BACK_ON:
            text = translate(
                "DoNotDisturb",
                "Notifications were still paused ({label}) after focusmate stopped "
                "unexpectedly; they are back on.",
            )
        elif self.outcome is Recovery.GAVE_UP:
            text = translate(
                "DoNotDisturb",
                "Notifications may still be paused ({label}) since an earlier session, and "
                "focusmate could not turn them back on ({error}); please turn them on by hand.",
            )
        else:
            text = translate(
                "DoNotDisturb",
                "Notifications may still be paused ({label}) since an earlier session: "
                "{error}. focusmate will try again when it next starts.",
            )
        return text.format(label=self.label, error=self.error, kept_as=self.kept_as)


class JournaledSilencer:
    """Silence notifications for one session and restore them exactly, even after a crash."""

    def __init__(
        self,
        backend: DoNotDisturb,
        journal_path: Path,
        *,
        guard: bool = True,
        env: Mapping[str, str] | None = None,
    ) -> None:
        """``guard`` starts the guard process on engage(); ``env`` is its environment (default:
        this process's), which must reach the same desktop as ``backend``."""
        self._backend = backend
        self._journal_path = journal_path
        self._use_guard = guard
        self._env = env
        self._phase = Phase.IDLE
        self._previous: PreviousState | None = None
        self._token: str | None = None
        self._guard: GuardProcess | None = None
        self._detail: str | None = None  # None: the idle detail, worded when asked

    # ------------------------------------------------------------------ public API

    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def guard_pid(self) -> int | None:
        """The running guard's PID (for tests and diagnostics)."""
        return self._guard.pid if self._guard is not None else None

    def status(self) -> DndStatus:
        engaged = self._phase in (Phase.ENGAGED, Phase.ALREADY_ON, Phase.RESTORE_FAILED)
        backend = None if self._backend.name == "none" else self._backend.name
        detail = self._idle_detail() if self._detail is None else self._detail
        return DndStatus(backend, engaged, detail)

    def recover(self) -> RecoveryNotice | None:
        """Replay a journal left by a run that did not finish (call once, at start-up).

        Returns a one-line message for the user, or None when there was nothing to do.
        """
        try:
            journal = read_journal(self._journal_path)
        except InvalidData as error:
            return self._recover_damaged(error)
        if journal is None or journal.token == self._token:  # none, or our own running session
            return None
        try:
            backend = self._backend_for(journal.backend)
        except InvalidInput as error:  # a journal from a focusmate that knew other backends
            return self._replay_failed(journal, journal.backend, error)
        try:
            backend.restore(journal.previous)
        except DndUnavailable as error:
            return self._replay_failed(journal, backend.label, error)
        remove_journal(self._journal_path, journal.token)
        return RecoveryNotice(Recovery.BACK_ON, backend.label)

    def _recover_damaged(self, error: InvalidData) -> RecoveryNotice:
        """A journal that cannot be read: kept aside, and since the state it saved is lost,
        notifications are switched back on (a journal exists only while we silence them)."""
        kept = set_aside(self._journal_path, datetime.now(UTC))
        try:
            self._backend.restore(NOTIFICATIONS_ON)
        except DndUnavailable as failure:
            log.warning("do-not-disturb: could not switch notifications on: %s", failure)
            return RecoveryNotice(Recovery.DAMAGED, error=str(error), kept_as=kept.name)
        return RecoveryNotice(Recovery.DAMAGED_BACK_ON, error=str(error), kept_as=kept.name)

    def engage(self) -> DndStatus:
        """Silence notifications for a session; never raises (a failure is in the status)."""
        if self._phase in (Phase.ENGAGED, Phase.ALREADY_ON):
            return self.status()
        try:
            self._engage()
        except Exception as error:  # a bug must not stop the session: say it, keep going
            log.exception("do-not-disturb: engage failed")
            try:
                self._undo_after_failure()
            except Exception:
                log.exception("do-not-disturb: could not undo a failed engage")
            self._fail(str(error))
        return self.status()

    def poll(self) -> DndStatus:
        """Re-read the state during a session and let go if the user turned it off by hand."""
        self._reap_guard()
        if self._phase not in (Phase.ENGAGED, Phase.ALREADY_ON):
            return self.status()
        try:
            if not self._backend.is_on():
                self._let_go()
        except DndUnavailable as error:
            log.info("do-not-disturb: cannot re-read the state: %s", error)
        except Exception:  # a bug must not end the session: log it and keep the state
            log.exception("do-not-disturb: poll failed")
        return self.status()

    def restore(self) -> DndStatus:
        """End the session's silence: put back exactly the previous state; never raises."""
        try:
            self._restore()
        except Exception as error:  # DndUnavailable, an OSError on the journal, or a bug
            if not isinstance(error, DndUnavailable | OSError):
                log.exception("do-not-disturb: restore failed")
            self._stop_guard()  # the journal stays for the next start
            self._phase = Phase.RESTORE_FAILED
            self._detail = translate(
                "DoNotDisturb",
                "Notifications may still be paused ({label}: {error}); focusmate will try "
                "again when it next starts. Turn them on by hand if you need them now.",
            ).format(label=self._backend.label, error=error)
        return self.status()

    def _restore(self) -> None:
        label = self._backend.label
        if self._phase in (Phase.ENGAGED, Phase.RESTORE_FAILED):
            self._restore_previous()
            self._detail = translate("DoNotDisturb", "Notifications are back on ({label})").format(
                label=label
            )
        elif self._phase == Phase.ALREADY_ON:
            self._detail = translate(
                "DoNotDisturb",
                "Notifications stay paused, as they were before the session ({label})",
            ).format(label=label)
        elif self._phase == Phase.LET_GO:
            self._detail = translate(
                "DoNotDisturb", "Do-not-disturb stays as you set it ({label})"
            ).format(label=label)
        else:
            self._detail = None
        self._phase = Phase.IDLE

    # ----------------------------------------------------------------- engage steps

    def _engage(self) -> None:
        backend, label = self._backend, self._backend.label
        if not backend.can_engage:
            self._phase = Phase.FAILED
            self._detail = translate(
                "DoNotDisturb", "This desktop could not be silenced: {guidance}"
            ).format(guidance=backend.guidance)
            return
        if self._journal_path.exists():  # a pause that was never undone comes first
            self._replay_leftover()
            if self._journal_path.exists():
                self._fail(translate("DoNotDisturb", "an earlier pause could not be undone yet"))
                return
        try:
            was_on = backend.is_on()
        except DndUnavailable:
            was_on = False  # unreadable (macOS): treated as off, so turned off at the end
        if was_on:
            self._phase = Phase.ALREADY_ON
            self._detail = translate(
                "DoNotDisturb", "Notifications were already paused ({label}); they stay paused"
            ).format(label=label)
            return
        try:
            self._previous = backend.capture()
            self._write_journal(self._previous)
        except (DndUnavailable, OSError) as error:
            self._fail(str(error))
            return
        self._start_guard()
        try:
            backend.engage()
            if _reads_off(backend):
                raise DndUnavailable(translate("DoNotDisturb", "the change did not take effect"))
        except DndUnavailable as error:
            self._undo_after_failure()
            self._fail(str(error))
            return
        self._phase = Phase.ENGAGED
        self._detail = translate("DoNotDisturb", "Notifications paused ({label})").format(
            label=label
        )

    def _replay_leftover(self) -> None:
        """Undo the pause an earlier session left behind (ours from this run, or a crash's)."""
        if self._token is not None and self._previous is not None:  # ours: restore failed
            try:
                self._restore_previous()
            except DndUnavailable as error:
                log.warning("do-not-disturb: still cannot restore the last session: %s", error)
        else:
            log.info("do-not-disturb: %s", self.recover())

    def _fail(self, reason: str) -> None:
        self._phase = Phase.FAILED
        self._detail = translate(
            "DoNotDisturb", "This desktop could not be silenced ({label}: {reason}). {guidance}"
        ).format(label=self._backend.label, reason=reason, guidance=self._backend.guidance)

    def _undo_after_failure(self) -> None:
        """Engage went wrong half-way: put back what we captured, drop journal and guard."""
        if self._previous is not None:
            try:
                self._backend.restore(self._previous)
            except DndUnavailable as error:
                log.warning("do-not-disturb: could not undo a failed engage: %s", error)
                self._stop_guard()
                return  # keep the journal: the next start replays it
        self._forget()

    # ------------------------------------------------------------------ restore steps

    def _restore_previous(self) -> None:
        if self._previous is None:  # RESTORE_FAILED after a restart cannot happen; be safe
            self._forget()
            return
        self._backend.restore(self._previous)
        self._forget()

    def _let_go(self) -> None:
        label = self._backend.label
        if self._phase == Phase.ENGAGED:
            self._forget()
        self._phase = Phase.LET_GO
        self._detail = translate(
            "DoNotDisturb",
            "Do-not-disturb was turned off by hand ({label}); focusmate leaves it as you set it",
        ).format(label=label)

    def _forget(self) -> None:
        """Our change is gone: delete the journal, then release the guard."""
        if self._token is not None:
            remove_journal(self._journal_path, self._token)
        self._stop_guard()
        self._previous = None
        self._token = None

    # ------------------------------------------------------------------- the journal

    def _write_journal(self, previous: PreviousState) -> None:
        # What secrets.token_hex does, without the hmac and hashlib that secrets loads (issue 18).
        token = os.urandom(8).hex()
        journal = Journal(
            backend=self._backend.name,
            token=token,
            previous=previous,
            engaged_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        if not self._journal_path.parent.exists():  # never chmod a directory we did not make
            ensure_private_dir(self._journal_path.parent)
        atomic_write_bytes(self._journal_path, dumps_strict(journal.to_json()))
        self._token = token

    def _replay_failed(self, journal: Journal, label: str, error: Exception) -> RecoveryNotice:
        failed = journal.failed_replays + 1
        if failed >= MAX_FAILED_REPLAYS:
            remove_journal(self._journal_path, journal.token)
            return RecoveryNotice(Recovery.GAVE_UP, label, str(error))
        retry = Journal(
            journal.backend, journal.token, journal.previous, journal.engaged_at, failed
        )
        with contextlib.suppress(OSError):
            atomic_write_bytes(self._journal_path, dumps_strict(retry.to_json()))
        return RecoveryNotice(Recovery.RETRY, label, str(error))

    def _backend_for(self, name: str) -> DoNotDisturb:
        if name == self._backend.name:
            return self._backend
        return backend_named(name, os.environ if self._env is None else self._env)

    # --------------------------------------------------------------------- the guard

    def _start_guard(self) -> None:
        if not self._use_guard or self._token is None:
            return
        try:
            self._guard = GuardProcess.start(
                self._journal_path, self._backend.name, self._token, self._env
            )
        except OSError as error:
            log.warning("do-not-disturb: no guard process (%s); the journal still protects", error)

    def _stop_guard(self) -> None:
        """Tell the guard we are done (it exits without restoring) and reap it."""
        guard, self._guard = self._guard, None
        if guard is not None:
            guard.done()

    def _reap_guard(self) -> None:
        """Collect a guard that ended early (it should not) and start a new one."""
        if self._guard is None:
            return
        returncode = self._guard.exited()
        if returncode is None:
            return
        log.warning("do-not-disturb: the guard exited early (status %s)", returncode)
        self._guard = None
        if self._phase == Phase.ENGAGED:
            self._start_guard()

    def _idle_detail(self) -> str:
        if self._backend.can_engage:
            return translate(
                "DoNotDisturb", "Notifications are paused during sessions ({label})"
            ).format(label=self._backend.label)
        return translate("DoNotDisturb", "This desktop cannot be silenced: {guidance}").format(
            guidance=self._backend.guidance
        )


def _reads_off(backend: DoNotDisturb) -> bool:
    """True when the backend reads "off" right after engaging (False if it cannot tell)."""
    try:
        return not backend.is_on()
    except DndUnavailable:
        return False
