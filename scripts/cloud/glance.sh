#!/usr/bin/env bash
# glance.sh stop|start one|two|legacy — stop or start one Glance of the local cloud, e.g. for the
# e2e test that shows what a user reads while RegionTwo's Image service is down.
# `start` returns once that Glance answers again. Run as root, after `npm run cloud:up`.
set -euo pipefail
# shellcheck source=scripts/cloud/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

action="${1:-}"
g="${2:-}"
[[ "$action" =~ ^(stop|start)$ && -n "$g" && -n "${GLANCE_PORT[$g]:-}" ]] ||
  die "usage: glance.sh stop|start one|two|legacy"
require_root
[[ -f "$ETC/glance-$g/glance-api.conf" ]] || die "no cloud in $CLOUD: run npm run cloud:up first"
take_lock

port="${GLANCE_PORT[$g]}"
case "$action" in
stop)
  stop_pidfile "glance-$g" glance-api
  ;;
start)
  if ! pid_alive "glance-$g" glance-api; then
    [[ "$(http_code "http://127.0.0.1:$port/")" == 000 ]] ||
      die "port $port is in use by another process (not ours: no live $RUN/glance-$g.pid)"
    launch_glance "$g"
  fi
  wait_http "glance-$g" "http://127.0.0.1:$port/" '300|200' 90 "$LOGS/glance-$g.log" "glance-$g" glance-api
  log "glance-$g answers on 127.0.0.1:$port"
  ;;
esac
