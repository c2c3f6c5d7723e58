"""The data folder is private: checked at start, tightened, reported."""

from __future__ import annotations

import stat
from pathlib import Path

from focusmate.storage.permissions import permissions_notice, tighten_permissions
from focusmate.storage.repository import TinyDBSessionRepository


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_loose_modes_are_tightened_and_reported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    TinyDBSessionRepository(data).all_sessions()
    (data / "backups").mkdir()
    (data / "backups" / "old.json").write_text("{}")
    data.chmod(0o755)
    (data / "focusmate.json").chmod(0o644)
    (data / "backups" / "old.json").chmod(0o666)
    changed = tighten_permissions(data)
    assert sorted(changed) == [".", "backups", "backups/old.json", "focusmate.json"]
    assert mode(data) == 0o700 and mode(data / "focusmate.json") == 0o600
    assert mode(data / "backups") == 0o700 and mode(data / "backups" / "old.json") == 0o600
    notice = permissions_notice(changed)
    assert notice is not None and "and 1 more" in str(notice)
    assert tighten_permissions(data) == []  # nothing left to do
    assert permissions_notice([]) is None


def test_links_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("not ours")
    outside.chmod(0o644)
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "link").symlink_to(outside)
    assert tighten_permissions(data) == []
    assert mode(outside) == 0o644
