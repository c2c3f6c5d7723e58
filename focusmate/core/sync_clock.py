"""The hybrid logical clock of sync (issue 19): the order of changes across devices.

An HLC stamp is physical milliseconds since 1970, a logical counter and the device id that
breaks the last tie, so every stamp is unique and the order is total (rule S1 of
ARCHITECTURE.md "Sync: merge rules"). A device's clock never runs backwards, whatever its
wall clock does, and after it has seen another device's change it stamps its own later,
however far the two wall clocks differ. Time is passed in (ARCHITECTURE invariant 7):
``tick`` and ``receive`` take ``now_ms``; core never reads the clock.

The text form, ``hlc_text``, is ``<12 hex digits of ms><4 hex digits of counter>-<device>``:
fixed-width lowercase hex before the dash, so sorting the strings sorts the stamps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from focusmate.core.errors import InvalidData

#: A device id: what names the device's files in the sync folder and breaks ties of time.
DEVICE_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
WALL_DIGITS = 12
COUNTER_DIGITS = 4
#: 16**12 ms is year 10889: past core.records' LATEST_INSTANT (9000).
MAX_WALL_MS = (1 << (4 * WALL_DIGITS)) - 1
MAX_COUNTER = (1 << (4 * COUNTER_DIGITS)) - 1
#: A remote stamp further ahead of our wall clock than this is not adopted by ``receive``
#: (a device whose clock reads next year must not drag every other clock along for good);
#: clocks that differ by hours are adopted, as the issue asks.
MAX_DRIFT_MS = 24 * 3600 * 1000
_HLC_TEXT = re.compile(rf"([0-9a-f]{{{WALL_DIGITS}}})([0-9a-f]{{{COUNTER_DIGITS}}})-(.+)", re.S)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True, order=True)
class Hlc:
    """One stamp; the field order is the total order (time, then counter, then device)."""

    wall_ms: int
    counter: int
    device: str


def check_device_id(device: object) -> str:
    """``device`` if it is a valid device id, else InvalidData saying what one looks like."""
    if not isinstance(device, str) or DEVICE_ID_PATTERN.fullmatch(device) is None:
        shown = repr(device)[:40]
        raise InvalidData(
            f"a device id is 1-64 letters, digits, '.', '_' or '-' (not first), not {shown}"
        )
    return device


def start_clock(device: str) -> Hlc:
    """A device's clock before its first change (every real stamp sorts after it)."""
    return Hlc(0, 0, check_device_id(device))


def millis(instant: datetime) -> int:
    """An aware instant as whole milliseconds since 1970 (what ``now_ms`` expects)."""
    since = instant - _EPOCH
    return since.days * 86_400_000 + since.seconds * 1000 + since.microseconds // 1000


def _clamped(now_ms: int) -> int:
    return min(max(now_ms, 0), MAX_WALL_MS)


def _stamped(device: str, wall_ms: int, counter: int) -> Hlc:
    # A full counter moves to the next millisecond: still later than everything before.
    if counter > MAX_COUNTER:
        return Hlc(min(wall_ms + 1, MAX_WALL_MS), 0, device)
    return Hlc(wall_ms, counter, device)


def tick(local: Hlc, now_ms: int) -> Hlc:
    """The stamp of a new change on this device: later than ``local`` even if the wall clock
    went back (the counter carries on), at the wall clock when it is ahead."""
    wall = max(local.wall_ms, _clamped(now_ms))
    counter = local.counter + 1 if wall == local.wall_ms else 0
    return _stamped(local.device, wall, counter)


def receive(local: Hlc, remote: Hlc, now_ms: int, max_drift_ms: int = MAX_DRIFT_MS) -> Hlc:
    """This device's clock after seeing ``remote`` (another device's change): later than both,
    so what it writes next sorts after what it has read. A remote stamp more than
    ``max_drift_ms`` ahead of ``now_ms`` is not adopted (see MAX_DRIFT_MS): only ticks."""
    now_ms = _clamped(now_ms)
    if remote.wall_ms > now_ms + max_drift_ms:
        return tick(local, now_ms)
    wall = max(local.wall_ms, remote.wall_ms, now_ms)
    if wall == local.wall_ms == remote.wall_ms:
        counter = max(local.counter, remote.counter) + 1
    elif wall == local.wall_ms:
        counter = local.counter + 1
    elif wall == remote.wall_ms:
        counter = remote.counter + 1
    else:
        counter = 0
    return _stamped(local.device, wall, counter)


def hlc_text(stamp: Hlc) -> str:
    """The compact sortable text of a stamp (see the module's docstring)."""
    return f"{stamp.wall_ms:0{WALL_DIGITS}x}{stamp.counter:0{COUNTER_DIGITS}x}-{stamp.device}"


def parse_hlc(text: object) -> Hlc:
    """The stamp written by ``hlc_text``; InvalidData for anything else."""
    found = _HLC_TEXT.fullmatch(text) if isinstance(text, str) else None
    if found is None:
        shown = repr(text)[:40]
        raise InvalidData(f"hlc must look like 0192f3c4a5b60000-<device>, not {shown}")
    wall, counter, device = found.groups()
    return Hlc(int(wall, 16), int(counter, 16), check_device_id(device))
