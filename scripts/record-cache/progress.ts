// Reading which steps of a `docker build` came from the cache, from the build's own log:
//   BuildKit (--progress=plain)   `#12 [build 4/6] RUN npm ci` … `#12 CACHED`
//   classic (DOCKER_BUILDKIT=0)   `Step 5/12 : RUN npm ci` followed by ` ---> Using cache`
// Pure text in, steps out, so the recorder (record.ts, started by scripts/record-cache.sh) and its test share it.

/** A BuildKit step: the vertex `[<stage> <step>/<of>] <text>` (stage null in a one-stage file). */
export interface BuildKitStep {
  stage: string | null;
  step: number;
  of: number;
  text: string;
  cached: boolean;
}

/** A classic builder step: `Step <step>/<of> : <text>`, counted over the whole file. */
export interface ClassicStep {
  step: number;
  of: number;
  text: string;
  cached: boolean;
}

// `[build 4/6]`, `[stage-1  2/12]` (BuildKit pads the step number to the width of the total),
// `[ 3/12]` in a one-stage file, `[linux/arm64 build 2/3]` when the platform is shown.
const VERTEX = /^#(\d+) \[(?:(?<platform>[a-z0-9]+\/[a-z0-9]+(?:\/[a-z0-9]+)?) )?(?:(?<stage>[^\s\d][^\s]*)\s+)?\s*(?<step>\d+)\/(?<of>\d+)\] (?<text>.*)$/;
const STATUS = /^#(\d+) (CACHED|DONE|ERROR|CANCELED)\b/;

/** BuildKit prints a vertex's name when it starts, and again if its output resumes after
 *  another vertex's; `#N CACHED` may come before or after. Vertices are listed in the order
 *  they were first named (BuildKit runs stages in parallel, so that order varies). */
export function buildKitSteps(log: string): BuildKitStep[] {
  const byVertex = new Map<string, BuildKitStep>();
  const cached = new Set<string>();
  for (const line of log.split(/\r?\n/)) {
    const vertex = VERTEX.exec(line);
    if (vertex) {
      const id = vertex[1]!;
      if (!byVertex.has(id)) {
        const groups = vertex.groups!;
        byVertex.set(id, { stage: groups.stage ?? null, step: Number(groups.step), of: Number(groups.of), text: groups.text!, cached: false });
      }
      continue;
    }
    const status = STATUS.exec(line);
    if (status && status[2] === 'CACHED') cached.add(status[1]!);
  }
  const steps: BuildKitStep[] = [];
  for (const [id, step] of byVertex) steps.push({ ...step, cached: cached.has(id) });
  return steps;
}

const STEP = /^Step (\d+)\/(\d+) : (.*)$/i;

export function classicSteps(log: string): ClassicStep[] {
  const steps: ClassicStep[] = [];
  for (const line of log.split(/\r?\n/)) {
    const step = STEP.exec(line);
    if (step) {
      steps.push({ step: Number(step[1]), of: Number(step[2]), text: step[3]!, cached: false });
      continue;
    }
    const last = steps.at(-1);
    if (last && /^ ---> Using cache$/.test(line)) last.cached = true;
  }
  return steps;
}

/** The engine's message when a build fails: BuildKit's `ERROR: …` line, or the classic
 *  builder's last lines, without colour codes or the deprecation notice. */
export function failureMessage(log: string): string {
  const lines = log
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^(DEPRECATED|BuildKit is currently|environment-variable|Install the buildx|Learn more)/.test(line));
  const error = lines.find((line) => line.startsWith('ERROR: '));
  return (error ?? lines.slice(-2).join(' ')).replace(/\s+/g, ' ');
}
