#!/usr/bin/env bash
# Registers the generated catalog with a running Atrium and times the full ingestion.
#
#   bench/ingest.sh [--base URL] [--catalog DIR] [--expect N] [--stall SECONDS] [--interval SECONDS]
#                   [--target SECONDS] [--results-dir DIR] [--no-results]
#
# 1. POST /api/catalog/locations {"type":"file","target":"<abs DIR>/catalog.yaml"}
#    (the app must allow DIR for file locations: atrium.catalog.file-roots=DIR, or env
#    ATRIUM_CATALOG_FILE_ROOTS=DIR).
# 2. Poll GET /api/catalog/entities/by-query?limit=1 every --interval (0.5 s) and read totalItems,
#    until it reaches --expect (default: expectedEntities from DIR/../manifest.json, which counts
#    the Location entities of catalog.yaml and the index files too) or does not change for --stall
#    (60 s).
# 3. Then poll GET /api/catalog/entities/by-name/<sampleRefs.lastComponent> until its relations are
#    non-empty: "entities exist" and "relations are stitched" are reported separately.
# Prints elapsed seconds and entities/s; appends a line to DIR/<date>.md; exits 0 if the expected
# count was reached, 1 if ingestion stalled or failed. Env ATRIUM_TOKEN -> Authorization: Bearer.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
base="http://127.0.0.1:8080"
catalog="$here/data/catalog"
expect=""
stall=60
interval=0.5
target=60
results_dir="$here/results"
write_results=1

while [ $# -gt 0 ]; do
  case "$1" in
    --base) base="${2%/}"; shift 2 ;;
    --catalog) catalog="$2"; shift 2 ;;
    --expect) expect="$2"; shift 2 ;;
    --stall) stall="$2"; shift 2 ;;
    --interval) interval="$2"; shift 2 ;;
    --target) target="$2"; shift 2 ;;
    --results-dir) results_dir="$2"; shift 2 ;;
    --no-results) write_results=0; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "ingest.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

catalog="$(cd "$catalog" && pwd -P)"
root="$catalog/catalog.yaml"
manifest="$(dirname "$catalog")/manifest.json"
[ -f "$root" ] || { echo "ingest.sh: $root not found (run bench/generate-catalog.py)" >&2; exit 2; }

sample_ref=""
if [ -f "$manifest" ]; then
  read -r m_expect sample_ref < <(python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
print(m["expectedEntities"], m.get("sampleRefs", {}).get("lastComponent", ""))' "$manifest")
  [ -n "$expect" ] || expect="$m_expect"
fi
[ -n "$expect" ] || { echo "ingest.sh: no --expect and no $manifest" >&2; exit 2; }

auth=()
if [ -n "${ATRIUM_TOKEN:-}" ]; then auth=(-H "Authorization: Bearer $ATRIUM_TOKEN"); fi

now() { echo "$EPOCHREALTIME"; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

total_items() {
  local body
  body="$(curl -sS --max-time 10 "${auth[@]}" -H 'Accept: application/json' \
    "$base/api/catalog/entities/by-query?limit=1" 2>/dev/null)" || { echo "?"; return; }
  local n
  n="$(printf '%s' "$body" | sed -n 's/.*"totalItems"[[:space:]]*:[[:space:]]*\([0-9][0-9]*\).*/\1/p' | head -1)"
  echo "${n:-?}"
}

# by-name URL for a ref kind:namespace/name
ref_url() {
  local ref="$1" kind rest ns name
  kind="${ref%%:*}"; rest="${ref#*:}"; ns="${rest%%/*}"; name="${rest#*/}"
  echo "$base/api/catalog/entities/by-name/$kind/$ns/$name"
}

echo "catalog   $root"
echo "expect    $expect entities (stop after ${stall}s without change)"
before="$(total_items)"
echo "before    totalItems=$before"
if [ "$before" = "?" ]; then
  echo "ingest.sh: cannot read $base/api/catalog/entities/by-query?limit=1 -- is the app up?" >&2
  exit 1
fi
if [ "$before" != "0" ]; then
  echo "WARNING   the catalog is not empty ($before entities); the timing is only meaningful on a fresh database"
fi

t0="$(now)"
resp_file="$(mktemp)"
trap 'rm -f "$resp_file"' EXIT
code="$(curl -sS --max-time 600 -o "$resp_file" -w '%{http_code}' "${auth[@]}" \
  -H 'Content-Type: application/json' -H 'Accept: application/json' \
  -X POST "$base/api/catalog/locations" \
  --data "{\"type\":\"file\",\"target\":\"$root\"}")" || code="000"
echo "register  POST /api/catalog/locations -> HTTP $code after $(since "$t0") s: $(head -c 300 "$resp_file")"
case "$code" in
  201|200) ;;
  409) echo "WARNING   location already registered; polling anyway (timing not meaningful)" ;;
  *) echo "ingest.sh: registration failed (is $(dirname "$root") in atrium.catalog.file-roots?)" >&2; exit 1 ;;
