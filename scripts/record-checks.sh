#!/usr/bin/env bash
# Re-records the build checks of Docker 27+ in tests/fixtures/checks/.
#   scripts/record-checks.sh                   # every case (tests/support/check-cases.ts lists them)
#   scripts/record-checks.sh --changed         # only new or edited cases
#   scripts/record-checks.sh [--changed] rules builds exercises lessons   # some groups
#   scripts/record-checks.sh --compare FILE... [-- ARGS]   # records nothing: where the analyzer
#                                              # and the engine disagree on these Dockerfiles
# For each case it runs `docker buildx build --call=check,format=json` on the newest engine of
# shared/oracle (Docker 28.5) and writes each check's rule, line and message (what the oracle's
# record.sh prints as its buildkit-check line). Needs the engine (see shared/oracle/README.md);
# the test suite itself never does.
# The engine runs with its own state (ENGINE_STATE, default /tmp/stagecraft-checks-28), not the
# shared one: the checks inside a stage run only once its base image resolves, and no registry
# is reachable, so images the engine does not have are imported under their names here (a
# busybox file system), which must not change what other recordings see. The script stops
# that engine again when it started it.
# Environment: STAGECRAFT_ORACLE (default: shared/oracle beside the repository),
# ENGINE_ROOT (default: /opt/stagecraft-engine-28), ENGINE_STATE.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
oracle=${STAGECRAFT_ORACLE:-$repo/../shared/oracle}
engine_root=${ENGINE_ROOT:-/opt/stagecraft-engine-28}
state=${ENGINE_STATE:-/tmp/stagecraft-checks-28}
node=$repo/node_modules/.bin/node

die() { printf 'record-checks: %s\n' "$*" >&2; exit 2; }

[ -x "$oracle/start-engine.sh" ] \
  || die "oracle scripts not found in $oracle (expected shared/oracle beside the repository; set STAGECRAFT_ORACLE to override). See shared/oracle/README.md."
[ -x "$engine_root/usr/bin/docker" ] && [ -x "$engine_root/usr/sbin/dockerd" ] \
  || die "Docker 28 is not installed in $engine_root. Install it once, as root, with ENGINE=28 shared/oracle/install-engine.sh; see shared/oracle/README.md."
[ -x "$node" ] || die "the project's Node is missing: run npm install first"
oracle=$(cd "$oracle" && pwd)

started=""
[ -S "$state/docker.sock" ] && "$engine_root/usr/bin/docker" -H "unix://$state/docker.sock" info >/dev/null 2>&1 || started=yes
env_line=$(ENGINE=28 ENGINE_ROOT=$engine_root ENGINE_STATE=$state "$oracle/start-engine.sh") \
  || die "could not start the engine (shared/oracle/start-engine.sh failed; its log is in $state/log). See shared/oracle/README.md."
eval "$env_line"
work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
  if [ -n "$started" ] && [ -f "$state/pid" ]; then
    pid=$(cat "$state/pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
}
trap cleanup EXIT
"$engine_root/usr/bin/docker" buildx build --help 2>/dev/null | grep -q -- '--call' \
  || die "this engine's buildx has no build checks (--call=check); use Docker 27 or newer (ENGINE=28)"

# The busybox file system start-engine.sh imported, to import again under other names.
cid=$("$engine_root/usr/bin/docker" create busybox:latest true)
"$engine_root/usr/bin/docker" export "$cid" > "$work/rootfs.tar"
"$engine_root/usr/bin/docker" rm "$cid" >/dev/null

ROOTFS_TAR=$work/rootfs.tar "$node" "$repo/scripts/record-checks.ts" "$@"
