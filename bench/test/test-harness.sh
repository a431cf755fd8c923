#!/usr/bin/env bash
# Self-test of the benchmark harness (not of Atrium): runs every tool against local stand-ins on
# 127.0.0.1 and checks the numbers they report. Takes about two minutes; needs python3 (+PyYAML
# for the validator) and java 17.
#
#   bench/test/test-harness.sh
#
# What it proves:
#   * generate-catalog.py: smoke catalog passes validate-catalog.py --all; output is deterministic.
#   * LoadDriver percentiles: against /sleep/10 ... /sleep/100 (10 equally likely latencies) the
#     reported p50 falls in the 50/60 ms buckets and p95/p99 in the 100 ms band, for both clients.
#   * LoadDriver counting: requests + warm-up + preflight equals what the server saw; non-2xx
#     equals the server's count of /status/* answers; timeouts are "failed", not latency samples.
#   * by-query-cursor really follows nextCursor (server-side count of cursor requests matches).
#   * ingest.sh reaches the expected count (rc 0) and detects a stall (rc 1).
#   * idle-cpu.sh reads ~0% for an idle process, and for a busy loop the CPU seconds ps reports.
#   * heap.py reads Actuator metrics.
set -uo pipefail

bench="$(cd "$(dirname "$0")/.." && pwd)"
cd "$(dirname "$bench")"
tmp="$(mktemp -d /tmp/atrium-bench-test.XXXXXX)"
port_a=18180
port_b=18181
pids=()
failures=0

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

