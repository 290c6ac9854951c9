# shellcheck shell=bash
# Sourced by .ci/run (set -euo pipefail; root on Debian 12). Starts a throwaway PostgreSQL
# cluster on 127.0.0.1 for the store's tests and exports PADPLANNER_TEST_PG. The cluster lives
# in a temporary folder and is stopped when the CI script exits.
if [ -n "${PADPLANNER_TEST_PG:-}" ]; then
  echo "postgres: using PADPLANNER_TEST_PG from the environment"
elif [ "$(id -u)" != "0" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "postgres: not root and PostgreSQL is not installed; PostgreSQL tests will skip" \
    "(or fail with CI=true)" >&2
else
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "postgres: installing PostgreSQL from the Debian packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  _pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  _pg_port="${PADPLANNER_PG_PORT:-55432}"
  while (exec 3<>"/dev/tcp/127.0.0.1/${_pg_port}") 2>/dev/null; do
    _pg_port=$((_pg_port + 1))  # something listens there already: take the next port
  done
  _pg_dir="$(mktemp -d /tmp/padplanner-pg.XXXXXX)"
  _pg_user="$(id -un)"
  if [ "$(id -u)" = "0" ]; then
    _pg_user=postgres
    chown postgres:postgres "$_pg_dir"
  fi
  _pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  _pg "$_pg_bin/initdb" -D "$_pg_dir/data" -A trust -U "$_pg_user" -E UTF8 --no-sync >/dev/null
  _pg "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -l "$_pg_dir/server.log" -w -t 60 \
    -o "-p ${_pg_port} -k ${_pg_dir} -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  _pg "$_pg_bin/createdb" -h 127.0.0.1 -p "$_pg_port" -U "$_pg_user" padplanner_test
  export PADPLANNER_TEST_PG="postgresql+psycopg://${_pg_user}@127.0.0.1:${_pg_port}/padplanner_test"
  _padplanner_pg_stop() {
    _pg "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$_pg_dir"
  }
  trap _padplanner_pg_stop EXIT
  echo "postgres: running on 127.0.0.1:${_pg_port} (${_pg_dir})"
fi
