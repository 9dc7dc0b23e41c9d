#!/usr/bin/env bash
# Re-records the build-cache cases in tests/fixtures/cache on Docker 26.1 and 28.5.
#   scripts/record-cache.sh              # every case, on both engines (about 20 minutes)
#   scripts/record-cache.sh CASE...      # only those
#   ENGINES=28 scripts/record-cache.sh   # one engine
# Each case empties the engine's caches, so this uses private engines of its own (state in
# /tmp/stagecraft-cache-26 and -28, never the shared ones other recordings use), and stops the
# ones it started when it is done. Needs shared/oracle (see its README); the tests never do.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
oracle=${STAGECRAFT_ORACLE:-$repo/../shared/oracle}
[ -x "$oracle/start-engine.sh" ] || oracle=/work/shared/oracle
[ -x "$oracle/start-engine.sh" ] || { echo "record-cache: shared/oracle not found (set STAGECRAFT_ORACLE)" >&2; exit 2; }
node=$repo/node_modules/.bin/node
[ -x "$node" ] || { echo "record-cache: run npm install first (the recorder runs on the project's Node)" >&2; exit 2; }

started=()
stop_started() {
  for state in "${started[@]}"; do
    pid=$(cat "$state/pid" 2>/dev/null || true)
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
}
trap stop_started EXIT

pids=()
for engine in ${ENGINES:-26 28}; do
  state=${CACHE_ENGINE_STATE:-/tmp/stagecraft-cache}-$engine
  running=no
  [ -S "$state/docker.sock" ] && [ -n "$(cat "$state/pid" 2>/dev/null || true)" ] && kill -0 "$(cat "$state/pid")" 2>/dev/null && running=yes
  env_line=$(ENGINE=$engine ENGINE_STATE=$state "$oracle/start-engine.sh")
  [ $running = no ] && started+=("$state")
  ( eval "$env_line"; "$node" "$repo/scripts/record-cache/record.ts" "$@" ) &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
