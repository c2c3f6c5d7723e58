#!/usr/bin/env bash
# Installs focusmate for the current user from this checkout and starts it.
#   - Debian/Ubuntu: installs the few system libraries Qt needs, if missing (asks for sudo).
#   - Creates a private virtual environment in ~/.local/share/focusmate-app/venv, installs
#     focusmate into it without needing a C compiler (packaging/pip_install.py says why),
#     links ~/.local/bin/focusmate and adds it to the application menu.
#   - Starts the tray app if there is a desktop session, and checks that it came up.
# Run it again to update. Your data (~/.local/share/focusmate) is never touched.
# Every failing step says in one line what went wrong and what to do, and exits 1.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
app_dir="$HOME/.local/share/focusmate-app"
venv="${FOCUSMATE_VENV:-$app_dir/venv}"
bin_dir="$HOME/.local/bin"
log="$app_dir/install.log"
fail() { echo "focusmate: $*" >&2; exit 1; }

bash "$repo/packaging/ensure-debian-packages.sh" app
command -v python3 >/dev/null ||
  fail "python3 is missing: install Python 3.11 or newer, then run this again"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
  fail "focusmate needs Python 3.11 or newer, this python3 is $(python3 -c 'import platform; print(platform.python_version())')"
mkdir -p "$app_dir"
: >"$log"
updating=false
[[ -x "$venv/bin/focusmate" ]] && updating=true
if [[ ! -x "$venv/bin/python" ]]; then
  echo "Creating focusmate's Python environment in $venv"
  python3 -m venv "$venv" >>"$log" 2>&1 ||
    fail "could not create a Python environment in $venv (Debian/Ubuntu: sudo apt install python3-venv; the log: $log)"
fi
echo "Installing focusmate and the Python packages it needs (a minute or two the first time)"
"$venv/bin/python" "$repo/packaging/pip_install.py" --log "$log" "$repo"
mkdir -p "$bin_dir"
ln -sf "$venv/bin/focusmate" "$bin_dir/focusmate"
version=$("$venv/bin/focusmate" --version | cut -d' ' -f2)
if $updating; then
  echo "focusmate is updated to $version: $bin_dir/focusmate"
else
  echo "focusmate $version is installed: $bin_dir/focusmate"
fi
bash "$repo/packaging/install-desktop-entry.sh" "$venv/bin/focusmate"
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *)
    if grep -qs '\.local/bin' "$HOME/.profile"; then
      echo "To type just 'focusmate' in a terminal, log out and in again: your ~/.profile adds" \
        "$bin_dir to PATH at login (it did not exist before)."
    else
      echo "To type just 'focusmate' in a terminal, add $bin_dir to your PATH (e.g. the line" \
        "export PATH=\"\$HOME/.local/bin:\$PATH\" in ~/.profile), then log out and in again."
    fi
    ;;
esac
if [[ "${FOCUSMATE_NO_START:-}" == 1 ]]; then
  exit 0
fi
bash "$repo/packaging/start-focusmate.sh" "$venv/bin/focusmate" "$app_dir/focusmate.log"
