#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian/Ubuntu machine (system
# packages for a headless X desktop and the notification daemons, a virtual environment with
# focusmate and its test and bundle extras) and runs the whole suite: lint, types, unit, UI
# and desktop end-to-end tests, and the standalone bundle, built and smoke-tested first.
# The end-to-end tests start their own Xvfb, D-Bus session, tray host and dunst; if any
# is missing they fail, they are never left out.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/ensure-debian-packages.sh app test bundle
[[ -x .venv/bin/python ]] || python3 -m venv .venv
echo "== installing focusmate and its test and bundle extras into .venv (log: .venv/install.log)"
.venv/bin/python packaging/pip_install.py --log .venv/install.log --editable '.[test,bundle]'
export PATH="$PWD/.venv/bin:$PATH"
# One command per line: under `set -e` a failure inside an `a && b` list does not stop the script.
echo "== ruff"
ruff check focusmate tests packaging
ruff format --check focusmate tests packaging
echo "== mypy"
mypy
echo "== bundle"
python packaging/build_bundle.py
echo "== pytest"
pytest "$@" # last, so its summary line closes the run
