#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian/Ubuntu machine (system
# packages for a headless X desktop, a virtual environment with focusmate and its test
# extra) and runs the whole suite: lint, types, unit, UI and desktop end-to-end tests.
# The end-to-end tests start their own Xvfb, D-Bus session, tray host and dunst; if any
# is missing they fail, they are never left out.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/ensure-debian-packages.sh app test
[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
export PATH="$PWD/.venv/bin:$PATH"
echo "== ruff" && ruff check focusmate tests && ruff format --check focusmate tests
echo "== mypy" && mypy
echo "== pytest" && pytest "$@"
