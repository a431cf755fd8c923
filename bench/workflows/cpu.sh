#!/usr/bin/env bash
# CPU accounting around one load-driver run:  bench/workflows/cpu.sh APP_PID DB -- command [args...]
# Runs the command (IngestDriver or LoadDriver, measured part only: give it --warmup 0s after a
# separate warm-up), and prints its output followed by the CPU seconds the app process, the
# PostgreSQL backends of DB and PostgreSQL's own background processes (WAL writer, checkpointer,
# background writer, autovacuum) used meanwhile, per request and per event, and the load average.
set -euo pipefail
pid=$1; db=$2; shift 2; [ "$1" = "--" ] && shift
hz=$(getconf CLK_TCK)
tick() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
backends() { psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -d postgres -Atc \
  "select pid from pg_stat_activity where datname = '$db' and pid <> pg_backend_pid()"; }
background() { psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -d postgres -Atc \
  "select pid from pg_stat_activity where backend_type not in ('client backend')"; }
sum() { local t=0 p; for p in "$@"; do t=$((t + $(tick "$p"))); done; echo "$t"; }
bpids=$(backends); gpids=$(background)
a0=$(tick "$pid"); b0=$(sum $bpids); g0=$(sum $gpids); l0=$(cut -d' ' -f1 /proc/loadavg); s0=$(date +%s.%N)
out=$("$@")
a1=$(tick "$pid"); b1=$(sum $bpids); g1=$(sum $gpids); l1=$(cut -d' ' -f1 /proc/loadavg); s1=$(date +%s.%N)
echo "$out"
# Requests and events in the measured window: IngestDriver prints rates, LoadDriver a count.
python3 - "$out" "$hz" "$a0" "$a1" "$b0" "$b1" "$g0" "$g1" "$l0" "$l1" "$s0" "$s1" <<'EOF'
import re, sys
out, hz = sys.argv[1], int(sys.argv[2])
a0, a1, b0, b1, g0, g1 = map(int, sys.argv[3:9]); l0, l1, s0, s1 = map(float, sys.argv[9:13])
app, pg, bg = (a1 - a0) / hz, (b1 - b0) / hz, (g1 - g0) / hz
m = re.search(r"duration=(\d+)s", out); dur = float(m.group(1)) if m else None
ev = re.search(r"events/s=(\d+) requests/s=(\d+)", out)
if ev and dur:
    events, requests = float(ev.group(1)) * dur, float(ev.group(2)) * dur
else:
    r = re.search(r"^requests\s+(\d+)", out, re.M); requests = float(r.group(1)) if r else 0; events = requests
wall = s1 - s0
print(f"cpu: app {app:.1f} s, postgres backends {pg:.1f} s, postgres background {bg:.1f} s in {wall:.0f} s wall "
      f"({(app + pg + bg) / wall * 100:.0f} % of one core)")
if requests:
    print(f"cpu/request ms: app {app * 1000 / requests:.3f}, postgres {pg * 1000 / requests:.3f}, background {bg * 1000 / requests:.3f}")
if events and events != requests:
    print(f"cpu/event ms: app {app * 1000 / events:.3f}, postgres {pg * 1000 / events:.3f}, background {bg * 1000 / events:.3f}")
print(f"load average {l0} -> {l1}")
EOF
