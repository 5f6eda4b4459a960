#!/usr/bin/env bash
# Boots the kiosk image under qemu (amd64: qemu-system-x86_64 with OVMF; arm64:
# qemu-system-aarch64's virt board with AAVMF; software emulation) and checks
# what a technician relies on:
#   1. a provisioning file on a USB stick (QUAYPROV) is applied at first boot; SSH comes up
#      only because it carried a key
#   2. quay-kiosk.service starts and draws its first frame (journal line); boot time measured
#   3. a heartbeat reaches the portal simulator running on the host's loopback
#   4. a crashed kiosk (SIGSEGV) is restarted by systemd
#   5. a hung UI loop (SIGSTOP) is killed by the watchdog and restarted
#   6. a dossier submitted before a reboot is still queued after it, then delivered
#   7. the root is read-only, the firewall drops inbound by default, no getty runs
#   8. the disk is larger than the image: /data (QUAYDATA, last) grew to fill it at the first
#      boot, keeping what the image put there, and stays so after the reboot
#   9. the kiosk has its own machine id (the image has none), the same after the reboot, and
#      the persistent journal under it holds both boots
#  10. provisioning sticks hot-plugged (QMP) while it runs: unsigned, signed by another key,
#      an older serial, a non-FAT filesystem, symlinks on the stick: each refused with its
#      reason in /run/quay/provision.json, the kiosk not restarted, config and SSH keys
#      unchanged; then a signed newer file is applied (kiosk restarted) and the same stick
#      again changes and restarts nothing
#  11. physical keys (QMP send-key): Alt+SysRq+B, 8x Ctrl+Alt+Del, Ctrl+Alt+F2: no reboot,
#      the kiosk still on screen (screendump); kernel.sysrq=0, the watchdog armed
#  12. real power cuts (issue 11): delivery paused, dossiers submitted, the VM reset without
#      sync (sysrq-trigger b), 3 times; every acknowledged dossier is there after each boot,
#      no receipt code twice; resumed, each is delivered exactly once
#  13. metrics (issue 16): node-exporter answers only the provisioned network (its nftables
#      set is exactly 10.0.2.2), and a scrape from the host through it carries the app's
#      quay_ metrics with the delivered count, valid for promtool, the same series as
#      `quayctl metrics` prints in the guest
#  14. with QUAY_BOOT_UPDATE=1 (image built with --update-key): a good OS update from a
#      QUAYUPDATE stick is tried on slot B and kept; a broken one (the app never draws) is
#      tried on slot A and rolled back by itself; a queued dossier survives and is delivered
#
#   image-build/test-boot.sh [--arch amd64|arm64] [IMAGE]
#                                        (default: the newest build/image/*-ARCH.img; arm64
#                                        boots on qemu-system-aarch64's virt board with AAVMF)
#   image-build/test-boot.sh --key       makes the test's provisioning key once
#                                        (build/image/boot-test-key) and prints its .pub:
#                                        the image must be built with --provision-pub of it
#
# Not part of scripts/test.sh by default: under emulation without KVM on 2 shared cores it
# takes several minutes (docs/technician-guide.md has the figures). QUAY_TEST_IMAGE=1
# scripts/test.sh runs it.
#
# Networking: qemu's user network; the guest reaches the host's 127.0.0.1 as 10.0.2.2.
# The kiosk allows plain http only to loopback, so the test starts a socket-activated
# systemd-socket-proxyd in the guest (transient, under /run) on 127.0.0.1:8787 that
# forwards to the simulator at 10.0.2.2. Nothing of the test is written into the image.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
bin=${QUAY_BIN_DIR:-$repo/build/pkg}
quayctl=$bin/kiosk/app/quayctl
keydir=$repo/build/image/boot-test-key
arch=amd64
if [ "${1:-}" = --arch ]; then arch=$2; shift 2; fi
if [ "${1:-}" = --key ]; then
    [ -f "$keydir/provision.pub" ] || "$quayctl" provision keygen --out "$keydir" >/dev/null
    echo "$keydir/provision.pub"
    exit 0
fi
img=${1:-$(find "$repo/build/image" -maxdepth 1 -name "*-$arch.img" -printf '%T@ %p\n' 2>/dev/null |
    sort -n | tail -n1 | cut -d' ' -f2-)}
if [ -z "$img" ] || [ ! -f "$img" ]; then
    echo "test-boot.sh: no image; run image-build/build.sh" >&2
    exit 1
fi
sim=$bin/tools/portal-sim/quay-portal-sim
if [ ! -x "$quayctl" ] || [ ! -x "$sim" ]; then
    echo "test-boot.sh: build quayctl and quay-portal-sim in $bin (image-build/build-deb.sh)" >&2
    exit 1
fi
# The machine per architecture: qemu and its board, UEFI firmware (code, and variables the
# test copies), the display the kiosk draws on (a DRM driver for SDL's KMSDRM) and a keyboard
# for QMP send-key. QUAY_BOOT_CPU overrides the CPU model.
case "$arch" in
    amd64)
        # No AVX in the emulated CPU: Mesa's llvmpipe JIT (the kiosk's GLES2 renderer when the
        # board has no GPU driver) crashes on TCG's AVX2 emulation, never on real CPUs; a
        # low-cost kiosk board's Atom/Celeron often has no AVX either.
        fw_code=/usr/share/OVMF/OVMF_CODE_4M.fd fw_vars=/usr/share/OVMF/OVMF_VARS_4M.fd
        machine=(qemu-system-x86_64 -machine q35 -cpu "${QUAY_BOOT_CPU:-Nehalem}")
        devices=(-vga std) # bochs-drm; PS/2 keyboard on the board
        ;;
    arm64)
        # cortex-a57: "max" adds pointer authentication, which TCG emulates slowly.
        "$repo/scripts/deps.sh" arm64
        fw_code=/usr/share/AAVMF/AAVMF_CODE.fd fw_vars=/usr/share/AAVMF/AAVMF_VARS.fd
        machine=(qemu-system-aarch64 -machine virt -cpu "${QUAY_BOOT_CPU:-cortex-a57}")
        devices=(-device virtio-gpu-pci -device usb-kbd) # virtio_gpu DRM; the board has no PS/2
        ;;
    *) echo "test-boot.sh: --arch amd64 or arm64" >&2; exit 2 ;;
