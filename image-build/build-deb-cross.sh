#!/usr/bin/env bash
# Cross-builds quay-kiosk_<version>_arm64.deb (and quay-kiosk-tools) on an amd64 host:
#   image-build/build-deb-cross.sh [OUTDIR]        (default build/image)
# Prints the path of the quay-kiosk package on stdout, like build-deb.sh.
#
# The compiler and the arm64 -dev libraries live in a throw-away Debian 12 chroot (amd64,
# with arm64 added as a foreign architecture there only: adding it to the host itself can
# hold back or break the host's amd64 -dev packages). The chroot is made once with
# mmdebstrap and kept in /var/cache/quay-image-build/cross-arm64 (QUAY_CROSS_ROOT); it is
# made again when its package list changes (the build and ui sets of scripts/deps.sh).
# This checkout is bind-mounted at its own path and ccache's directory too, so ccache's
# base_dir=/work applies as on the host. Build tree: build/pkg-arm64 (QUAY_PKG_BUILD).
# Why cross and not a native arm64 chroot under qemu-user: docs/technician-guide.md, "arm64".
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$repo/build/image}
build=${QUAY_PKG_BUILD:-$repo/build/pkg-arm64}
jobs=${JOBS:-2}
root=${QUAY_CROSS_ROOT:-/var/cache/quay-image-build/cross-arm64}
mirror=${QUAY_MIRROR:-http://deb.debian.org/debian}
ccache_dir=${CCACHE_DIR:-$(ccache -k cache_dir 2>/dev/null || echo /root/.cache/ccache)}
log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { echo "build-deb-cross.sh: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (mmdebstrap root mode, chroot, bind mounts)"
[ "$(dpkg --print-architecture)" = amd64 ] || die "cross-builds arm64 on an amd64 host; on arm64 use build-deb.sh"
"$repo/scripts/deps.sh" image

# The chroot's packages: the cross toolchain and build tools natively, every -dev package of
# the build and ui sets for arm64 (those of Architecture: all, like nlohmann-json3-dev, as they are).
pkgs=(crossbuild-essential-arm64 cmake make pkgconf ccache dpkg-dev file xz-utils ca-certificates)
mapfile -t devs < <("$repo/scripts/deps.sh" --list build ui | grep -- '-dev$' | sort -u)
mapfile -t arch_all < <(apt-cache show --no-all-versions "${devs[@]}" |
    awk '/^Package:/ {p = $2} /^Architecture: all$/ {print p}')
for p in "${devs[@]}"; do
    if printf '%s\n' "${arch_all[@]}" | grep -qx -- "$p"; then pkgs+=("$p"); else pkgs+=("$p:arm64"); fi
done
# Docs are left out, except libimgui-dev's: Debian ships Dear ImGui's SDL backends only there.
dpkgopts=(--dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*'
    --dpkgopt='path-include=/usr/share/doc/libimgui-dev/*')
stamp=$(printf '%s\n' "${pkgs[@]}" "${dpkgopts[@]}" | sha256sum | cut -c1-16)

if [ "$(cat "$root/.quay-stamp" 2>/dev/null)" != "$stamp" ]; then
    log "making the cross chroot $root (${#pkgs[@]} packages + dependencies)"
    t=$(date +%s)
    rm -rf "$root.new"
    mmdebstrap --mode=root --variant=apt --architectures=amd64,arm64 \
        --include="$(IFS=,; echo "${pkgs[*]}")" \
        --aptopt='APT::Install-Recommends "false"' \
        "${dpkgopts[@]}" bookworm "$root.new" "$mirror" >&2
    echo "$stamp" >"$root.new/.quay-stamp"
    rm -rf "$root"
    mv "$root.new" "$root"
    log "cross chroot made in $(($(date +%s) - t)) s"
fi

mkdir -p "$build" "$ccache_dir"
t=$(date +%s)
# In a private mount namespace: the bind mounts go away with it, whatever happens.
# shellcheck disable=SC2016 # the inner scripts expand their own arguments
unshare --mount --propagation private -- /bin/sh -eu -c '
root=$1 repo=$2 ccache_dir=$3; shift 3
for d in "$repo" "$ccache_dir"; do mkdir -p "$root$d"; mount --bind "$d" "$root$d"; done
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"
' sh "$root" "$repo" "$ccache_dir" \
    CCACHE_DIR="$ccache_dir" CCACHE_BASEDIR="${CCACHE_BASEDIR:-/work}" CCACHE_MAXSIZE=20G \
    DEB_HOST_ARCH=arm64 /bin/sh -euc '
repo=$1 build=$2 jobs=$3
cmake -S "$repo" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$repo/cmake/toolchain-aarch64-linux-gnu.cmake" \
    -DCMAKE_BUILD_TYPE=Release -DQUAY_TESTS=OFF -DQUAY_BENCH=OFF -DQUAY_SANITIZE=OFF \
    -DQUAY_FUZZ=OFF -DQUAY_UI=ON -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON
cmake --build "$build" -j"$jobs" --target quay-kiosk quayctl quay-portal-sim quay-virtual-printer
rm -f "$build"/quay-kiosk*.deb
cd "$build" && cpack -G DEB
' sh "$repo" "$build" "$jobs" >&2
log "cross build and cpack in $(($(date +%s) - t)) s"

mkdir -p "$out"
for f in "$build"/quay-kiosk*_arm64.deb; do cp -f "$f" "$out/"; done
deb=$(find "$out" -maxdepth 1 -name 'quay-kiosk_*_arm64.deb' | sort -V | tail -n1)
[ -n "$deb" ] || die "cpack made no arm64 package in $build"
# The package must hold aarch64 programs and say arm64: a wrong toolchain would not.
chk=$(mktemp -d)
dpkg-deb -x "$deb" "$chk"
for b in quay-kiosk quayctl; do
    file -b "$chk/usr/bin/$b" | grep -q 'ELF 64-bit LSB .*ARM aarch64' ||
        { rm -rf "$chk"; die "$b in $deb is not an aarch64 program: $(file -b "$chk/usr/bin/$b")"; }
done
rm -rf "$chk"
[ "$(dpkg-deb -f "$deb" Architecture)" = arm64 ] || die "$deb says Architecture: $(dpkg-deb -f "$deb" Architecture)"
dpkg-deb -I "$deb" >&2
echo "$deb"
