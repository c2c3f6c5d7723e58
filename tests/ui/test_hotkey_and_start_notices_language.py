"""What focusmate says about its global hotkeys and at start-up, in the user's language.

Both are decided before anyone reads them (the hotkeys and the start-up checks may run before
the app's translations are installed), so they are worded when shown; the log keeps English.
"""

from __future__ import annotations

import logging
import re
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from focusmate.core.hotkeys import HotkeyBindings
from focusmate.core.model import CoachingSession
from focusmate.core.settings import Settings
from focusmate.core.status import HotkeyReadiness
from focusmate.desktop.hotkeys import GlobalHotkeys, session_availability
from focusmate.services.controller import SessionController
from focusmate.services.hotkey_service import HotkeyService
from focusmate.services.startup import tell_at_start
from focusmate.storage.backups import open_or_recover, take_backup
from focusmate.storage.permissions import permissions_notice, tighten_permissions
from focusmate.storage.repository import DATA_FILE_NAME, TinyDBSessionRepository
from focusmate.ui.actions import AppActions
from focusmate.ui.windows import Windows
from tests.fakes import T0

#: Words that give away an English sentence; none of them is German.
ENGLISH_WORDS = frozenset(
    {
        "the",
        "is",
        "not",
        "could",
        "your",
        "and",
        "to",
        "for",
        "are",
        "of",
        "only",
        "cannot",
        "while",
        "there",
        "bind",
        "hotkeys",
        "session",
        "was",
        "were",
        "they",
    }
)
COMMANDS = "`focusmate log phone`, `focusmate log app`"


