#!/usr/bin/env bash
# Sync calls per acknowledged write on the embedded H2 database (docs/PERFORMANCE.md): strace
# counts the jar's fsync/fdatasync calls while wrk sends PUTs with 1, 4 and 16 writers, and the
# table gives acknowledged PUTs, sync calls and their ratio. Run from the project root:
# ./proxy-config bench sync   Needs strace and wrk (apt-get install -y strace wrk).
# Env: DURATION (default 10s), BENCH_JAVA_OPTS (default: the launcher's start options, no CDS).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION=${DURATION:-10s}
require_tools strace wrk

start_jar_in_work_dir

write_put_lua "$work/put.lua" "$token" "s3cret"
wrk -t2 -c4 -d3s -s "$work/put.lua" "$api" >/dev/null # warm-up

echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), JVM options: $JAVA_OPTS, wrk $DURATION per row"
echo "| writers | acknowledged PUTs | fsync + fdatasync calls | sync calls per PUT |"
echo "|---|---|---|---|"
for writers in 1 4 16; do
  threads=$(( writers < 2 ? 1 : 2 ))
  strace -f -qq -e trace=fsync,fdatasync -o "$work/strace.$writers" -p "$jar_pid" &
  strace_pid=$!
  sleep 1 # strace attaches to every thread
  out=$(wrk -t$threads -c$writers -d"$DURATION" -s "$work/put.lua" "$api")
  sleep 0.5
  kill -INT "$strace_pid"; wait "$strace_pid" 2>/dev/null || true
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<<"$out")
  acked=$(( requests - ${non2xx:-0} ))
  syncs=$(grep -cE '^[0-9]+ +f(data)?sync\(' "$work/strace.$writers" || true)
  printf '| %s | %s | %s | %s |\n' "$writers" "$acked" "$syncs" "$(python3 -c "print(f'{$syncs/max($acked,1):.2f}')")"
done
