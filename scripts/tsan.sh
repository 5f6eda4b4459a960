#!/usr/bin/env bash
# ThreadSanitizer run: builds the project with -DQUAY_TSAN=ON in build/tsan and runs the
# quick tier under it (docs/threads.md). A reported race fails the run
# (TSAN_OPTIONS halt_on_error=1, set per test in tests/CMakeLists.txt).
# QUAY_TSAN_LABELS overrides the ctest label regex (default: quick).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"
labels="${QUAY_TSAN_LABELS:-quick}"
start=$(date +%s)
cmake -S . -B build/tsan -DQUAY_TSAN=ON -DQUAY_FUZZ=OFF -DQUAY_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/tsan -j"$jobs"
built=$(date +%s)
(cd build/tsan && ctest --output-on-failure -j"$jobs" --timeout 900 -L "$labels")
echo "TSan: build $((built - start)) s, tests $(($(date +%s) - built)) s (labels: $labels)"
