"""The listening-gap insight (issue 16) in German, from the installed catalogue."""

from __future__ import annotations

from focusmate.core.insights import insight_text
from focusmate.ui.i18n import InstalledLanguage
from tests.core.test_pulse_gap import jordan_three_times, listening_gap


def test_the_listening_gap_speaks_german(german: InstalledLanguage) -> None:
    assert german.code == "de"
    assert insight_text(listening_gap(jordan_three_times(5, 3))) == (
        "Sie haben Ihr Zuhören im Schnitt mit 5.0 bewertet; "
        "die Antworten von Jordan liegen im Schnitt bei 3.0."
    )