esac
boot_timeout=${QUAY_BOOT_TIMEOUT:-900}

work=$(mktemp -d /tmp/quay-boot.XXXXXX)
qemu_pid="" sim_pid=""
cleanup() {
    if [ -n "$qemu_pid" ]; then kill "$qemu_pid" 2>/dev/null || true; fi
    if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; fi
    wait 2>/dev/null || true
    if [ "${QUAY_KEEP:-0}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

t0=$(date +%s)
log() { printf '[%4ds] %s\n' $(($(date +%s) - t0)) "$*" >&2; }
fail() {
    log "FAIL: $*"
    echo "--- serial console (last 40 lines) ---" >&2
    tail -n 40 "$work/serial.log" >&2 || true
    if [ "${QUAY_BOOT_HOLD:-0}" = 1 ] && [ -n "$qemu_pid" ]; then
        # For a technician at the failure: the VM stays up until this script is stopped.
        echo "held: ssh -i $work/id -p $ssh_port root@127.0.0.1; QMP at $work/qmp.sock" >&2
        wait "$qemu_pid" || true
    fi
    exit 1
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- the portal simulator on the host's loopback
printf 'boot-test-token-%s\n' "$RANDOM$RANDOM" >"$work/token"
printf 'boot-test-admin-%s\n' "$RANDOM$RANDOM" >"$work/admin-token"
chmod 0600 "$work/token" "$work/admin-token"
sim_port=$(free_port)
"$sim" --db "$work/sim.db" --token-file "$work/token" --admin-token-file "$work/admin-token" \
    --listen "127.0.0.1:$sim_port" \
    >"$work/sim.log" 2>&1 &
sim_pid=$!
sim_url="http://127.0.0.1:$sim_port"
for _ in $(seq 50); do curl -fsS "$sim_url/_sim/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "$sim_url/_sim/health" >/dev/null || fail "the simulator did not start"
sim_get() { curl -fsS -H "Authorization: Bearer $(tr -d '\n' <"$work/admin-token")" "$sim_url$1"; }

# --- the provisioning file, on a USB stick, written and signed by quayctl as a technician
# would, with the key the image trusts (build.sh --provision-pub "$(test-boot.sh --key)")
[ -f "$keydir/provision.key" ] || fail "no $keydir: image-build/test-boot.sh --key, then build.sh --provision-pub"
trusted_pub=/usr/share/quay/provision-trust/$(sha256sum "$keydir/provision.pub" | cut -c1-16).pub
ssh-keygen -q -t ed25519 -N '' -C boot-test -f "$work/id"
mkdir -p "$work/stick"
# provision_file OUT SERIAL [write flags...]: the test kiosk's file (signing flags in "$@")
provision_file() {
    local out=$1 serial=$2
    shift 2
    echo 246810 | "$quayctl" provision write --kiosk-id K0099 --portal-url http://127.0.0.1:8787 \
        --token-file "$work/token" --ssh-key-file "$work/id.pub" --ssh-allow 10.0.2.2/32 --metrics-allow 10.0.2.2/32 --staff-pin-stdin \
        --serial "$serial" "$@" --out "$out" >/dev/null
}
provision_file "$work/stick/quay-provision.toml" 5 --sign-key "$keydir/provision.key"
truncate -s 16M "$work/stick.img"
mkfs.vfat -n QUAYPROV "$work/stick.img" >/dev/null
mcopy -i "$work/stick.img" "$work/stick/quay-provision.toml" ::/

# --- the kiosk: a sparse copy of the image on a disk 2 GiB larger, OVMF with its own variables
cp --sparse=always "$img" "$work/disk.img"
truncate -s +2G "$work/disk.img"
disk_bytes=$(stat -c %s "$work/disk.img")
# Byte offset of the image's partition named $1.
part_offset() {
    sfdisk -J "$img" | python3 -c 'import json,sys
print(512 * next(p["start"] for p in json.load(sys.stdin)["partitiontable"]["partitions"]
                 if p.get("name") == sys.argv[1]))' "$1"
}
# The image ships an empty /etc/machine-id (read from its root partition).
debugfs -R 'stat /etc/machine-id' "$img?offset=$(part_offset QUAYROOT_A)" 2>/dev/null | grep -q '^User:.* Size: 0$' ||
    fail "the image's /etc/machine-id is not an empty file"
# The image trusts the test's key, and ships no portal simulator or virtual printer.
debugfs -R "cat $trusted_pub" "$img?offset=$(part_offset QUAYROOT_A)" 2>/dev/null | cmp -s - "$keydir/provision.pub" ||
    fail "the image does not trust $keydir/provision.pub: build it with --provision-pub \$(image-build/test-boot.sh --key)"
for tool in quay-portal-sim quay-virtual-printer; do
    ! debugfs -R "stat /usr/bin/$tool" "$img?offset=$(part_offset QUAYROOT_A)" 2>/dev/null | grep -q '^Inode:' ||
        fail "the image ships /usr/bin/$tool (it belongs to quay-kiosk-tools)"
done
# What the image puts in /data/systemd (QUAYDATA), to find again after /data has grown.
mapfile -t image_data_systemd < <(debugfs -R 'ls -p /systemd' "$img?offset=$(part_offset QUAYDATA)" 2>/dev/null |
    awk -F/ '$6 != "" && $6 != "." && $6 != ".." {print $6}')
[ "${#image_data_systemd[@]}" -gt 0 ] || fail "no /systemd on the image's QUAYDATA"
cp --sparse=always "$fw_vars" "$work/vars.fd"
ssh_port=$(free_port)
metrics_port=$(free_port)
start_qemu() {
    "${machine[@]}" -accel tcg -smp 2 -m 1536 \
        -drive "if=pflash,format=raw,readonly=on,file=$fw_code" \
        -drive "if=pflash,format=raw,file=$work/vars.fd" \
        -drive "if=virtio,format=raw,file=$work/disk.img" \
        -device qemu-xhci,id=xhci -drive "if=none,id=stick,format=raw,file=$work/stick.img" \
        -device usb-storage,drive=stick,id=stick0 -device i6300esb \
        -qmp "unix:$work/qmp.sock,server=on,wait=off" \
        -netdev "user,id=n0,hostfwd=tcp:127.0.0.1:$ssh_port-:22,hostfwd=tcp:127.0.0.1:$metrics_port-:9100" -device virtio-net-pci,netdev=n0 \
        "${devices[@]}" -display none -serial "file:$work/serial.log" -no-reboot \
        >"$work/qemu.log" 2>&1 &
    qemu_pid=$!
}
ssh_opts=(-i "$work/id" -p "$ssh_port" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
    -o LogLevel=ERROR -o ConnectTimeout=5 -o BatchMode=yes)
# Runs a command line in the guest (expanded here on purpose). ssh's own failures (exit
# 255: a connection reset while the guest's sshd is busy under TCG) are tried again.
# shellcheck disable=SC2029
g_once() { ssh "${ssh_opts[@]}" root@127.0.0.1 "$@"; }
g() {
    local rc=0 try
    for try in 1 2 3 4 5; do
        g_once "$@" && return 0 || rc=$?
        [ "$rc" -eq 255 ] || return "$rc"
        log "ssh failed (try $try), again"
        sleep 3
    done
    return "$rc"
}
wait_ssh() {
    local until=$(($(date +%s) + boot_timeout))
    while ! g_once true 2>/dev/null; do
        kill -0 "$qemu_pid" 2>/dev/null || fail "qemu exited"
        [ "$(date +%s)" -lt "$until" ] || fail "no SSH after ${boot_timeout}s"
        sleep 3
    done
}
# Waits until the guest command succeeds (up to $1 seconds).
wait_for() {
    local secs=$1
    shift
    local until=$(($(date +%s) + secs))
    until g "$@" >/dev/null 2>&1; do
        [ "$(date +%s)" -lt "$until" ] || return 1
        sleep 2
    done
}
# qmp JSON...: runs QMP commands in order (one connection), prints the replies.
qmp() {
    python3 - "$work/qmp.sock" "$@" <<'PY'
import json, socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile("rw")
def reply():
    while True:
        m = json.loads(f.readline())
        if "event" not in m: return m
reply()
for cmd in [{"execute": "qmp_capabilities"}] + [json.loads(a) for a in sys.argv[2:]]:
    f.write(json.dumps(cmd) + "\n"); f.flush()
    r = reply()
    if "error" in r: sys.exit(f"QMP {cmd}: {r['error']}")
    print(json.dumps(r))
PY
}
keys() { # keys KEY...: one chord, e.g. keys ctrl alt delete
    local k json=""
    for k in "$@"; do json+="${json:+,}{\"type\":\"qcode\",\"data\":\"$k\"}"; done
    qmp "{\"execute\":\"send-key\",\"arguments\":{\"keys\":[$json]}}" >/dev/null
}
kiosk_pid() { g systemctl show -p MainPID --value quay-kiosk.service; }
# screen_check NAME: a screendump shows the kiosk (not black, not the console, not one flat
# colour); kept beside the image as screen-NAME.ppm, the first thing to look at on a failure.
screen_check() {
    qmp "{\"execute\":\"screendump\",\"arguments\":{\"filename\":\"$work/screen-$1.ppm\"}}" >/dev/null
    cp "$work/screen-$1.ppm" "$(dirname "$img")/screen-$1.ppm" 2>/dev/null || true
    python3 - "$work/screen-$1.ppm" "$1" <<'PY' || fail "screen $1: not the kiosk's (console, black or one colour): $(g "journalctl -b -u quay-kiosk.service --no-pager | grep 'first frame'")"
import sys
d = open(sys.argv[1], "rb").read()
parts = d.split(b"\n", 3)  # P6, "W H", 255, pixels (qemu writes no comments)
w, h = map(int, parts[1].split()); px = parts[3]
pix = [px[i:i + 3] for i in range(0, len(px) - 2, 3 * 7)]
dark = sum(1 for p in pix if max(p) < 40) / len(pix)
colours = len(set(pix))
print(f"screen {sys.argv[2]} {w}x{h}: {dark:.0%} dark, {colours} colours", file=sys.stderr)
sys.exit(0 if dark < 0.6 and colours > 8 else 1)
PY
}
restarts() { g systemctl show -p NRestarts --value quay-kiosk.service; }
q() { g runuser -u quay -- quayctl --config /etc/quay/quay.toml "$@"; }

log "booting $(basename "$img") under qemu (TCG)"
boot_start=$(date +%s)
start_qemu
wait_ssh
log "SSH up after $(($(date +%s) - boot_start))s: the provisioning file's key was installed"
# SSH only from where the provisioning file said: sshd's from= and the firewall's set.
g "grep -q '^from=\"10.0.2.2/32\" ssh-ed25519 ' /etc/quay/authorized_keys" ||
    fail "authorized_keys does not restrict the key to provision.ssh_allow_from: $(g cat /etc/quay/authorized_keys)"
[ "$(g "nft -j list set inet filter ssh4" | python3 -c 'import json,sys
s=[o["set"] for o in json.load(sys.stdin)["nftables"] if "set" in o][0]
print(" ".join(str(e) for e in s.get("elem", [])))')" = 10.0.2.2 ] ||
    fail "the firewall's SSH set is not exactly 10.0.2.2: $(g nft list set inet filter ssh4)"
log "SSH is open to 10.0.2.2/32 only (sshd from= and the nftables set ssh4)"
wait_for 600 "journalctl -b -u quay-kiosk.service | grep -q 'first frame drawn'" ||
    fail "the kiosk drew no first frame: $(g journalctl -b -u quay-kiosk.service --no-pager | tail -n 20)"
first_frame_host=$(($(date +%s) - boot_start))
first_frame_guest=$(g "journalctl -b -u quay-kiosk.service -o short-monotonic --no-pager | grep -m1 'first frame drawn'" |
    sed -n 's/^\[ *\([0-9.]*\)\].*/\1/p')
log "first frame: ${first_frame_guest}s after the kernel started (${first_frame_host}s from power-on, host clock)"
screen_check first-frame
if ! g systemctl is-active -q quay-kiosk.service; then
    # Say what it was doing (activating after a restart, failed, …), then give it time.
    log "quay-kiosk.service is $(g systemctl is-active quay-kiosk.service || true) just after its first frame:"
    g "systemctl status --no-pager -n 30 quay-kiosk.service quay-provision.service quay-provision-hotplug.service" >&2 || true
    wait_for 120 "systemctl is-active -q quay-kiosk.service" ||
        fail "quay-kiosk.service is not active: $(g journalctl -b --no-pager -u quay-kiosk.service -u 'quay-provision*' | tail -n 40)"
fi
g cat /run/quay/provision.json
echo >&2

# --- /data grew to the end of the disk, keeping what the image put on it
data_size() {
    # shellcheck disable=SC2016 # expanded in the guest
    g 'dev=$(findmnt -no SOURCE /data); cat /sys/class/block/${dev#/dev/}/start;
        tune2fs -l "$dev" | sed -n "s/^Block count: *//p; s/^Block size: *//p"' | paste -sd ' '
}
read -r data_start data_blocks data_bsize < <(data_size)
data_end=$((data_start * 512 + data_blocks * data_bsize))
g cat /run/initramfs/quay-data.log >&2 || fail "no /run/initramfs/quay-data.log: the initramfs script did not run"
[ $((disk_bytes - data_end)) -lt $((4 << 20)) ] ||
    fail "/data ends at $data_end bytes, the disk has $disk_bytes"
[ "$(g stat -c %U:%a /data/quay)" = quay:700 ] || fail "/data/quay lost its owner or mode"
for f in "${image_data_systemd[@]}"; do
    g test -e "/data/systemd/$f" || fail "/data/systemd/$f from the image is gone"
done
log "/data grew to $((data_blocks * data_bsize >> 20)) MiB, ending $(((disk_bytes - data_end) >> 10)) KiB before the end of the $((disk_bytes >> 20)) MiB disk"

# --- a machine id of its own, on /data, found nowhere in the image
machine_id=$(g cat /etc/machine-id)
[[ $machine_id =~ ^[0-9a-f]{32}$ ]] || fail "machine id '$machine_id'"
[ "$(g cat /data/machine-id)" = "$machine_id" ] || fail "/etc/machine-id is not /data/machine-id"
! LC_ALL=C grep -qaF "$machine_id" "$img" || fail "the image holds the machine id $machine_id"
log "machine id $machine_id (from /data, not in the image)"

# --- the portal through the guest's loopback
g systemd-run --quiet --unit=portal-fwd --socket-property=ListenStream=127.0.0.1:8787 \
    /lib/systemd/systemd-socket-proxyd "10.0.2.2:$sim_port"

# --- a crash is restarted
pid=$(kiosk_pid) n=$(restarts)
g kill -SEGV "$pid"
wait_for 180 "[ \$(systemctl show -p NRestarts --value quay-kiosk.service) -gt $n ] && systemctl is-active -q quay-kiosk.service" ||
    fail "the crashed kiosk was not restarted"
log "crash (SIGSEGV to $pid): restarted by systemd as $(kiosk_pid)"

# --- the app's own heartbeat (sent at start, retried soon after a failure) reaches the
# simulator: nothing in the test sends one
hb_until=$(($(date +%s) + 240))
until hb=$(sim_get /_sim/heartbeats) && case "$hb" in *'"K0099"'*) true ;; *) false ;; esac; do
    [ "$(date +%s)" -lt "$hb_until" ] ||
        fail "no heartbeat from the kiosk app: $hb $(g journalctl -b -u quay-kiosk.service --no-pager | grep -i heartbeat | tail -n 5)"
    sleep 2
done
log "heartbeat from the kiosk app (K0099) arrived at the simulator"

# --- a hung loop is killed by the watchdog
pid=$(kiosk_pid) n=$(restarts)
wait_for 300 "journalctl -b -u quay-kiosk.service _PID=$pid | grep -q 'first frame drawn'" ||
    fail "the restarted kiosk drew no frame"
hang_start=$(date +%s)
g kill -STOP "$pid"
wait_for 240 "[ \$(systemctl show -p NRestarts --value quay-kiosk.service) -gt $n ]" ||
    fail "the hung kiosk was not killed by the watchdog"
g "journalctl -b -u quay-kiosk.service --no-pager | grep -q 'Watchdog timeout'" ||
    fail "no watchdog timeout in the journal"
log "hang (SIGSTOP to $pid): watchdog killed it after $(($(date +%s) - hang_start))s, restarted as $(kiosk_pid)"

# --- provisioning sticks hot-plugged while the kiosk runs (QMP device_add usb-storage)
prov_t0=$(date +%s)
qmp '{"execute":"device_del","arguments":{"id":"stick0"}}' >/dev/null
wait_for 60 "! ls /dev/sd?* >/dev/null 2>&1" || fail "the boot stick did not go away"
ssh-keygen -q -t ed25519 -N '' -C other -f "$work/other-ssh"
"$quayctl" provision keygen --out "$work/other-key" >/dev/null
mkdir -p "$work/p"
provision_file "$work/p/a.toml" 6
provision_file "$work/p/b.toml" 6 --sign-key "$work/other-key/provision.key"
provision_file "$work/p/c.toml" 4 --sign-key "$keydir/provision.key" --language en
provision_file "$work/p/f.toml" 6 --sign-key "$keydir/provision.key" --language en
# fat_stick NAME FILE / ext4_stick NAME DIR: a 16 MiB stick labelled QUAYPROV
fat_stick() {
    truncate -s 16M "$work/$1.img" && mkfs.vfat -n QUAYPROV "$work/$1.img" >/dev/null &&
        mcopy -i "$work/$1.img" "$2" ::/quay-provision.toml
}
ext4_stick() { mkfs.ext4 -q -L QUAYPROV -d "$2" "$work/$1.img" 16M; }
fat_stick a "$work/p/a.toml"
fat_stick b "$work/p/b.toml"
fat_stick c "$work/p/c.toml"
fat_stick f "$work/p/f.toml"
mkdir -p "$work/d" "$work/e"
cp "$work/p/f.toml" "$work/d/quay-provision.toml"
ext4_stick d "$work/d"
# Symlinks: the file points into the kiosk, the old result file at its SSH keys.
ln -s /etc/quay/quay.toml "$work/e/quay-provision.toml"
ln -s /etc/quay/authorized_keys "$work/e/quay-provision-result.txt"
ext4_stick e "$work/e"
guard() { g "sha256sum /etc/quay/quay.toml /etc/quay/authorized_keys; systemctl show -p MainPID -p NRestarts quay-kiosk.service"; }
# plug NAME: hot-plugs the stick, waits for quay-provision's verdict, unplugs; prints it
plug() {
    local id=$1$(date +%s%N)
    g rm -f /run/quay/provision.json
    qmp "{\"execute\":\"blockdev-add\",\"arguments\":{\"driver\":\"raw\",\"node-name\":\"n$id\",\"file\":{\"driver\":\"file\",\"filename\":\"$work/$1.img\"}}}" \
        "{\"execute\":\"device_add\",\"arguments\":{\"driver\":\"usb-storage\",\"drive\":\"n$id\",\"id\":\"u$id\"}}" >/dev/null
    wait_for 180 "test -s /run/quay/provision.json && ! systemctl is-active -q quay-provision-hotplug.service" ||
        fail "stick $1: no verdict: $(g journalctl -b -u 'quay-provision*' --no-pager | tail -n 20)"
    qmp "{\"execute\":\"device_del\",\"arguments\":{\"id\":\"u$id\"}}" >/dev/null
    wait_for 60 "! ls /dev/sd?* >/dev/null 2>&1" || fail "stick $1 did not go away"
    g cat /run/quay/provision.json
}
before=$(guard)
for case in a:unsigned b:untrusted_key c:stale_serial d:not_vfat e:not_vfat; do
    stick=${case%%:*} want=${case#*:}
    t=$(date +%s)
    verdict=$(plug "$stick")
    case "$verdict" in *"\"error\":\"$want\""* | *"\"error\": \"$want\""*) ;; *) fail "stick $stick: want $want, got $verdict" ;; esac
    [ "$(guard)" = "$before" ] || fail "stick $stick ($want) changed the kiosk: $(guard) (before: $before)"
    g systemctl is-active -q quay-kiosk.service || fail "the kiosk stopped after stick $stick"
    log "stick $stick refused ($want) in $(($(date +%s) - t))s; kiosk not restarted, config and SSH keys unchanged"
done
g "! grep -rqs 'quay-provision' /etc/quay/authorized_keys" || fail "the symlinked result file reached authorized_keys"
# Each refusal is a row of the audit log, which the staff screen shows (latest 20).
refused=$(q audit --latest 20 | python3 -c 'import json,sys
print(sorted(e["detail"].get("reason", "?") if isinstance(e["detail"], dict) else "?"
             for e in json.load(sys.stdin)["entries"] if e["event"] == "provision_refused"))')
case "$refused" in *not_vfat*stale_serial*unsigned*untrusted_key*) ;; *) fail "no provision_refused rows in the audit log: $refused" ;; esac
log "audit log (staff screen): provision_refused $refused"
t=$(date +%s)
old_pid=$(kiosk_pid)
verdict=$(plug f)
case "$verdict" in *'"changed": true'* | *'"changed":true'*) ;; *) fail "stick f not applied: $verdict" ;; esac
g "grep -q '^# provision-serial: 6' /etc/quay/quay.toml" || fail "serial 6 is not installed: $(g head -n 5 /etc/quay/quay.toml)"
wait_for 400 "systemctl is-active -q quay-kiosk.service && [ \$(systemctl show -p MainPID --value quay-kiosk.service) != $old_pid ]" ||
    fail "the kiosk was not restarted on the new config"
