#!/usr/bin/env bash
# Re-records the real-engine goldens in tests/fixtures/builds/, on Docker 26.1 and on 28.5.
#   scripts/record-goldens.sh                   # every case, on both engines
#   scripts/record-goldens.sh CASE...           # only the named cases (directory names)
#   ENGINE=28 scripts/record-goldens.sh CASE... # only one engine (26 or 28)
# For each case directory (Dockerfile + builds.json) it runs the oracle's record.sh once per
# build and writes golden-26.1.json / golden-28.5.json beside the Dockerfile. A build whose
# builds.json entry says {"skip": {"26.1": "why"}} is never sent to that engine (Docker 26.1's
# daemon panics on some files); its golden says why instead. Needs the private Docker engines
# from shared/oracle (see shared/oracle/README.md); the test suite itself never does.
# Environment: ENGINE (26, 28, or unset for both), STAGECRAFT_ORACLE (default: shared/oracle
# beside the repository).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { printf 'record-goldens: %s\n' "$*" >&2; exit 2; }

# Both engines, one after the other, unless ENGINE names one.
case "${ENGINE:-}" in
  "") ENGINE=26 "${BASH_SOURCE[0]}" "$@" && exec env ENGINE=28 "${BASH_SOURCE[0]}" "$@" ;;
  26) engine_root=/opt/stagecraft-engine; state=${ENGINE_STATE:-/tmp/stagecraft-engine}; label=26.1 ;;
  28) engine_root=/opt/stagecraft-engine-28; state=${ENGINE_STATE:-/tmp/stagecraft-engine-28}; label=28.5 ;;
  *) die "ENGINE must be 26 or 28 (or unset for both), not \"$ENGINE\"" ;;
esac
oracle=${STAGECRAFT_ORACLE:-$repo/../shared/oracle}
fixtures=$repo/tests/fixtures/builds

[ -x "$oracle/record.sh" ] && [ -x "$oracle/start-engine.sh" ] \
  || die "oracle scripts not found in $oracle (expected shared/oracle beside the repository; set STAGECRAFT_ORACLE to override). See shared/oracle/README.md."
[ -x "$engine_root/usr/bin/docker" ] && [ -x "$engine_root/usr/sbin/dockerd" ] \
  || die "Docker $label is not installed in $engine_root. Install it once, as root, with shared/oracle/install-engine.sh; see shared/oracle/README.md."
command -v python3 >/dev/null || die "python3 is required"
oracle=$(cd "$oracle" && pwd)

# start-engine.sh picks its defaults from ENGINE_ROOT if set: a value left over from the other
# engine's eval would start the wrong daemon on this engine's socket.
start_engine() { env -u ENGINE_ROOT -u DOCKER_HOST -u DOCKER_CONFIG ENGINE="$ENGINE" ENGINE_STATE="$state" "$oracle/start-engine.sh"; }
env_line=$(start_engine) \
  || die "could not start Docker $label (shared/oracle/start-engine.sh failed; its log is in $state/log). See shared/oracle/README.md."
eval "$env_line"
engine=$("$engine_root/usr/bin/docker" version --format '{{.Server.Version}}' 2>/dev/null) \
  || die "Docker $label did not answer on $DOCKER_HOST. See shared/oracle/README.md."
case "$engine" in "$label".*) ;; *) die "expected Docker $label on $DOCKER_HOST, found $engine" ;; esac

# Some Dockerfiles crash dockerd 26.1 (an ARG-only file panics both builders), which would leave
# every later build talking to a dead daemon. record.sh finds docker under $ENGINE_ROOT, so it
# is pointed at a guard that restarts the engine (start-engine.sh) before each docker call
# when the daemon does not answer, then runs the real docker.
guard=$(mktemp -d); trap 'rm -rf "$guard"' EXIT
mkdir -p "$guard/usr/bin"
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
  env -u ENGINE_ROOT ENGINE="$ENGINE" ENGINE_STATE="$state" "$oracle/start-engine.sh" >/dev/null 2>&1 || true
fi
exec "$engine_root/usr/bin/docker" "\$@"
GUARD
chmod +x "$guard/usr/bin/docker"

ENGINE_ROOT=$guard python3 - "$oracle/record.sh" "$fixtures" "$engine" "$label" "$@" <<'PY'
import json, os, re, subprocess, sys

record, fixtures, engine, label, only = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]

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
    # Docker 27+: the build checks (docker buildx build --call=check), as record.sh reports them.
    check = results.get("buildkit-check")
    if check:
        build["checks"] = {"ok": check["ok"], "warnings": check["warnings"], "error": clean_error(check["error"])}
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
        skip = (b.get("skip") or {}).get(label)
        if skip:
            # Never sent to this engine: the reason stands in for the recording.
            recorded.append({"args": args, "notRecorded": skip})
            print(f"{name} {' '.join(args) or '(default)'}: not recorded on {label} ({skip})", file=sys.stderr)
            continue
        r = record_build(case_dir, args, dockerfile)
        recorded.append(r)
        total += 1
        short = lambda x: ("ok  " if x["ok"] else "ERR ") + ",".join(x["markers"])
        print(f"{name} {' '.join(args) or '(default)'}: buildkit {short(r['buildkit'])} | classic {short(r['classic'])}", file=sys.stderr)
    golden = {"engine": engine, "builds": recorded}
    file = os.path.join(case_dir, f"golden-{label}.json")
    with open(file + ".tmp", "w") as f:
        f.write(json.dumps(golden, indent=2, ensure_ascii=False) + "\n")
    os.replace(file + ".tmp", file)
print(f"record-goldens: recorded {total} builds with engine {engine}", file=sys.stderr)
PY
