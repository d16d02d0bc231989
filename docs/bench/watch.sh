#!/usr/bin/env bash
# The watch benchmark (docs/PERFORMANCE.md §6, issue 13), on the packaged jar with H2 in a temp dir
# (or STORE=postgres):
#   1. wrk, authenticated GET /api/proxy-config in full and with If-None-Match naming the current
#      ETag (304), alternating, same threads and connections; the ratio of their requests/s and of
#      the server's own CPU per answer (/proc/PID/stat: wrk shares the cores), and,
#      for reference, the authenticated static /schema, which reads no store;
#   2. WatchBenchmark (bootstrap test sources): WATCHERS held ?wait= requests, the jar's RSS before
#      and while they are held, then ROUNDS changes timed until every watcher has read its 200.
# Run from the project root through the launcher: ./proxy-config bench watch (it compiles the
# bootstrap test classes first). Needs wrk, ss (iproute2) and jcmd (the JDK's).
# Env: DURATION (wrk, default 10s per row), WARMUP (10s of wrk on each path first), WATCHERS (1000), ROUNDS (5), WAIT (60),
# STORE (h2, the default, or postgres: a throwaway PostgreSQL cluster, what a fleet runs on), BENCH_JAVA_OPTS.
# Output goes to the terminal and is appended to docs/bench/results/watch-<year>-<month>.txt.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION=${DURATION:-10s}
require_tools wrk ss jcmd curl
[[ -f bootstrap/target/test-classes/org/proxyconfig/bootstrap/bench/WatchBenchmark.class ]] \
  || { echo "WatchBenchmark is not compiled: run ./proxy-config bench watch" >&2; exit 1; }

results="docs/bench/results/watch-$(date -u +%Y-%m).txt"
exec > >(tee -a "$results")

bench_store=${STORE:-h2}
start_jar_in_work_dir
auth="Authorization: Bearer $token"
body='{"enabled":true,"type":"http","url":"http://proxy.corp.example:3128","username":"gateway","password":"s3cret","no_proxy":"localhost,.internal.example,10.0.0.0/8","timeout":30,"enable_for_inference":true,"enable_for_api":true}'
etag=$(curl -fsS -X PUT "$api" -H "$auth" -H 'Content-Type: application/json' -d "$body" -D - -o /dev/null \
  | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')

echo
echo "## $(date -u +%Y-%m-%dT%H:%MZ) STORE=${STORE:-h2} ./proxy-config bench watch on $(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA" -version 2>&1 | head -1), JVM options: $JAVA_OPTS"