log "stick f (signed, serial 6) applied in $(($(date +%s) - t))s; the kiosk restarted on it"
wait_for 300 "journalctl -b -u quay-kiosk.service _PID=\$(systemctl show -p MainPID --value quay-kiosk.service) | grep -q 'first frame drawn'" ||
    fail "the kiosk drew no frame on the new config"
before=$(guard)
verdict=$(plug f)
case "$verdict" in *'"changed": false'* | *'"changed":false'*) ;; *) fail "stick f again: $verdict" ;; esac
[ "$(guard)" = "$before" ] || fail "the same stick again restarted or changed something"
log "stick f again: nothing changed, nothing restarted"
prov_s=$(($(date +%s) - prov_t0))
keys_t0=$(date +%s)

# --- physical keys: no reboot, no console, the kiosk stays in front
boot_id=$(g cat /proc/sys/kernel/random/boot_id)
pid=$(kiosk_pid)
[ "$(g cat /proc/sys/kernel/sysrq)" = 0 ] || fail "kernel.sysrq is $(g cat /proc/sys/kernel/sysrq) (sysctl kernel.sysrq; no procps in the image)"
wd=$(g systemctl show -p RuntimeWatchdogUSec --value)
case "$wd" in 0 | infinity | "") fail "RuntimeWatchdogUSec is '$wd'" ;; esac
g "cat /sys/class/watchdog/watchdog0/identity /sys/class/watchdog/watchdog0/state 2>/dev/null | paste -sd ' '" >&2 || true
keys alt sysrq b
for _ in 1 2 3 4 5 6 7 8; do keys ctrl alt delete; done
keys ctrl alt f2
keys alt f3
sleep 5 # nothing to wait on: the test is that nothing happens
[ "$(g cat /proc/sys/kernel/random/boot_id)" = "$boot_id" ] || fail "the keys rebooted the kiosk"
[ "$(kiosk_pid)" = "$pid" ] || fail "the kiosk was restarted by the keys"
[ "$(g cat /sys/class/tty/tty0/active)" = tty1 ] || fail "the console switched to $(g cat /sys/class/tty/tty0/active)"
g "dmesg | grep -q 'This sysrq operation is disabled'" || log "note: no 'sysrq operation is disabled' in dmesg"
screen_check after-keys
keys_s=$(($(date +%s) - keys_t0))
log "Alt+SysRq+B, 8x Ctrl+Alt+Del, Ctrl+Alt+F2, Alt+F3: same boot, same kiosk process, tty1, kiosk on screen; sysrq=0, RuntimeWatchdogUSec=$wd"

