#!/usr/bin/env bash
# Builds the kiosk's bootable raw disk image (UEFI, GPT) and its .bmap:
#
#   image-build/build.sh [--deb FILE] [--out DIR] [--arch amd64|arm64]
#                        [--provision-pub FILE]... [--provision-file FILE] [--update-key FILE]
#
# --provision-pub FILE  a deployment's public key (quayctl provision keygen): the image
#                       applies only provisioning files signed by one of these keys
#                       (/usr/share/quay/provision-trust/). Several for key rotation.
#                       Without any, the image refuses EVERY provisioning file.
# --provision-file FILE a signed quay-provision.toml put on the image's own QUAYPROV
#                       partition (applied at first boot, then deleted from it); checked
#                       here against the keys above, the build fails if a kiosk would refuse it.
# --update-key FILE     a deployment's SECRET key (the provisioning key pair's provision.key):
#                       also writes DIR/quay-kiosk-<ver>-<arch>.bundle, the signed update
#                       that puts this OS on a running kiosk's other root slot
#                       (docs/updates.md). The kiosk checks it against the same trusted keys.
#
# Without --deb the quay-kiosk package is built from this repo first (Release, CPack).
# Output: DIR/quay-kiosk-<ver>-<arch>.img and .img.bmap (DIR: build/image).
# Needs root (mmdebstrap in root mode, file ownership) but no loop devices: the
# filesystems are made from directories (mkfs.ext4 -d, mtools) and written into the disk
# file at their offsets. docs/technician-guide.md explains the layout.
#
# Partitions (GPT):
#   1 ESP         FAT32  256 MiB   systemd-boot, each slot's kernel and initrd, boot entries
#   2 QUAYROOT_A  ext4   3 GiB     root slot A: the OS, mounted read-only (the image's)
#   3 QUAYROOT_B  -      3 GiB     root slot B: empty until the first update (docs/updates.md)
#   4 QUAYPROV    FAT    32 MiB    a technician drops quay-provision.toml here
#   5 QUAYDATA    ext4   512 MiB   /data: the kiosk's SQLite file, /etc/quay, the journal,
#                                  the machine id; last, so that the initramfs grows it to the
#                                  end of the disk at the first boot
# QUAY_SLOT_MIB sets the slot size (default 3072): fixed for the kiosk's life, so it has
# room for OS updates to come.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
arch=amd64
deb=""
out="$repo/build/image"
suite=bookworm
mirror=${QUAY_MIRROR:-http://deb.debian.org/debian}
pubs=()
prov_file=""
update_key=""

while [ $# -gt 0 ]; do
    case "$1" in
        --deb) deb=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --arch) arch=$2; shift 2 ;;
        --provision-pub) pubs+=("$(realpath "$2")"); shift 2 ;;
        --provision-file) prov_file=$(realpath "$2"); shift 2 ;;
        --update-key) update_key=$(realpath "$2"); shift 2 ;;
        -h | --help) sed -n '2,36p' "$0"; exit 0 ;;
        *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { echo "build.sh: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (mmdebstrap root mode and file ownership)"
for pub in "${pubs[@]}"; do
    head -c 200 "$pub" | grep -q '^quay-provision-ed25519 ' ||
        die "--provision-pub $pub: not a provisioning public key (quayctl provision keygen writes provision.pub)"
done
if [ "${#pubs[@]}" -eq 0 ]; then
    warn_nokey() {
        printf '%s\n' "" "################################################################" \
            "# NO --provision-pub: this image trusts no provisioning key and  #" \
            "# REFUSES EVERY provisioning file. Fine for a test; a kiosk for  #" \
            "# a deployment needs --provision-pub FILE (technician guide).    #" \
            "################################################################" "" >&2
    }
    warn_nokey
    [ -z "$prov_file" ] || die "--provision-file needs a --provision-pub key that signed it"
else
    warn_nokey() { :; }
fi
[ -z "$prov_file" ] || [ -f "$prov_file" ] || die "--provision-file $prov_file: no such file"
[ -z "$update_key" ] || head -c 200 "$update_key" 2>/dev/null | grep -q '^quay-provision-ed25519-secret ' ||
    die "--update-key $update_key: not a provisioning secret key (quayctl provision keygen writes provision.key)"
"$repo/scripts/deps.sh" image

case "$arch" in
    amd64) efi_name=BOOTX64.EFI; sd_boot=systemd-bootx64.efi; kernel_pkg=linux-image-amd64; serial=ttyS0 ;;
    arm64) efi_name=BOOTAA64.EFI; sd_boot=systemd-bootaa64.efi; kernel_pkg=linux-image-arm64; serial=ttyAMA0 ;;
    *) die "--arch: amd64 or arm64" ;;
