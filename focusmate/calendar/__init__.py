"""Calendar adapters (issue 15): they read what a calendar source holds and give plain
:class:`focusmate.core.calendar_events.CalendarEvent` values. Qt-free, so that a worker thread
can run them; no Qt, no TinyDB, no state of the app."""