# --- a dossier survives a reboot (portal unreachable meanwhile)
g systemctl stop portal-fwd.socket portal-fwd.service 2>/dev/null || true
python3 - "$quayctl" "$work" >"$work/draft.json" <<'EOF'
import json, subprocess, sys
quayctl, work = sys.argv[1], sys.argv[2]
cfg = f"{work}/host.toml"
open(cfg, "w").write(f'[kiosk]\nid = "K1"\ndata_dir = "{work}/host-data"\n[portal]\n'
                     f'url = "http://127.0.0.1:9"\ntoken_file = "{work}/token"\n[test]\nmode = true\n')
run = lambda *a: json.loads(subprocess.check_output([quayctl, "--config", cfg, *a]))
code = run("catalog", "list")["procedures"][0]["code"]
proc = run("catalog", "show", code)
def sample(f):
    t = f.get("type", "text")
    if t == "date": return "2020-01-02"
    if t == "phone": return "0912345678"
    if t == "email": return "an.nguyen@example.vn"
    if t == "id_number": return "001090123456"
    if t == "number": return f.get("min", f.get("max", 1))
    if t == "choice" and f.get("options"):
        o = f["options"][0]
        return o["value"] if isinstance(o, dict) else o
    return "Nguyễn Thị Bình"
text = lambda v: v if isinstance(v, str) else v.get("vi", next(iter(v.values())))
print(json.dumps({
    "procedure_code": code,
    "applicant": {"full_name": "Nguyễn Văn An", "id_number": "001090123456",
                  "date_of_birth": "1990-01-01", "phone": "0912345678", "email": None,
                  "address": "Số 5, thôn Đông, xã Hòa Phú, tỉnh Đắk Lắk"},
    "fields": {f["code"]: sample(f) for f in proc["fields"] if f.get("required")},
    "documents": [{"code": d["code"], "name": text(d["name"]), "original": d.get("original", True),
                   "copies": d.get("copies", 0)} for d in proc.get("documents", [])],
    "fees": [{"code": f["code"], "name": text(f["name"]),
              "amount": f.get("amount", f.get("amount_dong"))} for f in proc.get("fees", [])],
}, ensure_ascii=False))
EOF
# The draft in the guest's /tmp (a tmpfs: again after every boot).
put_draft() {
    scp -q -P "$ssh_port" "${ssh_opts[@]:0:2}" "${ssh_opts[@]:4}" "$work/draft.json" root@127.0.0.1:/tmp/draft.json
    g chmod 0644 /tmp/draft.json
}
put_draft
dossier=$(q submit /tmp/draft.json | python3 -c 'import json,sys; print(json.load(sys.stdin)["dossier_id"])')
log "submitted dossier $dossier; rebooting"
reboot_start=$(date +%s)
g systemctl reboot || true
sleep 5
# -no-reboot: qemu exits at the guest's reboot; start it again on the same disk.
wait "$qemu_pid" 2>/dev/null || true
start_qemu
wait_ssh
log "back after $(($(date +%s) - reboot_start))s"
[ "$(g cat /etc/machine-id)" = "$machine_id" ] || fail "the machine id changed at the reboot: $(g cat /etc/machine-id)"
read -r s b z < <(data_size)
[ "$s $b $z" = "$data_start $data_blocks $data_bsize" ] || fail "/data changed at the reboot: $s $b $z"
g "! grep grown /run/initramfs/quay-data.log" || fail "/data was grown again"
boots=$(g journalctl --list-boots --no-pager | grep -cE '[0-9a-f]{32}' || true)
[ "$boots" -ge 2 ] || fail "the journal lists $boots boot(s)"
g "journalctl -b -1 -u quay-kiosk.service --no-pager | grep -q 'first frame drawn'" ||
    fail "journalctl -b -1 does not show the boot before"
