#!/usr/bin/env bash
# mmdebstrap customize hook: turns the installed root filesystem ($1) into the kiosk OS.
# Read-only root, /data for everything that must persist, no console login, persistent
# journal with a cap, timesyncd, nftables default-deny inbound, SSH only with a
# provisioned key, node-exporter only for provisioned networks. The files it copies live in image-build/rootfs/.
set -euo pipefail

root=$1
here=$(cd "$(dirname "$0")" && pwd)

# Files of the image (fstab, journald, nftables, network, sshd, units), owned by root.
cp -r --no-preserve=ownership "$here/rootfs/." "$root/"
chmod 0755 "$root/etc/nftables.conf" "$root/usr/libexec/quay-ssh-allow" \
    "$root/usr/libexec/quay-metrics-allow" "$root/usr/libexec/quay-update-health" \
    "$root/usr/libexec/quay-update-usb" "$root/usr/libexec/quay-update-reboot"

echo quay-kiosk >"$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tquay-kiosk\n::1\tlocalhost ip6-localhost\n' >"$root/etc/hosts"
ln -sf /usr/share/zoneinfo/Asia/Ho_Chi_Minh "$root/etc/localtime"
echo Asia/Ho_Chi_Minh >"$root/etc/timezone"

# Mount points of the writable places (see etc/fstab).
mkdir -p "$root/data" "$root/var/log/journal" "$root/var/lib/quay" "$root/etc/quay" "$root/efi"

# No one logs in on a screen or a serial line; root has no password (locked).
chroot "$root" usermod -p '*' root
for unit in getty@.service serial-getty@.service console-getty.service autovt@.service \
    container-getty@.service ctrl-alt-del.target \
    apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer e2scrub_all.timer e2scrub_reap.service \
    systemd-networkd-wait-online.service; do
    ln -sf /dev/null "$root/etc/systemd/system/$unit"
done

chroot "$root" systemctl enable systemd-networkd.service systemd-resolved.service \
    systemd-timesyncd.service nftables.service quay-provision.service quay-kiosk.service \
    quay-vt-lock.service ssh.service prometheus-node-exporter.service \
    quay-update-health.service quay-update-reconcile.service quay-update-pull.timer \
    quay-update-reboot.timer >/dev/null 2>&1
# Updates (docs/updates.md): the health check is required by boot-complete.target, which
# only a trial boot pulls in; systemd-bless-boot (package systemd-boot) marks it good.
[ -L "$root/etc/systemd/system/boot-complete.target.requires/quay-update-health.service" ] || {
    echo "customize.sh: quay-update-health.service is not required by boot-complete.target" >&2
    exit 1
}
[ -x "$root/lib/systemd/systemd-bless-boot" ] || {
    echo "customize.sh: no systemd-bless-boot (package systemd-boot)" >&2
    exit 1
}
chroot "$root" systemctl set-default multi-user.target >/dev/null
ln -sf /run/systemd/resolve/stub-resolv.conf "$root/etc/resolv.conf"

# SSH host keys are made per kiosk on /data at first start (see ssh.service.d/quay.conf).
rm -f "$root"/etc/ssh/ssh_host_*

# No machine id in the image: an empty /etc/machine-id (machine-id(5)), over which the
# initramfs binds the kiosk's own id from /data (etc/initramfs-tools/scripts/local-bottom/
# quay-data), before systemd starts. The persistent journal is kept under that id.
rm -f "$root/etc/machine-id" "$root/var/lib/dbus/machine-id"
: >"$root/etc/machine-id"

# Physical lock-down (docs/technician-guide.md, "Hardening"): SysRq off (etc/sysctl.d),
# Ctrl+Alt+Del does nothing (masked above, CtrlAltDelBurstAction=none in
# etc/systemd/system.conf.d), no console switching (quay-vt-lock.service), the hardware
# watchdog (RuntimeWatchdogSec); panic=10 and fsck.repair=yes are on the kernel command line.
# The portal simulator and the virtual printer (quay-kiosk-tools) are never on a kiosk.
for tool in quay-portal-sim quay-virtual-printer; do
    if [ -e "$root/usr/bin/$tool" ]; then
        echo "customize.sh: $tool is in the image; it belongs to quay-kiosk-tools" >&2
        exit 1
    fi
done

# Kernel modules the kiosk never uses are not worth shipping: wireless, ... (sound stays:
# voice mode speaks through the speaker or the headphone jack, docs/voice.md)
find "$root/lib/modules" -maxdepth 0 >/dev/null
rm -rf "$root"/lib/modules/*/kernel/drivers/net/wireless \
    "$root"/lib/modules/*/kernel/drivers/media "$root"/lib/modules/*/kernel/drivers/infiniband
for d in "$root"/lib/modules/*; do chroot "$root" depmod "$(basename "$d")"; done
# The one initramfs of the image, made now that the kiosk's own initramfs scripts and the
# trimmed modules are in place (build.sh held back the kernel's and the trigger's).
"$(dirname "$0")/initramfs-later.sh" make "$root"

rm -rf "$root"/var/lib/apt/lists/* "$root"/tmp/* "$root"/var/tmp/*
