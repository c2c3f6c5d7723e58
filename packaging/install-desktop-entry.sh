#!/usr/bin/env bash
# Adds focusmate to the application menu of the current user (freedesktop.org desktops):
#   packaging/install-desktop-entry.sh /path/to/focusmate
# writes $XDG_DATA_HOME/applications/app.focusmate.Focusmate.desktop, whose Exec runs the
# given program, and the app icon into $XDG_DATA_HOME/icons/hicolor/scalable/apps/.
# Called by install.sh; tests/packaging/test_install_desktop_entry.py validates the result.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
program="${1:?usage: install-desktop-entry.sh /path/to/focusmate}"
case "$program" in
  /*) ;;
  *) echo "install-desktop-entry.sh: give the program's absolute path, not '$program'" >&2; exit 2 ;;
esac
case "$program" in
  *[\"\`\$\\]*) echo "install-desktop-entry.sh: the path '$program' has characters a menu entry cannot run" >&2; exit 2 ;;
esac
share="${XDG_DATA_HOME:-$HOME/.local/share}"
id="app.focusmate.Focusmate"
install -Dm644 "$repo/resources/icons/focusmate.svg" "$share/icons/hicolor/scalable/apps/$id.svg"
mkdir -p "$share/applications"
# Exec arguments are quoted per the Desktop Entry spec (the path may contain spaces);
# TryExec is a plain path.
sed -e "s|^Exec=focusmate\(.*\)$|Exec=\"$program\"\1|" \
    -e "s|^TryExec=focusmate$|TryExec=$program|" \
    "$repo/packaging/$id.desktop" > "$share/applications/$id.desktop.tmp"
mv "$share/applications/$id.desktop.tmp" "$share/applications/$id.desktop"
if command -v update-desktop-database >/dev/null; then
  update-desktop-database -q "$share/applications" || true
fi
echo "focusmate is in your application menu: $share/applications/$id.desktop"
