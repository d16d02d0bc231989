#!/usr/bin/env bash
# What a request allocates (docs/PERFORMANCE.md §2): the packaged jar with the launcher's options and
# a GC log, then wrk rows of PUT (16 writers) and authenticated GET. Per row: requests, young
# collections, MiB allocated (from the log: what each collection found in use, less what the one
# before left) and KB per request, and the collections' pauses. Allocation does not depend on how
# loaded the machine is, so this figure holds on a shared one, where latencies do not.
# Run from the project root through the launcher: ./proxy-config bench alloc
# Needs wrk. Env: DURATION (default 20s), WARMUP (default 10s).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION=${DURATION:-20s}
require_tools wrk
gc_log=$(mktemp)
JAVA_OPTS="$JAVA_OPTS -Xlog:gc:file=$gc_log"
start_jar_in_work_dir
trap 'stop_and_clean_up; rm -f "$gc_log"' EXIT
body='{"enabled":true,"type":"http","url":"http://proxy.corp.example:3128","username":"gateway","password":"s3cret","no_proxy":"localhost,.internal.example,10.0.0.0/8","timeout":30,"enable_for_inference":true,"enable_for_api":true}'
curl -fsS -X PUT "$api" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" >/dev/null
write_put_lua "$work/put.lua" "$token" "<redacted>"

# row LABEL WRK-ARGS...: runs wrk, then reads the collections it caused from the GC log.
row() {
  local label=$1; shift
  local from; from=$(wc -l < "$gc_log")
  local out; out=$(wrk "$@")
  local requests; requests=$(awk '/requests in/ {print $1}' <<<"$out")
  tail -n +"$((from + 1))" "$gc_log" | grep 'Pause Young' | awk -v label="$label" -v n="$requests" '
    { split($(NF-1), h, /->|\(/); before = h[1] + 0; after = h[2] + 0; ms = $NF + 0
      if (count > 0) allocated += before - left; left = after; count++; pauses[count] = ms }
    END {
      for (i = 2; i <= count; i++) { v = pauses[i]; for (j = i - 1; j > 0 && pauses[j] > v; j--) pauses[j + 1] = pauses[j]; pauses[j + 1] = v }
      median = count ? pauses[int((count + 1) / 2)] : 0
      printf "| %s | %d | %d | %d | %.1f | %.1f / %.1f ms |\n", label, n, count, allocated, allocated * 1024 / n, median, pauses[count]
    }'
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA" -version 2>&1 | head -1), JVM options: $JAVA_OPTS"
echo "| run | requests | young collections | MiB allocated (between the first and last) | KB per request | pause median / max |"
echo "|---|---|---|---|---|---|"
wrk -t2 -c16 -d"${WARMUP:-10s}" -s "$work/put.lua" "$api" >/dev/null
row "PUT, 16 writers, $DURATION" -t2 -c16 -d"$DURATION" -s "$work/put.lua" "$api"
wrk -t2 -c16 -d"${WARMUP:-10s}" -H "Authorization: Bearer $token" "$api" >/dev/null
row "GET, authenticated, 16 connections, $DURATION" -t2 -c16 -d"$DURATION" -H "Authorization: Bearer $token" "$api"
