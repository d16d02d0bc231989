#!/usr/bin/env bash
# The HTTP API benchmark (docs/PERFORMANCE.md): authenticated GET /api/proxy-config against nginx
# serving the same JSON bytes as a static file, in the same run; then PUT with 1, 4 and 16
# concurrent writers, and last 16 writers on a freshly started jar after WARMUP (12s) of PUTs.
# Run from the project root through the launcher: ./proxy-config bench api
# Needs wrk and nginx (Debian: apt-get install -y wrk nginx-light). Env: DURATION (default 15s),
# BENCH_JAVA_OPTS (default: the launcher's), PROXY_CONFIG_DB_URL & co. to run against another database.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION=${DURATION:-15s}
require_tools wrk nginx

start_jar_in_work_dir
nginx_port=$(free_port)
body='{"enabled":true,"type":"http","url":"http://proxy.corp.example:3128","username":"gateway","password":"s3cret","no_proxy":"localhost,.internal.example,10.0.0.0/8","timeout":30,"enable_for_inference":true,"enable_for_api":true}'
curl -fsS -X PUT "$api" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" >/dev/null

# nginx serves the very bytes GET returns, with the same content type.
mkdir -p "$work/www/api"
curl -fsS "$api" -H "Authorization: Bearer $token" > "$work/www/api/proxy-config"
cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  server { listen 127.0.0.1:$nginx_port; root $work/www; }
}
NGINX
chmod -R a+rX "$work"   # nginx workers run as www-data
nginx -c "$work/nginx.conf"

write_put_lua "$work/put.lua" "$token" "<redacted>"

# One row: requests/s, p50, p99 and the non-2xx/3xx count of a wrk run.
measure() { # label, wrk args...
  local label=$1; shift
  local rps p50 p99 errors
  read_wrk_summary "$(wrk --latency "$@")"
  printf '| %s | %s | %s | %s | %s |\n' "$label" "$rps" "$p50" "$p99" "$errors"
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(uname -m), $("$JAVA" -version 2>&1 | head -1), JVM options: $JAVA_OPTS, wrk $DURATION per row"
echo "| run | requests/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
wrk -t2 -c16 -d3s "$api" -H "Authorization: Bearer $token" >/dev/null # warm-up
measure "nginx, static file of the same bytes (16 conn)" -t2 -c16 -d"$DURATION" "http://127.0.0.1:$nginx_port/api/proxy-config"
measure "proxy-config GET, authenticated (16 conn)" -t2 -c16 -d"$DURATION" -H "Authorization: Bearer $token" "$api"
for writers in 1 4 16; do
  threads=$(( writers < 2 ? 1 : 2 ))
  measure "proxy-config PUT, $writers writer(s)" -t$threads -c$writers -d"$DURATION" -s "$work/put.lua" "$api"
done
revisions=$(curl -fsS "$api/history?limit=1" -H "Authorization: Bearer $token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["revisions"][0]["revision"])')
rss=$(awk '/VmRSS/ {print $2/1024 " MiB"}' /proc/$jar_pid/status)

# A freshly started jar, its PUT path warmed up for WARMUP (12 s) only: where JIT compilation and
# the first collections show in the tail.
kill "$jar_pid"; wait "$jar_pid" 2>/dev/null || true
start_jar "$work/fresh-data" "$port" "$token" "$work/server.log"
curl -fsS -X PUT "$api" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" >/dev/null
wrk -t2 -c16 -d"${WARMUP:-12s}" -s "$work/put.lua" "$api" >/dev/null
measure "proxy-config PUT, 16 writers, fresh jar after ${WARMUP:-12s} of PUTs" -t2 -c16 -d"$DURATION" -s "$work/put.lua" "$api"
echo
echo "revisions stored after the run: $revisions; server RSS: $rss"
