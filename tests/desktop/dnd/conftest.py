"""Fixtures for the do-not-disturb tests: each backend on its daemon under a headless desktop.

``rig`` is parametrised over every backend that runs here (real daemons, real dconf, and the
named fakes for KDE, swaync and mako) with one desktop per backend for the whole module; ``clean``
hands a test that rig in its pristine state and puts it back afterwards.  Nothing is skipped: a
missing daemon or tool fails the test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.desktop.dnd.rigs import RIGS, Rig, SwayncRig, started


@pytest.fixture(scope="module", params=list(RIGS))
def rig(request: pytest.FixtureRequest) -> Iterator[Rig]:
    yield from started(RIGS[request.param]())


@pytest.fixture
def clean(rig: Rig) -> Iterator[Rig]:
    rig.pristine()
    assert rig.is_pristine()
    yield rig
    rig.pristine()


@pytest.fixture(scope="module")
def swaync() -> Iterator[SwayncRig]:
    """The fake swaync daemon on its own desktop, for the tests of one module."""
    for rig in started(SwayncRig()):
        assert isinstance(rig, SwayncRig)
        yield rig
