#!/usr/bin/env python3
"""Side by side, in one run: quay-kiosk and a headless Chromium showing a comparable page
(bench/ui/page.html: 25 procedure buttons at 1080x1920, the project's copy of the
reference page). Both are measured by the same code:

  shot_s   wall time from process start until the screenshot file exists
  cpu_s    user+sys CPU of the whole process tree until it exits
  rss_mb   peak of the sum of VmRSS over the process tree (sampled every 10 ms)
  pss_mb   peak of the sum of Pss over the process tree (shared pages split)
  procs    most processes seen at once
  idle     CPU (% of one core) over IDLE seconds after a 5 s settle, and mean PSS

The kiosk idles twice: under SDL's offscreen driver (--headless; SDL cannot block there,
so the runner pumps events every 10 ms) and, when Xvfb is installed, on an X display
(SDL blocks in the X connection). Ratios are Chromium / kiosk: above 1 means the kiosk
is cheaper. Figures only; nothing passes or fails.

usage: bench/ui/compare.py [--runs N] [--idle SECONDS] [--kiosk PATH] [--config FILE]
Needs: scripts/deps.sh build ui bench; root for Chromium's network namespace (unshare -n).
"""
import argparse, os, shutil, signal, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CLK = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def children_map():
    kids = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                s = f.read()
            ppid = int(s[s.rfind(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(d))
    return kids


def tree(root):
    kids, out, todo = children_map(), [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def rss_pss_kb(pid):
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/statm") as f:
            rss = int(f.read().split()[1]) * PAGE_KB
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                    break
    except (OSError, ValueError, IndexError):
        pass
    return rss, pss


def cpu_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            s = f.read()
        fields = s[s.rfind(")") + 2:].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, ValueError, IndexError):
        return 0


def measure(cmd, shot, env=None):
    """One run until exit: the baseline's method, for either program."""
    peak_rss = peak_pss = peak_n = 0
    t_shot = None
    t0 = time.monotonic()
    err = tempfile.TemporaryFile()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
    while True:
        r = s = 0
        pids = tree(p.pid)
        for q in pids:
            a, b = rss_pss_kb(q)
            r += a
            s += b
        peak_rss, peak_pss, peak_n = max(peak_rss, r), max(peak_pss, s), max(peak_n, len(pids))
        if t_shot is None and os.path.exists(shot) and os.path.getsize(shot) > 0:
            t_shot = time.monotonic() - t0
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            t_exit = time.monotonic() - t0
            break
        time.sleep(0.01)
    if t_shot is None and os.path.exists(shot):
        t_shot = t_exit
    err.seek(0)
    first = float("nan")
    for line in err.read().decode(errors="replace").splitlines():
        if line.startswith("first_frame_s="):
            first = float(line.split("=", 1)[1])
    return dict(first_frame_s=first, shot_s=t_shot if t_shot is not None else float("nan"), exit_s=t_exit,
                cpu_s=ru.ru_utime + ru.ru_stime, rss_mb=peak_rss / 1024,
                pss_mb=peak_pss / 1024, procs=peak_n, rc=os.waitstatus_to_exitcode(status))


def idle(cmd, seconds, env=None, settle=5.0):
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        time.sleep(settle)
        if p.poll() is not None:
            return None
        t1, c1 = time.monotonic(), sum(cpu_ticks(q) for q in tree(p.pid))
        pss = []
        while time.monotonic() - t1 < seconds and p.poll() is None:
            pss.append(sum(rss_pss_kb(q)[1] for q in tree(p.pid)) / 1024)
            time.sleep(1)
        t2, c2 = time.monotonic(), sum(cpu_ticks(q) for q in tree(p.pid))
        if p.poll() is not None:
            return None
        return dict(cpu_pct=(c2 - c1) / CLK / (t2 - t1) * 100, pss_mb=statistics.mean(pss))
    finally:
        ours = tree(p.pid)
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        for q in ours[1:]:
            try:
                os.kill(q, signal.SIGKILL)
            except OSError:
                pass


def chromium_cmd(binary, profile, page, shot=None):
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--window-size=1080,1920"]
    if shot:
        flags.append(f"--screenshot={shot}")
    return ["unshare", "-n", "--", "sh", "-c", 'ip link set lo up 2>/dev/null; exec "$@"', "sh",
            binary] + flags + [page]


def summary(results, key):
    v = [r[key] for r in results]
    return statistics.median(v), min(v), max(v)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--idle", type=float, default=60)
    ap.add_argument("--kiosk", default=os.path.join(ROOT, "build/release/kiosk/app/kiosk/quay-kiosk"))
    ap.add_argument("--config", default=None)
    ap.add_argument("--chromium", default="/usr/lib/chromium/chromium")
    args = ap.parse_args()

    out = tempfile.mkdtemp(prefix="quay-ui-bench.")
    config = args.config
    if config is None:
        config = os.path.join(out, "quay.toml")
        with open(config, "w") as f:
            f.write('[kiosk]\nid = "BENCH1"\ndata_dir = "data"\nlanguage = "vi"\n[test]\nmode = true\n')
    page = "file://" + os.path.join(HERE, "page.html")
    print(f"# kiosk: {args.kiosk}\n# chromium: {args.chromium}\n# {os.cpu_count()} cores, "
          f"{os.uname().release}, out: {out}")

    kiosk, chrome = [], []
    for i in range(args.runs):
        shot = os.path.join(out, f"kiosk{i}.png")
        kiosk.append(measure([args.kiosk, "--config", config, "--headless", "--size", "1080x1920",
                              "--screenshot", shot], shot,
                             dict(os.environ, QUAY_TRACE_FIRST_FRAME="1")))
        time.sleep(1)
        profile = tempfile.mkdtemp(prefix="chromium-profile.")
        shot = os.path.join(out, f"chromium{i}.png")
        chrome.append(measure(chromium_cmd(args.chromium, profile, page, shot), shot))
        shutil.rmtree(profile, ignore_errors=True)
        time.sleep(1)
    for name, rs in (("kiosk", kiosk), ("chromium", chrome)):
        bad = [r for r in rs if r["rc"] != 0]
        if bad:
            print(f"{name}: {len(bad)} run(s) failed: {bad}", file=sys.stderr)
            return 1

    print(f"\nmedian of {args.runs} runs (min-max)   quay-kiosk                 chromium           ratio")
    for key in ["shot_s", "exit_s", "cpu_s", "rss_mb", "pss_mb", "procs"]:
        k, c = summary(kiosk, key), summary(chrome, key)
        ratio = c[0] / k[0] if k[0] else float("inf")
        print(f"{key:<9} {k[0]:>9.3f} ({k[1]:.3f}-{k[2]:.3f})   {c[0]:>9.3f} ({c[1]:.3f}-{c[2]:.3f})   "
              f"{ratio:>7.1f}x")
    # The kiosk's shot_s includes encoding a 1080x1920 PNG with stb (slow); its first
    # presented frame comes earlier. Chromium cannot report that, so its shot_s stands in.
    k, c = summary(kiosk, "first_frame_s"), summary(chrome, "shot_s")
    print(f"first frame (kiosk: presented; chromium: shot_s)  {k[0]:.3f} ({k[1]:.3f}-{k[2]:.3f}) vs "
          f"{c[0]:.3f}   {c[0] / k[0]:.1f}x   (/proc starttime: 10 ms resolution)")

    if args.idle > 0:
        print(f"\nidle over {args.idle:.0f} s after a 5 s settle        cpu % of one core   pss_mb")
        rows = [("quay-kiosk, offscreen driver",
                 idle([args.kiosk, "--config", config, "--headless", "--size", "1080x1920"], args.idle))]
        if shutil.which("Xvfb"):
            display = ":97"
            xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1080x1920x24", "-nolisten", "tcp"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                time.sleep(1)
                env = dict(os.environ, DISPLAY=display, SDL_VIDEODRIVER="x11")
                rows.append(("quay-kiosk, X11 (Xvfb)",
                             idle([args.kiosk, "--config", config, "--size", "1080x1920"], args.idle, env)))
            finally:
                xvfb.terminate()
                xvfb.wait()
        profile = tempfile.mkdtemp(prefix="chromium-profile.")
        rows.append(("chromium --headless", idle(chromium_cmd(args.chromium, profile, page), args.idle)))
        shutil.rmtree(profile, ignore_errors=True)
        for name, r in rows:
            if r is None:
                print(f"{name:<34} exited early")
            else:
                print(f"{name:<34} {r['cpu_pct']:>8.2f}       {r['pss_mb']:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
