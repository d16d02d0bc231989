#!/usr/bin/env bash
# The scrape benchmark (docs/PERFORMANCE.md §7): GET /metrics against GET /health of the same jar,
# in the same run, with wrk; the scrape body's size. Run through the launcher: ./proxy-config bench metrics
# Needs wrk (Debian: apt-get install -y wrk). Env: DURATION (default 10s), BENCH_JAVA_OPTS.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION=${DURATION:-10s}
require_tools wrk curl

start_jar_in_work_dir
curl -fsS -X PUT "$api" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"enabled":true,"url":"http://proxy.corp.example:3128","enable_for_api":true}' >/dev/null

out=docs/bench/results/metrics-$(date -u +%Y-%m).txt
{
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) ./proxy-config bench metrics on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), JVM options: $JAVA_OPTS"
  echo "scrape body: $(curl -fsS "$base/metrics" | wc -c) bytes, $(curl -fsS "$base/metrics" | grep -vc '^#') series"
  wrk -t2 -c16 -d5s "$base/metrics" >/dev/null   # warm-up
  wrk -t2 -c16 -d5s "$base/health" >/dev/null
  for pass in 1 2; do
    for path in /metrics /health; do
      read_wrk_summary "$(wrk -t2 -c16 -d"$DURATION" --latency "$base$path")"
      echo "| GET $path, pass $pass | $rps | $p50 | $p99 | $errors |"
    done
  done
} | tee -a "$out"
