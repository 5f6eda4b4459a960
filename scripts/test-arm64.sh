#!/usr/bin/env bash
# The arm64 kiosk image, end to end on an amd64 host: the quay-kiosk package cross-built
# (image-build/build-deb-cross.sh), the image built by image-build/build.sh --arch arm64
# (its root configured through qemu-user, image-build/binfmt.sh), then booted under
# qemu-system-aarch64 (virt board, AAVMF, TCG) by image-build/test-boot.sh --arch arm64 with
# the amd64 boot test's checks.
#
# Not in the default scripts/test.sh run: its cold package build alone took 2,176 s on 2 cores
# (docs/technician-guide.md, "Figures") and CI's run must stay under 60. Run it nightly and
# before every release: QUAY_TEST_ARM64=1 scripts/test.sh (after everything else), or
# scripts/test-arm64.sh alone. Needs root (sudo otherwise) and Debian's mirror.
set -euo pipefail
cd "$(dirname "$0")/.."
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
start=$(date +%s)
# The host's own quayctl and portal simulator (build/pkg): the boot test signs the
# provisioning stick and runs the simulator on the host.
"${as_root[@]}" image-build/build-deb.sh >/dev/null
pub=$("${as_root[@]}" image-build/test-boot.sh --key)
# Without --deb: build.sh cross-builds the arm64 package itself.
"${as_root[@]}" image-build/build.sh --arch arm64 --provision-pub "$pub"
"${as_root[@]}" image-build/test-boot.sh --arch arm64
echo "arm64 image built and boot-tested in $(($(date +%s) - start)) s."
