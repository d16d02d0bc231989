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
  stop "$pid"
  echo "$ms"
}

stop() { # $1 = pid: stop the server and wait until it is gone (it may be writing its AOT cache or CDS archive)
  kill "$1"
  while kill -0 "$1" 2>/dev/null; do sleep 0.05; done
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

rss_mib() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

launcher_options() { ./proxy-config java-options; }

echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), median of $RUNS starts"
# The first start creates the database and the key file, and (with the launcher's options) is the
# training run that writes the AOT cache or CDS archive when it stops: every measured start is a restart.
first_200_ms $(launcher_options) >/dev/null
first_200_ms $(launcher_options) >/dev/null
launcher=$(launcher_options)
echo "| JVM options | first authenticated 200 (ms) |"
echo "|---|---|"
for options in "" "-XX:+UseSerialGC -Xmx96m" "$launcher"; do
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
for options in "" "$launcher"; do
  pid=$(start_jar $options)
  until curl -fs -o /dev/null "$api" -H "Authorization: Bearer $token" 2>/dev/null; do sleep 0.05; done
  sleep 5
  idle=$(rss_mib "$pid")
  wrk -t1 -c8 -d"${LOAD_SECONDS}s" -H "Authorization: Bearer $token" "$api" >/dev/null &
  gets=$!
  wrk -t1 -c2 -d"${LOAD_SECONDS}s" -s "$work/put.lua" "$api" >/dev/null
  wait "$gets"
  printf '| `%s` | %s | %s |\n' "${options:-(none)}" "$idle" "$(rss_mib "$pid")"
  stop "$pid"
done
