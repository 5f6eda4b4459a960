#!/usr/bin/env bash
# The README's run command: installs what is missing (Debian 12), builds, writes a
# development config under var/dev (local SQLite file in the checkout, bundled catalogue,
# portal simulator on loopback when it is built) and opens the kiosk window.
#
# On a desktop the kiosk opens full screen (Alt+F4 closes it). Extra arguments go to
# quay-kiosk, e.g. `scripts/run-kiosk.sh --size 1080x1920` for a window.
# Without a display (no DISPLAY / WAYLAND_DISPLAY) it says so and runs the kiosk under
# xvfb-run when that is installed, else renders the home screen once with SDL's offscreen
# driver into var/dev/screenshot.png.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build ui
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DQUAY_TESTS=OFF -DQUAY_BENCH=OFF >/dev/null
cmake --build build/release -j"$(nproc)"

dev="$PWD/var/dev"
mkdir -p "$dev"
[ -f "$dev/token" ] || { head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$dev/token"; }
chmod 600 "$dev/token"
port="${QUAY_SIM_PORT:-8787}"
cat > "$dev/quay.toml" <<TOML
[kiosk]
id = "DEV01"
data_dir = "data"
language = "vi"

[portal]
url = "http://127.0.0.1:$port"
token_file = "token"

[catalog]
file = ""

[test]
mode = true   # development: allows a file:// printer or a data_dir under /tmp
TOML
echo "Config: $dev/quay.toml"

# --- portal simulator (tools/portal-sim, docs/portal-simulator.md) ---------------------
# Serves the config's portal URL with the dev token; stops when the kiosk exits.
sim=build/release/tools/portal-sim/quay-portal-sim
if [ -x "$sim" ]; then
  rm -f "$dev/portal-sim.json"
  "$sim" --listen "127.0.0.1:$port" --db "$dev/portal-sim.db" --token-file "$dev/token" \
    --exit-with-parent >"$dev/portal-sim.json" 2>"$dev/portal-sim.log" &
  sim_pid=$!
  for _ in $(seq 100); do  # up to 10 s for its startup line
    [ -s "$dev/portal-sim.json" ] && break
    kill -0 "$sim_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -s "$dev/portal-sim.json" ]; then
    echo "Portal simulator: http://127.0.0.1:$port (admin: $dev/portal-sim.json, log: $dev/portal-sim.log)"
  else
    echo "Portal simulator did not start (see $dev/portal-sim.log); the kiosk runs offline." >&2
  fi
fi
# --- end portal simulator ---------------------------------------------------------------

kiosk=build/release/kiosk/app/kiosk/quay-kiosk
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${SDL_VIDEODRIVER:-}" ]; then
  if command -v xvfb-run >/dev/null; then
    echo "No display (DISPLAY and WAYLAND_DISPLAY unset): running the kiosk in a virtual X server (xvfb-run); it is not visible on screen." >&2
    exec xvfb-run -a -s "-screen 0 1080x1920x24" "$kiosk" --config "$dev/quay.toml" --size 1080x1920 "$@"
  fi
  echo "No display (DISPLAY and WAYLAND_DISPLAY unset) and no xvfb-run: rendering the home screen with SDL's offscreen driver into $dev/screenshot.png." >&2
  SDL_VIDEODRIVER=offscreen "$kiosk" --config "$dev/quay.toml" --headless --screenshot "$dev/screenshot.png" "$@"
  echo "Wrote $dev/screenshot.png" >&2
  exit 0
fi
exec "$kiosk" --config "$dev/quay.toml" "$@"
