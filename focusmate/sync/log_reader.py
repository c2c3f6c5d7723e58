"""Reading every other device's log segments, incrementally: a mark per file remembers how
many bytes (whole lines) were taken, so each poll reads only what was added since. This is
what keeps the merge of one new session cheap.

What sync engines do to files is handled here, each said once (notices.py):
- a last line still arriving (no newline yet) is left for the next poll;
- a broken line with more lines after it is skipped;
- a line that does not authenticate (altered, moved from another file or device, another
  key), or names another device than the folder it is in, is refused;
- a sync engine's copy of a segment (Syncthing's ``.sync-conflict-…``, "(conflicted copy)",
  " (1)") is read as one more source: its lines are unioned by change id;
- a file that shrinks, or whose bytes before the mark are no longer the ones read, is read
  again from its start (its changes are unioned by id as well);
- a file that goes away keeps its mark, in case it comes back.

A poll lists every device's folder by name only and looks at the size of the files that can
still grow: each device's RECENT_SEGMENTS newest segments (the one being written, and the
ones whose last version a sync engine may still deliver), copies, files ending in half a
line, new names. Every FULL_EVERY polls, or when a folder's names changed, every file's size
is looked at: with years of daily segments this keeps a poll to a few files, not thousands.
"""

from __future__ import annotations

from collections.abc import Mapping

from focusmate.core.json_text import parse_json
from focusmate.sync.codec import Codec, DamagedRecord, Place, RefusedRecord
from focusmate.sync.marks import START, FileMark
from focusmate.sync.names import DEVICES, device_folder, parse_segment
from focusmate.sync.notices import NoticeKind, Notices
from focusmate.sync.transport import Entry, Transport

Change = dict[str, object]

RECENT_SEGMENTS = 3
FULL_EVERY = 30


def parse_change(payload: bytes) -> Change:
    """A change from a line's payload; DamagedRecord if it is not a JSON object with a
    string id and device."""
    try:
        data = parse_json(payload)
    except (ValueError, UnicodeDecodeError):
        raise DamagedRecord("not JSON") from None
    if not isinstance(data, dict):
        raise DamagedRecord("not an object")
    if not isinstance(data.get("id"), str) or not isinstance(data.get("device"), str):
        raise DamagedRecord("no id or device")
    return data


