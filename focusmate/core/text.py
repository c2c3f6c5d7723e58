"""User-visible text: every sentence a person reads goes through ``translate``.

The core stays free of Qt, so this module holds only a hook: until the app installs
Qt's translator (focusmate.ui.i18n), ``translate`` returns the English source text.
Qt's ``lupdate`` finds the calls by their name, so the arguments must be plain string
literals (tests/test_translations.py checks that): put values in afterwards with
``.format(name=...)``, never in an f-string.

Plurals: Qt's Python extractor does not support ``%n`` forms, and English and German
both have one singular form, so callers choose between two literal strings with
``plural(n, one, many)`` after translating both.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Protocol


class Translator(Protocol):
    """(context, source text, disambiguation) -> the text in some language."""

    def __call__(self, context: str, text: str, disambiguation: str | None = None, /) -> str: ...


def english(context: str, text: str, disambiguation: str | None = None) -> str:
    """The English source text: for logs, files and the CLI, which never change language."""
    return text


_active: list[Translator] = [english]


def translate(context: str, text: str, disambiguation: str | None = None) -> str:
    """The user's-language version of ``text`` (``context`` groups it for translators)."""
    return _active[0](context, text, disambiguation)


def use_translator(translator: Translator | None) -> None:
    """Route ``translate`` through ``translator`` (None: back to English source text)."""
    _active[0] = translator or english


def plural(count: int, one: str, many: str) -> str:
    """``one`` or ``many`` (both already translated), with ``{n}`` filled in."""
    return (one if count == 1 else many).format(n=count)


class Worded(ABC):
    """A message made before the user's language is known (or for the log as well):
    ``str()`` words it in the user's language at the moment it is shown, ``in_english`` for
    the log. Subclasses write the sentences once, in ``worded``, whose parameter must be
    called ``translate`` so that lupdate finds them."""

    __slots__ = ()

    @abstractmethod
    def worded(self, translate: Translator) -> str: ...

    def __str__(self) -> str:
        return self.worded(_active[0])

    @property
    def in_english(self) -> str:
        return self.worded(english)
