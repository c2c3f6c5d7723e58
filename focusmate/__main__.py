"""Entry point: `focusmate` and `python -m focusmate`."""

from __future__ import annotations

import sys

from focusmate.cli.main import main as _cli_main


def main() -> None:
    sys.exit(_cli_main())


if __name__ == "__main__":
    main()
