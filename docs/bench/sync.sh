#!/usr/bin/env bash
# Sync calls per acknowledged write on the embedded H2 database (docs/PERFORMANCE.md): strace
# counts the jar's fsync/fdatasync calls while wrk sends PUTs with 1, 4 and 16 writers, and the
# table gives acknowledged PUTs, sync calls and their ratio. Run from the project root:
# ./proxy-config bench sync   Needs strace and wrk (apt-get install -y strace wrk).
# Env: DURATION (default 10s), BENCH_JAVA_OPTS (default: the launcher's start options, no CDS).
set -euo pipefail
JAVA="$JAVA_HOME/bin/java"
DURATION=${DURATION:-10s}
JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:+UseSerialGC -Xmx128m}
for tool in strace wrk; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install -y strace wrk" >&2; exit 1; }
done

work=$(mktemp -d)
cleanup() { [[ -n ${jar_pid:-} ]] && kill "$jar_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
token=bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
PROXY_CONFIG_HOST=127.0.0.1 PROXY_CONFIG_PORT=$port PROXY_CONFIG_DATA_DIR=$work/data \
  PROXY_CONFIG_ADMIN_TOKEN=$token "$JAVA" $JAVA_OPTS -jar bootstrap/target/proxy-config.jar >"$work/server.log" 2>&1 &
jar_pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
api="http://127.0.0.1:$port/api/proxy-config"

cat > "$work/put.lua" <<LUA
wrk.method = "PUT"
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Content-Type"] = "application/json"
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, nil, nil, '{"enabled":true,"url":"http://proxy.corp.example:3128","username":"gateway","password":"s3cret","timeout":' .. (counter % 3600) .. ',"enable_for_api":true}')
end
LUA
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
