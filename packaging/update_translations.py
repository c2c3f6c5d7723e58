"""Keeps the translation catalogues in step with the source.

    python packaging/update_translations.py          # refresh the .ts files, compile the .qm
    python packaging/update_translations.py --check  # exit 1 if anything is out of step
    python packaging/update_translations.py --merge de.json ...  # fill in translations

--merge takes JSON files shaped {"Context": {"English source": "German text"}} and writes
those translations into the German catalogue (marked finished) before compiling.

Qt's lupdate reads every ``translate("Context", "text")`` call in focusmate/ into
resources/i18n/focusmate_<lang>.ts (translators edit those,
by hand or in Qt Linguist); lrelease compiles them to the .qm files the app loads.
Locations are left out of the .ts so that moving code does not churn the catalogue. lupdate
also hands every ``#:`` comment in the code to translators; only notes written for them, which
start with "For translators:", are kept.

--check compares without writing: the strings the source has against the catalogue
(new, obsolete, unfinished or empty translations) and the committed .qm against a fresh
compile. The test suite runs it, so a string added without its translation fails CI.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
I18N = REPO / "resources" / "i18n"
LANGUAGES = ("de",)


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease next to this Python, else on PATH."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 (pip install -e .)")
    return found


def sources() -> list[Path]:
    return sorted((REPO / "focusmate").rglob("*.py"))


def catalogue(language: str) -> Path:
    return I18N / f"focusmate_{language}.ts"


def compiled(language: str) -> Path:
    return I18N / f"focusmate_{language}.qm"


def run_lupdate(ts: Path, language: str) -> None:
    files = [str(path) for path in sources()]
    subprocess.run(
        [
            tool("lupdate"),
            *files,
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            language,
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
        text=True,
    )


TRANSLATOR_NOTE = "For translators:"


def keep_translator_notes(ts: Path) -> None:
    """Drop the code comments lupdate attached to messages; keep notes meant for translators."""
    tree = ET.parse(ts)  # noqa: S314 - our own catalogue
    for message in tree.getroot().iter("message"):
        for note in message.findall("extracomment"):
            text = note.text or ""
            if TRANSLATOR_NOTE in text:
                note.text = text[text.index(TRANSLATOR_NOTE) :]
            else:
                message.remove(note)
    write_catalogue(tree, ts)


def write_catalogue(tree: ET.ElementTree[ET.Element], ts: Path) -> None:
    ET.indent(tree, space="    ")
    with ts.open("wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")


def run_lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [tool("lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True, text=True
    )


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    translation: str
    finished: bool


def read_messages(ts: Path) -> list[Message]:
    messages = []
    for context in ET.parse(ts).getroot().iter("context"):  # noqa: S314 - our own file
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            messages.append(
                Message(
                    context=name,
                    source=message.findtext("source") or "",
                    comment=message.findtext("comment") or "",
                    translation=(translation.text or "") if translation is not None else "",
                    finished=kind not in ("unfinished", "obsolete", "vanished"),
                )
            )
    return messages


def problems(language: str) -> list[str]:
    """What is out of step for ``language``; empty when all is well."""
    ts = catalogue(language)
    if not ts.exists():
        return [f"{ts.relative_to(REPO)} is missing: run packaging/update_translations.py"]
    found: list[str] = []
    committed = {(m.context, m.source, m.comment) for m in read_messages(ts)}
    with tempfile.TemporaryDirectory() as scratch:
        fresh_ts = Path(scratch) / ts.name
        shutil.copy(ts, fresh_ts)
        run_lupdate(fresh_ts, language)
        fresh = read_messages(fresh_ts)
        wanted = {(m.context, m.source, m.comment) for m in fresh}
        found += [f"not in the catalogue: {c}: {s!r}" for c, s, _ in sorted(wanted - committed)]
        found += [f"no longer in the source: {c}: {s!r}" for c, s, _ in sorted(committed - wanted)]
        found += [
            f"untranslated: {m.context}: {m.source!r}"
            for m in fresh
            if (m.context, m.source, m.comment) in committed
            and (not m.finished or not m.translation.strip())
        ]
        fresh_qm = Path(scratch) / "fresh.qm"
        run_lrelease(ts, fresh_qm)
        qm = compiled(language)
        if not qm.exists() or not same_translations(qm, fresh_qm, fresh):
            found.append(f"{qm.relative_to(REPO)} is stale: run packaging/update_translations.py")
    return found


def merge(ts: Path, translations: dict[str, dict[str, str]]) -> int:
    """Write ``translations`` into ``ts``; return how many messages were filled in."""
    tree = ET.parse(ts)  # noqa: S314 - our own catalogue
    filled = 0
    for context in tree.getroot().iter("context"):
        wanted = translations.get(context.findtext("name") or "", {})
        for message in context.iter("message"):
            text = wanted.get(message.findtext("source") or "")
            translation = message.find("translation")
            if text is None or translation is None:
                continue
            translation.text = text
            translation.attrib.pop("type", None)
            filled += 1
    write_catalogue(tree, ts)
    return filled


def read_merge_files(paths: list[Path]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for path in paths:
        for context, entries in json.loads(path.read_text(encoding="utf-8")).items():
            merged.setdefault(context, {}).update(entries)
    return merged


def same_translations(committed: Path, fresh: Path, messages: list[Message]) -> bool:
    """The committed .qm answers every message as a fresh compile does (byte-equal files
    always do; another lrelease version may lay the same answers out differently)."""
    if committed.read_bytes() == fresh.read_bytes():
        return True
    from PySide6.QtCore import QTranslator  # noqa: PLC0415 - only when the bytes differ

    old, new = QTranslator(), QTranslator()
    if not (old.load(str(committed)) and new.load(str(fresh))):
        return False
    return all(
        old.translate(m.context, m.source, m.comment or None)
        == new.translate(m.context, m.source, m.comment or None)
        for m in messages
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report, do not write")
    parser.add_argument(
        "--merge",
        nargs="+",
        type=Path,
        default=[],
        metavar="JSON",
        help="German translations to write into the catalogue",
    )
    args = parser.parse_args(argv)
    if args.check:
        found = [f"{language}: {p}" for language in LANGUAGES for p in problems(language)]
        print("\n".join(found) or "translations are in step with the source")
        return 1 if found else 0
    I18N.mkdir(exist_ok=True)
    # Several people (or agents) may run this at once: one at a time touches the catalogue.
    with (I18N / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _update(read_merge_files(args.merge))


def _update(translations: dict[str, dict[str, str]]) -> int:
    for language in LANGUAGES:
        run_lupdate(catalogue(language), language)
        keep_translator_notes(catalogue(language))
        if translations and language == "de":
            print(f"de: {merge(catalogue(language), translations)} translations merged")
        run_lrelease(catalogue(language), compiled(language))
        messages = read_messages(catalogue(language))
        todo = sum(1 for m in messages if not m.finished or not m.translation.strip())
        print(f"{language}: {len(messages)} strings, {todo} to translate")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
