#!/usr/bin/env bash
# The README's test command: installs what is missing (Debian 12), builds with
# ASan+UBSan, runs every test with ctest, then runs each fuzzer briefly.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build ui test
jobs="$(nproc)"
cmake -S . -B build/asan -DQUAY_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/asan -j"$jobs"
(cd build/asan && ctest --output-on-failure -j"$jobs" --timeout 900)
scripts/fuzz.sh "${QUAY_FUZZ_SECONDS:-20}"
echo "All tests passed."
