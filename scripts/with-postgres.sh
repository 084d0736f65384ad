#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster:
#
#   scripts/with-postgres.sh npm test
#   scripts/with-postgres.sh node scripts/run-tests.mjs store
#
# initdb's a cluster in a temporary folder, starts it listening only on a unix socket in that
# folder (no TCP, no network; the port number only names the socket, so any free one will do),
# creates a database `rasd_test`, exports RASD_TEST_DATABASE_URL for the command, and stops and
# removes the cluster when the command ends, fails or is interrupted. The command's exit status
# is the script's.
#
# PostgreSQL refuses to run as root: as root, the server runs as $RASD_PG_USER (default
# `nobody`). The binaries are found on PATH, else in the newest /usr/lib/postgresql/*/bin
# (Debian's `apt-get install postgresql`), else in $PG_BIN.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 64
fi

find_bin() {
  if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/pg_ctl" ]; then
    echo "$PG_BIN"
    return
  fi
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    # Through symlinks: the folder that holds the server binaries also holds psql.
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return
  fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ]; then
      echo "$d"
      return
    fi
  done
  return 1
}

if ! BIN="$(find_bin)"; then
  echo "with-postgres: no PostgreSQL server binaries (initdb, pg_ctl) found; install postgresql or set PG_BIN" >&2
  exit 69
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/rasd-pg.XXXXXX")"
DATA="$TMP/data"
LOG="$TMP/postgres.log"

as_pg() {
  "$@"
}
if [ "$(id -u)" -eq 0 ]; then
  PG_USER="${RASD_PG_USER:-nobody}"
  chown "$PG_USER" "$TMP"
  chmod 700 "$TMP"
  as_pg() {
    if command -v runuser >/dev/null 2>&1; then
      runuser -u "$PG_USER" -- "$@"
    else
      su -s /bin/sh "$PG_USER" -c "$(printf '%q ' "$@")"
    fi
  }
fi

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -f "$DATA/postmaster.pid" ]; then
    as_pg "$BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free port: with no TCP listener it only names the socket file in $TMP, so any one works; a
# random one keeps messages from different runs apart.
PORT=$((20000 + RANDOM % 20000))

as_pg "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C >"$TMP/initdb.log" 2>&1 || {
  cat "$TMP/initdb.log" >&2
  exit 1
}
# Durability is worthless for a throwaway cluster: fsync off makes it several times faster.
as_pg "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
  -o "-p $PORT -k $TMP -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || {
  cat "$LOG" >&2
  exit 1
}

# A database of its own when psql is at hand; the cluster's default one otherwise.
DB=postgres
if [ -x "$BIN/psql" ]; then
  as_pg "$BIN/psql" -h "$TMP" -p "$PORT" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
    -c "create database rasd_test" >/dev/null
  DB=rasd_test
fi

export RASD_TEST_DATABASE_URL="postgres://postgres@localhost:$PORT/$DB?host=$TMP"
echo "with-postgres: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on $TMP (port $PORT)" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
