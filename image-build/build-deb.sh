#!/usr/bin/env bash
# Builds quay-kiosk_<version>_<arch>.deb (and quay-kiosk-tools) from this repo with CPack:
# a Release build without tests or benchmarks in build/pkg, then `cpack -G DEB`.
#   image-build/build-deb.sh [OUTDIR]       (default build/image)
# Prints the path of the quay-kiosk package on stdout.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$repo/build/image}
build=${QUAY_PKG_BUILD:-$repo/build/pkg}
jobs=${JOBS:-2}

"$repo/scripts/deps.sh" build ui image
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$repo}
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DQUAY_TESTS=OFF -DQUAY_BENCH=OFF \
    -DQUAY_SANITIZE=OFF -DQUAY_FUZZ=OFF -DQUAY_UI=ON -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON >&2
# quay_speech_cache: the fixed spoken texts, pre-rendered (installed with the kiosk).
cmake --build "$build" -j"$jobs" --target quay-kiosk quayctl quay-portal-sim quay-virtual-printer \
    quay_speech_cache >&2
rm -f "$build"/quay-kiosk*.deb
# CMAKE_SKIP_INSTALL_ALL_DEPENDENCY: cpack installs what was built above, nothing more.
(cd "$build" && cpack -G DEB >&2)
mkdir -p "$out"
for f in "$build"/quay-kiosk*.deb; do
    cp -f "$f" "$out/"
done
deb=$(find "$out" -maxdepth 1 -name 'quay-kiosk_*.deb' | sort -V | tail -n1)
dpkg-deb -I "$deb" >&2
dpkg-deb -c "$deb" >&2
echo "$deb"
