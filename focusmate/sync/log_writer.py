"""This device's log: batches of changes appended to its own segments, never rewritten.

A segment is ``devices/<device>/log-<n>.jsonl``, one change a line, each line sealed on its
own (codec.py) and bound to its number in the segment. A new segment is started on each run
(so a line half-written by a crash is never continued), after the transport's size limit,
and after a failed write (whatever part of it reached the file stays a cut line there, and
the batch goes again, whole, into the new segment). Where every write replaces the file
whole and atomically (WebDAV), no half line can be left, so a run goes on with the newest
segment while it is under the limit: fewer files to list on every poll.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from focusmate.files.atomic import dumps_strict
from focusmate.sync.codec import Codec, Place
from focusmate.sync.marks import START, FileMark
from focusmate.sync.names import device_folder, parse_segment, segment_name
from focusmate.sync.transport import SegmentChanged, Transport


def check_change(change: Mapping[str, object], device_id: str) -> None:
    """ValueError unless ``change`` is one of this device's changes with an id."""
    if not isinstance(change.get("id"), str) or not change["id"]:
        raise ValueError("a change needs an 'id'")
    if change.get("device") != device_id:
        raise ValueError(f"change {change['id']} is not this device's ({device_id})")


class LogWriter:
    """Appends this device's changes to its segments through ``transport``."""

    def __init__(self, transport: Transport, codec: Codec, device_id: str) -> None:
        self._transport = transport
        self._codec = codec
        self._device = device_id
        self._folder = device_folder(device_id)
        self._segment: str | None = None
        self._mark = START
        #: Each segment this run wrote, and how far (what a snapshot says of it).
        self.written: dict[str, FileMark] = {}

    @property
    def segment(self) -> str | None:
        """The segment being written, or None before the first append (or after a failure)."""
        return self._segment

    def append(self, changes: Sequence[Mapping[str, object]]) -> None:
        """Append ``changes`` durably, as one write. Validated and encoded before any file
        is touched; OSError if the folder cannot be written (then the next batch starts a
        new segment)."""
        if not changes:
            return
        for change in changes:
            check_change(change, self._device)
        payloads = [dumps_strict(change) for change in changes]
        if self._segment is None or self._mark.offset >= self._transport.segment_limit_bytes:
            self._start_segment(may_continue=not self.written)
        try:
            self._append(payloads)
        except SegmentChanged:
            self._start_segment()
            self._append(payloads)

    def _append(self, payloads: list[bytes]) -> None:
        segment = self._segment
        assert segment is not None
        data = b"".join(
            self._codec.seal_line(payload, Place(self._device, segment, self._mark.lines + i))
            + b"\n"
            for i, payload in enumerate(payloads)
        )
        try:
            self._transport.append(f"{self._folder}/{segment}", data, self._mark.offset)
        except OSError:
            self._segment = None
            raise
        self._mark = self._mark.after(data, len(payloads))
        self.written[segment] = self._mark

    def _start_segment(self, may_continue: bool = False) -> None:
        self._transport.make_folder(self._folder)
        numbers = [0]
        for entry in self._transport.list(self._folder):
            segment = parse_segment(entry.name)
            if segment is not None:
                numbers.append(segment.number)
        newest = max(numbers)
        if may_continue and self._transport.whole_writes and newest and self._go_on(newest):
            return
        self._segment = segment_name(newest + 1)
        self._mark = START

    def _go_on(self, number: int) -> bool:
        """Go on with segment ``number`` if it is whole and under the limit."""
        name = segment_name(number)
        try:
            content = self._transport.read(f"{self._folder}/{name}")
        except FileNotFoundError:
            return False
        if len(content) >= self._transport.segment_limit_bytes or not content.endswith(b"\n"):
            return False
        self._segment = name
        self._mark = START.after(content, content.count(b"\n"))
        return True
