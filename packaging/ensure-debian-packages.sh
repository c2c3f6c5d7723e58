#!/usr/bin/env bash
# Installs the Debian packages listed in packaging/debian-packages.txt for the given
# groups ("app", "test"), only those missing; uses sudo when not root.
# Usage: packaging/ensure-debian-packages.sh app [test]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v dpkg-query >/dev/null || { echo "focusmate: not a Debian-based system; install the packages in $here/debian-packages.txt yourself" >&2; exit 0; }
wanted=()
for group in "$@"; do
  while read -r g pkg; do
    [[ "$g" == "$group" ]] && wanted+=("$pkg")
  done < <(grep -v '^#' "$here/debian-packages.txt")
done
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  echo "Installing Debian packages: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