log "same machine id and /data after the reboot; the journal lists $boots boots, -b -1 works"
state=$(q show "$dossier" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')
[ "$state" = pending ] || fail "after the reboot the dossier is '$state', not pending"
log "dossier $dossier still queued (pending) after the reboot"
g systemd-run --quiet --unit=portal-fwd --socket-property=ListenStream=127.0.0.1:8787 \
    /lib/systemd/systemd-socket-proxyd "10.0.2.2:$sim_port"
q deliver --until-idle --timeout 120 >/dev/null || fail "delivery after the reboot failed"
sim_get "/_sim/dossiers/$dossier" >/dev/null || fail "the simulator does not have $dossier"
log "delivered to the simulator after the reboot"

keys_s=${keys_s:-0}
# --- real power cuts (issue 11): delivery paused, dossiers acknowledged, the VM reset
cuts_t0=$(date +%s)
# without any sync (sysrq-trigger works whatever kernel.sysrq says), three times
q pause >/dev/null
g systemctl stop portal-fwd.socket portal-fwd.service 2>/dev/null || true
acked=()
for round in $(seq "${QUAY_POWER_CUTS:-3}"); do
    t=$(date +%s)
    put_draft
    for _ in 1 2 3; do
        acked+=("$(q submit /tmp/draft.json | python3 -c 'import json,sys; print(json.load(sys.stdin)["dossier_id"])')")
    done
    # Cut within the same second as the last acknowledgement, long before ext4's 5 s commit.
    g_once "echo b >/proc/sysrq-trigger" >/dev/null 2>&1 &
    wait "$qemu_pid" 2>/dev/null || true # -no-reboot: qemu exits at the guest's reset
    wait $! 2>/dev/null || true
    start_qemu
    wait_ssh
    queue=$(q queue)
    for id in "${acked[@]}"; do
        case "$queue" in *"\"$id\""*) ;; *) fail "power cut $round: acknowledged dossier $id is gone: $queue" ;; esac
    done
    printf '%s' "$queue" | python3 -c 'import json,sys