ok() { echo "PASS  $1"; }
bad() { echo "FAIL  $1"; failures=$((failures + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1 ($2)"; fi; }
jget() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {"d": d}))' "$1" "$2"; }
stats() { curl -s "http://127.0.0.1:$1/stats"; }
wait_port() { for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$1/actuator/health" && return 0; sleep 0.1; done; return 1; }
driver() { java bench/LoadDriver.java --results-dir "$tmp/results" --label selftest "$@"; }

echo "== generator and validator"
python3 bench/generate-catalog.py --scale 0.01 --out "$tmp/data/catalog" > "$tmp/gen.txt" && ok "generator (scale 0.01)" || bad "generator"
python3 bench/generate-catalog.py --scale 0.01 --out "$tmp/data2/catalog" > /dev/null
check "generator is deterministic" "diff -rq '$tmp/data/catalog' '$tmp/data2/catalog' >/dev/null && cmp -s '$tmp/data/names.txt' '$tmp/data2/names.txt'"
if python3 -c 'import yaml' 2>/dev/null; then
  python3 bench/validate-catalog.py --catalog "$tmp/data/catalog" --all > "$tmp/val.txt" && ok "validate-catalog --all" || { bad "validate-catalog"; cat "$tmp/val.txt"; }
else
  echo "SKIP  validate-catalog (no PyYAML)"
fi

echo "== LoadDriver self-test"
java bench/LoadDriver.java --self-test > "$tmp/self.txt" && ok "LoadDriver --self-test" || { bad "LoadDriver --self-test"; cat "$tmp/self.txt"; }

echo "== stand-in server"
python3 bench/test/fake-atrium.py --port "$port_a" --preload "$tmp/data/catalog/catalog.yaml" > "$tmp/fake-a.log" 2>&1 &
pids+=($!)
fake_a=$!
wait_port "$port_a" || { bad "fake server did not start"; exit 1; }

echo "== percentiles: 10 equally likely latencies 10..100 ms"
paths=()
for ms in 10 20 30 40 50 60 70 80 90 100; do paths+=(--path "/sleep/$ms"); done
for client in raw jdk; do
  before="$(stats $port_a)"
  driver --base "http://127.0.0.1:$port_a" --scenario path "${paths[@]}" --threads 8 --warmup 1s --duration 6s \
    --client "$client" --json-out "$tmp/p-$client.json" > "$tmp/p-$client.txt" || bad "driver run ($client)"
  after="$(stats $port_a)"
  p50="$(jget "$tmp/p-$client.json" 'd["p50Ms"]')"; p95="$(jget "$tmp/p-$client.json" 'd["p95Ms"]')"
  p99="$(jget "$tmp/p-$client.json" 'd["p99Ms"]')"
  echo "      $client: $(grep '^latency' "$tmp/p-$client.txt")"
  check "$client p50 in the 50/60 ms buckets ($p50)" "awk -v v=$p50 'BEGIN{exit !(v >= 50 && v < 70)}'"
  check "$client p95 in the 100 ms band ($p95)" "awk -v v=$p95 'BEGIN{exit !(v >= 100 && v < 125)}'"
  check "$client p99 in the 100 ms band ($p99)" "awk -v v=$p99 'BEGIN{exit !(v >= 100 && v < 150)}'"
  seen="$(python3 -c 'import json,sys; a=json.loads(sys.argv[1])["requests"]; b=json.loads(sys.argv[2])["requests"]; print(sum(v-a.get(k,0) for k,v in b.items() if k.startswith("/sleep/")))' "$before" "$after")"
  sent="$(jget "$tmp/p-$client.json" 'd["requests"] + d["warmupRequests"] + 1')"
  check "$client: server saw every request (sent $sent = seen $seen)" "[ '$sent' = '$seen' ]"
done

echo "== error counting: 1 of 4 paths is 2xx"
before="$(stats $port_a)"
driver --base "http://127.0.0.1:$port_a" --scenario path --path /sleep/1 --path /status/404 --path /status/500 \
  --path /status/503 --threads 4 --warmup 0 --duration 3s --json-out "$tmp/e.json" > "$tmp/e.txt"
after="$(stats $port_a)"
read -r s_ok s_err < <(python3 -c '
import json, sys
a = json.loads(sys.argv[1])["requests"]; b = json.loads(sys.argv[2])["requests"]
d = {k: v - a.get(k, 0) for k, v in b.items()}
print(d.get("/sleep/1", 0), sum(v for k, v in d.items() if k.startswith("/status/")))' "$before" "$after")
pre="$(jget "$tmp/e.json" 'd["preflightPath"]')"
if [ "$pre" = "/sleep/1" ]; then s_ok=$((s_ok - 1)); else s_err=$((s_err - 1)); fi
d_ok="$(jget "$tmp/e.json" 'd["ok"]')"; d_err="$(jget "$tmp/e.json" 'd["non2xx"]')"
echo "      $(grep '^errors' "$tmp/e.txt")"
check "non-2xx counted exactly (driver $d_err = server $s_err)" "[ '$d_err' = '$s_err' ]"
check "2xx counted exactly (driver $d_ok = server $s_ok)" "[ '$d_ok' = '$s_ok' ]"
check "about 3/4 non-2xx" "python3 -c 'import sys; sys.exit(0 if 0.65 < $d_err / ($d_err + $d_ok) < 0.85 else 1)'"
driver --base "http://127.0.0.1:$port_a" --scenario path --path /status/500 --threads 1 --warmup 0 --duration 1s \
  --target-p95 100 --fail-on-target --no-results > "$tmp/f.txt"
rc=$?
check "FAIL verdict and exit 3 with --fail-on-target (rc $rc)" "[ $rc -eq 3 ] && grep -q ': FAIL' '$tmp/f.txt'"

echo "== timeouts are failures, not latency samples"
driver --base "http://127.0.0.1:$port_a" --scenario path --path /sleep/1 --path /sleep/2000 --threads 4 --warmup 0 \
  --duration 3s --timeout 300ms --json-out "$tmp/t.json" > "$tmp/t.txt"
echo "      $(grep '^errors' "$tmp/t.txt")"
check "timeouts counted as failed" "[ $(jget "$tmp/t.json" 'd["failed"]') -gt 0 ]"
check "no sample above the timeout" "awk -v v=$(jget "$tmp/t.json" 'd["maxMs"]') 'BEGIN{exit !(v < 300)}'"
check "dead server: exit 1 at preflight" "java bench/LoadDriver.java --base http://127.0.0.1:1 --scenario path --path /x --no-results >/dev/null 2>&1; [ \$? -eq 1 ]"

echo "== catalog scenarios against the stand-in (1,000 components = 50 pages of 20)"
for sc in catalog-page by-query by-name; do
  driver --base "http://127.0.0.1:$port_a" --scenario "$sc" --names "$tmp/data/names.txt" --threads 4 --warmup 0 \
    --duration 2s --json-out "$tmp/$sc.json" > "$tmp/$sc.txt"
  check "$sc: all 2xx ($(jget "$tmp/$sc.json" 'd["ok"]') requests)" "[ $(jget "$tmp/$sc.json" 'd["non2xx"] + d["failed"]') -eq 0 ] && [ $(jget "$tmp/$sc.json" 'd["ok"]') -gt 0 ]"
done
before="$(stats $port_a)"
driver --base "http://127.0.0.1:$port_a" --scenario by-query-cursor --threads 2 --warmup 0 --duration 3s \
  --json-out "$tmp/c.json" > "$tmp/c.txt"
after="$(stats $port_a)"
cur="$(python3 -c 'import json,sys; a=json.loads(sys.argv[1])["requests"]; b=json.loads(sys.argv[2])["requests"]; k="/api/catalog/entities/by-query?cursor"; print(b.get(k,0)-a.get(k,0))' "$before" "$after")"
hops="$(jget "$tmp/c.json" 'd["cursorHops"]')"; restarts="$(jget "$tmp/c.json" 'd["cursorRestarts"]')"
echo "      $(grep '^cursor' "$tmp/c.txt"); server saw $cur cursor requests"
check "cursor requests sent = hops followed (±threads)" "[ $cur -le $hops ] && [ $cur -ge $((hops - 2)) ]"
check "walks all 50 pages before restarting" "[ $restarts -ge 1 ] && [ $hops -ge $((49 * restarts)) ] && [ $hops -le $((49 * (restarts + 2))) ]"
check "results file has table rows" "grep -q '^| .* | by-query-cursor | 2 |' '$tmp/results/$(date +%F).md'"

echo "== ingest.sh"
python3 bench/test/fake-atrium.py --port "$port_b" --ingest-rate 2000 --relations-lag 0.5 > "$tmp/fake-b.log" 2>&1 &
pids+=($!)
wait_port "$port_b" || bad "second fake server did not start"
bench/ingest.sh --base "http://127.0.0.1:$port_b" --catalog "$tmp/data/catalog" --results-dir "$tmp/results" > "$tmp/i.txt" 2>&1
rc=$?
grep -E '^(ingested|relations)' "$tmp/i.txt" | sed 's/^/      /'
check "ingest reaches the expected count (rc $rc)" "[ $rc -eq 0 ] && grep -q '^ingested  2811 entities' '$tmp/i.txt'"
bench/ingest.sh --base "http://127.0.0.1:$port_b" --catalog "$tmp/data/catalog" --expect 99999 --stall 2 --no-results > "$tmp/i2.txt" 2>&1
rc=$?
check "ingest detects a stall (rc $rc)" "[ $rc -eq 1 ] && grep -q '^STALLED' '$tmp/i2.txt'"

echo "== idle-cpu.sh"
bench/idle-cpu.sh --pid "$fake_a" --seconds 3 --interval 3 --no-results > "$tmp/idle.txt"
check "idle process: PASS ($(grep -o '[0-9.]*% of one core' "$tmp/idle.txt" | tail -1))" "grep -q 'PASS' '$tmp/idle.txt'"
bash -c 'while :; do :; done' &
busy=$!
pids+=($busy)
sleep 0.5
# Independent reference: the scheduler's own run time in ns (/proc/<pid>/schedstat, field 1).
ns_before="$(cut -d' ' -f1 "/proc/$busy/schedstat")"
bench/idle-cpu.sh --pid "$busy" --seconds 4 --interval 2 --no-results > "$tmp/busy.txt"
ns_after="$(cut -d' ' -f1 "/proc/$busy/schedstat")"
ref_cpu="$(awk -v a="$ns_before" -v b="$ns_after" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')"
kill "$busy"
busy_pct="$(sed -n 's/.*= \([0-9.]*\)% of one core.*/\1/p' "$tmp/busy.txt" | tail -1)"
busy_cpu="$(sed -n 's/^result *\([0-9.]*\) s CPU.*/\1/p' "$tmp/busy.txt")"
# A busy loop gets a whole core on a quiet machine (~100%); other sessions' load can take a share.
check "busy loop reads well above idle, at most one core ($busy_pct%)" "awk -v v=$busy_pct 'BEGIN{exit !(v > 30 && v < 101)}'"
check "CPU seconds agree with schedstat (idle-cpu $busy_cpu s, schedstat $ref_cpu s)" \
  "awk -v a=$busy_cpu -v b=$ref_cpu 'BEGIN{d = a - b; if (d < 0) d = -d; exit !(d <= 0.1 + 0.05 * b)}'"
grep -q 'FAIL' "$tmp/busy.txt" && ok "busy loop: FAIL verdict against the 2% target" || bad "busy loop verdict"

echo "== heap.py"
python3 bench/heap.py --base "http://127.0.0.1:$port_a" --no-results > "$tmp/heap.txt"
check "heap.py reads jvm.memory.used" "grep -q 'used 123.0 MiB' '$tmp/heap.txt'"

echo
if [ "$failures" -eq 0 ]; then echo "ALL PASSED"; else echo "$failures FAILED"; fi
[ "$failures" -eq 0 ]
