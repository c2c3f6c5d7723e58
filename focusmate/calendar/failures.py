"""Why a calendar source could not be refreshed: one exception with a stable problem id (the
ids of core.calendar_status.SourceStatus.problem) and one English line for the user."""

from __future__ import annotations


class FetchFailed(Exception):  # noqa: N818 - reads as a sentence at the raise site
    """A source could not be fetched or read. ``str(error)`` is the one line shown in the
    Calendars tab and by ``focusmate calendar status``; it never holds a password."""

    def __init__(self, problem: str, line: str) -> None:
        super().__init__(line)
        self.problem = problem