def english_left(text: str, *facts: str) -> set[str]:
    """The English words in ``text`` once the facts (commands, keys, names) are taken out."""
    for fact in facts:
        text = text.replace(fact, " ")
    return set(re.findall(r"[a-z']+", text.lower())) & ENGLISH_WORDS


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux desktop session")
def test_on_wayland_the_session_window_says_so_in_german_and_the_log_in_english(
    controller: SessionController,
    actions: AppActions,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    request: pytest.FixtureRequest,
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    english = session_availability({"WAYLAND_DISPLAY": "w"}, "linux", HotkeyBindings.defaults())
    english_shown = english.shown  # read now: it is worded when read
    assert english_shown.startswith("This is a Wayland session, where global hotkeys are not")
    request.getfixturevalue("german")
    windows = Windows(controller, actions, use_tray=False)
    with caplog.at_level(logging.WARNING, logger="focusmate.services.startup"):
        service = HotkeyService(windows, Settings())
    try:
        note = windows.session_window.hotkey_note.text()
        reason, _, help_text = note.partition("\n\n")
        assert reason == (
            "Dies ist eine Wayland-Sitzung, in der globale Tastenkürzel nicht möglich sind. "
            f"Legen Sie stattdessen Desktop-Tastenkürzel auf {COMMANDS}."
        )
        assert english_shown not in note and english.reason not in note
        assert english_left(reason, COMMANDS) == set()
        assert help_text.startswith("Legen Sie diese Befehle")  # ShortcutHelp, German too
        assert windows.hotkeys.note == note  # what the welcome shows
        logged = [r.getMessage() for r in caplog.records if r.name == "focusmate.services.startup"]
        assert logged == [f"global hotkeys: {english.reason}"]
        assert logged[0].startswith("global hotkeys: Wayland session: global hotkeys are not")
        # `status --json` says the same: not ready, with the English reason
        assert service.readiness() == HotkeyReadiness(False, english.reason)
    finally:
        service.stop()
        windows.close_all()


def test_a_reason_is_worded_when_read_not_when_made(
    qapp: QApplication, request: pytest.FixtureRequest
) -> None:
    """The hotkeys may start before the translators are installed: nothing is fixed then."""
    defaults = HotkeyBindings.defaults()
    made_in_english = session_availability({}, "linux", defaults)
    assert made_in_english.shown.startswith("There is no X display (DISPLAY is not set)")
    request.getfixturevalue("german")
    assert made_in_english.shown == (
        "Es gibt keine X-Anzeige (DISPLAY ist nicht gesetzt), daher sind globale Tastenkürzel "
        f"aus. Legen Sie stattdessen Desktop-Tastenkürzel auf {COMMANDS}."
    )
    assert made_in_english.reason.startswith("no X display (DISPLAY is not set): global hotkeys")


@pytest.mark.usefixtures("german")
def test_every_reason_a_window_can_show_is_german(qapp: QApplication) -> None:
    defaults = HotkeyBindings.defaults()
    hotkeys = GlobalHotkeys(environ={"WAYLAND_DISPLAY": "wayland-0"}, platform="linux")
    console = hotkeys.start(HotkeyBindings.from_text({"phone": "Ctrl+Alt+F1"}))
    assert console.reason == (
        "not listening for Ctrl+Alt+F1 for 'phone' (Ctrl+Alt+F1 switches to a text console on "
        "Linux); choose another hotkey"
    )
    assert console.shown == (
        "Ctrl+Alt+F1 (phone) wechselt unter Linux zu einer Textkonsole, daher reagiert focusmate "
        "nicht darauf. Wählen Sie in den Einstellungen ein anderes Tastenkürzel."
    )
    shown = {
        "console": console.shown,
        "system": hotkeys.start(HotkeyBindings.from_text({"phone": "Ctrl+Alt+Delete"})).shown,
        "x session": hotkeys.start(HotkeyBindings.from_text({"phone": "Ctrl+Alt+Backspace"})).shown,
        "conflict": hotkeys.start(
            HotkeyBindings.from_text({"phone": "Ctrl+Alt+P", "app": "Ctrl+Alt+P"})
        ).shown,
        "none bound": hotkeys.start(HotkeyBindings()).shown,
        "wayland, some refused": hotkeys.start(
            HotkeyBindings.from_text({"phone": "Ctrl+Alt+F2", "app": "Ctrl+Alt+A"})
        ).shown,
        "windows": session_availability({}, "win32", defaults).shown,
        "xwayland": session_availability(
            {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux", defaults
        ).shown,
    }
    hotkeys.stop()
    shown["stopped"] = hotkeys.availability.shown
    for what, text in shown.items():
        assert text, what
        facts = (COMMANDS, "`focusmate log app`", "Ctrl+Alt+P", "X11 (XWayland)")
        assert english_left(text, *facts) == set(), (what, text)
    assert shown["conflict"].startswith("Ctrl+Alt+P ist mehreren Aktionen zugeordnet (phone, app)")
    assert shown["wayland, some refused"] == (  # the commands of the bindings left
        "Dies ist eine Wayland-Sitzung, in der globale Tastenkürzel nicht möglich sind. Legen "
        "Sie stattdessen Desktop-Tastenkürzel auf `focusmate log app`."
    )
    assert shown["stopped"] == "Die globalen Tastenkürzel sind angehalten."


def loose_data_folder(data: Path) -> None:
    """A data folder others could read, whose history was damaged after a backup."""
    repository = TinyDBSessionRepository(data)
    repository.save(CoachingSession("a", "Ana", T0, 30, ended_at=T0 + timedelta(minutes=30)))
    take_backup(data, T0)
    (data / DATA_FILE_NAME).write_bytes(b'{"sessions": {"1": {"id": "x", "wi')
    data.chmod(0o755)
    (data / DATA_FILE_NAME).chmod(0o644)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_start_up_notices_are_german_in_the_window_and_english_in_the_log(
    controller: SessionController,
    actions: AppActions,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    request: pytest.FixtureRequest,
) -> None:
    data = tmp_path / "data"
    loose_data_folder(data)
    # Made as app.run makes them: before the QApplication and its translators.
    permission = permissions_notice(tighten_permissions(data))
    _repository, recovery = open_or_recover(data, T0 + timedelta(days=1))
    assert permission is not None and recovery is not None
    request.getfixturevalue("german")
    windows = Windows(controller, actions, use_tray=False)
    try:
        with caplog.at_level(logging.WARNING, logger="focusmate.services.startup"):
            tell_at_start(windows, (permission, recovery, None))
        said = [box.text() for box in windows.notices]
        assert said[0] == (
            "Andere konnten einige Ihrer focusmate-Dateien lesen (., focusmate.json); sie sind "
            "jetzt wieder nur für Sie zugänglich."
        )
        assert said[1].startswith("Ihre Datendatei war beschädigt (")
        assert said[1].endswith(
            f"Sie wurde als {recovery.kept_as} aufbewahrt, und die Sicherung vom "
            "2026-11-23 09:00 UTC wurde wiederhergestellt."
        )
        assert english_left(said[1], recovery.damage) == set()
        logged = [r.getMessage() for r in caplog.records if r.name == "focusmate.services.startup"]
        assert logged == [permission.in_english, recovery.in_english]
        assert logged[0] == (
            "Others could read some of your focusmate files (., focusmate.json); they are "
            "private to you again."
        )
        assert logged[1].endswith("and the backup from 2026-11-23 09:00 UTC was restored.")
    finally:
        windows.close_all()


def test_a_long_list_of_loosened_files_is_cut_short(request: pytest.FixtureRequest) -> None:
    notice = permissions_notice([".", "a.json", "b.json", "c.json", "d.json"])
    assert notice is not None
    english = (
        "Others could read some of your focusmate files (., a.json, b.json and 2 more); they "
        "are private to you again."
    )
    assert str(notice) == english
    assert notice.in_english == english
    request.getfixturevalue("german")
    assert str(notice) == (
        "Andere konnten einige Ihrer focusmate-Dateien lesen (., a.json, b.json und 2 weitere); "
        "sie sind jetzt wieder nur für Sie zugänglich."
    )
    assert notice.in_english.startswith("Others could read")
