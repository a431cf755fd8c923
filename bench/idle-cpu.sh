#!/usr/bin/env bash
# Measures a process's CPU use from /proc/<pid>/stat (utime + stime) over a time window.
#
#   bench/idle-cpu.sh [--pid PID] [--seconds 60] [--interval 10] [--max-percent 2]
#                     [--results-dir DIR] [--no-results]
#
# PID defaults to the single running 'java ... atrium' process (pgrep -f), else pass --pid.
# Prints CPU time used as % of ONE core (100% = one core fully busy), per interval and overall,
# and PASS/FAIL against --max-percent (the idle-refresh target is < 2% of one core).
# Note Micrometer's process.cpu.usage is a fraction of ALL cores; this is not.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
pid=""
seconds=60
interval=10
max_percent=2
results_dir="$here/results"
write_results=1

while [ $# -gt 0 ]; do
  case "$1" in
    --pid) pid="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --interval) interval="$2"; shift 2 ;;
    --max-percent) max_percent="$2"; shift 2 ;;
    --results-dir) results_dir="$2"; shift 2 ;;
    --no-results) write_results=0; shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    [0-9]*) pid="$1"; shift ;;
    *) echo "idle-cpu.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [ -z "$pid" ]; then
  # java processes whose command line mentions atrium (not this script, not psql on atrium_bench)
  mapfile -t cands < <(pgrep -f 'java.*atrium' | grep -vx "$$" || true)
  if [ "${#cands[@]}" -ne 1 ]; then
    echo "idle-cpu.sh: found ${#cands[@]} 'java.*atrium' processes (${cands[*]:-none}); pass --pid" >&2
    exit 2
  fi
  pid="${cands[0]}"
fi
[ -r "/proc/$pid/stat" ] || { echo "idle-cpu.sh: no process $pid" >&2; exit 2; }

hz="$(getconf CLK_TCK)"
cores="$(nproc)"

# utime+stime in clock ticks. Field 2 (comm) may contain spaces: cut after the last ')'.
ticks() {
  local line rest
  read -r line < "/proc/$pid/stat"
  rest="${line##*) }"
  # rest starts at field 3 (state); utime = field 14 -> word 12, stime = field 15 -> word 13
  set -- $rest
  echo $(( ${12} + ${13} ))
}
threads() { awk '/^Threads:/ {print $2}' "/proc/$pid/status"; }
pct() { awk -v d="$1" -v hz="$hz" -v s="$2" 'BEGIN { printf "%.2f", (s > 0 ? d / hz / s * 100 : 0) }'; }

cmd="$(tr '\0' ' ' < "/proc/$pid/cmdline" | cut -c1-120)"
echo "process   $pid: $cmd"
echo "window    ${seconds}s, samples every ${interval}s, CLK_TCK=$hz, $cores cores, $(threads) threads"

start_ticks="$(ticks)"
start_t="$EPOCHREALTIME"
prev_ticks="$start_ticks"
prev_t="$start_t"
end=$(awk -v a="$start_t" -v s="$seconds" 'BEGIN { printf "%.6f", a + s }')
while :; do
  left=$(awk -v e="$end" -v n="$EPOCHREALTIME" 'BEGIN { d = e - n; printf "%.3f", d }')
  if awk -v l="$left" 'BEGIN { exit !(l <= 0.001) }'; then break; fi
  step=$(awk -v l="$left" -v i="$interval" 'BEGIN { printf "%.3f", (l < i ? l : i) }')
  sleep "$step"
  [ -r "/proc/$pid/stat" ] || { echo "idle-cpu.sh: process $pid exited" >&2; exit 1; }
  t="$EPOCHREALTIME"
  k="$(ticks)"
  el=$(awk -v a="$prev_t" -v b="$t" 'BEGIN { printf "%.3f", b - a }')
  at=$(awk -v a="$start_t" -v b="$t" 'BEGIN { printf "%.0f", b - a }')
  echo "sample    t=${at}s  $(pct $(( k - prev_ticks )) "$el")% of one core"
  prev_ticks="$k"
  prev_t="$t"
done
total_el=$(awk -v a="$start_t" -v b="$prev_t" 'BEGIN { printf "%.3f", b - a }')
used=$(( prev_ticks - start_ticks ))
p="$(pct "$used" "$total_el")"
verdict="$(awk -v p="$p" -v m="$max_percent" 'BEGIN { print (p < m ? "PASS" : "FAIL") }')"
cpu_s="$(awk -v d="$used" -v hz="$hz" 'BEGIN { printf "%.2f", d / hz }')"
echo "result    ${cpu_s} s CPU in ${total_el} s = ${p}% of one core ($(awk -v p="$p" -v c="$cores" 'BEGIN { printf "%.2f", p / c }')% of the machine); target < ${max_percent}%: $verdict"
if [ "$write_results" = 1 ]; then
  mkdir -p "$results_dir"
  f="$results_dir/$(date +%F).md"
  [ -s "$f" ] || printf '# Benchmark results %s\n\n' "$(date +%F)" > "$f"
  printf '\n- idle CPU %s: pid %s, %s s CPU in %s s = %s%% of one core; target < %s%%: %s\n' \
    "$(date '+%Y-%m-%d %H:%M:%S')" "$pid" "$cpu_s" "$total_el" "$p" "$max_percent" "$verdict" >> "$f"
fi
