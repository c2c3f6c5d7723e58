"""mako: the mode ``do-not-disturb``, added and removed with ``makoctl mode -a/-r``.

A mako mode does nothing by itself: it only hides notifications if the user's config gives it
that meaning::

    [mode=do-not-disturb]
    invisible=1

(then ``makoctl reload``).  So engage() first looks for such a section in mako's config file and
refuses, with that advice, when there is none — the UI must not claim a silence that is not
there.  Only our mode is added and removed; any other mode the user has stays as it is.  The
mode lives in mako's memory (a restarted mako has none).  ``makoctl`` needs mako 1.7 or later
(and busctl and jq, which makoctl calls).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from focusmate.core.dnd import DndUnavailable
from focusmate.core.text import translate
from focusmate.desktop.dnd.commands import run_tool
from focusmate.desktop.dnd.switch import SwitchBackend

MODE = "do-not-disturb"
CONFIG_ADVICE = (
    "add a section `[mode=do-not-disturb]` with `invisible=1` to ~/.config/mako/config, "
    "then run `makoctl reload`"
)
_SECTION = re.compile(r"^\s*\[(?P<criteria>[^\]]*)\]\s*$")
_INVISIBLE = re.compile(r"^\s*invisible\s*=\s*(1|true)\s*$")


class MakoDnd(SwitchBackend):
    """Turn mako's do-not-disturb mode on and off."""

    name = "mako"
    label = "mako"

    @property
    def guidance(self) -> str:
        return translate(
            "DoNotDisturb",
            "To let focusmate silence mako, add a section `[mode=do-not-disturb]` with "
            "`invisible=1` to ~/.config/mako/config, then run `makoctl reload`.",
        )

    def _modes(self) -> list[str]:
        return [line.strip() for line in run_tool(["makoctl", "mode"], self._env).splitlines()]

    def _read(self) -> bool:
        return MODE in self._modes()

    def _write(self, on: bool) -> None:
        run_tool(["makoctl", "mode", "-a" if on else "-r", MODE], self._env)

    def engage(self) -> None:
        if not config_hides_in_mode(self._config_paths()):
            raise DndUnavailable(f"mako's config does not define the mode {MODE}: {CONFIG_ADVICE}")
        super().engage()

    def _config_paths(self) -> list[Path]:
        env = os.environ if self._env is None else self._env
        home = Path(env.get("HOME", "~")).expanduser()
        config_home = Path(env.get("XDG_CONFIG_HOME") or home / ".config")
        return [home / ".mako" / "config", config_home / "mako" / "config"]  # mako's order


def config_hides_in_mode(paths: list[Path]) -> bool:
    """Whether the first existing config file has a ``mode=do-not-disturb`` section that sets
    ``invisible=1``."""
    for path in paths:
        try:
            text = path.read_text(errors="replace")
        except OSError:
            continue
        in_mode_section = False
        for line in text.splitlines():
            section = _SECTION.match(line)
            if section:
                in_mode_section = f"mode={MODE}" in section.group("criteria").split()
            elif in_mode_section and _INVISIBLE.match(line):
                return True
        return False
    return False