esac
host_arch=$(dpkg --print-architecture)
# Another architecture's root runs its maintainer scripts through qemu-user (binfmt_misc).
"$here/binfmt.sh" "$arch"

start=$(date +%s)
mkdir -p "$out"
if [ -z "$deb" ]; then
    log "building the quay-kiosk package"
    if [ "$arch" = "$host_arch" ]; then
        deb=$("$here/build-deb.sh" "$out" | tail -n1)
    else
        deb=$("$here/build-deb-cross.sh" "$out" | tail -n1)
    fi
fi
deb=$(realpath "$deb")
version=$(dpkg-deb -f "$deb" Version)
name="quay-kiosk-$version-$arch"
work="$out/work-$arch"
rm -rf "$work"
# Debian packages downloaded for the image, kept between builds and checkouts.
cache=${QUAY_APT_CACHE:-/var/cache/quay-image-build/apt}
mkdir -p "$work/rootfs" "$work/esp" "$work/data" "$cache"

# Packages: the kernel, systemd, networking, time, firewall, SSH and node-exporter (both
# off unless provisioned), and the kiosk with its dependencies. No X11, no Wayland compositor, no getty.
pkgs=(
    "$kernel_pkg" systemd systemd-sysv udev dbus systemd-timesyncd systemd-resolved
    systemd-boot-efi systemd-boot initramfs-tools kmod e2fsprogs dosfstools util-linux fdisk
    nftables openssh-server ca-certificates prometheus-node-exporter
    "$deb"
)
log "mmdebstrap $suite $arch (${#pkgs[@]} packages + dependencies)"
# The apt cache is copied in and back out (hard links on one filesystem);
# file-mirror-automount makes the local .deb visible inside the chroot.
# shellcheck disable=SC2016 # $1 is expanded by mmdebstrap's hooks
mmdebstrap --mode=root --variant=minbase --arch="$arch" \
    --include="$(IFS=,; echo "${pkgs[*]}")" \
    --aptopt='APT::Install-Recommends "false"' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/quay-kiosk/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --setup-hook='mkdir -p "$1/var/cache/apt/archives"' \
    --setup-hook="find '$cache' -name '*.deb' -exec cp -l -t \"\$1/var/cache/apt/archives\" {} + 2>/dev/null || find '$cache' -name '*.deb' -exec cp -t \"\$1/var/cache/apt/archives\" {} +" \
    --hook-dir=/usr/share/mmdebstrap/hooks/file-mirror-automount \
    --essential-hook="'$here/initramfs-later.sh' hold \"\$1\"" \
    --customize-hook="find \"\$1/var/cache/apt/archives\" -name '*.deb' -exec cp -lf -t '$cache' {} + 2>/dev/null || find \"\$1/var/cache/apt/archives\" -name '*.deb' -exec cp -f -t '$cache' {} +" \
    --customize-hook="'$here/customize.sh' \"\$1\"" \
    "$suite" "$work/rootfs" "$mirror"

root=$work/rootfs
# The deployment's public keys, on the read-only root; the image's own quayctl checks the
# first-boot provisioning file against them, exactly as the kiosk will.
trust=$root/usr/share/quay/provision-trust
install -d -m 0755 "$trust"
for pub in "${pubs[@]}"; do
    install -m 0644 "$pub" "$trust/$(sha256sum "$pub" | cut -c1-16).pub"
