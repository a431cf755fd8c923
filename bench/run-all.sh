#!/usr/bin/env bash
# End-to-end benchmark of Atrium's catalog. Run from anywhere; see bench/README.md.
#
#   bench/run-all.sh [options]
#     --jar PATH           app jar (default: newest target/atrium-*.jar of this checkout)
#     --port N             HTTP port for the app (default 8080; must be free)
#     --db NAME            database to (re)create (default atrium_bench; DROPPED first)
#     --scale X            catalog scale for bench/generate-catalog.py (default 1 = ~280k entities)
#     --data DIR           where the catalog, names.txt and manifest.json live (default bench/data)
#     --results-dir DIR    where results and logs go (default bench/results)
#     --regenerate         regenerate the catalog even if bench/data/manifest.json matches the scale
#     --threads N          load-test clients (default 16)
#     --warmup S           warm-up seconds per scenario (default 10)
#     --duration S         measured seconds per scenario (default 30)
#     --scenarios LIST     comma-separated (default catalog-page,by-query,by-query-cursor,by-name)
#     --settle S           seconds to wait before the idle-CPU window (default 60)
#     --idle-seconds S     idle-CPU window (default 60)
#     --heap-mb N          -Xmx for the app (default 512)
#     --keep-running       leave the app running at the end (its pid is printed)
#     --no-start --pid P   use an app that is already running on --port (skips DB and start;
#                          the catalog must be registered already or ingest runs against it)
#     --app-cmd CMD        start CMD instead of 'java -jar' (harness self-test with a fake app)
#   Env: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD, JAVA_OPTS (extra JVM
#   flags for the app), ATRIUM_TOKEN (sent as a bearer token by every client).
#
# Sequence: generate catalog -> fresh database -> start app (-Xmx512m, atrium.catalog.demo=false,
# atrium.catalog.file-roots=<catalog dir>, metrics endpoint exposed) -> wait for /actuator/health
# -> ingest.sh (time to full ingestion) -> heap snapshot -> each load scenario with a heap watch
# beside it -> heap after a full GC -> settle -> idle-cpu.sh -> stop the app.
# Everything is appended to bench/results/<date>.md; the full console log goes to
# bench/results/run-<timestamp>.log and the app's log to bench/results/app-<timestamp>.log.
set -euo pipefail

bench="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$bench")"
cd "$repo"

jar=""
port=8080
db=atrium_bench
scale=1
regenerate=0
threads=16
warmup=10
duration=30
scenarios="catalog-page,by-query,by-query-cursor,by-name"
settle=60
idle_seconds=60
heap_mb=512
keep_running=0
no_start=0
app_pid=""
app_cmd=""
data_opt=""
results_opt=""

while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --db) db="$2"; shift 2 ;;
    --scale) scale="$2"; shift 2 ;;
    --regenerate) regenerate=1; shift ;;
    --data) data_opt="$2"; shift 2 ;;
    --results-dir) results_opt="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --scenarios) scenarios="$2"; shift 2 ;;
    --settle) settle="$2"; shift 2 ;;
    --idle-seconds) idle_seconds="$2"; shift 2 ;;
    --heap-mb) heap_mb="$2"; shift 2 ;;
    --keep-running) keep_running=1; shift ;;
    --no-start) no_start=1; shift ;;
    --pid) app_pid="$2"; shift 2 ;;
    --app-cmd) app_cmd="$2"; shift 2 ;;
    -h|--help) sed -n '2,33p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-all.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
base="http://127.0.0.1:$port"
data="${data_opt:-$bench/data}"
mkdir -p "$data"
data="$(cd "$data" && pwd)"
catalog="$data/catalog"
results="${results_opt:-$bench/results}"
mkdir -p "$results"
results="$(cd "$results" && pwd)"
stamp="$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"
run_log="$results/run-$stamp.log"
app_log="$results/app-$stamp.log"
day_file="$results/$(date +%F).md"
exec > >(tee -a "$run_log") 2>&1

