#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the storage tests: nothing to set up by hand.
#
#   eval "$(scripts/postgres.sh start)"   # installs PostgreSQL from apt if missing, starts a cluster in a
#                                         # temp dir on a free loopback port, prints the two exports
#   scripts/postgres.sh stop              # stops the cluster of $RECORDACCESS_PG_DIR and deletes it
#
# Idempotent: `start` with RECORDACCESS_PG_DIR pointing at a running cluster prints its exports again.
# Only the exports go to stdout; progress and apt output go to stderr.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

pg_bin() {
  local d best=""
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && best="$d"
  done
  echo "$best"
}

as_pg() {
  # initdb and postgres refuse to run as root: run them as the postgres OS user then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( (RANDOM % 20000) + 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  log "no free port found"; exit 1
}

start() {
  local bin dir port
  bin=$(pg_bin)
  if [ -z "$bin" ]; then
    log "PostgreSQL not found: installing it from apt"
    if [ "$(id -u)" != 0 ]; then log "installing needs root"; exit 1; fi
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >&2
    bin=$(pg_bin)
    [ -n "$bin" ] || { log "apt installed no PostgreSQL server"; exit 1; }
  fi

  if [ -n "${RECORDACCESS_PG_DIR:-}" ] && [ -f "$RECORDACCESS_PG_DIR/env" ] \
     && as_pg "$bin/pg_ctl" -D "$RECORDACCESS_PG_DIR/data" status >/dev/null 2>&1; then
    cat "$RECORDACCESS_PG_DIR/env"
    return
  fi

  dir=$(mktemp -d /tmp/recordaccess-pg.XXXXXX)
  chmod 700 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
  port=$(free_port)
  as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=200" start >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
  cat >"$dir/env" <<ENV
export RECORDACCESS_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true'
export RECORDACCESS_PG_DIR='$dir'
ENV
  log "started PostgreSQL ($bin) on 127.0.0.1:$port in $dir"
  cat "$dir/env"
}

stop() {
  local dir="${RECORDACCESS_PG_DIR:-${1:-}}" bin
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then log "nothing to stop (RECORDACCESS_PG_DIR not set)"; return; fi
  case "$dir" in /tmp/recordaccess-pg.*) ;; *) log "refusing to delete $dir"; exit 1;; esac
  bin=$(pg_bin)
  as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  rm -rf "$dir"
  log "stopped and deleted $dir"
}

case "${1:-}" in
  start) start ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