done
log "provisioning keys trusted by the image: ${#pubs[@]}"
if [ -n "$prov_file" ]; then
    install -m 0600 "$prov_file" "$root/tmp/quay-provision.toml"
    if ! chroot "$root" quayctl provision check /tmp/quay-provision.toml \
        --trust-dir /usr/share/quay/provision-trust >"$work/prov-check.json"; then
        rm -f "$root/tmp/quay-provision.toml"
        die "--provision-file $prov_file would be refused by this image (above)"
    fi
    rm -f "$root/tmp/quay-provision.toml"
    log "first-boot provisioning file: $(tr -d '\n ' <"$work/prov-check.json" | cut -c1-200)"
fi
log "root filesystem: $(du -sh "$root" | cut -f1)"

# ESP: systemd-boot as the fallback loader (no NVRAM entry needed); each root slot has its
# kernel and initrd in its own directory and one boot entry (quay/update/slots.hpp). No
# default in loader.conf: systemd-boot boots the entry that sorts first (the newest
# generation that has not failed its trial), which is what makes a rollback automatic.
kver=$(find "$root/lib/modules" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n1)
mkdir -p "$work/esp/EFI/BOOT" "$work/esp/loader/entries" "$work/esp/quay-a"
cp "$root/usr/lib/systemd/boot/efi/$sd_boot" "$work/esp/EFI/BOOT/$efi_name"
cp "$root/boot/vmlinuz-$kver" "$work/esp/quay-a/vmlinuz"
cp "$root/boot/initrd.img-$kver" "$work/esp/quay-a/initrd.img"
printf 'timeout 0\nconsole-mode keep\neditor no\n' >"$work/esp/loader/loader.conf"
# Kernel options of every slot; the entry adds root=PARTLABEL=QUAYROOT_<slot> quay.slot=<slot>.
kernel_options="ro rootfstype=ext4 rootflags=noatime quiet loglevel=3 console=$serial,115200 console=tty0 systemd.show_status=error panic=10 fsck.repair=yes sysctl.kernel.sysrq=0"
mkdir -p "$root/tmp/esp-entries"
chroot "$root" quayctl update entry --slot a --generation 1 --os-version "$version" \
    --kernel-options "$kernel_options" --out-dir /tmp/esp-entries >/dev/null
