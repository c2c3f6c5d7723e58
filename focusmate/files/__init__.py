"""Durable private files: atomic writes, private folders, damaged files set aside.

Standard library and focusmate.core only, so that storage, desktop, services and cli can all
use them.
"""
