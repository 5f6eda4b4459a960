#!/usr/bin/env bash
# Boots the kiosk image under qemu-system-x86_64 (UEFI: OVMF, software emulation) and checks
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
#
#   image-build/test-boot.sh [IMAGE]     (default: the newest build/image/*-amd64.img)
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
img=${1:-$(find "$repo/build/image" -maxdepth 1 -name '*-amd64.img' -printf '%T@ %p\n' 2>/dev/null |
    sort -n | tail -n1 | cut -d' ' -f2-)}
if [ -z "$img" ] || [ ! -f "$img" ]; then
    echo "test-boot.sh: no image; run image-build/build.sh" >&2
    exit 1
fi
bin=${QUAY_BIN_DIR:-$repo/build/pkg}
quayctl=$bin/kiosk/app/quayctl
sim=$bin/tools/portal-sim/quay-portal-sim
if [ ! -x "$quayctl" ] || [ ! -x "$sim" ]; then
    echo "test-boot.sh: build quayctl and quay-portal-sim in $bin (image-build/build-deb.sh)" >&2
    exit 1
fi
ovmf_code=/usr/share/OVMF/OVMF_CODE_4M.fd
ovmf_vars=/usr/share/OVMF/OVMF_VARS_4M.fd
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

# --- the provisioning file, on a USB stick, written by quayctl as a technician would
ssh-keygen -q -t ed25519 -N '' -C boot-test -f "$work/id"
mkdir -p "$work/stick"
echo 246810 | "$quayctl" provision write --kiosk-id K0099 --portal-url http://127.0.0.1:8787 \
    --token-file "$work/token" --ssh-key-file "$work/id.pub" --staff-pin-stdin \
    --out "$work/stick/quay-provision.toml" >/dev/null
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
debugfs -R 'stat /etc/machine-id' "$img?offset=$(part_offset QUAYROOT)" 2>/dev/null | grep -q '^User:.* Size: 0$' ||
    fail "the image's /etc/machine-id is not an empty file"
# What the image puts in /data/systemd (QUAYDATA), to find again after /data has grown.
mapfile -t image_data_systemd < <(debugfs -R 'ls -p /systemd' "$img?offset=$(part_offset QUAYDATA)" 2>/dev/null |
    awk -F/ '$6 != "" && $6 != "." && $6 != ".." {print $6}')
[ "${#image_data_systemd[@]}" -gt 0 ] || fail "no /systemd on the image's QUAYDATA"
cp "$ovmf_vars" "$work/vars.fd"
ssh_port=$(free_port)
start_qemu() {
    qemu-system-x86_64 -machine q35 -accel tcg -cpu max -smp 2 -m 1536 \
        -drive "if=pflash,format=raw,readonly=on,file=$ovmf_code" \
        -drive "if=pflash,format=raw,file=$work/vars.fd" \
        -drive "if=virtio,format=raw,file=$work/disk.img" \
        -device qemu-xhci -drive "if=none,id=stick,format=raw,file=$work/stick.img" \
        -device usb-storage,drive=stick \
        -netdev "user,id=n0,hostfwd=tcp:127.0.0.1:$ssh_port-:22" -device virtio-net-pci,netdev=n0 \
        -vga std -display none -serial "file:$work/serial.log" -no-reboot \
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
kiosk_pid() { g systemctl show -p MainPID --value quay-kiosk.service; }
restarts() { g systemctl show -p NRestarts --value quay-kiosk.service; }
q() { g runuser -u quay -- quayctl --config /etc/quay/quay.toml "$@"; }

log "booting $(basename "$img") under qemu (TCG)"
boot_start=$(date +%s)
start_qemu
wait_ssh
log "SSH up after $(($(date +%s) - boot_start))s: the provisioning file's key was installed"
wait_for 600 "journalctl -b -u quay-kiosk.service | grep -q 'first frame drawn'" ||
    fail "the kiosk drew no first frame: $(g journalctl -b -u quay-kiosk.service --no-pager | tail -n 20)"
first_frame_host=$(($(date +%s) - boot_start))
first_frame_guest=$(g "journalctl -b -u quay-kiosk.service -o short-monotonic --no-pager | grep -m1 'first frame drawn'" |
    sed -n 's/^\[ *\([0-9.]*\)\].*/\1/p')
log "first frame: ${first_frame_guest}s after the kernel started (${first_frame_host}s from power-on, host clock)"
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
scp -q -P "$ssh_port" "${ssh_opts[@]:0:2}" "${ssh_opts[@]:4}" "$work/draft.json" root@127.0.0.1:/tmp/draft.json
g chmod 0644 /tmp/draft.json
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
printf '{"first_frame_after_kernel_s":%s,"first_frame_from_power_on_s":%d,"total_s":%d}\n' \
    "${first_frame_guest:-null}" "$first_frame_host" "$total"
