#!/usr/bin/env bash
# Workflows benchmark: ingestion throughput (IngestDriver) and page latency over a million runs
# (bench/LoadDriver.java, path scenario). Starts the app on its own port and database, seeds, loads,
# stops the app it started. Results go to stdout and bench/results/workflows-<timestamp>.log.
#   bench/workflows/run.sh [--port 18085] [--db atrium_wf_bench] [--pipelines 1000] [--runs 1000]
#                          [--threads 16] [--duration 30] [--warmup 10] [--jar target/atrium-*.jar]
set -euo pipefail
bench="$(cd "$(dirname "$0")/.." && pwd)"; repo="$(dirname "$bench")"; cd "$repo"
port=18085; db=atrium_wf_bench; pipelines=1000; runs=1000; threads=16; duration=30; warmup=10; jar=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2";; --db) db="$2";; --pipelines) pipelines="$2";; --runs) runs="$2";;
    --threads) threads="$2";; --duration) duration="$2";; --warmup) warmup="$2";; --jar) jar="$2";;
    *) sed -n 2,6p "$0"; exit 2;;
  esac; shift 2
done
[ -n "$jar" ] || jar="$(ls target/atrium-*.jar | grep -v plain | head -1)"
mkdir -p bench/results; log="bench/results/workflows-$(date -u +%Y%m%dT%H%M%S).log"
exec > >(tee "$log") 2>&1
export ATRIUM_TOKEN="${ATRIUM_TOKEN:-workflows-bench-$(date +%s)}"
psql_() { psql -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" -v ON_ERROR_STOP=1 -q "$@"; }
if (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is taken"; exit 1; fi
psql_ -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(uname -r); jar $jar"
ATRIUM_API_TOKENS="bench=$ATRIUM_TOKEN" SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:${PGPORT:-5432}/$db" SPRING_DATASOURCE_USERNAME="${PGUSER:-postgres}" \
  java -Xmx512m ${JAVA_OPTS:-} -jar "$jar" --server.port="$port" --atrium.catalog.demo=false --atrium.workflows.demo=false \
  > "bench/results/workflows-app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for i in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break; sleep 1; done
base="http://127.0.0.1:$port"

echo "== ingestion (empty workflows tables), load: $(cut -d' ' -f1-3 /proc/loadavg)"
java bench/workflows/IngestDriver.java --base "$base" --threads "$threads" --batch 1 --duration "${duration}s" --warmup "${warmup}s"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
java bench/workflows/IngestDriver.java --base "$base" --threads "$threads" --batch 50 --duration "${duration}s" --warmup "${warmup}s"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== seeding $pipelines pipelines x $runs runs"
start=$(date +%s); psql_ -d "$db" -v pipelines="$pipelines" -v runs="$runs" -f bench/workflows/seed.sql; echo "seeded in $(( $(date +%s) - start )) s"

paths=()
for p in 10 33 250 500 510 777 990 1000; do [ "$p" -le "$pipelines" ] && paths+=(--path "/workflows/pipelines/bench/pipeline_$p"); done
echo "== pages, load: $(cut -d' ' -f1-3 /proc/loadavg)"
java bench/LoadDriver.java --base "$base" --scenario path --path /workflows --path "/workflows?state=failed" --path "/workflows?text=pipeline_9" \
  --threads "$threads" --duration "${duration}s" --warmup "${warmup}s" --target-p95 30 --no-results --label "workflows index"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
java bench/LoadDriver.java --base "$base" --scenario path "${paths[@]}" \
  --threads "$threads" --duration "${duration}s" --warmup "${warmup}s" --target-p95 30 --no-results --label "pipeline page"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
java bench/LoadDriver.java --base "$base" --scenario path --path "/api/v1/namespaces/bench/jobs/pipeline_500/runs?limit=100" \
  --path "/api/v1/lineage?nodeId=job:bench:pipeline_500&depth=5" \
  --threads "$threads" --duration "${duration}s" --warmup "${warmup}s" --target-p95 30 --no-results --label "Marquez API"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
