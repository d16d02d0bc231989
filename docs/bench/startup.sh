#!/usr/bin/env bash
# Start-up and footprint (docs/PERFORMANCE.md): time from `java -jar` to the first 200 of an
# authenticated GET, median of RUNS starts per JVM option set, and resident memory idle and after
# LOAD_SECONDS of load. Run from the project root: ./proxy-config bench startup
# Needs wrk (apt-get install -y wrk). Env: RUNS (default 7), LOAD_SECONDS (default 60).
set -euo pipefail
JAVA="$JAVA_HOME/bin/java"
RUNS=${RUNS:-7}
LOAD_SECONDS=${LOAD_SECONDS:-60}
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 1; }

work=$(mktemp -d)
trap 'pkill -P $$ java 2>/dev/null; rm -rf "$work"' EXIT
token=bench-startup-token-$$
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
api="http://127.0.0.1:$port/api/proxy-config"

start_jar() { # JVM options...
  PROXY_CONFIG_HOST=127.0.0.1 PROXY_CONFIG_PORT=$port PROXY_CONFIG_DATA_DIR=$work/data \
    PROXY_CONFIG_ADMIN_TOKEN=$token "$JAVA" "$@" -jar bootstrap/target/proxy-config.jar >"$work/server.log" 2>&1 &
  echo $!
}

first_200_ms() { # JVM options... -> milliseconds from exec to the first authenticated 200
  local t0 pid ms
  t0=$(date +%s%N)
  pid=$(start_jar "$@")
  until curl -fs -o /dev/null "$api" -H "Authorization: Bearer $token" 2>/dev/null; do sleep 0.01; done
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ms"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

rss_mib() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), median of $RUNS starts"
echo "| JVM options | first authenticated 200 (ms) |"
echo "|---|---|"
first_200_ms >/dev/null # creates the database and key file, so every measured start is a restart
cds="-XX:SharedArchiveFile=$work/proxy-config.jsa -XX:+AutoCreateSharedArchive"
first_200_ms $cds >/dev/null # writes the class-data-sharing archive
for options in "" "-XX:TieredStopAtLevel=1" "$cds" "$cds -XX:TieredStopAtLevel=1" "$cds -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"; do
  runs=$(for _ in $(seq "$RUNS"); do first_200_ms $options; done | median)
  printf '| `%s` | %s |\n' "${options:-(none)}" "$runs"
done

echo
echo "| JVM options | RSS idle (MiB) | RSS after ${LOAD_SECONDS}s of GET+PUT load (MiB) |"
echo "|---|---|---|"
cat > "$work/put.lua" <<LUA
wrk.method = "PUT"
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"enabled":true,"url":"http://proxy.corp.example:3128","username":"gateway","password":"<redacted>","enable_for_api":true}'
LUA
for options in "" "-XX:+UseSerialGC -Xmx64m" "-XX:+UseSerialGC -Xmx64m -XX:TieredStopAtLevel=1 $cds"; do
  pid=$(start_jar $options)
  until curl -fs -o /dev/null "$api" -H "Authorization: Bearer $token" 2>/dev/null; do sleep 0.05; done
  sleep 5
  idle=$(rss_mib "$pid")
  wrk -t1 -c8 -d"${LOAD_SECONDS}s" -H "Authorization: Bearer $token" "$api" >/dev/null &
  wrk -t1 -c2 -d"${LOAD_SECONDS}s" -s "$work/put.lua" "$api" >/dev/null
  wait
  printf '| `%s` | %s | %s |\n' "${options:-(none)}" "$idle" "$(rss_mib "$pid")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
