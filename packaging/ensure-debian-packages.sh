#!/usr/bin/env bash
# Installs the Debian packages listed in packaging/debian-packages.txt for the given groups
# ("app", "test", "bundle"), only those missing; uses sudo when not root.
# Usage: packaging/ensure-debian-packages.sh app [test] [bundle]
# apt's output goes to a log; a failure is one line naming the packages, the log and what to do.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v dpkg-query >/dev/null || {
  echo "focusmate: not a Debian-based system; install the equivalents of the packages in" \
    "$here/debian-packages.txt yourself"
  exit 0
}
python_version=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)
wanted=()
for group in "$@"; do
  while read -r g pkg; do
    [[ "$g" == "$group" ]] && wanted+=("${pkg//\{python\}/$python_version}")
  done < <(grep -v '^#' "$here/debian-packages.txt")
done
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
((${#missing[@]})) || exit 0
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || {
    echo "focusmate: these system packages are missing and sudo is not available: ${missing[*]};" \
      "ask an administrator to run: apt-get install ${missing[*]}" >&2
    exit 1
  }
  sudo_cmd=(sudo)
fi
log="$(mktemp "${TMPDIR:-/tmp}/focusmate-apt.XXXXXX.log")"
echo "Installing ${#missing[@]} Debian packages (apt-get; the log: $log): ${missing[*]}"
if ! "${sudo_cmd[@]}" apt-get update >"$log" 2>&1 ||
  ! DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends \
    "${missing[@]}" >>"$log" 2>&1; then
  echo "focusmate: apt-get could not install the system packages (its last line:" \
    "$(tail -n 1 "$log")); check the internet connection, then run this again (the log: $log)" >&2
  exit 1
fi
