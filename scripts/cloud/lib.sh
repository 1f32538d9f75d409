# Shared settings and helpers for scripts/cloud/*.sh (sourced, not run).
# shellcheck shell=bash

CLOUD_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$CLOUD_SCRIPTS/../.." && pwd)"
# The cloud's state (Keystone's fernet keys, service passwords, databases) lives outside the
# repository, so no dev server or build can ever serve or package it. ISP_CLOUD_DIR moves it;
# scripts/cloud/state.ts applies the same rule for the TypeScript side (resolved from the cwd).
CLOUD_DEFAULT_DIR=/var/lib/image-sharing-panel/cloud
CLOUD="$(realpath -m -- "${ISP_CLOUD_DIR:-$CLOUD_DEFAULT_DIR}")"

PG_BIN="/usr/lib/postgresql/15/bin"
PG_DATA="$CLOUD/pg/data"
PG_SOCK="$CLOUD/pg/run"
PG_PORT=5433
PG_URL_BASE="postgresql+psycopg2://postgres@127.0.0.1:$PG_PORT"

ETC="$CLOUD/etc"
RUN="$CLOUD/run"
LOGS="$CLOUD/logs"
SECRETS="$CLOUD/secrets"

KEYSTONE_PORT=5000
GLANCE_ONE_PORT=9292
GLANCE_TWO_PORT=9293
GLANCE_LEGACY_PORT=9294
# scripts/cloud/test-idp.mjs: the test-only identity provider in front of Keystone's WebSSO paths.
TEST_IDP_PORT=5099

# Glance instances: name -> port, database, image store.
# "legacy" shares RegionOne's database and store (same images, legacy policy).
GLANCE_NAMES=(one two legacy)
declare -A GLANCE_PORT=([one]=$GLANCE_ONE_PORT [two]=$GLANCE_TWO_PORT [legacy]=$GLANCE_LEGACY_PORT)
declare -A GLANCE_DB=([one]=glance [two]=glance2 [legacy]=glance)
declare -A GLANCE_STORE=([one]=one [two]=two [legacy]=one)
declare -A GLANCE_NEW_RBAC=([one]=true [two]=true [legacy]=false)

export DEBIAN_FRONTEND=noninteractive
# Debian's interpreter must be the one the services use (pyenv's python3 may be
# first on PATH); the services' own scripts name /usr/bin/python3 themselves.
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

log() { printf '\033[36m[cloud]\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[33m[cloud] %s\033[0m\n' "$*" >&2; }
die() {
  printf '\033[31m[cloud] ERROR: %s\033[0m\n' "$*" >&2
  exit 1
}

# die with the tail of a log file
die_log() {
  local msg="$1" file="$2"
  if [[ -f "$file" ]]; then
    printf '\033[31m[cloud] --- last lines of %s ---\033[0m\n' "$file" >&2
    tail -n 40 "$file" >&2 || true
  fi
  die "$msg (read $file)"
}

require_root() {
  [[ $(id -u) -eq 0 ]] || die "must run as root (needs apt-get and runuser postgres)"
}

# One cloud script at a time (e.g. two test runs calling cloud:up together).
# fd 9 holds the lock; it is closed for every service started (see 9>&- below),
# otherwise a detached service would keep the lock forever. Nested calls
# (reset.sh -> up.sh) inherit CLOUD_LOCK_HELD.
take_lock() {
  [[ -n "${CLOUD_LOCK_HELD:-}" ]] && return 0
  mkdir -p "$CLOUD"
  exec 9>"$CLOUD/.lock"
  if ! flock -n 9; then
    log "another cloud script is running; waiting for it"
    flock -w 600 9 || die "timed out waiting for $CLOUD/.lock"
  fi
  export CLOUD_LOCK_HELD=1
}

# pg helpers -------------------------------------------------------------
as_postgres() { runuser -u postgres -- "$@"; }

pg_running() {
  [[ -f "$PG_DATA/PG_VERSION" ]] && as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

psql_q() { # psql_q DB SQL  -> unaligned tuples
  as_postgres psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d "$1" -tAc "$2"
}

db_exists() { [[ "$(psql_q postgres "select 1 from pg_database where datname='$1'")" == 1 ]]; }

db_has_tables() {
  local n
  n="$(psql_q "$1" "select count(*) from information_schema.tables where table_schema='public'")"
  [[ "${n:-0}" -gt 0 ]]
}

# process helpers -----------------------------------------------------------
# pid_alive NAME PATTERN: pid file $RUN/NAME.pid names a live process whose
# command line contains PATTERN (guards against pid reuse).
pid_alive() {
  local f="$RUN/$1.pid" pid
  [[ -f "$f" ]] || return 1
  pid="$(cat "$f" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2"
}

# start_detached NAME LOGFILE CMD... : new session, outlives the caller,
# pid (= process group id) written to $RUN/NAME.pid.
start_detached() {
  local name="$1" logfile="$2"
  shift 2
  mkdir -p "$RUN" "$LOGS"
  rm -f "$RUN/$name.pid"
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$RUN/$name.pid" "$@" \
    </dev/null >>"$logfile" 2>&1 9>&- &
  disown || true
  local i
  for i in $(seq 1 50); do
    [[ -s "$RUN/$name.pid" ]] && return 0
    sleep 0.05
  done
  die_log "$name did not start" "$logfile"
}

# stop_pidfile NAME PATTERN: TERM the process group, wait, then KILL.
stop_pidfile() {
  local name="$1" pattern="$2" f="$RUN/$1.pid" pid i
  if ! pid_alive "$name" "$pattern"; then
    rm -f "$f"
    return 0
  fi
  pid="$(cat "$f")"
  log "stopping $name (pid $pid)"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name did not stop in 10 s, killing"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

# http_code URL [curl args...]
http_code() {
  local url="$1"
  shift
  curl -s -o /dev/null -m 5 -w '%{http_code}' "$@" "$url" 2>/dev/null || true
}

# wait_http NAME URL CODES(regex) TIMEOUT LOGFILE [PIDNAME PATTERN]
wait_http() {
  local name="$1" url="$2" codes="$3" timeout="$4" logfile="$5" pidname="${6:-}" pattern="${7:-}"
  local deadline=$((SECONDS + timeout)) code
  while :; do
    code="$(http_code "$url")"
    [[ "$code" =~ ^($codes)$ ]] && return 0
    if [[ -n "$pidname" ]] && ! pid_alive "$pidname" "$pattern"; then
      die_log "$name exited while starting" "$logfile"
    fi
    ((SECONDS < deadline)) || die_log "$name did not answer $url within ${timeout}s (last HTTP code: ${code:-none})" "$logfile"
    sleep 0.25
  done
}

# launch_glance NAME: start one glance-api from the config up.sh wrote (no checks, no wait).
launch_glance() {
  log "starting glance-$1 on 127.0.0.1:${GLANCE_PORT[$1]}"
  start_detached "glance-$1" "$LOGS/glance-$1.stdout.log" \
    glance-api --config-file "$ETC/glance-$1/glance-api.conf"
}

stop_glances() {
  local g
  for g in "${GLANCE_NAMES[@]}"; do stop_pidfile "glance-$g" glance-api & done
  wait
}

stop_keystone() { stop_pidfile keystone uwsgi; }

stop_test_idp() {
  stop_pidfile test-idp test-idp.mjs
  rm -f "$RUN/test-idp.sum"
}

stop_postgres() {
  if pg_running; then
    log "stopping postgres"
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null ||
      die_log "postgres did not stop" "$LOGS/postgres.log"
  fi
}