codes = [i["receipt_code"] for i in json.load(sys.stdin)["items"]]
sys.exit(len(codes) != len(set(codes)))' || fail "power cut $round: a receipt code is there twice: $queue"
    log "power cut $round (sysrq b right after 3 submits): all ${#acked[@]} acknowledged dossiers there after $(($(date +%s) - t))s"
done
g systemd-run --quiet --unit=portal-fwd --socket-property=ListenStream=127.0.0.1:8787 \
    /lib/systemd/systemd-socket-proxyd "10.0.2.2:$sim_port"
q resume >/dev/null
q deliver --until-idle --timeout 300 >/dev/null || fail "delivery after the power cuts failed: $(q queue)"
sim_get /_sim/dossiers | python3 -c 'import json,sys
ids = [d["dossier_id"] for d in json.load(sys.stdin)["dossiers"]]
want = sys.argv[1:]
bad = [i for i in want if ids.count(i) != 1]
sys.exit(f"not exactly once at the simulator: {bad}" if bad else 0)' "${acked[@]}" ||
    fail "the simulator does not hold each dossier exactly once"
log "resumed: the ${#acked[@]} dossiers of the power cuts delivered, each exactly once"
cuts_s=$(($(date +%s) - cuts_t0))

# --- metrics: node-exporter open to the provisioned network only, serving the app's file
[ "$(g "nft -j list set inet filter metrics4" | python3 -c 'import json,sys
s=[o["set"] for o in json.load(sys.stdin)["nftables"] if "set" in o][0]
print(" ".join(str(e) for e in s.get("elem", [])))')" = 10.0.2.2 ] ||
    fail "the firewall's metrics set is not exactly 10.0.2.2: $(g nft list set inet filter metrics4)"
scrape() { curl -fsS --max-time 20 "http://127.0.0.1:$metrics_port/metrics"; }
delivered=$(q queue | python3 -c 'import json,sys
print(sum(1 for i in json.load(sys.stdin)["items"] if i["state"] == "delivered"))')
# The app rewrites its textfile every [metrics] interval_s (60 s): wait for the one after
# the delivery above.
metrics_ok=0
for _ in $(seq 40); do
    if scrape >"$work/scrape.txt" 2>/dev/null &&
        grep -qx "quay_queue_items{state=\"delivered\"} $delivered" "$work/scrape.txt" &&
        grep -qx 'quay_queue_items{state="pending"} 0' "$work/scrape.txt"; then
        metrics_ok=1
        break
    fi
    sleep 5
done
[ "$metrics_ok" = 1 ] ||
    fail "no scrape with $delivered delivered and 0 pending: $(grep '^quay_queue\|^node_textfile' "$work/scrape.txt" 2>/dev/null; g systemctl status --no-pager prometheus-node-exporter.service | tail -n 5)"
grep -q '^quay_info{kiosk_id="K0099",version="[^"]*"} 1$' "$work/scrape.txt" || fail "no quay_info for K0099 in the scrape"
grep -q '^node_textfile_scrape_error 0$' "$work/scrape.txt" || fail "node-exporter could not read the textfile"
# The app's families with their HELP and TYPE lines (promtool wants both).
grep -E '^(# (HELP|TYPE) )?quay_' "$work/scrape.txt" >"$work/scrape-quay.prom"
if command -v promtool >/dev/null; then
    promtool check metrics <"$work/scrape-quay.prom" || fail "promtool check metrics refused the scrape's quay_ metrics"
fi
# quayctl metrics in the guest: the same series (values may have moved since the write).
q metrics | grep -v '^#' | sed 's/ [^ ]*$//' | sort >"$work/quayctl-series.txt"
grep -v '^#' "$work/scrape-quay.prom" | sed 's/ [^ ]*$//' | sort >"$work/scrape-series.txt"
diff "$work/quayctl-series.txt" "$work/scrape-series.txt" >&2 ||
    fail "quayctl metrics and the app's textfile differ in their series"
log "metrics: scraped through node-exporter from 10.0.2.2 (the provisioned network): $(grep -vc '^#' "$work/scrape-quay.prom") quay_ samples, $delivered delivered, promtool ok, same series as quayctl metrics"

# --- OS updates on the A/B root slots (docs/updates.md), QUAY_BOOT_UPDATE=1: a good
# bundle from a QUAYUPDATE stick is installed on slot B, tried, found healthy and kept; a
# broken one (the app never draws) is installed on slot A, tried, and the kiosk comes back
# on B by itself; a dossier queued before both is still there and delivered once.
update_s=0
if [ "${QUAY_BOOT_UPDATE:-0}" = 1 ]; then
    update_t0=$(date +%s)
    bundle=${img%.img}.bundle
    [ -f "$bundle" ] || fail "no $bundle: build the image with --update-key $keydir/provision.key"
    status_field() { g quayctl update status | python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
    [ "$(status_field 'd["booted_slot"], d["trial"], d["entries"][0]["state"]')" = "a False running" ] ||
        fail "a fresh kiosk is not on slot A, running: $(g quayctl update status)"
    # The test's bundles, from the image's: unpacked, the root changed for the broken one,
    # packed again by quayctl with the test's key and a shorter health limit.
    mkdir -p "$work/upd"
    python3 - "$bundle" "$work/upd" <<'PY'
import sys, tarfile
with tarfile.open(sys.argv[1]) as t:
    for m in t.getmembers():
        if m.name in ("root.img", "vmlinuz", "initrd.img"):
            t.extract(m, sys.argv[2])
PY
    base_version=$(g "sed -n 's/^version *//p' /efi/loader/entries/quay-1-a.conf")
    opts=$(g cat /proc/cmdline | tr ' ' '\n' | grep -v -e '^root=' -e '^quay\.' -e '^BOOT_IMAGE=' -e '^initrd=' | paste -sd ' ')
    pack() { # pack VERSION ROOT OUT
        "$quayctl" update pack --root-image "$2" --kernel "$work/upd/vmlinuz" --initrd "$work/upd/initrd.img" \
            --os-version "$1" --arch "$arch" --kernel-options "$opts quay.health_s=${QUAY_BOOT_HEALTH_S:-420}" \
            --sign-key "$keydir/provision.key" --out "$3" >/dev/null
    }
    pack "$base_version+good" "$work/upd/root.img" "$work/upd/good.bundle"
    printf '#!/bin/sh\n# a broken update: never draws a frame\nexec sleep infinity\n' >"$work/upd/never-draws"
    cp --sparse=always "$work/upd/root.img" "$work/upd/broken.img"
    debugfs -w -R "rm /usr/bin/quay-kiosk" "$work/upd/broken.img" >/dev/null 2>&1
    debugfs -w -f - "$work/upd/broken.img" >/dev/null 2>&1 <<DBG
write $work/upd/never-draws /usr/bin/quay-kiosk
sif /usr/bin/quay-kiosk mode 0100755
DBG
    debugfs -R "cat /usr/bin/quay-kiosk" "$work/upd/broken.img" 2>/dev/null | grep -q 'never draws' ||
        fail "could not make the broken root image"
    pack "$base_version+broken" "$work/upd/broken.img" "$work/upd/broken.bundle"
    rm -f "$work/upd/root.img" "$work/upd/broken.img"
    qemu_exit() { # qemu_exit SECS: waits for the guest to reboot (qemu runs with -no-reboot)
        local until=$(($(date +%s) + $1))
        while kill -0 "$qemu_pid" 2>/dev/null; do
            [ "$(date +%s)" -lt "$until" ] || return 1
            sleep 5
        done
        wait "$qemu_pid" 2>/dev/null || true
    }
    update_stick() { # update_stick NAME BUNDLE: a FAT32 stick labelled QUAYUPDATE
        truncate -s $(( $(stat -c %s "$2") + (64 << 20) )) "$work/$1.img"
        mkfs.vfat -F 32 -n QUAYUPDATE "$work/$1.img" >/dev/null
        mcopy -i "$work/$1.img" "$2" ::/quay-update.bundle
    }
    # plug_update NAME: hot-plugs the stick and waits for the kiosk to restart into the update
    plug_update() {
        local id=$1$(date +%s%N) t
        t=$(date +%s)
        qmp "{\"execute\":\"blockdev-add\",\"arguments\":{\"driver\":\"raw\",\"node-name\":\"n$id\",\"read-only\":true,\"file\":{\"driver\":\"file\",\"filename\":\"$work/$1.img\",\"read-only\":true}}}" \
            "{\"execute\":\"device_add\",\"arguments\":{\"driver\":\"usb-storage\",\"drive\":\"n$id\",\"id\":\"u$id\"}}" >/dev/null
        # -no-reboot: qemu exits when the kiosk restarts into the update
        qemu_exit 1800 || fail "stick $1: no restart after 1800s: $(g journalctl -b -u quay-update-usb --no-pager | tail -n 20)"
        log "stick $1: installed and restarted in $(($(date +%s) - t))s"
    }
    fwd() {
        g systemd-run --quiet --unit=portal-fwd --socket-property=ListenStream=127.0.0.1:8787 \
            /lib/systemd/systemd-socket-proxyd "10.0.2.2:$sim_port"
    }
    # A dossier queued before both updates, delivery paused (heartbeats still go out).
    q pause >/dev/null
    put_draft
    kept=$(q submit /tmp/draft.json | python3 -c 'import json,sys; print(json.load(sys.stdin)["dossier_id"])')

    update_stick good "$work/upd/good.bundle"
    plug_update good
    t=$(date +%s)
    start_qemu
    wait_ssh
    fwd # the health check's heartbeat goes through it
    wait_for 900 "quayctl update status | grep -q '\"trial\": *false'" ||
        fail "the good update was not kept: $(g quayctl update status; g journalctl -b -u quay-update-health --no-pager | tail -n 20)"
    [ "$(status_field 'd["booted_slot"], d["entries"][0]["state"], d["entries"][0]["version"]')" = "b running $base_version+good" ] ||
        fail "not running the good update on slot B: $(g quayctl update status)"
    g "journalctl -b -u quay-update-health --no-pager | grep -q 'healthy, this system is kept'" || fail "no health verdict"
    log "good update: trial boot of slot B healthy in $(($(date +%s) - t))s (first frame and a heartbeat), blessed: $(g quayctl update status)"

    update_stick broken "$work/upd/broken.bundle"
    plug_update broken
    t=$(date +%s)
    # The trial of slot A: the app never draws; the health check gives up and reboots.
    start_qemu
    qemu_exit 1800 || fail "the broken update's trial never ended: $(tail -n 20 "$work/serial.log")"
    log "broken update: its trial boot gave up after $(($(date +%s) - t))s"
    start_qemu
    wait_ssh
    fwd
    [ "$(status_field 'd["booted_slot"], d["trial"], d["entries"][0]["version"], len(d["entries"])')" = "b False $base_version+good 1" ] ||
        fail "not back on the good slot B with the failed entry gone: $(g quayctl update status)"
    q audit --latest 10 | grep -q update_rolled_back || fail "no update_rolled_back in the audit log"
    g "journalctl -b -1 -u quay-update-health --no-pager | grep -q 'rebooting into the previous system'" ||
        fail "the trial boot's health check did not give up: $(g journalctl -b -1 -u quay-update-health --no-pager | tail -n 10)"
    state=$(q show "$kept" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')
    [ "$state" = pending ] || fail "the dossier queued before the updates is '$state', not pending"
    q resume >/dev/null
    q deliver --until-idle --timeout 300 >/dev/null || fail "delivery after the rollback failed: $(q queue)"
    sim_get /_sim/dossiers | python3 -c 'import json,sys
ids = [d["dossier_id"] for d in json.load(sys.stdin)["dossiers"]]
sys.exit(0 if ids.count(sys.argv[1]) == 1 else 1)' "$kept" || fail "$kept is not at the simulator exactly once"
    log "broken update rolled back by itself: slot B again, update_rolled_back audited, the queued dossier delivered once"
    update_s=$(($(date +%s) - update_t0))
fi

# --- the OS promises
g "findmnt -no OPTIONS / | grep -qw ro" || fail "the root is not read-only"
g "! touch /usr/quay-write-test 2>/dev/null" || fail "the root is writable"
g "nft list chain inet filter input | grep -q 'policy drop'" || fail "no default-deny inbound"
g "! systemctl list-units --no-legend 'getty@*' 'serial-getty@*' | grep -q running" ||
    fail "a getty runs"
g systemctl is-active -q systemd-timesyncd.service || fail "timesyncd is not running"
g "journalctl --disk-usage; findmnt -no SOURCE,TARGET /var/lib/quay; findmnt -no SOURCE,TARGET /var/log/journal" >&2
log "read-only root, default-deny firewall, no getty, timesyncd: ok"

g systemctl poweroff || true
wait "$qemu_pid" 2>/dev/null || true
qemu_pid=""
total=$(($(date +%s) - t0))
log "PASS in ${total}s"
printf '{"first_frame_after_kernel_s":%s,"first_frame_from_power_on_s":%d,"provision_sticks_s":%d,"keys_s":%d,"power_cuts_s":%d,"update_s":%d,"total_s":%d}\n' \
    "${first_frame_guest:-null}" "$first_frame_host" "$prov_s" "$keys_s" "$cuts_s" "$update_s" "$total"
