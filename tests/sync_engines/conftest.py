"""The pair of Syncthing daemons the sync-engine tests share: one per module, since starting
one takes about a second and each test works on files of its own names.

Never skipped: without ``syncthing`` (or when a daemon does not come up) the tests fail with
the reason and the daemon's log.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sync_engines.syncthing import SyncthingPair


@pytest.fixture(scope="module")
def syncthing_pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SyncthingPair]:
    """Devices a and b, connected on loopback, sharing one folder, in sync."""
    with SyncthingPair(tmp_path_factory.mktemp("syncthing")) as pair:
        figures = ", ".join(f"{step} {s:.2f} s" for step, s in pair.timings_s.items())
        print(f"\nsyncthing pair up: {figures}")
        yield pair
