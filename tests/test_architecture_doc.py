"""Every rule the code or the tests cite exists in ARCHITECTURE.md.

Code cites an invariant as "ARCHITECTURE invariant N" (or "ARCHITECTURE.md invariant N") and
a section as ARCHITECTURE.md followed by its heading in double quotes; each must name a
numbered invariant or a heading that the document has.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "ARCHITECTURE.md"
INVARIANT = re.compile(r"ARCHITECTURE(?:\.md)?,? (?:rule|invariant) (\d+)")
SECTION = re.compile(r'ARCHITECTURE\.md,? \(?"([^"]+)"')


def numbered_invariants(text: str) -> set[int]:
    section = text.split("## Invariants", 1)[1].split("\n## ", 1)[0]
    return {int(number) for number in re.findall(r"^(\d+)\. \*\*", section, re.MULTILINE)}


def headings(text: str) -> set[str]:
    return {line.lstrip("#").strip() for line in text.splitlines() if line.startswith("## ")}


def citations(pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    found = []
    for folder in ("focusmate", "tests", "packaging"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for match in pattern.finditer(path.read_text()):
                found.append((str(path.relative_to(ROOT)), match.group(1)))
    return found


def test_every_cited_invariant_exists() -> None:
    known = numbered_invariants(DOC.read_text())
    cited = citations(INVARIANT)
    assert cited, "no citation found: the pattern no longer matches how code cites invariants"
    missing = [(where, number) for where, number in cited if int(number) not in known]
    assert missing == []


def test_every_cited_section_exists() -> None:
    known = headings(DOC.read_text())
    missing = [(where, title) for where, title in citations(SECTION) if title not in known]
    assert missing == []


def test_the_checks_see_a_missing_invariant_and_section() -> None:
    text = "# t\n## Invariants\n\n1. **One writer.** x\n2. **Two.** y\n\n## Layers\n"
    assert numbered_invariants(text) == {1, 2}
    assert headings(text) == {"Invariants", "Layers"}
    assert INVARIANT.search("see ARCHITECTURE invariant 7").group(1) == "7"  # type: ignore[union-attr]
