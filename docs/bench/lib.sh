# What the HTTP benchmarks share (sourced by api.sh and sync.sh): tools, a free port, a token, the
# jar started on a data directory, and the wrk script that PUTs a new configuration each request.
JAVA="$JAVA_HOME/bin/java"
# The launcher's start options (./proxy-config start), without its class-data archive.
JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:+UseSerialGC -Xmx96m}

require_tools() { # tool...
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install -y $*" >&2; exit 1; }
  done
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

new_token() { echo "bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"; }

# start_jar DATA_DIR PORT TOKEN LOG: starts the jar, sets jar_pid, waits for /health.
start_jar() {
  PROXY_CONFIG_HOST=127.0.0.1 PROXY_CONFIG_PORT=$2 PROXY_CONFIG_DATA_DIR=$1 \
    PROXY_CONFIG_ADMIN_TOKEN=$3 "$JAVA" $JAVA_OPTS -jar bootstrap/target/proxy-config.jar >>"$4" 2>&1 &
  jar_pid=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$2/health" >/dev/null 2>&1 && break; sleep 0.2; done
}

# write_put_lua FILE TOKEN PASSWORD: each request PUTs another timeout, so each is a new revision.
write_put_lua() {
  cat > "$1" <<LUA
wrk.method = "PUT"
wrk.headers["Authorization"] = "Bearer $2"
wrk.headers["Content-Type"] = "application/json"
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, nil, nil, '{"enabled":true,"url":"http://proxy.corp.example:3128","username":"gateway","password":"$3","timeout":' .. (counter % 3600) .. ',"enable_for_api":true}')
end
LUA
}
