# What the HTTP benchmarks share (sourced by api.sh, sync.sh, watch.sh and metrics.sh): tools, a
# free port, a token, the jar started on a data directory in a temporary one, the wrk script that
# PUTs a new configuration each request, and the figures read from wrk's summary.
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

# start_jar_in_work_dir: a temporary directory ($work), a token ($token) and a free port ($port), the
# jar started on $work/data (on a throwaway PostgreSQL cluster when the script set bench_store=postgres:
# start_postgres; the watch benchmark does, the others measure H2's own work, its syncs among them), and
# its URLs: $base, and $api (the configuration's resource). On exit the jar is stopped, and so is
# every process whose pid file the script left in $work (nginx's, for one), and the cluster; then
# $work is deleted.
start_jar_in_work_dir() {
  work=$(mktemp -d)
  trap stop_and_clean_up EXIT
  token=$(new_token)
  port=$(free_port)
  case ${bench_store:-h2} in
    h2) ;;
    postgres) start_postgres ;;
    *) echo "the store is h2 (the default) or postgres, not $bench_store" >&2; exit 2 ;;
  esac
  start_jar "$work/data" "$port" "$token" "$work/server.log"
  base="http://127.0.0.1:$port"
  api="$base/api/proxy-config"
}

# Each step may find its process gone already (a jar that failed to start, say): under set -e that
# must not end the clean-up before the rest, so none of them fails it. The jar is waited for, so
# that it no longer writes into $work when it is deleted.
stop_and_clean_up() {
  if [[ -n ${jar_pid:-} ]]; then kill "$jar_pid" 2>/dev/null || true; wait "$jar_pid" 2>/dev/null || true; fi
  for pid_file in "$work"/*.pid; do [[ -f $pid_file ]] && { kill "$(cat "$pid_file")" 2>/dev/null || true; }; done
  if [[ -n ${stop_postgres[*]:-} ]]; then "${stop_postgres[@]}" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}

# start_postgres: what a fleet runs on, a PostgreSQL cluster of Debian's binaries (the newest
# /usr/lib/postgresql/*/bin, or $PG_BIN) in $work/pg, with PostgreSQL's default settings (durability
# included), on a free loopback port, password authentication over TCP; as root its binaries run as
# the postgres OS user (PostgreSQL refuses root). Exports PROXY_CONFIG_DB_URL, _USER and _PASSWORD
# for the jar, and sets stop_postgres, the command that stops the cluster at once.
start_postgres() {
  local bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
  [[ -x $bin/initdb && -x $bin/pg_ctl ]] || { echo "needs PostgreSQL's server: apt-get install -y postgresql" >&2; exit 1; }
  local as=() pg=$work/pg pg_port password
  mkdir -p "$pg"
  if [[ $(id -u) == 0 ]]; then as=(runuser -u postgres --); chmod 755 "$work"; chown postgres "$pg"; fi
  password=$(new_token)
  (umask 077; printf '%s\n' "$password" > "$pg/password")
  [[ ${#as[@]} -gt 0 ]] && chown postgres "$pg/password"
  "${as[@]}" "$bin/initdb" -D "$pg/data" -U proxy_config --pwfile="$pg/password" --auth-host=scram-sha-256 \
    --auth-local=scram-sha-256 -E UTF8 --locale=C >"$pg/initdb.log"
  rm "$pg/password"
  pg_port=$(free_port)
  stop_postgres=("${as[@]}" "$bin/pg_ctl" stop -D "$pg/data" -m immediate) # set first: a start that fails may have started it
  "${as[@]}" "$bin/pg_ctl" start -D "$pg/data" -w -l "$pg/server.log" \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=''" >/dev/null
  export PROXY_CONFIG_DB_URL=jdbc:postgresql://127.0.0.1:$pg_port/postgres PROXY_CONFIG_DB_USER=proxy_config \
    PROXY_CONFIG_DB_PASSWORD=$password
}

# read_wrk_summary OUTPUT: sets rps (requests/s), p50 and p99 (from --latency) and errors (the
# count of non-2xx/3xx answers, 0 when wrk printed none) from what wrk printed.
read_wrk_summary() {
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$1")
  p50=$(awk '$1=="50%" {print $2}' <<<"$1")
  p99=$(awk '$1=="99%" {print $2}' <<<"$1")
  errors=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<<"$1")
  errors=${errors:-0}
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
