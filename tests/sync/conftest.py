"""The sync folder tests' fixtures: a share in either mode, with format.json set up once per
test run (deriving the key takes a quarter of a second, so the tests that are not about the
passphrase reuse one). The rig itself is tests/sync/rig.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from focusmate.sync.format_file import Mode, create_folder
from focusmate.sync.keys import KdfSettings, derive_key
from focusmate.sync.local_folder import LocalFolder
from focusmate.sync.names import FORMAT_FILE, ROOT
from tests.sync.rig import PASSPHRASE, FormatFile, Share


@pytest.fixture(scope="session")
def sealed_format(tmp_path_factory: pytest.TempPathFactory) -> FormatFile:
    share = tmp_path_factory.mktemp("format")
    create_folder(LocalFolder(share), Mode.ENCRYPTED, PASSPHRASE)
    raw = (share / ROOT / FORMAT_FILE).read_bytes()
    settings = KdfSettings.from_json(json.loads(raw)["kdf"])
    return FormatFile(raw, derive_key(PASSPHRASE, settings))


@pytest.fixture(params=["sealed", "plain"])
def share(request: pytest.FixtureRequest, tmp_path: Path, sealed_format: FormatFile) -> Share:
    """A share in either mode: the behaviour under test holds in both."""
    return Share(tmp_path / "share", sealed_format if request.param == "sealed" else None)


@pytest.fixture
def sealed_share(tmp_path: Path, sealed_format: FormatFile) -> Share:
    return Share(tmp_path / "share", sealed_format)


@pytest.fixture
def plain_share(tmp_path: Path) -> Share:
    (tmp_path / "plain").mkdir()
    return Share(tmp_path / "plain" / "share", None)
