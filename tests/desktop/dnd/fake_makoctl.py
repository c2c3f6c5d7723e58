"""A FAKE ``makoctl`` (mako 1.7's ``mode`` command only), for tests only.

mako needs a Wayland compositor with layer-shell, which these machines cannot start headless,
so tests put this script on PATH as ``makoctl``.  It keeps mako's mode list in the JSON file
named by ``$FAKE_MAKO_STATE`` (default ``["default"]``, as mako starts) and appends every
argument list it receives to ``$FAKE_MAKO_LOG`` (JSON lines), so a test can check exactly what
was run.  Like the real one: ``makoctl mode`` prints the modes one per line; ``mode -a M``
and ``mode -r M`` (repeatable) add and remove, ``mode -s M...`` sets, and each prints the
resulting list.  With ``$FAKE_MAKO_DOWN`` set it fails as makoctl does when mako is not running.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    log = os.environ.get("FAKE_MAKO_LOG")
    if log:
        with Path(log).open("a") as handle:
            handle.write(json.dumps(argv) + "\n")
    if os.environ.get("FAKE_MAKO_DOWN"):
        print("Failed to call method: The name is not activatable", file=sys.stderr)
        return 1
    if not argv or argv[0] != "mode":
        print(f"makoctl (fake): unsupported command {argv}", file=sys.stderr)
        return 1
    state = Path(os.environ["FAKE_MAKO_STATE"])
    modes: list[str] = json.loads(state.read_text()) if state.exists() else ["default"]
    args = argv[1:]
    if args[:1] == ["-s"]:
        modes = args[1:]
    else:
        while args:
            if len(args) < 2 or args[0] not in ("-a", "-r"):
                print(f"makoctl (fake): bad mode arguments {args}", file=sys.stderr)
                return 1
            flag, mode, args = args[0], args[1], args[2:]
            if flag == "-a":
                modes.append(mode)
            else:
                modes = [m for m in modes if m != mode]
    modes = sorted(set(modes))
    if argv[1:]:  # a change: replace the file atomically (a test may be reading it meanwhile)
        temp = state.with_name(f"{state.name}.{os.getpid()}")
        temp.write_text(json.dumps(modes))
        temp.replace(state)
    print("\n".join(modes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