class LogReader:
    """Reads the segments of every device but ``own_device`` through ``transport``."""

    def __init__(
        self,
        transport: Transport,
        codec: Codec,
        own_device: str,
        notices: Notices,
        marks: Mapping[str, FileMark] | None = None,
    ) -> None:
        self._transport = transport
        self._codec = codec
        self._own = own_device
        self._notices = notices
        self.marks: dict[str, FileMark] = dict(marks or {})
        self._seen: set[str] = set()
        #: Files whose end is half a line: their size then, so they are not read again
        #: until they change.
        self._unfinished: dict[str, int] = {}
        #: The newest clock ("hlc") read from each device.
        self.last_hlc: dict[str, str] = {}
        #: Each device folder's names at the last poll; how many polls there were.
        self._names: dict[str, frozenset[str]] = {}
        self._polls = 0

    def rewind(self, marks: Mapping[str, FileMark]) -> None:
        """Read again from ``marks`` (what was read after them was not merged)."""
        self.marks = dict(marks)
        self._seen.clear()
        self._unfinished.clear()
        self._names.clear()

    def read_new(self, full: bool = False) -> list[Change]:
        """The changes added since the last call, each id once; OSError if the folder
        cannot be read (then this call read nothing). ``full``: look at every file's size
        (the first call and every FULL_EVERY-th do)."""
        full = full or self._polls % FULL_EVERY == 0
        self._polls += 1
        found: list[Change] = []
        before = dict(self.marks)
        try:
            try:
                devices = [e.name for e in self._transport.list(DEVICES) if e.is_dir]
            except FileNotFoundError:
                return found  # no device has written yet
            for device in sorted(devices):
                if device != self._own:
                    found.extend(self._read_device(device, full))
        except OSError:
            # All or nothing: what this call read is read again next time.
            self.marks = before
            self._names.clear()
            self._seen.difference_update(str(change["id"]) for change in found)
            raise
        return found

    def _read_device(self, device: str, full: bool) -> list[Change]:
        folder = device_folder(device)
        entries = self._listing(folder, full)
        names = frozenset(e.name for e in entries)
        if not full and names != self._names.get(folder):
            full = True
            entries = self._listing(folder, full)
        if full:
            self._say_gone(folder, names)
        self._names[folder] = names
        named = [(parse_segment(e.name), e) for e in entries]
        segments = sorted(
            ((s, e) for s, e in named if s is not None), key=lambda p: (p[0].number, p[0].copy)
        )
        numbers = sorted({s.number for s, _ in segments if not s.copy})
        newest = numbers[-1] if numbers else 0
        recent = set(numbers[-RECENT_SEGMENTS:])
        found: list[Change] = []
        for segment, entry in segments:
            path = f"{folder}/{entry.name}"
            may_grow = segment.copy or segment.number in recent or path in self._unfinished
            if not (full or may_grow or path not in self.marks):
                continue
            try:
                size = entry.size if entry.size >= 0 else self._transport.size(path)
            except FileNotFoundError:
                continue
            if segment.copy:
                self._notices.add(
                    NoticeKind.CONFLICT_COPY,
                    path,
                    f"The sync service made a copy of a file from another computer "
                    f"({entry.name}); focusmate reads both, so nothing is lost.",
                )
            try:
                found.extend(self._read_file(device, segment.original, path, size))
            except FileNotFoundError:
                continue  # renamed away between the listing and the read: next time
            if path in self._unfinished and segment.number < newest:
                self._notices.add(
                    NoticeKind.CUT_END,
                    path,
                    f"The last change in {entry.name} from another computer arrived cut off "
                    "and was left out; that computer sent it again in a newer file.",
                )
        return found

    def _listing(self, folder: str, sizes: bool) -> list[Entry]:
        try:
            return self._transport.list(folder, sizes)
        except FileNotFoundError:
            return []

    def _say_gone(self, folder: str, present: frozenset[str]) -> None:
        for path in self.marks:
            folder_of, _, name = path.rpartition("/")
            if folder_of == folder and name not in present:
                self._notices.add(
                    NoticeKind.FILE_GONE,
                    path,
                    f"A file from another computer went away from the sync folder ({name}); "
                    "what focusmate already read from it stays.",
                )

    def _read_file(self, device: str, original: str, path: str, size: int) -> list[Change]:
        mark = self.marks.get(path, START)
        if size == mark.offset or self._unfinished.get(path) == size:
            return []
        if size < mark.offset or mark.lines < 0:
            mark = self._restart(path)
        start = mark.offset - len(mark.tail)
        data = self._transport.read(path, start)
        if data[: len(mark.tail)] != mark.tail:
            mark = self._restart(path)
            data = self._transport.read(path, 0)
        else:
            data = data[len(mark.tail) :]
        end = data.rfind(b"\n") + 1
        if end < len(data):
            self._unfinished[path] = mark.offset + len(data)
        else:
            self._unfinished.pop(path, None)
        lines = data[:end].split(b"\n")[:-1]
        places = (Place(device, original, mark.lines + index) for index in range(len(lines)))
        found = [
            change
            for place, line in zip(places, lines, strict=True)
            if (change := self._take(device, path, place, line))
        ]
        self.marks[path] = mark.after(data[:end], len(lines))
        return found

    def _restart(self, path: str) -> FileMark:
        self._notices.add(
            NoticeKind.FILE_REPLACED,
            path,
            f"A file from another computer changed in the sync folder ({path.rpartition('/')[2]}); "
            "focusmate reads it again from the start, so nothing is lost or counted twice.",
        )
        self._unfinished.pop(path, None)
        self.marks[path] = START
        return START

    def _take(self, device: str, path: str, place: Place, line: bytes) -> Change | None:
        """The line's change if it is new and sound, else None (and said once per file)."""
        try:
            change = parse_change(self._codec.open_line(line, place))
        except DamagedRecord:
            self._notices.add(
                NoticeKind.CUT_LINE,
                path,
                f"A change in {path.rpartition('/')[2]} from another computer arrived damaged "
                "and was skipped; the rest of the file is read as usual.",
            )
            return None
        except RefusedRecord:
            self._notices.add(
                NoticeKind.REFUSED_LINE,
                path,
                f"A change in {path.rpartition('/')[2]} was altered or moved after it was "
                "written (or sealed with another passphrase); focusmate refused it.",
            )
            return None
        if change["device"] != device:
            self._notices.add(
                NoticeKind.FOREIGN_CHANGE,
                path,
                f"A change in another computer's file {path.rpartition('/')[2]} claims to come "
                "from a third one; focusmate refused it.",
            )
            return None
        change_id = str(change["id"])
        if change_id in self._seen:
            return None
        self._seen.add(change_id)
        hlc = change.get("hlc")
        if isinstance(hlc, str) and hlc > self.last_hlc.get(device, ""):
            self.last_hlc[device] = hlc
        return change
