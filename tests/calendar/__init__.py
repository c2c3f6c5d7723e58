"""Tests of the calendar adapters (focusmate/calendar)."""
