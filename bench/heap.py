#!/usr/bin/env python3
"""Reads Atrium's JVM heap figures from Spring Boot Actuator.

    python3 bench/heap.py [--base URL] [--pid PID --gc] [--watch SECONDS [--every 1]] [--no-results]

Snapshot (default): jvm.memory.used / committed / max with tag area:heap, plus, when Micrometer
publishes them, jvm.gc.live.data.size (old generation after the last major collection) and
jvm.memory.usage.after.gc (long-lived pool after GC, a fraction). Reads /actuator/metrics/...; if
the metrics endpoint is not exposed, falls back to /actuator/prometheus (jvm_memory_used_bytes
{area="heap"} summed over pools).

--gc with --pid: runs `jcmd PID GC.run` (a full GC), waits 2 s and reads jvm.memory.used again:
the live heap after a full collection, the number to hold against the 512 MB budget.

--watch N: samples heap used every --every seconds for N seconds (e.g. during the load tests) and
reports the maximum and mean. The target is heap <= 512 MB (the app runs with -Xmx512m, so
exceeding it shows up as OutOfMemoryError / failed requests rather than a bigger number).
"""

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

MiB = 1048576


class Actuator:
    def __init__(self, base, token):
        self.base = base.rstrip("/")
        self.headers = {"Accept": "application/json"}
        if token:
            self.headers["Authorization"] = "Bearer " + token
        self.mode = None  # "metrics" or "prometheus"

    def get(self, path, accept=None):
        h = dict(self.headers)
        if accept:
            h["Accept"] = accept
        req = urllib.request.Request(self.base + path, headers=h)
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.read().decode()

    def metric(self, name, *tags):
        """Value of a metric with the given tags (each 'key:value'), or None if unavailable."""
        if self.mode in (None, "metrics"):
            q = "&".join("tag=" + t for t in tags)
            try:
                body = json.loads(self.get(f"/actuator/metrics/{name}" + ("?" + q if q else "")))
                self.mode = "metrics"
                for m in body.get("measurements", []):
                    if m.get("statistic") == "VALUE":
                        return m["value"]
                return None
            except urllib.error.HTTPError as e:
                if e.code != 404 or self.mode == "metrics":
                    if self.mode == "metrics":
                        return None  # metric itself missing
                    raise
                self.mode = "prometheus"
        return self.prometheus(name, tags)

    def prometheus(self, name, tags):
        text = self.get("/actuator/prometheus", accept="text/plain")
        prom = name.replace(".", "_")
        candidates = [prom + "_bytes", prom + "_ratio", prom]
        want = dict(t.split(":", 1) for t in tags)
        total, found = 0.0, False
        for line in text.splitlines():
            if line.startswith("#"):
                continue
            m = re.match(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)", line)
            if not m or m.group(1) not in candidates:
                continue
            labels = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(3) or ""))
            if all(labels.get(k) == v for k, v in want.items()):
                value = float(m.group(4))
                if value < 0:  # -1 = undefined (e.g. max of G1 eden/survivor)
                    continue
                total += value
                found = True
        return total if found else None


def mib(v):
    return "n/a" if v is None else f"{v / MiB:.1f} MiB"


def snapshot(a):
    used = a.metric("jvm.memory.used", "area:heap")
    return {
        "used": used,
        "committed": a.metric("jvm.memory.committed", "area:heap"),
        "max": a.metric("jvm.memory.max", "area:heap"),
        "liveDataSize": a.metric("jvm.gc.live.data.size"),
        "usageAfterGc": a.metric("jvm.memory.usage.after.gc", "area:heap"),
    }


def append(results_dir, line):
    os.makedirs(results_dir, exist_ok=True)
    path = os.path.join(results_dir, datetime.date.today().isoformat() + ".md")
    new = not os.path.exists(path) or os.path.getsize(path) == 0
    with open(path, "a") as fh:
        if new:
            fh.write(f"# Benchmark results {datetime.date.today().isoformat()}\n\n")
        fh.write("\n" + line + "\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", default="http://127.0.0.1:8080")
    ap.add_argument("--pid", type=int, help="JVM pid, for --gc")
    ap.add_argument("--gc", action="store_true", help="jcmd PID GC.run, then read heap used again")
    ap.add_argument("--watch", type=float, help="sample heap used for this many seconds")
    ap.add_argument("--every", type=float, default=1.0)
    ap.add_argument("--budget-mib", type=float, default=512)
    ap.add_argument("--label", default="", help="text for the results line")
    ap.add_argument("--results-dir", default=os.path.join(here, "results"))
    ap.add_argument("--no-results", action="store_true")
    args = ap.parse_args()
    a = Actuator(args.base, os.environ.get("ATRIUM_TOKEN"))
    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    label = f" ({args.label})" if args.label else ""

    try:
        if args.watch:
            samples = []
            end = time.monotonic() + args.watch
            while time.monotonic() < end:
                v = a.metric("jvm.memory.used", "area:heap")
                if v is not None:
                    samples.append(v)
                time.sleep(args.every)
            if not samples:
                print("heap watch: no samples (metrics not available)")
                return 1
            mx, mean = max(samples), sum(samples) / len(samples)
            verdict = "PASS" if mx <= args.budget_mib * MiB else "FAIL"
            print(f"heap watch{label}: {len(samples)} samples over {args.watch:.0f} s via {a.mode}: "
                  f"max {mib(mx)}, mean {mib(mean)}; budget {args.budget_mib:.0f} MiB: {verdict}")
            if not args.no_results:
                append(args.results_dir, f"- heap watch {stamp}{label}: {len(samples)} samples, max used {mib(mx)}, "
                                         f"mean {mib(mean)}; budget {args.budget_mib:.0f} MiB: {verdict}")
            return 0

        s = snapshot(a)
        after_gc = None
        if args.gc:
            if not args.pid:
                ap.error("--gc needs --pid")
            subprocess.run(["jcmd", str(args.pid), "GC.run"], check=True, stdout=subprocess.DEVNULL)
            time.sleep(2)
            after_gc = a.metric("jvm.memory.used", "area:heap")
        ratio = s["usageAfterGc"]
        print(f"heap{label} via {a.mode}: used {mib(s['used'])}, committed {mib(s['committed'])}, max {mib(s['max'])}")
        print(f"  jvm.gc.live.data.size {mib(s['liveDataSize'])}"
              f"{' (0 = no major GC yet)' if s['liveDataSize'] == 0 else ''}; "
              f"jvm.memory.usage.after.gc {'n/a' if ratio is None else f'{ratio * 100:.1f}% of the long-lived pool'}")
        if args.gc:
            print(f"  used after jcmd GC.run: {mib(after_gc)}")
        worst = after_gc if after_gc is not None else s["used"]
        verdict = "n/a" if worst is None else ("PASS" if worst <= args.budget_mib * MiB else "FAIL")
        print(f"  budget {args.budget_mib:.0f} MiB: {verdict}")
        if not args.no_results:
            append(args.results_dir,
                   f"- heap {stamp}{label}: used {mib(s['used'])}, committed {mib(s['committed'])}, max {mib(s['max'])}, "
                   f"live data after GC {mib(s['liveDataSize'])}"
                   + (f", used after full GC {mib(after_gc)}" if args.gc else "")
                   + f"; budget {args.budget_mib:.0f} MiB: {verdict}")
        return 0
    except (urllib.error.URLError, OSError) as e:
        print(f"heap.py: cannot read {args.base}/actuator: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
