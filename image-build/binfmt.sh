#!/usr/bin/env bash
# Makes this host run ARCH programs through qemu-user and binfmt_misc, so mmdebstrap can
# configure a root filesystem of another architecture (maintainer scripts, update-initramfs,
# systemd-sysusers run inside it). Idempotent: does nothing when it is already so.
#   image-build/binfmt.sh ARCH          (arm64 on amd64; exits 0 at once for the host's own)
# Needs root. Installs Debian's qemu-user-static + binfmt-support (scripts/deps.sh arm64),
# mounts binfmt_misc if it is not, and enables qemu-<cpu> there. Registering an interpreter
# is kernel-wide: every process of the machine (and of its containers) then runs arm64
# programs through qemu. `update-binfmts --disable qemu-aarch64` undoes it.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
arch=${1:?usage: binfmt.sh ARCH}
die() { echo "binfmt.sh: $*" >&2; exit 1; }

[ "$arch" != "$(dpkg --print-architecture)" ] || exit 0
case "$arch" in
    arm64) cpu=aarch64 ;;
    amd64) cpu=x86_64 ;;
    *) die "unknown architecture $arch (amd64 or arm64)" ;;
esac
[ "$(id -u)" -eq 0 ] || die "run as root (mounting binfmt_misc and registering qemu-$cpu are)"
"$repo/scripts/deps.sh" arm64

dir=/proc/sys/fs/binfmt_misc
if [ ! -e "$dir/register" ]; then
    mount -t binfmt_misc binfmt_misc "$dir" 2>/dev/null ||
        die "cannot mount binfmt_misc on $dir (a container without CAP_SYS_ADMIN, or a kernel \
without CONFIG_BINFMT_MISC): run the $arch build on a host or VM where root can, or on an $arch machine"
fi
entry=$dir/qemu-$cpu
if ! grep -qs '^enabled' "$entry"; then
    update-binfmts --enable "qemu-$cpu" >/dev/null 2>&1 ||
        update-binfmts --import "qemu-$cpu" >/dev/null 2>&1 || true
fi
grep -qs '^enabled' "$entry" ||
    die "qemu-$cpu is not registered in $dir after update-binfmts --enable qemu-$cpu: $(head -n 2 "$entry" 2>&1)"
# F (fix binary): the kernel holds the interpreter open, so it works inside a chroot that
# has no qemu of its own (Debian's qemu-user-static registers it so).
grep -qs '^flags:.*F' "$entry" ||
    die "$entry has no F flag ($(grep '^flags' "$entry")): programs in an $arch chroot would not find the interpreter"
echo "binfmt.sh: $arch programs run through $(sed -n 's/^interpreter //p' "$entry")" >&2
