#!/usr/bin/env bash
# ThreadSanitizer run: builds the project with -DQUAY_TSAN=ON in build/tsan and runs under
# it the quick tier (unit, store, in-process UI) and the UI tests that drive the real kiosk
# with its job, scanner and delivery threads (label ui): docs/threads.md. A reported race
# fails the run (TSAN_OPTIONS halt_on_error=1, set per test in tests/CMakeLists.txt, and
# inherited by the kiosk the UI tests start). QUAY_TSAN_LABELS overrides the ctest label
# regex (default: quick|ui).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"
labels="${QUAY_TSAN_LABELS:-quick|ui}"
# The screens walk (8 variants of every screen, ~3 min under TSan) is there for its pixel
# goldens, which the ASan run checks; its threads are the journey tests' threads, which run
# here. QUAY_TSAN_EXCLUDE= (empty) runs it too.
exclude="${QUAY_TSAN_EXCLUDE-ui_screens_test}"
start=$(date +%s)
cmake -S . -B build/tsan -DQUAY_TSAN=ON -DQUAY_FUZZ=OFF -DQUAY_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/tsan -j"$jobs"
built=$(date +%s)
(cd build/tsan && ctest --output-on-failure -j"$jobs" --timeout 900 -L "$labels" \
  ${exclude:+-E "$exclude"})
echo "TSan: build $((built - start)) s, tests $(($(date +%s) - built)) s (labels: $labels)"
