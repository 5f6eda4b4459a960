#!/usr/bin/env bash
# The README's test command: installs what is missing (Debian 12), builds with
# ASan+UBSan, runs the quick and integration tiers with ctest (the crash harness at a
# reduced count), runs each fuzzer briefly, then builds the kiosk OS image and boots it
# under qemu. QUAY_SOAK=1 adds the soak tier (crash harness at full count) and fuzzes
# longer (QUAY_FUZZ_SECONDS, default 20, or 600 with QUAY_SOAK=1). Then ThreadSanitizer
# over the quick tier and the UI tests (QUAY_TEST_TSAN=0 skips it). docs/development.md.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build ui test
jobs="$(nproc)"
cmake -S . -B build/asan -DQUAY_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/asan -j"$jobs"
# Every test without its own TIMEOUT gets this one (tests/CMakeLists.txt sets none).
ctest_run() { (cd build/asan && ctest --output-on-failure -j"$jobs" --timeout 900 "$@"); }
ctest_run -L quick
ctest_run -L integration
if [ "${QUAY_SOAK:-0}" = 1 ]; then
  ctest_run -L soak
  scripts/fuzz.sh "${QUAY_FUZZ_SECONDS:-600}"
else
  echo "Soak tier skipped (QUAY_SOAK=1 runs it); its reduced form ran with the integration tier."
  scripts/fuzz.sh "${QUAY_FUZZ_SECONDS:-20}"
fi
# ThreadSanitizer over the quick tier and the UI tests in its own build tree (build/tsan):
# about 12 minutes on 2 cores (build 501 s, tests 216 s; docs/development.md).
# QUAY_TEST_TSAN=0 skips it.
if [ "${QUAY_TEST_TSAN:-1}" != 0 ]; then scripts/tsan.sh; fi
# The kiosk OS image (amd64): build it and boot it under qemu (software emulation), as
# root (mmdebstrap's root mode). It takes about 20 minutes on 2 cores without KVM and
# needs Debian's mirror. QUAY_TEST_IMAGE=0 skips it; =1 insists (with sudo if not root).
image=${QUAY_TEST_IMAGE:-auto}
if [ "$image" != 0 ] && [ "$(dpkg --print-architecture)" != amd64 ]; then
  echo "Kiosk image test skipped: it builds and boots the amd64 image (docs/technician-guide.md)."
elif [ "$image" = 0 ]; then
  echo "Kiosk image test skipped (QUAY_TEST_IMAGE=0)."
elif [ "$(id -u)" -eq 0 ]; then
  # The image trusts the boot test's own provisioning key (made once by quayctl), and its
  # update bundle is signed with it. QUAY_TEST_UPDATE=1 adds the OS update and rollback
  # boots (docs/updates.md; 2,552 s more when last measured, so not in the 60-minute CI run).
  deb=$(image-build/build-deb.sh)
  pub=$(image-build/test-boot.sh --key)
  image-build/build.sh --deb "$deb" --provision-pub "$pub" --update-key "${pub%.pub}.key"
  QUAY_BOOT_UPDATE=${QUAY_TEST_UPDATE:-0} image-build/test-boot.sh
elif [ "$image" = 1 ]; then
  deb=$(sudo image-build/build-deb.sh)
  pub=$(sudo image-build/test-boot.sh --key)
  sudo image-build/build.sh --deb "$deb" --provision-pub "$pub" --update-key "${pub%.pub}.key"
  sudo QUAY_BOOT_UPDATE="${QUAY_TEST_UPDATE:-0}" image-build/test-boot.sh
else
  echo "Kiosk image test skipped: it needs root (QUAY_TEST_IMAGE=1 runs it with sudo)."
fi
# The arm64 image (cross-built, booted under qemu-system-aarch64): longer than the rest of
# this run (docs/development.md has the figures), so only on request, nightly and before a
# release.
if [ "${QUAY_TEST_ARM64:-0}" = 1 ]; then scripts/test-arm64.sh; fi
echo "All tests passed."
