"""Loads the user's language: focusmate's own catalogue and Qt's, then routes core text.

The language follows the desktop (QLocale's UI languages, so LANGUAGE / LC_MESSAGES /
LANG on Linux, the system setting on Windows and macOS). FOCUSMATE_LANGUAGE (e.g. "de"
or "en") overrides it, for support calls and for tests. English is the source language,
so it needs no catalogue.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from focusmate.core.text import use_translator
from focusmate.ui.icons import RESOURCES

LANGUAGE_ENV = "FOCUSMATE_LANGUAGE"
CATALOGUE = "focusmate"


def catalogue_dir() -> str:
    return str(RESOURCES / "i18n")


def requested_locale() -> QLocale:
    override = os.environ.get(LANGUAGE_ENV, "").strip()
    return QLocale(override) if override else QLocale.system()


@dataclass
class InstalledLanguage:
    """The language in use ("en" when no catalogue matched) and the translators installed."""

    code: str
    translators: list[QTranslator] = field(default_factory=list)
    #: The default locale before, put back by remove_translations.
    previous_locale: QLocale = field(default_factory=QLocale)


def install_translations(app: QCoreApplication, locale: QLocale | None = None) -> InstalledLanguage:
    """Install the catalogues for ``locale`` (default: the user's language)."""
    locale = locale or requested_locale()
    previous = QLocale()
    QLocale.setDefault(locale)
    own = QTranslator(app)
    if not own.load(locale, CATALOGUE, "_", catalogue_dir()):
        use_translator(None)
        return InstalledLanguage("en", previous_locale=previous)
    installed = InstalledLanguage(own.language().split("_")[0] or "en", [own], previous)
    # Qt's own strings (standard buttons, context menus of text fields).
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        installed.translators.append(qt)
    for translator in installed.translators:
        app.installTranslator(translator)
    use_translator(QCoreApplication.translate)
    return installed


def remove_translations(app: QCoreApplication, installed: InstalledLanguage) -> None:
    """Back to the English source text (tests switch languages within one process)."""
    for translator in installed.translators:
        app.removeTranslator(translator)
    use_translator(None)
    QLocale.setDefault(installed.previous_locale)
