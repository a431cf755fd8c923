#!/bin/bash
# Scaffolder benchmark: builds the jar, starts Atrium on its own port and database, runs ScaffolderBench.
# Usage: bench/scaffolder/run.sh [sequential-runs] [concurrent-runs]   (needs PostgreSQL on 127.0.0.1:5432, user postgres)
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${BENCH_PORT:-18090}
DB=atrium_bench_scaffolder
GIT_ROOT=$(mktemp -d /tmp/atrium-bench-git-XXXX)
WORK=$(mktemp -d /tmp/atrium-bench-ws-XXXX)
export BENCH_TOKEN=bench-$(od -An -N16 -tx1 /dev/urandom | tr -d " \n")
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
[ -f target/atrium-0.1.0-SNAPSHOT.jar ] || ./mvnw -q -o package -DskipTests
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= \
  ATRIUM_API_TOKENS="bench=$BENCH_TOKEN" PORT=$PORT java -jar target/atrium-0.1.0-SNAPSHOT.jar --atrium.scaffolder.git.root="$GIT_ROOT" \
  --atrium.scaffolder.workspace-root="$WORK" --logging.level.root=WARN > /tmp/atrium-bench-scaffolder.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; rm -rf "$GIT_ROOT" "$WORK"' EXIT
echo "load before: $(uptime)"
java bench/scaffolder/ScaffolderBench.java "http://localhost:$PORT" "${1:-20}" "${2:-20}"
echo "load after: $(uptime)"
