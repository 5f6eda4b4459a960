#!/usr/bin/env bash
# The README's run command: installs what is missing (Debian 12), builds, writes a
# development config under var/dev (local SQLite file in the checkout, bundled catalogue,
# portal simulator on loopback when it is built) and runs the kiosk.
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
TOML
echo "Config: $dev/quay.toml"

echo "The kiosk window is not built yet: running quayctl against the bundled catalogue."
exec build/release/kiosk/app/quayctl --config "$dev/quay.toml" catalog list
