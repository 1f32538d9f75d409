#!/usr/bin/env bash
# cloud:down — stop the loopback cloud started by up.sh (glance x3, keystone, test IdP, postgres).
# Uses the pid files in $CLOUD/run (see lib.sh) and postgres' own postmaster.pid; tolerant of
# services that are already stopped. State in $CLOUD is kept (cloud:up restarts it).
set -euo pipefail
# shellcheck source=scripts/cloud/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root

if [[ ! -d "$CLOUD" ]]; then
  log "nothing to stop ($CLOUD does not exist)"
  exit 0
fi
take_lock
stop_glances
stop_test_idp
stop_keystone
stop_postgres
rm -f "$CLOUD/cloud.json"
log "cloud stopped"