step() { printf '\n== %s  [%s]\n' "$1" "$(date +%T)"; }
note() { [ -s "$day_file" ] || printf '# Benchmark results %s\n\n' "$(date +%F)" > "$day_file"; printf '%s\n' "$1" >> "$day_file"; }
healthy() { curl -sf --max-time 5 "$base/actuator/health" 2>/dev/null | grep -q '"UP"'; }

started_pid=""
cleanup() {
  if [ -n "$started_pid" ] && kill -0 "$started_pid" 2>/dev/null; then
    if [ "$keep_running" = 1 ]; then
      echo "app left running: pid $started_pid on $base (log $app_log)"
    else
      echo "stopping app pid $started_pid"
      kill "$started_pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$started_pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$started_pid" 2>/dev/null && kill -9 "$started_pid" 2>/dev/null || true
    fi
  fi
}
trap cleanup EXIT

# ------------------------------------------------------------------ preconditions
step "Preconditions"
for tool in java python3 curl; do command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }; done
if [ "$no_start" = 0 ] && [ -z "$app_cmd" ]; then
  command -v psql >/dev/null || { echo "missing psql" >&2; exit 1; }
  if [ -z "$jar" ]; then
    jar="$(ls -t "$repo"/target/atrium-*.jar 2>/dev/null | head -1 || true)"
  fi
  [ -n "$jar" ] && [ -f "$jar" ] || { echo "no app jar: build it (./mvnw -DskipTests package) or pass --jar" >&2; exit 1; }
  echo "jar       $jar"
fi
if [ "$no_start" = 0 ]; then
  if healthy || (command -v ss >/dev/null && ss -ltn "( sport = :$port )" | grep -q LISTEN); then
    echo "port $port is already in use: stop that process or pass --port (or --no-start --pid to use it)" >&2
    exit 1
  fi
fi

# ------------------------------------------------------------------ machine
step "Machine"
cpu_model="$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
mem_total="$(free -h | awk '/^Mem:/ {print $2}')"
java_version="$(java -version 2>&1 | head -1)"
commit="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "cpus $(nproc) ($cpu_model), memory $mem_total, $java_version, commit $commit"
lscpu | head -15 || true
free -h

# ------------------------------------------------------------------ catalog
step "Catalog (scale $scale)"
have_scale="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["scale"])' "$data/manifest.json" 2>/dev/null || echo none)"
if [ "$regenerate" = 1 ] || [ ! -f "$catalog/catalog.yaml" ] || \
   ! python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) == float(sys.argv[2]) else 1)' "$have_scale" "$scale" 2>/dev/null; then
  python3 "$bench/generate-catalog.py" --scale "$scale" --out "$catalog"
else
  echo "reusing $catalog (manifest scale $have_scale)"
fi
expected="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["expectedEntities"])' "$data/manifest.json")"

note "## Run $stamp: commit $commit, scale $scale ($expected entities), $threads clients, ${warmup}s warm-up + ${duration}s per scenario"
note ""
note "Machine: $(nproc) cpus ($cpu_model), $mem_total RAM, $java_version; app -Xmx${heap_mb}m ${JAVA_OPTS:-}; load driver on the same machine. Logs: $(basename "$run_log"), $(basename "$app_log")."

# ------------------------------------------------------------------ database + app
if [ "$no_start" = 0 ]; then
  if [ -z "$app_cmd" ]; then
    step "Fresh database $db"
    psql -d postgres -v ON_ERROR_STOP=1 -q \
      -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" \
      -c "CREATE DATABASE \"$db\""
    echo "created $db on $PGHOST:$PGPORT"
  fi

  step "Start app"
  t_start="$EPOCHREALTIME"
  if [ -n "$app_cmd" ]; then
    echo "command   $app_cmd"
    bash -c "exec $app_cmd" > "$app_log" 2>&1 &
  else
    # shellcheck disable=SC2086
    SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" \
    SPRING_DATASOURCE_USERNAME="$PGUSER" \
    SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-postgres}" \
    ATRIUM_CATALOG_FILE_ROOTS="$catalog" \
    PORT="$port" \
    java -Xmx"${heap_mb}m" ${JAVA_OPTS:-} -jar "$jar" \
      --server.port="$port" \
      --atrium.catalog.demo=false \
      --atrium.catalog.file-roots="$catalog" \
      --management.endpoints.web.exposure.include=health,info,metrics,prometheus \
      > "$app_log" 2>&1 &
  fi
  started_pid=$!
  app_pid="$started_pid"
  echo "pid       $app_pid (log $app_log)"
  for i in $(seq 1 600); do
    healthy && break
    if ! kill -0 "$app_pid" 2>/dev/null; then
      echo "the app exited during start-up; last log lines:" >&2
      tail -40 "$app_log" >&2
      exit 1
    fi
    sleep 0.5
  done
  healthy || { echo "no healthy /actuator/health after 300 s" >&2; tail -40 "$app_log" >&2; exit 1; }
  startup="$(awk -v a="$t_start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')"
  echo "healthy after ${startup}s"
  note "- start-up: healthy after ${startup} s"
