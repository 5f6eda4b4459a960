#!/usr/bin/env bash
# Installs the Debian 12 packages a task needs, only those that are missing.
# Usage: scripts/deps.sh SET...   where SET is build | ui | test | image | bench | arm64
#        scripts/deps.sh --list SET...   prints the sets' packages, installs nothing
#        (image-build/build-deb-cross.sh installs the build and ui sets' -dev packages
#        for arm64 in its own chroot from this list)
set -euo pipefail

pkgs_build=(cmake g++ make pkg-config ccache ca-certificates
  nlohmann-json3-dev libutf8proc-dev libtomlplusplus-dev libsqlite3-dev
  libcurl4-openssl-dev libsodium-dev libqrencode-dev libfreetype-dev libpng-dev
  libcpp-httplib-dev libssl-dev libsystemd-dev fonts-noto-core)
# libespeak-ng-dev: voice mode's speech (drivers/audio, built with the UI: it plays through SDL).
pkgs_ui=(libsdl2-dev libimgui-dev libstb-dev fonts-noto-core libespeak-ng-dev)
# prometheus: promtool checks the shipped alert rules and the metrics text (tests/monitoring).
pkgs_test=(doctest-dev clang libclang-rt-14-dev zbar-tools libzbar-dev sqlite3 python3 util-linux
  prometheus)
# bench/ui compares the kiosk with a headless Chromium showing a comparable page.
pkgs_bench=(chromium python3 util-linux iproute2 xvfb)
pkgs_image=(mmdebstrap qemu-system-x86 ovmf bmap-tools dosfstools mtools e2fsprogs fdisk
  systemd-boot-efi dpkg-dev fakeroot openssh-client curl python3)
# The arm64 image on an amd64 host (docs/technician-guide.md, "arm64"): qemu-user through
# binfmt_misc runs the arm64 root's maintainer scripts (mmdebstrap checks that with
# arch-test); qemu-system-arm + AAVMF (qemu-efi-aarch64) boot it.
pkgs_arm64=(qemu-user-static binfmt-support arch-test qemu-system-arm qemu-efi-aarch64 file)

list_only=0
if [ "${1:-}" = --list ]; then list_only=1; shift; fi
wanted=()
for set in "$@"; do
  declare -n list="pkgs_${set}"
  wanted+=("${list[@]}")
done

if [ $list_only = 1 ]; then printf '%s\n' "${wanted[@]}"; exit 0; fi

missing=()
for p in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# The tests' independent VietQR decoder runs on Node.js (Debian's nodejs + npm, unless a
# node and npm are already there: a machine with another Node.js must keep its own).
wants_test=0
for set in "$@"; do [ "$set" = test ] && wants_test=1; done
if [ $wants_test = 1 ] && ! { command -v node && command -v npm; } >/dev/null; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing from Debian: ${missing[*]}" >&2
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The decoder itself, from the npm registry at the version package-lock.json pins (test-only).
if [ $wants_test = 1 ]; then
  payment_tests="$(cd "$(dirname "$0")/.." && pwd)/tests/payment"
  if [ ! -f "$payment_tests/node_modules/vietnam-qr-pay/package.json" ]; then
    echo "Installing the test VietQR decoder (npm ci in tests/payment)" >&2
    (cd "$payment_tests" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