mv "$root"/tmp/esp-entries/* "$work/esp/loader/entries/"
rmdir "$root/tmp/esp-entries"

# Data partition: what must survive reboots and updates, owned as the image's users say.
quay_uid=$(awk -F: '$1=="quay"{print $3}' "$root/etc/passwd")
quay_gid=$(awk -F: '$1=="quay"{print $3}' "$root/etc/group")
[ -n "$quay_uid" ] || die "the package did not create the quay user"
install -d -m 0700 -o "$quay_uid" -g "$quay_gid" "$work/data/quay"
install -d -m 0755 "$work/data/etc-quay" "$work/data/ssh/etc/ssh"
install -d -m 2755 -g "$(awk -F: '$1=="systemd-journal"{print $3}' "$root/etc/group")" \
    "$work/data/journal"
cp -a "$root/var/lib/systemd" "$work/data/systemd"

# Sizes in MiB. The root filesystem is fitted to its content (+25%); it sits in slot A, and
# an update bundle carries a filesystem made the same way for the other slot.
root_mib=$(( $(du -sm "$root" | cut -f1) * 125 / 100 + 64 ))
slot_mib=${QUAY_SLOT_MIB:-3072}
esp_mib=256 data_mib=512 prov_mib=32
[ "$root_mib" -le "$slot_mib" ] || die "the root filesystem needs $root_mib MiB; a slot holds $slot_mib (QUAY_SLOT_MIB)"
total_mib=$((1 + esp_mib + 2 * slot_mib + prov_mib + data_mib + 1))

log "filesystems: ESP ${esp_mib} MiB, root ${root_mib} MiB in slots of ${slot_mib} MiB, prov ${prov_mib} MiB, data ${data_mib} MiB"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date +%s)}
rm -f "$work"/*.part
mkfs.ext4 -q -L QUAYROOT -d "$root" -O ^has_journal -m 0 -E root_owner=0:0 \
    "$work/root.part" "${root_mib}M"
mkfs.ext4 -q -L QUAYDATA -d "$work/data" -m 1 "$work/data.part" "${data_mib}M"
truncate -s "${esp_mib}M" "$work/esp.part"
mkfs.vfat -F 32 -n ESP "$work/esp.part" >/dev/null
mcopy -s -i "$work/esp.part" "$work/esp/EFI" "$work/esp/loader" "$work/esp/quay-a" ::/
truncate -s "${prov_mib}M" "$work/prov.part"
mkfs.vfat -n QUAYPROV "$work/prov.part" >/dev/null
printf '%s\r\n' "Copy a signed quay-provision.toml (quayctl provision write --sign-key) here." \
    "See docs/technician-guide.md." >"$work/README.txt"
mcopy -i "$work/prov.part" "$work/README.txt" ::/README.txt
[ -z "$prov_file" ] || mcopy -i "$work/prov.part" "$prov_file" ::/quay-provision.toml

img="$out/$name.img"
rm -f "$img" "$img.bmap"
truncate -s "${total_mib}M" "$img"
sfdisk --quiet "$img" <<EOF
label: gpt
unit: sectors
start=2048, size=$((esp_mib * 2048)), type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name=ESP
size=$((slot_mib * 2048)), type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, name=QUAYROOT_A
size=$((slot_mib * 2048)), type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, name=QUAYROOT_B
size=$((prov_mib * 2048)), type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7, name=QUAYPROV
size=$((data_mib * 2048)), type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name=QUAYDATA
EOF
# Each filesystem at its partition's offset (MiB); slot B is left as holes.
put() { dd if="$work/$1.part" of="$img" bs=1M seek="$2" conv=notrunc,sparse status=none; }
put esp 1
put root $((1 + esp_mib))
put prov $((1 + esp_mib + 2 * slot_mib))
put data $((1 + esp_mib + 2 * slot_mib + prov_mib))
bmaptool create -o "$img.bmap" "$img"

# The same OS as a signed update bundle (docs/updates.md), packed by the image's own quayctl.
bundle=""
if [ -n "$update_key" ]; then
    bundle="$out/$name.bundle"
    install -d -m 0700 "$root/tmp/bundle"
    mount --bind "$work" "$root/tmp/bundle"
    install -m 0600 "$update_key" "$work/update.key"
    if ! chroot "$root" quayctl update pack --root-image /tmp/bundle/root.part \
        --kernel /tmp/bundle/esp/quay-a/vmlinuz --initrd /tmp/bundle/esp/quay-a/initrd.img \
        --os-version "$version" --arch "$arch" --kernel-options "$kernel_options" \
        --sign-key /tmp/bundle/update.key --out /tmp/bundle/update.bundle >"$work/bundle.json"; then
        umount "$root/tmp/bundle"
        die "quayctl update pack failed"
    fi
    umount "$root/tmp/bundle"
    mv "$work/update.bundle" "$bundle"
    log "update bundle: $bundle ($(du -m "$bundle" | cut -f1) MiB)"
fi
rm -rf "$work"

end=$(date +%s)
apparent=$(du -m --apparent-size "$img" | cut -f1)
mapped=$(du -m "$img" | cut -f1)
log "done in $((end - start)) s: $img (${apparent} MiB, ${mapped} MiB mapped) + .bmap"
warn_nokey
printf '{"image":"%s","bmap":"%s","bundle":"%s","seconds":%d,"size_mib":%d,"mapped_mib":%d,"provision_keys":%d}\n' \
    "$img" "$img.bmap" "$bundle" $((end - start)) "$apparent" "$mapped" "${#pubs[@]}"
