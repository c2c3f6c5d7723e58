"""Do-not-disturb statuses, the start-up notice and the reminder, in the user's language.

The do-not-disturb session and its backend are made before the app installs its translations,
so these check that nothing is worded too early: the objects are built in English (fixtures
that run before ``german``), then read in German.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from focusmate.core.morning import morning_notification
from focusmate.desktop.dnd.null import NullDnd
from focusmate.desktop.dnd.silencer import JournaledSilencer, RecoveryNotice
from focusmate.desktop.notifications import _notify_message
from focusmate.ui.i18n import InstalledLanguage
from tests.desktop.dnd.fake_backend import FakeDnd


@pytest.fixture
def fake_session(tmp_path: Path) -> JournaledSilencer:
    return JournaledSilencer(FakeDnd(), tmp_path / "journal.json", guard=False)


@pytest.fixture
def unsilenceable(tmp_path: Path) -> JournaledSilencer:
    return JournaledSilencer(NullDnd(), tmp_path / "none.json", guard=False)


@pytest.fixture
def damaged_journal_notice(tmp_path: Path) -> RecoveryNotice:
    journal = tmp_path / "damaged.json"
    journal.write_text("{not json")
    notice = JournaledSilencer(FakeDnd(), journal, guard=False).recover()
    assert notice is not None
    return notice


def test_statuses_made_before_the_translations_load_are_said_in_german(
    fake_session: JournaledSilencer, unsilenceable: JournaledSilencer, german: InstalledLanguage
) -> None:
    assert fake_session.status().detail == (
        "Benachrichtigungen werden während der Gespräche pausiert (Fake)"
    )
    assert fake_session.engage().detail == "Benachrichtigungen pausiert (Fake)"
    assert fake_session.restore().detail == "Benachrichtigungen sind wieder an (Fake)"
    detail = unsilenceable.engage().detail
    assert detail.startswith("Dieser Desktop konnte nicht stummgeschaltet werden: Es wurde kein")
    assert unsilenceable.status().backend is None and unsilenceable.status().engaged is False


def test_the_start_up_notice_is_worded_when_shown(
    damaged_journal_notice: RecoveryNotice, german: InstalledLanguage
) -> None:
    text = str(damaged_journal_notice)
    assert text.startswith("Ein „Nicht stören“-Eintrag war beschädigt (")
    assert "Benachrichtigungen sind wieder an" in text
    # The log keeps the same sentence in English, like every start-up notice.
    assert damaged_journal_notice.in_english.startswith("A do-not-disturb record was damaged (")


def test_the_morning_reminder_and_its_button_in_german(german: InstalledLanguage) -> None:
    note = morning_notification(datetime(2026, 11, 23, 7, 30, tzinfo=UTC))
    assert note.title == "Morgendliche Stille"
    assert note.body.startswith("Bevor Sie aufs Handy schauen")
    message = _notify_message(note, clickable=True)
    assert message.body[5] == ["default", "Öffnen"]  # the click's label, where servers show it
    assert message.body[3] == "Morgendliche Stille"
