"""The session repository: coaching sessions in one TinyDB file, every write durable.

The running session lives in a small file of its own (current-session.json) until it
ends, so a mark rewrites about a kilobyte rather than years of history (with five years,
~1.5 MB, a mark went from ~110 ms to a few ms). When the session ends it is written into
the TinyDB file first and only then is the small file removed; a crash in between leaves
the same session in both, and the ended copy in the database wins.

Reflection drafts (saved 0.4 s after each keystroke) live in small files too, under
drafts/, until the reflection is saved complete: with five years of history a draft went
from ~135 ms to a few ms, so typing never waits for the disk. A complete reflection in the
database always wins over a leftover draft.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from focusmate.core.digest import sha256_hex
from focusmate.core.errors import InvalidData
from focusmate.core.model import CoachingSession
from focusmate.core.records import session_from_record, session_to_record
from focusmate.files.atomic import (
    atomic_write_bytes,
    dumps_strict,
    ensure_own_folder,
    ensure_private_dir,
    read_json,
    remove_durably,
)
from focusmate.storage.atomic_storage import AtomicJSONStorage

DATA_FILE_NAME = "focusmate.json"
CURRENT_FILE_NAME = "current-session.json"
#: The running session as it was before its last change: what start-up resumes when the
#: running-session file itself is damaged (storage.owned_files).
PREVIOUS_FILE_NAME = "current-session.previous.json"
DRAFTS_DIR_NAME = "drafts"
SCHEMA_VERSION = 1
#: The TinyDB table of ended sessions (recovery reads a damaged file's table by this name).
SESSIONS_TABLE = "sessions"
_META = "meta"


class TinyDBSessionRepository:
    """Implements core.ports.SessionRepository on a TinyDB file in a private directory.

    Only one process writes: the running app (or the CLI while it holds the app's lock).
    Readers may open the file at any time; atomic replacement means they always see a
    whole file.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        writable: bool = True,
        file_name: str = DATA_FILE_NAME,
        read_at_once: bool = False,
    ) -> None:
        """``read_at_once``: the caller reads every session next (the weekly review's
        process), so they are made now from the schema check's read of the file, kept for
        that read (five years: one JSON parse of ~35 ms fewer). The app does not: held until
        its history is read, they would keep their memory in arenas among what is made
        meanwhile (issue 18)."""
        self.path = data_dir / file_name
        self.current_path = data_dir / CURRENT_FILE_NAME
        self.previous_path = data_dir / PREVIOUS_FILE_NAME
        self.drafts_dir = data_dir / DRAFTS_DIR_NAME
        self._parsed: tuple[tuple[int, int, int] | None, dict[str, CoachingSession]] | None = None
        if writable:
            ensure_private_dir(data_dir)
        self._db = TinyDB(self.path, storage=AtomicJSONStorage)
        self._sessions = self._db.table(SESSIONS_TABLE, cache_size=0)
        self._meta = self._db.table(_META, cache_size=0)
        key, records = self._check_schema(writable)
        if read_at_once:
            self._parsed = (key, self._parse(records.values()))

    def _check_schema(self, writable: bool) -> tuple[tuple[int, int, int] | None, dict[str, Any]]:
        """The file is ours and of this version. The document is read once here: with years
        of history each read parses megabytes, and start-up waits for this check. Returns
        the file's key as it was before the read, and its sessions' records."""
        key = self._file_key()  # before the read: a file replaced meanwhile is read again
        document = self._db.storage.read() or {}
        foreign = set(document) - {SESSIONS_TABLE, _META}
        if foreign:
            raise InvalidData(
                f"{self.path} is not a focusmate data file (it holds {sorted(foreign)[:3]})"
            )
        tables = [document.get(_META) or {}, document.get(SESSIONS_TABLE) or {}]
        if not all(isinstance(table, dict) for table in tables):
            raise InvalidData(f"{self.path} is not a focusmate data file (a table is no object)")
        meta, sessions = tables
        versions = [
            doc.get("schema_version") if isinstance(doc, dict) else None for doc in meta.values()
        ]
        if not versions and sessions:
            raise InvalidData(f"{self.path} has sessions but no schema version")
        if not versions and writable:
            self._meta.insert({"schema_version": SCHEMA_VERSION})
        elif versions and versions != [SCHEMA_VERSION]:
            raise InvalidData(
                f"{self.path} has schema version {versions!r}; this focusmate reads "
                f"version {SCHEMA_VERSION}"
            )
        return key, sessions

    def all_sessions(self, *, keep: bool = False) -> list[CoachingSession]:
        """Every session, consistent even while the app writes: the small files are read
        before the database, because a session moves from them into the database first and
        only then leaves them. So a session that ends (or whose draft is saved complete)
        between two reads is seen in one place or the other, never in neither.

        ``keep``: the parsed file is kept for the next read only (start-up's check, then the
        controller), never longer: the app lets its history go between uses (issue 18)."""
        current = self.current()
        drafts = self._drafts()
        saved = self._database_sessions(keep=keep)
        for draft in drafts:
            kept = saved.get(draft.id)
            if kept is None or not _complete(kept):
                saved[draft.id] = draft
        if current is not None and current.id not in saved:
            saved[current.id] = current
        return sorted(saved.values(), key=lambda s: s.started_at)

    def _database_sessions(self, *, keep: bool = False) -> dict[str, CoachingSession]:
        """The sessions in the TinyDB file by id. Parsing five years of history takes ~0.3 s
        and start-up asks twice (the recovery check, then the controller), so a parse kept
        by ``keep`` serves the next read of the unchanged file (and, read with ``keep`` again,
        the one after: the review's process reads again at each change the app tells it)."""
        key = self._file_key()
        kept, self._parsed = self._parsed, None
        if key is not None and kept is not None and kept[0] == key:
            if keep:
                self._parsed = kept
            return dict(kept[1])
        parsed = self._parse(self._sessions.all())
        if keep:
            self._parsed = (key, parsed)
        return dict(parsed)

    def _parse(self, records: Iterable[Mapping[str, Any]]) -> dict[str, CoachingSession]:
        return {s.id: s for s in (session_from_record(r, where=str(self.path)) for r in records)}

    def _file_key(self) -> tuple[int, int, int] | None:
        """Every atomic write replaces the file with a new inode, so this tells them apart."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def _draft_path(self, session_id: str) -> Path:
        # Imported ids may hold any character: the file is named by a digest of the id.
        return self.drafts_dir / f"{sha256_hex(session_id.encode())[:32]}.json"

    def _drafts(self) -> list[CoachingSession]:
        if not self.drafts_dir.is_dir():
            return []
        drafts = []
        for path in sorted(self.drafts_dir.glob("*.json")):
            try:
                draft = read_session_file(path, "the reflection draft")
            except (InvalidData, OSError):
                continue  # a damaged draft never hides the saved session (start-up sets it aside)
            if draft is not None:
                drafts.append(draft)
        return drafts

    def current(self) -> CoachingSession | None:
        """The running session from its own file, or None. InvalidData if that file is damaged."""
        return read_session_file(self.current_path, "the running-session file")

    def get(self, session_id: str) -> CoachingSession | None:
        doc = self._sessions.get(Query().id == session_id)
        saved = None if doc is None else session_from_record(doc, where=str(self.path))
        if saved is None or not _complete(saved):
            draft = next((d for d in self._drafts() if d.id == session_id), None)
            saved = draft or saved
        if saved is not None:
            return saved
        current = self.current()
        return current if current is not None and current.id == session_id else None

    def save(self, session: CoachingSession) -> None:
        if session.running and self._is_current(session.id):
            payload = dumps_strict(session_to_record(session))
            self._keep_previous()
            atomic_write_bytes(self.current_path, payload)
            return
        if _is_draft(session) and not session.running:
            ensure_own_folder(self.drafts_dir)
            record = dumps_strict(session_to_record(session))
            atomic_write_bytes(self._draft_path(session.id), record)
            return
        self._sessions.upsert(session_to_record(session), Query().id == session.id)
        self._forget_current(session.id)
        self._forget_draft(session.id)

    def _is_current(self, session_id: str) -> bool:
        """The running-session file holds this session, or no session at all."""
        current = self.current()
        return current is None or current.id == session_id

    def _forget_current(self, session_id: str) -> None:
        """Remove the running-session file once its session is safely in the database."""
        try:
            current = self.current()
        except InvalidData:
            return  # leave a damaged file for recovery to set aside
        if current is not None and current.id == session_id:
            remove_durably(self.current_path)
            remove_durably(self.previous_path)

    def _forget_draft(self, session_id: str) -> None:
        """Remove the session's draft, never through a drafts folder that is a link."""
        if not self.drafts_dir.is_symlink():
            remove_durably(self._draft_path(session_id))

    def _keep_previous(self) -> None:
        """Keep the running-session file's present version as the previous generation: a
        hard link, so no data is copied (the write that follows replaces the name, and the
        link keeps the old file). Where the file system has no hard links, there is none."""
        temporary = self.previous_path.with_name(f".{PREVIOUS_FILE_NAME}.tmp")
        try:
            temporary.unlink(missing_ok=True)
            os.link(self.current_path, temporary)
            temporary.replace(self.previous_path)
        except OSError:
            temporary.unlink(missing_ok=True)  # no file yet, or no hard links here

    def save_many(self, sessions: Iterable[CoachingSession]) -> None:
        sessions = list(sessions)
        current = self.current()
        for session in sessions:
            if current is not None and session.id == current.id:
                self.save(session)
        records = {
            s.id: session_to_record(s) for s in sessions if current is None or s.id != current.id
        }
        for session_id in records:  # the merged record already holds what a draft had
            self._forget_draft(session_id)
        if not records:
            return
        # One read-modify-write of the whole table, so a multi-session import is atomic.
        existing = {doc["id"]: doc.doc_id for doc in self._sessions.all()}
        replaced = {existing[i]: rec for i, rec in records.items() if i in existing}
        new = [rec for i, rec in records.items() if i not in existing]

        def apply(table: dict[int, Mapping[str, Any]]) -> None:
            for doc_id, record in replaced.items():
                table[doc_id] = record
            next_id = max(table, default=0) + 1
            for offset, record in enumerate(new):
                table[next_id + offset] = record

        # TinyDB's public API would need one whole-file write per session (quadratic for a
        # large import); _update_table is the single read-modify-write it uses internally.
        self._sessions._update_table(apply)  # noqa: SLF001
        self._sessions._next_id = None  # noqa: SLF001 - recount ids after our inserts
        self._sessions.clear_cache()


def read_session_file(path: Path, what: str) -> CoachingSession | None:
    """The session in one of the small files (running session, draft), or None when there is
    no such file; InvalidData naming ``what`` when it is damaged, OSError when unreadable."""
    record = read_json(path, what)
    return None if record is None else session_from_record(record, where=str(path))


def _complete(session: CoachingSession) -> bool:
    return session.reflection is not None and session.reflection.complete


def _is_draft(session: CoachingSession) -> bool:
    return session.reflection is not None and not session.reflection.complete
