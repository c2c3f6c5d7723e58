"""Fixtures of the calendar tests: the loopback feed server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.calendar.feed_server import FeedServer, serving


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A plain-http feed server on 127.0.0.1 with no routes yet; closed after the test."""
    with serving() as server:
        yield server
