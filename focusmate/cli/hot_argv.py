"""The command lines typed most, read without argparse (issue 18, ARCHITECTURE invariant 13).

`focusmate log phone` is typed from a hotkey tool or a script many times a day; argparse, and
what it loads (re, gettext, shutil for the terminal's width...), is a large part of such a
process. :func:`hot_args` reads only the exact forms below and answers None for anything
else, which main() then gives to the argparse parser (cli.parser): help, errors, prefixes of
option names, repeated options, values that start with "-", "--", ``--dnd-backend``. So
every message and exit code stays argparse's own, and for the forms read here the result is
what argparse would have made of them.

    [--data-dir DIR | --data-dir=DIR] log KIND
    [--data-dir ...] start [--with NAME] [--minutes N] [--focus TEXT] [--kind KIND] [--anyway]
    [--data-dir ...] end | undo | status [--json]

(``--with`` is required, as in the parser; options in any order, each at most once, their
values in the next word or after "=".)
"""

from __future__ import annotations

from types import SimpleNamespace

#: typing.TYPE_CHECKING without importing typing (see desktop.client_paths).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

#: start's options that take a value, and the attribute each fills.
_START_VALUES = {
    "--with": "with_name",
    "--minutes": "minutes",
    "--focus": "focus",
    "--kind": "kind",
}


def hot_args(argv: Sequence[str]) -> SimpleNamespace | None:
    """The parsed arguments of one of the forms above, or None for the full parser."""
    words = list(argv)
    options = _options(words, {"--data-dir": "data_dir"}, set(), stop_at_word=True)
    if options is None or not words:
        return None
    command = words.pop(0)
    common = {"command": command, "data_dir": options.get("data_dir")}
    if command == "log" and len(words) == 1 and not words[0].startswith("-"):
        return SimpleNamespace(**common, kind=words[0])
    if command in {"end", "undo"} and not words:
        return SimpleNamespace(**common)
    if command == "status" and words in ([], ["--json"]):
        return SimpleNamespace(**common, json=bool(words))
    return _start_args(common, words) if command == "start" else None


def _start_args(common: dict[str, str | None], words: list[str]) -> SimpleNamespace | None:
    chosen = _options(words, _START_VALUES, {"--anyway"}, stop_at_word=False)
    if chosen is None or "with_name" not in chosen:
        return None
    # Here, not at the top: `log` needs none of the typing rules (ARCHITECTURE invariant 13).
    from focusmate.core.validation import DEFAULT_MINUTES  # noqa: PLC0415

    return SimpleNamespace(
        **common,
        with_name=chosen["with_name"],
        minutes=chosen.get("minutes", str(DEFAULT_MINUTES)),
        focus=chosen.get("focus", ""),
        kind=chosen.get("kind"),
        anyway="--anyway" in chosen,
    )


def _options(
    words: list[str], valued: dict[str, str], flags: set[str], *, stop_at_word: bool
) -> dict[str, str] | None:
    """Take the options off the front of ``words`` (all of them unless ``stop_at_word``, when
    the first word that is no option ends them): their values by attribute, a flag by its own
    name. None for anything the parser should see: an unknown option, one given twice, a
    value missing or starting with "-", a word where an option should be."""
    found: dict[str, str] = {}
    while words:
        word = words[0]
        if not word.startswith("-"):
            if stop_at_word:
                break
            return None
        name, equals, value = word.partition("=")
        if name in flags and not equals:
            attribute = name
        elif name in valued:
            attribute = valued[name]
            if not equals:
                if len(words) < 2:
                    return None
                value = words[1]
                del words[1]
            if value.startswith("-"):
                return None
        else:
            return None
        if attribute in found:
            return None
        found[attribute] = value
        del words[0]
    return found
