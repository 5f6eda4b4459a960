#!/usr/bin/env bash
# The part of an image build that works for a foreign architecture without binfmt_misc:
# resolve, download and unpack the image's Debian package set for ARCH (mmdebstrap
# --variant=extract: no maintainer script runs, so no emulation is needed).
#   image-build/rootfs-extract.sh [ARCH] [OUTDIR]      (default arm64, build/image)
# The result is not bootable (packages unpacked, not configured); it proves the package set
# resolves for ARCH and shows its size. build.sh --arch ARCH does the rest on a host that
# can run ARCH binaries.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
arch=${1:-arm64}
out=${2:-$repo/build/image}
case "$arch" in
    amd64) kernel=linux-image-amd64 ;;
    arm64) kernel=linux-image-arm64 ;;
    *) echo "rootfs-extract.sh: amd64 or arm64" >&2; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || { echo "rootfs-extract.sh: run as root" >&2; exit 1; }
"$repo/scripts/deps.sh" image

# The image's packages (build.sh) and the quay-kiosk package's run-time dependencies.
pkgs="$kernel,systemd,systemd-sysv,udev,dbus,systemd-timesyncd,systemd-resolved"
pkgs+=",systemd-boot-efi,initramfs-tools,kmod,e2fsprogs,dosfstools,util-linux,nftables"
pkgs+=",openssh-server,ca-certificates,libsdl2-2.0-0,libgbm1,libegl1,libgles2,libgl1-mesa-dri"
pkgs+=",libdrm2,fonts-noto-core,libsqlite3-0,libcurl4,libsodium23,libqrencode4,libfreetype6"
pkgs+=",libpng16-16,libutf8proc2,libsystemd0,libtomlplusplus3,libespeak-ng1,espeak-ng-data"

dir="$out/rootfs-$arch"
rm -rf "$dir"
mkdir -p "$out"
start=$(date +%s)
mmdebstrap --mode=root --variant=extract --arch="$arch" --include='?priority(required)' \
    --include="$pkgs" --aptopt='APT::Install-Recommends "false"' bookworm "$dir"
echo "{\"arch\":\"$arch\",\"dir\":\"$dir\",\"seconds\":$(($(date +%s) - start)),\"size_mib\":$(du -sm "$dir" | cut -f1)}"