else
  healthy || { echo "no healthy app at $base" >&2; exit 1; }
  echo "using the running app at $base (pid ${app_pid:-unknown})"
fi

# ------------------------------------------------------------------ ingestion
step "Ingest"
ingest_rc=0
bench/ingest.sh --base "$base" --catalog "$catalog" --expect "$expected" --results-dir "$results" || ingest_rc=$?
[ "$ingest_rc" = 0 ] || echo "WARNING: ingestion did not reach $expected entities; load results below are on a partial catalog"

step "Heap after ingestion"
python3 bench/heap.py --base "$base" --label "after ingestion" --results-dir "$results" || true

# ------------------------------------------------------------------ load scenarios
IFS=',' read -r -a scenario_list <<< "$scenarios"
heap_lines=()
for sc in "${scenario_list[@]}"; do
  step "Load: $sc"
  # Heap sampled beside the load (+5 s for the driver's compile); its line is noted after all scenarios so the rows stay one table.
  watch_out="$(mktemp)"
  python3 bench/heap.py --base "$base" --watch "$((warmup + duration + 5))" --label "during $sc" --no-results > "$watch_out" 2>&1 &
  watch_pid=$!
  java bench/LoadDriver.java --base "$base" --scenario "$sc" --threads "$threads" \
    --warmup "${warmup}s" --duration "${duration}s" --names "$data/names.txt" \
    --results-dir "$results" --label "commit $commit, scale $scale" || echo "WARNING: $sc exited with $?"
  wait "$watch_pid" || true
  cat "$watch_out"
  heap_lines+=("- $(date '+%Y-%m-%d %H:%M:%S') $(head -1 "$watch_out")")
  rm -f "$watch_out"
done
note ""
for l in "${heap_lines[@]}"; do note "$l"; done

step "Heap after load"
if [ -n "$app_pid" ] && [ -z "$app_cmd" ] && command -v jcmd >/dev/null; then
  python3 bench/heap.py --base "$base" --pid "$app_pid" --gc --label "after load, then full GC" --results-dir "$results" || true
else
  python3 bench/heap.py --base "$base" --label "after load" --results-dir "$results" || true
fi

# ------------------------------------------------------------------ idle CPU
if [ -n "$app_pid" ]; then
  step "Idle CPU (settle ${settle}s, then ${idle_seconds}s window)"
  sleep "$settle"
  bench/idle-cpu.sh --pid "$app_pid" --seconds "$idle_seconds" --results-dir "$results" || true
  # Cross-check: Micrometer's process.cpu.usage is a fraction of all cores (recent, not windowed).
  cpu_frac="$(curl -sf --max-time 5 "$base/actuator/metrics/process.cpu.usage" 2>/dev/null \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["measurements"][0]["value"])' 2>/dev/null || true)"
  if [ -n "$cpu_frac" ]; then
    echo "actuator  process.cpu.usage=$cpu_frac (= $(awk -v f="$cpu_frac" -v c="$(nproc)" 'BEGIN { printf "%.2f", f * c * 100 }')% of one core, instantaneous)"
  fi
else
  echo "no --pid: idle CPU skipped"
fi

step "Done"
echo "results: $day_file"
echo "run log: $run_log"
[ "$ingest_rc" = 0 ]