esac

count=0
last="$before"
last_change="$(now)"
last_print="$t0"
reached=""
while :; do
  sleep "$interval"
  c="$(total_items)"
  if [ "$c" != "?" ] && [ "$c" != "$last" ]; then
    last="$c"
    last_change="$(now)"
  fi
  [ "$c" != "?" ] && count="$c"
  if [ "$(since "$last_print" | cut -d. -f1)" -ge 5 ]; then
    echo "progress  t=$(since "$t0")s totalItems=$c"
    last_print="$(now)"
  fi
  if [ "$c" != "?" ] && [ "$c" -ge "$expect" ]; then
    reached="$(since "$t0")"
    break
  fi
  if [ "$(since "$last_change" | cut -d. -f1)" -ge "$stall" ]; then
    break
  fi
done

relations_at=""
if [ -n "$reached" ] && [ -n "$sample_ref" ]; then
  url="$(ref_url "$sample_ref")"
  rel_start="$(now)"
  while :; do
    body="$(curl -sS --max-time 10 "${auth[@]}" -H 'Accept: application/json' "$url" 2>/dev/null || true)"
    if printf '%s' "$body" | grep -q '"relations"[[:space:]]*:[[:space:]]*\[[[:space:]]*{'; then
      relations_at="$(since "$t0")"
      break
    fi
    if [ "$(since "$rel_start" | cut -d. -f1)" -ge "$stall" ]; then
      break
    fi
    sleep "$interval"
  done
fi

if [ -n "$reached" ]; then
  rate="$(awk -v n="$count" -v s="$reached" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')"
  verdict="$(awk -v s="$reached" -v t="$target" 'BEGIN { print (s <= t ? "PASS" : "FAIL") }')"
  echo "ingested  $count entities in $reached s ($rate entities/s); target <= ${target}s: $verdict"
  if [ -n "$sample_ref" ]; then
    if [ -n "$relations_at" ]; then
      echo "relations $sample_ref has relations at t=${relations_at}s"
    else
      echo "relations $sample_ref had no relations within ${stall}s after the count was reached"
    fi
  fi
  line="- ingest $(date '+%Y-%m-%d %H:%M:%S'): $count entities in ${reached} s ($rate entities/s), relations on last component at ${relations_at:-n/a} s; target <= ${target} s: $verdict"
  rc=0
else
  echo "STALLED   totalItems=$count of $expect, unchanged for ${stall}s (t=$(since "$t0")s)"
  line="- ingest $(date '+%Y-%m-%d %H:%M:%S'): STALLED at $count of $expect entities (no change for ${stall} s); target <= ${target} s: FAIL"
  rc=1
fi
if [ "$write_results" = 1 ]; then
  mkdir -p "$results_dir"
  f="$results_dir/$(date +%F).md"
  [ -s "$f" ] || printf '# Benchmark results %s\n\n' "$(date +%F)" > "$f"
  printf '\n%s\n' "$line" >> "$f"
fi
exit "$rc"
