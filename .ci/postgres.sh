#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server from Debian's packages for the room server's
# PostgreSQL tests (tests/server/), and exports STAGECRAFT_TEST_POSTGRES for them.
# Sourced by .ci/run; `source .ci/postgres.sh` does the same on a developer's machine.
# The server listens on 127.0.0.1 only, trusts local connections, keeps its data in a
# temporary folder and is stopped when the sourcing shell exits (stop_test_postgres).
# PostgreSQL refuses to run as root, so it runs as the `postgres` user the package creates.

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && echo "$dir"
}

if [ -z "$(pg_bin)" ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
fi
PG_BIN=$(pg_bin)
if [ -z "$PG_BIN" ]; then
  echo "postgres.sh: PostgreSQL is not installed and could not be installed" >&2
  return 1 2>/dev/null || exit 1
fi

PG_PORT=${STAGECRAFT_TEST_POSTGRES_PORT:-54329}
PG_DIR=$(mktemp -d /tmp/stagecraft-pg.XXXXXX)
as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"
  elif [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"
  else "$@"
  fi
}
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PG_DIR"; fi
as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 >"$PG_DIR/initdb.log" 2>&1 || {
  cat "$PG_DIR/initdb.log" >&2
  return 1 2>/dev/null || exit 1
}
as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR -c fsync=off -c max_connections=200" start >/dev/null || {
  cat "$PG_DIR/server.log" >&2
  return 1 2>/dev/null || exit 1
}
export STAGECRAFT_TEST_POSTGRES="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') for the tests on 127.0.0.1:$PG_PORT"

stop_test_postgres() {
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
