#!/usr/bin/env bash
# The scrape benchmark (docs/PERFORMANCE.md §7): GET /metrics against GET /health of the same jar,
# in the same run, with wrk; the scrape body's size. Run through the launcher: ./proxy-config bench metrics
# Needs wrk (Debian: apt-get install -y wrk). Env: DURATION (default 10s), BENCH_JAVA_OPTS.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION=${DURATION:-10s}
require_tools wrk curl

work=$(mktemp -d)
cleanup() { [[ -n ${jar_pid:-} ]] && kill "$jar_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
token=$(new_token)
port=$(free_port)
start_jar "$work/data" "$port" "$token" "$work/server.log"
base="http://127.0.0.1:$port"
curl -fsS -X PUT "$base/api/proxy-config" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"enabled":true,"url":"http://proxy.corp.example:3128","enable_for_api":true}' >/dev/null

out=docs/bench/results/metrics-$(date -u +%Y-%m).txt
{
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) ./proxy-config bench metrics on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), JVM options: $JAVA_OPTS"
  echo "scrape body: $(curl -fsS "$base/metrics" | wc -c) bytes, $(curl -fsS "$base/metrics" | grep -vc '^#') series"
  wrk -t2 -c16 -d5s "$base/metrics" >/dev/null   # warm-up
  wrk -t2 -c16 -d5s "$base/health" >/dev/null
  for pass in 1 2; do
    for path in /metrics /health; do
      result=$(wrk -t2 -c16 -d"$DURATION" --latency "$base$path")
      rps=$(awk '/Requests\/sec/ {print $2}' <<<"$result")
      p50=$(awk '$1=="50%" {print $2}' <<<"$result")
      p99=$(awk '$1=="99%" {print $2}' <<<"$result")
      non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$result")
      echo "| GET $path, pass $pass | $rps | $p50 | $p99 | ${non2xx:-0} |"
    done
  done
} | tee -a "$out"
