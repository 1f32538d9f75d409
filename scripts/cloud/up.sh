#!/usr/bin/env bash
# cloud:up — a real OpenStack Keystone + Glance (Debian bookworm packages, Zed)
# on loopback, for contract/e2e tests of the image-sharing panel.
#
# Idempotent: installs missing packages, initialises what is missing, starts
# what is not running, (re)seeds Keystone through its REST API, waits until
# everything answers, then writes $CLOUD/cloud.json. Run as root.
#
# Services (all on 127.0.0.1):
#   5433  PostgreSQL 15 (own initdb, runs as OS user `postgres`, socket in $CLOUD/pg/run)
#         databases: keystone, glance (RegionOne + legacy), glance2 (RegionTwo)
#   5000  Keystone v3 (uwsgi, 2 processes)       catalog: identity http://127.0.0.1:5000/v3/ (RegionOne)
#   9292  glance-api RegionOne  new RBAC defaults  catalog: image http://127.0.0.1:9292 (RegionOne)
#   9293  glance-api RegionTwo  new RBAC defaults  catalog: image http://127.0.0.1:9293 (RegionTwo)
#   9294  glance-api LEGACY policy, same DB/store as RegionOne, NOT in the catalog
#   All glances: image_member_quota = 8, workers = 1, file store.
#   5099  test identity provider (scripts/cloud/test-idp.mjs, TEST ONLY): a login page in front of
#         Keystone's WebSSO paths that sends the identity headers the `mapped` method trusts
#
# Keystone's sign-in methods: password, token, totp (with MFA rules and 30 s auth receipts),
# application_credential, mapped (WebSSO; trusted dashboards http://{127.0.0.1,localhost}:4180/session/websso).
#
# Layout of $CLOUD (default /var/lib/image-sharing-panel/cloud, ISP_CLOUD_DIR overrides; outside
# the repository because it holds Keystone's fernet keys: see lib.sh):
#   cloud.json             URLs + credentials for tests (written when ready)
#   etc/keystone/          keystone.conf, policy.yaml
#   etc/glance-{one,two,legacy}/glance-api.conf, policy.yaml
#   keystone/              fernet-keys/, credential-keys/
#   glance/                images-one/, images-two/ (stores), staging-*/, tasks-*/, lock-*/, cache-*/
#   pg/data, pg/run        PostgreSQL data dir and socket dir
#   run/*.pid              keystone.pid, glance-{one,two,legacy}.pid, test-idp.pid (process-group leaders)
#   logs/*.log             postgres, keystone(-uwsgi,-manage), glance-*(-manage), test-idp, seed
#   secrets/               glance service user password
#
# CORS: the oslo CORS filter reads the services' default config files, so
# [cors] allowed_origin is also set in /etc/keystone/keystone.conf and
# /etc/glance/glance-api.conf (only that key is touched).
#
# Env: CLOUD_TOKEN_EXPIRATION=<seconds> sets Keystone's token lifetime (default 3600;
# a change restarts Keystone). Scripts take $CLOUD/.lock, so concurrent calls queue.
#
# See also: down.sh (stop everything), reset.sh (clean databases + stores, reseed).
set -euo pipefail
T0_NS=$(date +%s%N)
# shellcheck source=scripts/cloud/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CORS_ORIGINS="http://localhost:5173,http://127.0.0.1:5173,http://127.0.0.1:4180,http://localhost:4180"
ADMIN_PASSWORD="admin-demo"
# WebSSO hands its token only to these origins: the panel's receiver behind panel.sh's nginx.
TRUSTED_DASHBOARDS=(http://127.0.0.1:4180/session/websso http://localhost:4180/session/websso)
# [receipt] expiration: seconds a user has between MFA's first and second step.
RECEIPT_EXPIRATION=30
PACKAGES=(keystone glance-api python3-glance postgresql python3-psycopg2)

require_root
take_lock
if [[ -d "$REPO_ROOT/.cloud" && "$REPO_ROOT/.cloud" != "$CLOUD" ]]; then
  warn "$REPO_ROOT/.cloud is state of an older cloud:up (with Keystone's keys) inside the repository:"
  warn "stop it with ISP_CLOUD_DIR=$REPO_ROOT/.cloud npm run cloud:down, then move it to $CLOUD or delete it"
fi

# ---------------------------------------------------------------- packages
ensure_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  # keystone is served by uwsgi; its python3 plugin normally comes with the packages above.
  if ! command -v uwsgi >/dev/null || [[ ! -e /usr/lib/uwsgi/plugins/python3_plugin.so ]]; then
    missing+=(uwsgi-core uwsgi-plugin-python3)
  fi
  # nginx fronts the panel's serve instances in the e2e suite (scripts/cloud/panel.sh); any
  # flavour will do (bookworm's nginx-light is a transitional name for nginx).
  command -v nginx >/dev/null || missing+=(nginx)
  ((${#missing[@]} == 0)) && return 0
  log "installing: ${missing[*]} (a few minutes on a fresh machine)"
  mkdir -p "$LOGS"
  apt-get update >>"$LOGS/apt.log" 2>&1 || die_log "apt-get update failed" "$LOGS/apt.log"
  apt-get install -y --no-install-recommends "${missing[@]}" >>"$LOGS/apt.log" 2>&1 ||
    die_log "apt-get install failed" "$LOGS/apt.log"
  log "packages installed"
}
ensure_packages

for cmd in keystone-manage glance-manage glance-api uwsgi nginx node; do
  command -v "$cmd" >/dev/null || die "$cmd not found after installing packages"
done
GLANCE_PASTE=/etc/glance/glance-api-paste.ini
[[ -f "$GLANCE_PASTE" ]] || die "$GLANCE_PASTE missing (package glance-api/glance-common broken?)"
SSO_TEMPLATE=/etc/keystone/sso_callback_template.html
[[ -f "$SSO_TEMPLATE" ]] || die "$SSO_TEMPLATE missing (package keystone broken?): WebSSO answers with it"

# ---------------------------------------------------------------- layout
mkdir -p "$ETC/keystone" "$RUN" "$LOGS" "$SECRETS" "$CLOUD/keystone" "$CLOUD/glance" "$CLOUD/pg"
chmod 700 "$SECRETS"
if [[ ! -s "$SECRETS/glance-password" ]]; then
  (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$SECRETS/glance-password")
fi
GLANCE_PASSWORD="$(cat "$SECRETS/glance-password")"

# write_if_changed FILE  (content on stdin) -> status 0 if the file changed
write_if_changed() {
  local tmp
  tmp="$(mktemp "$1.XXXX")"
  cat >"$tmp"
  if [[ -f "$1" ]] && cmp -s "$tmp" "$1"; then
    rm -f "$tmp"
    return 1
  fi
  mv "$tmp" "$1"
  return 0
}

# ---------------------------------------------------------------- CORS in /etc
for f in /etc/keystone/keystone.conf /etc/glance/glance-api.conf; do
  if [[ -f "$f" ]]; then
    r="$(node "$CLOUD_SCRIPTS/ini-set.mjs" "$f" cors allowed_origin "$CORS_ORIGINS")" ||
      die "could not set [cors] allowed_origin in $f"
    [[ "$r" == changed ]] && log "set [cors] allowed_origin in $f"
  else
    warn "$f not found: CORS for browsers talking to the services directly will not work"
  fi
done

# ---------------------------------------------------------------- postgres
start_postgres() {
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    log "initdb $PG_DATA"
    rm -rf "$PG_DATA"
    mkdir -p "$PG_DATA"
    chown postgres:postgres "$PG_DATA"
    chmod 700 "$PG_DATA"
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
      >>"$LOGS/postgres-initdb.log" 2>&1 || die_log "initdb failed" "$LOGS/postgres-initdb.log"
  fi
  mkdir -p "$PG_SOCK"
  chown postgres:postgres "$PG_SOCK" "$CLOUD/pg"
  touch "$LOGS/postgres.log"
  chown postgres:postgres "$LOGS/postgres.log"
  if pg_running; then
    return 0
  fi
  log "starting postgres on 127.0.0.1:$PG_PORT"
  # setsid: postgres must outlive this script's session
  setsid runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$LOGS/postgres.log" -w -t 60 \
    -o "-k $PG_SOCK -h 127.0.0.1 -p $PG_PORT -c max_connections=200 -c fsync=off -c synchronous_commit=off" \
    start </dev/null >/dev/null 2>&1 9>&- || die_log "postgres did not start" "$LOGS/postgres.log"
}
start_postgres
for db in keystone glance glance2; do
  if ! db_exists "$db"; then
    log "creating database $db"
    psql_q postgres "create database $db" || die "could not create database $db"
  fi
done

# ---------------------------------------------------------------- keystone
KS_CONF="$ETC/keystone/keystone.conf"
KS_RESTART=false
echo '{}' | write_if_changed "$ETC/keystone/policy.yaml" || true
if write_if_changed "$KS_CONF" <<EOF; then KS_RESTART=true; fi
# generated by scripts/cloud/up.sh — edits are overwritten
[DEFAULT]
log_dir = $LOGS
log_file = keystone.log
debug = false

[database]
connection = $PG_URL_BASE/keystone

[token]
provider = fernet
expiration = ${CLOUD_TOKEN_EXPIRATION:-3600}

[fernet_tokens]
key_repository = $CLOUD/keystone/fernet-keys

# The sign-in methods of issue 24. totp is not on by default; application_credential and mapped are.
[auth]
methods = password,token,totp,application_credential,mapped

# MFA auth receipts are Fernet too; sharing the token keys means the keys fernet_setup made serve
# both (Keystone refuses to start its receipt provider on an empty key repository).
[fernet_receipts]
key_repository = $CLOUD/keystone/fernet-keys

# Short (default 300 s): a test can see a receipt expire; tests that need one alive do their
# second step at once.
[receipt]
expiration = $RECEIPT_EXPIRATION

# The default, written down: the code of the previous 30 s window is still accepted.
[totp]
included_previous_windows = 1

# WebSSO answers only to these origins (exact match, hostname lower-cased): the panel's receiver
# behind scripts/cloud/panel.sh's nginx, by both names a browser may use.
[federation]
$(printf 'trusted_dashboard = %s\n' "${TRUSTED_DASHBOARDS[@]}")
sso_callback_template = $SSO_TEMPLATE

[credential]
key_repository = $CLOUD/keystone/credential-keys

[oslo_policy]
policy_file = $ETC/keystone/policy.yaml

[cors]
allowed_origin = $CORS_ORIGINS
EOF

ks_manage() {
  keystone-manage --config-file "$KS_CONF" "$@" >>"$LOGS/keystone-manage.log" 2>&1 ||
    die_log "keystone-manage $1 failed" "$LOGS/keystone-manage.log"
}

setup_keystone() {
  mkdir -p "$CLOUD/keystone/fernet-keys" "$CLOUD/keystone/credential-keys"
  chmod 700 "$CLOUD/keystone" "$CLOUD/keystone/fernet-keys" "$CLOUD/keystone/credential-keys"
  [[ -f "$CLOUD/keystone/fernet-keys/0" ]] || ks_manage fernet_setup --keystone-user root --keystone-group root
  [[ -f "$CLOUD/keystone/credential-keys/0" ]] || ks_manage credential_setup --keystone-user root --keystone-group root
  if ! db_has_tables keystone; then
    log "keystone db_sync"
    ks_manage db_sync
  fi
  if [[ "$(psql_q keystone "select 1 from local_user where name='admin' limit 1")" != 1 ]]; then
    log "keystone bootstrap"
    ks_manage bootstrap --bootstrap-password "$ADMIN_PASSWORD" \
      --bootstrap-username admin --bootstrap-project-name admin \
      --bootstrap-role-name admin --bootstrap-service-name keystone \
      --bootstrap-region-id RegionOne \
      --bootstrap-admin-url "http://127.0.0.1:$KEYSTONE_PORT/v3/" \
      --bootstrap-internal-url "http://127.0.0.1:$KEYSTONE_PORT/v3/" \
      --bootstrap-public-url "http://127.0.0.1:$KEYSTONE_PORT/v3/"
  fi
}

start_keystone() {
  if pid_alive keystone uwsgi; then
    if [[ $KS_RESTART == true ]]; then
      log "keystone.conf changed: restarting keystone"
      stop_keystone
    else
      return 0
    fi
  fi
  if [[ "$(http_code "http://127.0.0.1:$KEYSTONE_PORT/v3")" != 000 ]]; then
    die "port $KEYSTONE_PORT is in use by another process (not ours: no live $RUN/keystone.pid)"
  fi
  log "starting keystone on 127.0.0.1:$KEYSTONE_PORT"
  # --http-socket closes each connection after its response without saying so; clients that keep
  # connections alive (the proxy's fetch) then reuse a closed one and answer 502. "Connection:
  # close" tells them. (--http11-socket instead lets idle keep-alive clients hold both workers.)
  start_detached keystone "$LOGS/keystone-uwsgi.log" \
    uwsgi --plugin python3 --http-socket "127.0.0.1:$KEYSTONE_PORT" \
    --wsgi-file /usr/bin/keystone-wsgi-public --processes 2 --master --die-on-term \
    --need-app --lazy-apps --buffer-size 65535 --add-header "Connection: close" \
    --env OS_KEYSTONE_CONFIG_DIR="$ETC/keystone" --env OS_KEYSTONE_CONFIG_FILES=keystone.conf
}

# ---------------------------------------------------------------- glance
declare -A GL_RESTART=()
write_glance_conf() {
  local g="$1" dir="$ETC/glance-$1"
  mkdir -p "$dir" "$CLOUD/glance/images-${GLANCE_STORE[$g]}" "$CLOUD/glance/staging-$g" \
    "$CLOUD/glance/tasks-$g" "$CLOUD/glance/lock-$g" "$CLOUD/glance/cache-$g"
  echo '{}' | write_if_changed "$dir/policy.yaml" || true
  GL_RESTART[$g]=false
  if write_if_changed "$dir/glance-api.conf" <<EOF; then GL_RESTART[$g]=true; fi
# generated by scripts/cloud/up.sh — edits are overwritten
# instance: $g ($( [[ ${GLANCE_NEW_RBAC[$g]} == true ]] && echo "new RBAC defaults" || echo "LEGACY policy" ))
[DEFAULT]
bind_host = 127.0.0.1
bind_port = ${GLANCE_PORT[$g]}
workers = 1
log_file = $LOGS/glance-$g.log
debug = false
enabled_backends = fs:file
image_member_quota = 8
enforce_secure_rbac = ${GLANCE_NEW_RBAC[$g]}
image_cache_dir = $CLOUD/glance/cache-$g

[database]
connection = $PG_URL_BASE/${GLANCE_DB[$g]}

[glance_store]
default_backend = fs

[fs]
filesystem_store_datadir = $CLOUD/glance/images-${GLANCE_STORE[$g]}/

[os_glance_staging_store]
filesystem_store_datadir = $CLOUD/glance/staging-$g/

[os_glance_tasks_store]
filesystem_store_datadir = $CLOUD/glance/tasks-$g/

[keystone_authtoken]
www_authenticate_uri = http://127.0.0.1:$KEYSTONE_PORT
auth_url = http://127.0.0.1:$KEYSTONE_PORT
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = glance
password = $GLANCE_PASSWORD

[paste_deploy]
flavor = keystone
config_file = $GLANCE_PASTE

[oslo_policy]
enforce_new_defaults = ${GLANCE_NEW_RBAC[$g]}
policy_file = $dir/policy.yaml

[oslo_concurrency]
lock_path = $CLOUD/glance/lock-$g

[cors]
allowed_origin = $CORS_ORIGINS
EOF
}

glance_db_sync() { # DB via instance name
  local g="$1"
  if ! db_has_tables "${GLANCE_DB[$g]}"; then
    log "glance db_sync (${GLANCE_DB[$g]})"
    glance-manage --config-file "$ETC/glance-$g/glance-api.conf" db_sync \
      >>"$LOGS/glance-manage.log" 2>&1 || die_log "glance-manage db_sync ${GLANCE_DB[$g]} failed" "$LOGS/glance-manage.log"
  fi
}

start_glance() {
  local g="$1" port="${GLANCE_PORT[$1]}"
  if pid_alive "glance-$g" glance-api; then
    if [[ ${GL_RESTART[$g]} == true ]]; then
      log "glance-$g config changed: restarting"
      stop_pidfile "glance-$g" glance-api
    else
      return 0
    fi
  fi
  if [[ "$(http_code "http://127.0.0.1:$port/")" != 000 ]]; then
    die "port $port is in use by another process (not ours: no live $RUN/glance-$g.pid)"
  fi
  launch_glance "$g"
}

for g in "${GLANCE_NAMES[@]}"; do write_glance_conf "$g"; done

# Keystone setup and glance db_syncs are independent: run them side by side.
pids=()
setup_keystone &
pids+=($!)
glance_db_sync one &
pids+=($!)
glance_db_sync two &
pids+=($!)
for p in "${pids[@]}"; do wait "$p" || exit 1; done

start_keystone
for g in "${GLANCE_NAMES[@]}"; do start_glance "$g"; done

# ---------------------------------------------------------------- wait + seed
wait_http keystone "http://127.0.0.1:$KEYSTONE_PORT/v3" 200 90 "$LOGS/keystone-uwsgi.log" keystone uwsgi

# ---------------------------------------------------------------- test identity provider
# TEST ONLY (test-idp.mjs says why): the login page WebSSO tests go through. Restarted when its
# script changes, as Keystone is when its config does.
start_test_idp() {
  local sum
  sum="$(sha256sum "$CLOUD_SCRIPTS/test-idp.mjs" | cut -d' ' -f1)"
  if pid_alive test-idp test-idp.mjs; then
    [[ "$(cat "$RUN/test-idp.sum" 2>/dev/null)" == "$sum" ]] && return 0
    log "test-idp.mjs changed: restarting the test identity provider"
    stop_test_idp
  fi
  if [[ "$(http_code "http://127.0.0.1:$TEST_IDP_PORT/")" != 000 ]]; then
    die "port $TEST_IDP_PORT is in use by another process (not ours: no live $RUN/test-idp.pid)"
  fi
  log "starting the test identity provider on 127.0.0.1:$TEST_IDP_PORT"
  start_detached test-idp "$LOGS/test-idp.log" \
    node "$CLOUD_SCRIPTS/test-idp.mjs" --keystone "http://127.0.0.1:$KEYSTONE_PORT" \
    --port "$TEST_IDP_PORT" --host 127.0.0.1
  echo "$sum" >"$RUN/test-idp.sum"
}
start_test_idp

export CLOUD_DIR="$CLOUD" KEYSTONE_URL="http://127.0.0.1:$KEYSTONE_PORT/v3" ADMIN_PASSWORD GLANCE_PASSWORD
export GLANCE_ONE_URL="http://127.0.0.1:$GLANCE_ONE_PORT" GLANCE_TWO_URL="http://127.0.0.1:$GLANCE_TWO_PORT"
export GLANCE_LEGACY_URL="http://127.0.0.1:$GLANCE_LEGACY_PORT"
export TEST_IDP_URL="http://127.0.0.1:$TEST_IDP_PORT" RECEIPT_EXPIRATION
TRUSTED_DASHBOARDS_JSON="$(printf '%s\n' "${TRUSTED_DASHBOARDS[@]}" | node -e \
  'process.stdout.write(JSON.stringify(require("fs").readFileSync(0, "utf8").trim().split("\n")))')"
export TRUSTED_DASHBOARDS_JSON
node "$CLOUD_SCRIPTS/seed.mjs" seed 2> >(tee -a "$LOGS/seed.log" >&2) || die_log "seeding Keystone failed" "$LOGS/seed.log"

wait_http test-idp "http://127.0.0.1:$TEST_IDP_PORT/v3/auth/OS-FEDERATION/websso/mapped" 200 20 \
  "$LOGS/test-idp.log" test-idp test-idp.mjs
for g in "${GLANCE_NAMES[@]}"; do
  wait_http "glance-$g" "http://127.0.0.1:${GLANCE_PORT[$g]}/" '300|200' 90 "$LOGS/glance-$g.log" "glance-$g" glance-api
done

node "$CLOUD_SCRIPTS/seed.mjs" verify 2> >(tee -a "$LOGS/seed.log" >&2) || die_log "verification failed" "$LOGS/seed.log"

elapsed=$((($(date +%s%N) - T0_NS) / 1000000))
printf 'cloud:up ready in %d.%01ds\n' $((elapsed / 1000)) $(((elapsed % 1000) / 100))
