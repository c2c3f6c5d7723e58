"""What sync has to tell the user about a merged state (issue 19), one English line each.

``sync status`` lists them and the app says each once: reflections edited on two devices at
once (rule S5 of ARCHITECTURE.md "Sync: merge rules"), changes waiting for their session's
start (S2), changes from a newer focusmate (S8), refused records (S9), and devices whose
stamps run ahead of this computer's clock (S1: their changes count as later than they are).
English, like core's errors; a window words them itself.
"""

from __future__ import annotations

from focusmate.core.sync_merge import MergedState

#: Stamps this far ahead of the wall clock are worth a word (a few minutes is ordinary
#: drift, and the clock adopts up to core.sync_clock.MAX_DRIFT_MS silently).
AHEAD_NOTICE_MS = 10 * 60 * 1000


def notices(state: MergedState) -> tuple[str, ...]:
    """What the merge has to say about ``state``."""
    lines = []
    for session_id, devices in sorted(state.conflicts.items()):
        session = state.sessions.get(session_id)
        who = ""
        if session is not None:
            who = f" with {session.with_name} on {session.started_at:%Y-%m-%d}"
        shown = ", ".join(dict.fromkeys(state.device_names.get(d, d) for d in devices))
        lines.append(
            f"the reflection of the session{who} was edited on {shown} at the same time: "
            "both texts are kept"
        )
    waiting = sum(1 for log in state.logs.values() if log.start is None)
    if waiting:
        lines.append(f"{waiting} sessions have changes but their start has not arrived yet")
    if state.unknown:
        lines.append(
            f"{len(state.unknown)} changes come from a newer focusmate: kept, not shown; "
            "update focusmate to see them"
        )
    lines.extend(str(refusal) for refusal in state.refused)
    return tuple(lines)


def clock_notices(state: MergedState, now_ms: int) -> tuple[str, ...]:
    """A line for each device whose latest stamp is well ahead of ``now_ms`` (this
    computer's clock): its clock, or one it has read from, runs ahead."""
    lines = []
    for device, stamp in sorted(state.last_seen.items()):
        ahead_ms = stamp.wall_ms - now_ms
        if ahead_ms > AHEAD_NOTICE_MS:
            name = state.device_names.get(device, device)
            lines.append(
                f"changes from {name} are stamped {_duration(ahead_ms)} ahead of this "
                "computer's clock; one of the two clocks is wrong"
            )
    return tuple(lines)


def _duration(ms: int) -> str:
    minutes = ms // 60_000
    if minutes < 120:
        return f"{minutes} minutes"
    hours = minutes // 60
    return f"{hours} hours" if hours < 48 else f"{hours // 24} days"
