#!/usr/bin/env bash
# cloud:reset — back to a clean, freshly seeded cloud without reinstalling anything.
# Stops glance x3 and keystone, drops and recreates the keystone, glance and glance2
# databases, wipes the image/staging/task stores, then runs up.sh (db_sync, bootstrap,
# seed). PostgreSQL's data dir, fernet keys and configs are kept.
# If PostgreSQL itself is broken, falls back to deleting $CLOUD entirely.
set -euo pipefail
T0_NS=$(date +%s%N)
# shellcheck source=scripts/cloud/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root
take_lock

stop_glances
stop_keystone
rm -f "$CLOUD/cloud.json" "$CLOUD/ids.json"

clean=false
if [[ -f "$PG_DATA/PG_VERSION" ]]; then
  if ! pg_running; then
    mkdir -p "$PG_SOCK" && chown postgres:postgres "$PG_SOCK"
    setsid runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$LOGS/postgres.log" -w -t 60 \
      -o "-k $PG_SOCK -h 127.0.0.1 -p $PG_PORT -c max_connections=200 -c fsync=off -c synchronous_commit=off" \
      start </dev/null >/dev/null 2>&1 9>&- || true
  fi
  if pg_running; then
    clean=true
    for db in keystone glance glance2; do
      log "recreating database $db"
      psql_q postgres "drop database if exists $db with (force)" && psql_q postgres "create database $db" ||
        { clean=false; break; }
    done
  fi
fi

if [[ $clean == true ]]; then
  rm -rf "$CLOUD/glance"
else
  warn "PostgreSQL unusable: deleting $CLOUD entirely"
  stop_postgres || true
  rm -rf "$CLOUD"
fi

bash "$CLOUD_SCRIPTS/up.sh"
elapsed=$((($(date +%s%N) - T0_NS) / 1000000))
printf 'cloud:reset done in %d.%01ds\n' $((elapsed / 1000)) $(((elapsed % 1000) / 100))
