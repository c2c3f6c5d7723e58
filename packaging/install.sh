#!/usr/bin/env bash
# Installs focusmate for the current user from this checkout and starts it.
#   - Debian/Ubuntu: installs the few system libraries Qt needs, if missing (asks for sudo).
#   - Creates a private virtual environment in ~/.local/share/focusmate-app/venv,
#     installs focusmate into it, links ~/.local/bin/focusmate, adds it to the application
#     menu, and starts the tray app.
# Run it again to update. Your data (~/.local/share/focusmate) is never touched.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
venv="${FOCUSMATE_VENV:-$HOME/.local/share/focusmate-app/venv}"
bin_dir="$HOME/.local/bin"
bash "$repo/packaging/ensure-debian-packages.sh" app
[[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q "$repo"
mkdir -p "$bin_dir"
ln -sf "$venv/bin/focusmate" "$bin_dir/focusmate"
echo "focusmate is installed: $bin_dir/focusmate"
bash "$repo/packaging/install-desktop-entry.sh" "$venv/bin/focusmate"
case ":$PATH:" in *":$bin_dir:"*) ;; *) echo "(add $bin_dir to your PATH to type just 'focusmate')" ;; esac
if [[ "${FOCUSMATE_NO_START:-}" != 1 ]]; then
  nohup "$venv/bin/focusmate" >/dev/null 2>&1 &
  echo "focusmate is starting: look for its icon in your system tray."
fi
