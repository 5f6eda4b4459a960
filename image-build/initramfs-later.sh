#!/usr/bin/env bash
# Makes the image's initramfs once, at the end, instead of three times: the kernel's postinst,
# initramfs-tools' trigger and customize.sh (after the kiosk's initramfs scripts are in) each
# made one. Natively that is a minute lost; for an arm64 image on an amd64 host every module
# is copied by arm64 programs under qemu-user, and one initramfs took 27 minutes
# (docs/technician-guide.md, "arm64").
#   initramfs-later.sh hold ROOT   mmdebstrap's essential hook: update-initramfs is diverted
#                                  to a stand-in that does nothing, before initramfs-tools
#                                  and the kernel are installed
#   initramfs-later.sh make ROOT   removes the stand-in and the diversion, then makes the
#                                  initramfs of every kernel in ROOT (customize.sh)
set -euo pipefail
action=${1:?usage: initramfs-later.sh hold|make ROOT}
root=${2:?usage: initramfs-later.sh hold|make ROOT}
real=/usr/sbin/update-initramfs
held=/usr/sbin/update-initramfs.quay-held

case "$action" in
    hold)
        chroot "$root" dpkg-divert --quiet --local --rename --divert "$held" --add "$real"
        printf '#!/bin/sh\n# Held by image-build/initramfs-later.sh until the image is complete.\nexit 0\n' \
            >"$root$real"
        chmod 0755 "$root$real"
        ;;
    make)
        if chroot "$root" dpkg-divert --list "$real" | grep -q "$held"; then
            rm -f "$root$real"
            chroot "$root" dpkg-divert --quiet --local --rename --remove "$real"
        fi
        kernels=$(find "$root/lib/modules" -mindepth 1 -maxdepth 1 -printf '%f\n')
        [ -n "$kernels" ] || { echo "initramfs-later.sh: no kernel in $root/lib/modules" >&2; exit 1; }
        for k in $kernels; do
            rm -f "$root/boot/initrd.img-$k"
            if ! out=$(chroot "$root" update-initramfs -c -k "$k" 2>&1); then
                printf '%s\n' "$out" >&2
                echo "initramfs-later.sh: update-initramfs -c -k $k failed in $root" >&2
                exit 1
            fi
            [ -s "$root/boot/initrd.img-$k" ] ||
                { echo "initramfs-later.sh: no $root/boot/initrd.img-$k" >&2; exit 1; }
        done
        ;;
    *) echo "initramfs-later.sh: hold or make" >&2; exit 2 ;;
esac
