"""Run a desktop tool (gsettings, makoctl, shortcuts, ...) for a do-not-disturb backend.

Always a list of arguments (never a shell, so a name is never interpolated into a command
line), always a timeout, the C locale (so messages can be matched), and every failure —
missing program, timeout, non-zero exit — becomes a DndUnavailable with the tool's own words.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence

from focusmate.core.dnd import DndUnavailable

#: Upper bound of one tool run, in seconds.
COMMAND_TIMEOUT_S = 1.0


def run_tool(
    argv: Sequence[str],
    env: Mapping[str, str] | None = None,
    *,
    timeout_s: float = COMMAND_TIMEOUT_S,
) -> str:
    """Run ``argv`` and return its standard output; DndUnavailable unless it exits 0."""
    child_env = dict(os.environ if env is None else env)
    child_env["LC_ALL"] = "C"
    try:
        result = subprocess.run(
            list(argv),
            env=child_env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
    except FileNotFoundError:
        raise DndUnavailable(f"{argv[0]} is not installed") from None
    except subprocess.TimeoutExpired:
        raise DndUnavailable(f"{argv[0]} did not answer within {timeout_s:g} s") from None
    except OSError as error:
        raise DndUnavailable(f"cannot run {argv[0]}: {error}") from error
    if result.returncode != 0:
        message = (result.stderr.strip() or result.stdout.strip()).splitlines()
        reason = message[-1] if message else f"exit status {result.returncode}"
        raise DndUnavailable(f"{' '.join(argv[:2])} failed: {reason}")
    return result.stdout
