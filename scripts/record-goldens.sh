#!/usr/bin/env bash
# Re-records the real-engine goldens in tests/fixtures/builds/.
#   scripts/record-goldens.sh              # every case
#   scripts/record-goldens.sh CASE...      # only the named cases (directory names)
# For each case directory (Dockerfile + builds.json) it runs the oracle's record.sh once per
# build and writes golden.json beside the Dockerfile. Needs the private Docker engine from
# shared/oracle (see shared/oracle/README.md); the test suite itself never does.
# Environment: STAGECRAFT_ORACLE (default: shared/oracle beside the repository),
# ENGINE_ROOT (default: /opt/stagecraft-engine).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
oracle=${STAGECRAFT_ORACLE:-$repo/../shared/oracle}
engine_root=${ENGINE_ROOT:-/opt/stagecraft-engine}
fixtures=$repo/tests/fixtures/builds

die() { printf 'record-goldens: %s\n' "$*" >&2; exit 2; }

[ -x "$oracle/record.sh" ] && [ -x "$oracle/start-engine.sh" ] \
  || die "oracle scripts not found in $oracle (expected shared/oracle beside the repository; set STAGECRAFT_ORACLE to override). See shared/oracle/README.md."
[ -x "$engine_root/usr/bin/docker" ] && [ -x "$engine_root/usr/sbin/dockerd" ] \
  || die "the Docker engine is not installed in $engine_root. Install it once, as root, with shared/oracle/install-engine.sh; see shared/oracle/README.md."
command -v python3 >/dev/null || die "python3 is required"
oracle=$(cd "$oracle" && pwd)

env_line=$(ENGINE_ROOT=$engine_root "$oracle/start-engine.sh") \
  || die "could not start the engine (shared/oracle/start-engine.sh failed; its log is in \${ENGINE_STATE:-/tmp/stagecraft-engine}/log). See shared/oracle/README.md."
eval "$env_line"
engine=$("$engine_root/usr/bin/docker" version --format '{{.Server.Version}}' 2>/dev/null) \
  || die "the engine did not answer on $DOCKER_HOST. See shared/oracle/README.md."

# Some Dockerfiles crash dockerd 26.1 (an ARG-only file panics both builders), which would leave
# every later build talking to a dead daemon. record.sh finds docker under $ENGINE_ROOT, so it
# is pointed at a guard that restarts the engine (start-engine.sh) before each docker call
# when the daemon does not answer, then runs the real docker.
guard=$(mktemp -d); trap 'rm -rf "$guard"' EXIT
mkdir -p "$guard/usr/bin"
state=${ENGINE_STATE:-/tmp/stagecraft-engine}
cat > "$guard/usr/bin/docker" <<GUARD
#!/bin/sh
if ! "$engine_root/usr/bin/docker" info >/dev/null 2>&1; then
  # wait for the crashed dockerd to be gone; a zombie left unreaped keeps its pid file valid
  pid=\$(cat "$state/pid" 2>/dev/null || true)
  for i in \$(seq 40); do
    [ -n "\$pid" ] && kill -0 "\$pid" 2>/dev/null || break
    case \$(ps -o stat= -p "\$pid" 2>/dev/null) in Z*) rm -f "$state/pid"; break;; esac
    sleep 0.5
  done
  ENGINE_ROOT="$engine_root" "$oracle/start-engine.sh" >/dev/null 2>&1 || true
fi
exec "$engine_root/usr/bin/docker" "\$@"
GUARD
chmod +x "$guard/usr/bin/docker"

ENGINE_ROOT=$guard python3 - "$oracle/record.sh" "$fixtures" "$engine" "$@" <<'PY'
import json, os, re, subprocess, sys

record, fixtures, engine, only = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]

def cases():
    if not only:
        return [n for n in sorted(os.listdir(fixtures)) if os.path.isfile(os.path.join(fixtures, n, "Dockerfile"))]
    names = [os.path.basename(os.path.normpath(n)) for n in only]
    for name in names:
        for f in ("Dockerfile", "builds.json"):
            if not os.path.isfile(os.path.join(fixtures, name, f)):
                sys.exit(f"record-goldens: no case {name!r} in {fixtures} (needs {f})")
    return names

def clean_error(err):
    """record.sh keeps the last two log lines; drop the parts that are progress noise or
    depend on the machine, keep the engine's message word for word."""
    err = re.sub(r"\x1b\[[0-9;]*m", "", err)                  # colour codes (classic RUN output)
    err = re.sub(r"^.*?(?=ERROR: )", "", err, count=1)         # BuildKit: '#1 DONE 0.0s' / '-----' before ERROR:
    err = re.sub(r"^environment-variable\.\s*", "", err)       # tail of the legacy builder's deprecation notice
    err = re.sub(r"(lookup \S+) on [^ ]+?:53: ", r"\1 on <resolver>: ", err)  # this machine's DNS server
    return re.sub(r"\s+", " ", err).strip()

def marker_key(text):
    """BuildKit runs independent stages in parallel, so the order in which its markers appear
    varies from run to run: list them in the order their RUN steps appear in the Dockerfile.
    A marker printed with a variable expanded (STAGE-x$V shown as STAGE-xslim) is placed
    by the longest prefix that is written literally."""
    def key(m):
        for k in range(len(m), 0, -1):
            hit = re.search(r"STAGE-" + re.escape(m[:k]) + r"(?![A-Za-z0-9_.-])", text)
            if hit:
                return (hit.start(), m)
        return (len(text), m)
    return key

def record_build(case_dir, args, dockerfile):
    out = subprocess.run([record, case_dir, *args], capture_output=True, text=True, check=False)
    results = {}
    for line in out.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            r = json.loads(line)
            results[r["builder"]] = r
    missing = {"buildkit", "classic"} - results.keys()
    if missing:
        sys.exit(f"record-goldens: record.sh gave no result for {sorted(missing)} in {case_dir} {args}:\n{out.stdout}{out.stderr}")
    build = {"args": args}
    for b in ("buildkit", "classic"):
        r = results[b]
        if "Cannot connect to the Docker daemon" in r["error"]:
            sys.exit(f"record-goldens: the engine was down while recording {case_dir} {args} ({b}); nothing written for this case")
        markers = r["markers"]
        if b == "buildkit":
            markers = sorted(markers, key=marker_key(dockerfile))
        build[b] = {"ok": r["ok"], "markers": markers, "error": clean_error(r["error"])}
    return build

total = 0
for name in cases():
    case_dir = os.path.join(fixtures, name)
    with open(os.path.join(case_dir, "builds.json")) as f:
        builds = json.load(f)
    with open(os.path.join(case_dir, "Dockerfile")) as f:
        dockerfile = f.read()
    recorded = []
    for b in builds:
        args = [str(a) for a in b["args"]]
        r = record_build(case_dir, args, dockerfile)
        recorded.append(r)
        total += 1
        short = lambda x: ("ok  " if x["ok"] else "ERR ") + ",".join(x["markers"])
        print(f"{name} {' '.join(args) or '(default)'}: buildkit {short(r['buildkit'])} | classic {short(r['classic'])}", file=sys.stderr)
    golden = {"engine": engine, "builds": recorded}
    tmp = os.path.join(case_dir, "golden.json.tmp")
    with open(tmp, "w") as f:
        f.write(json.dumps(golden, indent=2, ensure_ascii=False) + "\n")
    os.replace(tmp, os.path.join(case_dir, "golden.json"))
print(f"record-goldens: recorded {total} builds with engine {engine}", file=sys.stderr)
PY