# What one answer of each kind costs on the wire, to check below that the conditional run was 304s.
full_bytes=$(curl -fsS "$api" -H "$auth" -o /dev/null -w '%{size_header} %{size_download}' | awk '{print $1+$2}')
status=$(curl -sS "$api" -H "$auth" -H "If-None-Match: $etag" -o /dev/null -w '%{http_code} %{size_header}')
[[ ${status%% *} == 304 ]] || { echo "GET with If-None-Match: $etag answered ${status%% *}, not 304" >&2; exit 1; }
not_modified_bytes=${status#* }

# wrk's summary: requests/s (kept in $rps), p50, p99, and bytes read per response (from its total).
measure() { # label, wrk args...
  local label=$1; shift
  local before after out; before=$(server_cpu_ticks); out=$(wrk --latency "$@"); after=$(server_cpu_ticks)
  local p50 p99 errors per_response
  read_wrk_summary "$out"
  per_response=$(awk '/requests in/ {n=$1; v=$5; u=substr(v, length(v)-1); v=substr(v, 1, length(v)-2);
      m = u=="KB" ? 1024 : u=="MB" ? 1048576 : u=="GB" ? 1073741824 : 1; printf "%.0f", v*m/n}' <<<"$out")
  # The server's own CPU per answer: wrk shares the two cores, so requests/s also counts the load
  # generator's cost, which is the same for both kinds of answer; this does not.
  cpu_us=$(awk -v a="$before" -v b="$after" -v hz="$(getconf CLK_TCK)" '/requests in/ {printf "%.1f", (b-a)*1e6/hz/$1}' <<<"$out")
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$rps" "$p50" "$p99" "$errors" "$per_response" "$cpu_us"
}

# utime + stime of the jar, in clock ticks (proc(5)).
server_cpu_ticks() { awk '{print $14 + $15}' "/proc/$jar_pid/stat"; }

# Counts the statuses wrk received (each thread has its own Lua state: summed in done()). Only in
# a check run after the timed ones, so the timed runs pay no Lua call per response.
cat > "$work/statuses.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) not_modified = 0; other = 0 end
function response(status, headers, body)
  if status == 304 then not_modified = not_modified + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local n, o = 0, 0
  for _, t in ipairs(threads) do n = n + t:get("not_modified"); o = o + t:get("other") end
  io.write(string.format("statuses counted by wrk: %d 304, %d other\n", n, o))
end
LUA

echo
echo "### 1. GET in full and conditional (304), wrk -t2 -c16 -d$DURATION per row, alternating"
echo "one answer on the wire: full $full_bytes bytes, 304 $not_modified_bytes bytes"
echo "| run | requests/s | p50 | p99 | non-2xx/3xx | bytes read per response | server CPU µs per answer |"
echo "|---|---|---|---|---|---|---|"
wrk -t2 -c16 -d"${WARMUP:-10s}" -H "$auth" "$api" >/dev/null             # warm-up (JIT), both paths
wrk -t2 -c16 -d"${WARMUP:-10s}" -H "$auth" -H "If-None-Match: $etag" "$api" >/dev/null
full_sum=0; conditional_sum=0
for pass in 1 2; do
  measure "GET, authenticated, in full, pass $pass" -t2 -c16 -d"$DURATION" -H "$auth" "$api"
  full_sum=$(awk -v a="$full_sum" -v b="$rps" 'BEGIN {print a+b}')
  full_cpu=$(awk -v a="${full_cpu:-0}" -v b="$cpu_us" 'BEGIN {print a+b}')
  measure "GET, authenticated, If-None-Match (304), pass $pass" -t2 -c16 -d"$DURATION" -H "$auth" -H "If-None-Match: $etag" "$api"
  conditional_sum=$(awk -v a="$conditional_sum" -v b="$rps" 'BEGIN {print a+b}')
  conditional_cpu=$(awk -v a="${conditional_cpu:-0}" -v b="$cpu_us" 'BEGIN {print a+b}')
  # A reference, not a target: authenticated static bytes from memory (no store read), roughly
  # the most this server and wrk on the same cores do for an authenticated GET.
  measure "GET /api/proxy-config/schema, authenticated (static, no store read), pass $pass" -t2 -c16 -d"$DURATION" -H "$auth" "$api/schema"
  schema_sum=$(awk -v a="${schema_sum:-0}" -v b="$rps" 'BEGIN {print a+b}')
done
awk -v f="$full_sum" -v c="$conditional_sum" -v s="$schema_sum" \
  'BEGIN {printf "conditional ÷ full, requests/s of both passes: %.2f× (the /schema reference ÷ full: %.2f×)\n", c/f, s/f}'
awk -v f="$full_cpu" -v c="$conditional_cpu" \
  'BEGIN {printf "server CPU per answer, full ÷ conditional, both passes: %.2f× (how many more 304s than full answers the server itself serves per CPU second)\n", f/c}'
wrk -t2 -c16 -d3s -s "$work/statuses.lua" -H "$auth" -H "If-None-Match: $etag" "$api" | grep '^statuses'

echo
echo "### 2. ${WATCHERS:-1000} watchers held (GET ?wait=${WAIT:-60} with the current ETag), ${ROUNDS:-5} changes"
BENCH_PORT=$port BENCH_PID=$jar_pid BENCH_TOKEN=$token "$JAVA" -cp bootstrap/target/test-classes:application/target/test-classes \
  org.proxyconfig.bootstrap.bench.WatchBenchmark
