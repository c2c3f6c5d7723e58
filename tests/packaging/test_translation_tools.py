"""packaging/update_translations.py: its checks notice a stale catalogue, and keep notes
meant for translators while dropping code comments lupdate picked up."""

from __future__ import annotations

import shutil
from pathlib import Path

import update_translations as tools


def test_a_changed_translation_makes_the_compiled_catalogue_stale(tmp_path: Path) -> None:
    ts = tmp_path / "focusmate_de.ts"
    shutil.copy(tools.catalogue("de"), ts)
    messages = tools.read_messages(ts)
    same = tmp_path / "same.qm"
    tools.run_lrelease(ts, same)
    assert tools.same_translations(tools.compiled("de"), same, messages)
    first = messages[0]
    changed = tools.merge(ts, {first.context: {first.source: first.translation + " (alt)"}})
    assert changed == 1
    other = tmp_path / "other.qm"
    tools.run_lrelease(ts, other)
    assert not tools.same_translations(tools.compiled("de"), other, messages)


def test_only_notes_for_translators_are_kept(tmp_path: Path) -> None:
    ts = tmp_path / "notes.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="de">'
        "<context><name>C</name>"
        "<message><source>a</source><extracomment>A signal's docs.</extracomment>"
        "<translation>x</translation></message>"
        "<message><source>b</source><extracomment>Docs. For translators: a date format."
        "</extracomment><translation>y</translation></message>"
        "</context></TS>\n",
        encoding="utf-8",
    )
    tools.keep_translator_notes(ts)
    text = ts.read_text(encoding="utf-8")
    assert "A signal's docs" not in text
    assert "<extracomment>For translators: a date format.</extracomment>" in text
