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
# The kiosk OS image: build it and boot it under qemu (software emulation). Off by default:
# on CI's 2 shared cores without KVM the image build and the boot test together take far
# longer than the rest (figures in docs/technician-guide.md) and need the network for
# Debian's packages.
if [ "${QUAY_TEST_IMAGE:-0}" = 1 ]; then
  image-build/build.sh
  image-build/test-boot.sh
fi
echo "All tests passed."
