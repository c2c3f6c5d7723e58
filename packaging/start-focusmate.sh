#!/usr/bin/env bash
# Starts the installed focusmate in the background for the desktop session, then checks that it
# came up (install.sh calls it; tests/packaging/test_start_script.py drives it).
#   packaging/start-focusmate.sh /path/to/focusmate /path/to/focusmate.log
# Exit 0: it answers on its socket, or it was already running, or there is no desktop session
# here (nothing is started, and it says so). Exit 1: it did not come up; its last log line and the
# log's path are printed.
set -euo pipefail
program="${1:?usage: start-focusmate.sh /path/to/focusmate LOG}"
log="${2:?usage: start-focusmate.sh /path/to/focusmate LOG}"
wait_s="${FOCUSMATE_START_WAIT_S:-15}"

answers() { "$program" status >/dev/null 2>&1; }

if answers; then
  echo "focusmate is already running: it goes on with the version it was started with. To use" \
    "the new one, choose Quit in its tray menu (after any session in progress) and start" \
    "focusmate again."
  exit 0
fi
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "No desktop session here (DISPLAY and WAYLAND_DISPLAY are not set), so focusmate was not" \
    "started: start it from your application menu when you are logged in to your desktop."
  exit 0
fi
mkdir -p "$(dirname "$log")"
nohup "$program" >"$log" 2>&1 </dev/null &
pid=$!
disown "$pid" # bash would otherwise report the job's end ("Aborted ...") on our stderr
deadline=$((SECONDS + wait_s))
while ((SECONDS < deadline)); do
  if answers; then
    echo "focusmate is running: look for its icon in your system tray (its log: $log)."
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
if kill -0 "$pid" 2>/dev/null; then
  echo "focusmate: it started but did not answer within $wait_s seconds; its log: $log" >&2
  exit 1
fi
reason=$(grep -v '^[[:space:]]*$' "$log" | tail -n 1 || true)
reason="${reason#focusmate: }"
echo "focusmate could not start: ${reason:-it stopped without a message}. Its log: $log" >&2
exit 1
