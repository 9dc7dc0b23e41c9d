// "What re-runs if I change…" in the workbench and the playground, as data: the question the
// learner asks (files of the build context, a build argument with a new value) turned into the
// cache model's input, and its prediction (src/analyzer/cache) turned into what the page shows:
// the lines to mark in the editor, the stages to mark in the graph, one sentence per step and a
// summary for the live region. Pure and free of the cache model itself (types only), so the
// pages' first chunks stay as they were; src/components/rebuild/rebuild-panel.ts, loaded when the
// learner opens the control, runs the model.
import type { CacheInput, CachePrediction, StepVerdict } from '../../analyzer/cache/types.ts';
import type { Analysis, Builder, Engine } from '../../analyzer/model.ts';

/** What the learner asks about. */
export interface RebuildQuestion {
  /** Context files edited since the last build. */
  files: readonly string[];
  /** A build argument given a new value (null: none). */
  arg: { name: string; value: string } | null;
}

/** The build the page shows (its target, builder, engine and build arguments). */
export interface RebuildBuild {
  dockerfile: string;
  /** Every file of the build context the page knows (the Dockerfile is added). */
  files: readonly string[];
  dockerignore?: string;
  /** '' or null: the last stage. */
  target: string | null;
  builder: Builder;
  engine: Engine;
  /** The build arguments of the last build (the page's own; none in the workbench). */
  buildArgs: Readonly<Record<string, string>>;
}

export type StepState = 'runs' | 'cached' | 'fails';

export interface LineMark {
  /** 1-based line of the instruction's first line. */
  line: number;
  state: StepState;
}

export interface StageMark {
  index: number;
  built: boolean;
  runs: number;
  cached: number;
}

export interface RebuildView {
  /** True when the learner picked nothing: nothing to predict. */
  empty: boolean;
  marks: LineMark[];
  stages: StageMark[];
  /** One sentence per step, in file order, then one per stage not built. */
  items: Array<{ state: StepState | 'not-built'; text: string }>;
  /** One sentence for the live region. */
  summary: string;
}

/** The change the question describes, as the cache model's input for the page's build. */
export function rebuildInput(build: RebuildBuild, question: RebuildQuestion): CacheInput {
  const edited = [...new Set(question.files.map(normalPath).filter(Boolean))];
  const buildArgs = { ...build.buildArgs };
  if (question.arg && question.arg.name) buildArgs[question.arg.name] = question.arg.value;
  return {
    dockerfile: build.dockerfile,
    context: {
      files: [...new Set(['Dockerfile', ...build.files, ...edited])],
      ...(build.dockerignore === undefined ? {} : { dockerignore: build.dockerignore }),
      dockerfilePath: 'Dockerfile',
    },
    change: { edited, previousBuildArgs: { ...build.buildArgs } },
    target: build.target || null,
    builder: build.builder,
    engine: build.engine,
    buildArgs,
  };
}

/** `./src/app.py ` → `src/app.py`: a path as the learner may type it, as the context names it. */
export function normalPath(path: string): string {
  return path
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(?:\.\/)+/, '')
    .replace(/\/+$/, '');
}

/** Paths typed into one field: separated by commas, spaces or new lines. */
export function typedPaths(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map(normalPath)
    .filter(Boolean);
}

const MAX_SHOWN = 60;

/** The instruction as a sentence quotes it: its first line, shortened. */
function quoted(step: Pick<StepVerdict, 'text'>): string {
  const text = step.text.length > MAX_SHOWN ? `${step.text.slice(0, MAX_SHOWN - 1)}…` : step.text;
  return `\`${text}\``;
}

/** A sentence of the model's that reads as a sentence of its own. */
function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Line 6 `COPY . .` re-runs: src/app.py changed", "Line 4 `RUN npm ci` is taken from the cache".
 *  A verdict that rests on an assumption says it in a second sentence. */
export function stepSentence(step: StepVerdict): string {
  const head = `Line ${step.line} ${quoted(step)}`;
  const assumption = step.assumption ? `. ${capital(step.assumption)}` : '';
  if (step.outcome === 'fails') return `${head} fails: ${step.reason}`;
  if (step.outcome === 'runs') return `${head} re-runs: ${step.reason}${assumption}`;
  const told = step.causes.some((cause) => cause.kind !== 'unchanged');
  return `${head} is taken from the cache${told ? `: ${step.reason}` : ''}${assumption}`;
}

function lineList(lines: readonly number[]): string {
  if (lines.length === 1) return `line ${lines[0]}`;
  return `lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
}

function summaryOf(prediction: CachePrediction, runs: readonly StepVerdict[]): string {
  if (prediction.error && prediction.steps.length === 0) return `The build fails: ${prediction.error.message}`;
  const total = prediction.steps.length;
  const failing = prediction.steps.find((step) => step.outcome === 'fails');
  const fails = failing ? ` The build fails at line ${failing.line}.` : '';
  if (runs.length === 0) return `No step re-runs: all ${total} steps are taken from the cache.${fails}`;
  const verb = runs.length === 1 ? 're-runs' : 're-run';
  return `${runs.length} of ${total} steps ${verb} (${lineList(runs.map((step) => step.line))}); the others are taken from the cache.${fails}`;
}

/** What the page shows for a prediction; `empty` when the learner has not picked anything yet. */
export function rebuildView(prediction: CachePrediction | null): RebuildView {
  if (prediction === null) {
    return { empty: true, marks: [], stages: [], items: [], summary: 'Pick a file or a build argument to see which steps re-run.' };
  }
  const state = (step: StepVerdict): StepState => (step.outcome === 'fails' ? 'fails' : step.cached ? 'cached' : 'runs');
  const marks = prediction.steps.map((step) => ({ line: step.line, state: state(step) }));
  const stages = prediction.stages.map((stage) => ({
    index: stage.index,
    built: stage.built,
    runs: stage.steps.filter((step) => !step.cached).length,
    cached: stage.steps.filter((step) => step.cached).length,
  }));
  const items: RebuildView['items'] = prediction.steps.map((step) => ({ state: state(step), text: stepSentence(step) }));
  for (const stage of prediction.stages) {
    if (stage.built) continue;
    const name = stage.name ?? `stage ${stage.index}`;
    items.push({ state: 'not-built', text: `Stage ${name} is not built${stage.reason ? `: ${stage.reason}` : ''}` });
  }
  const runs = prediction.steps.filter((step) => !step.cached);
  return { empty: false, marks, stages, items, summary: summaryOf(prediction, runs) };
}

/** The build arguments the Dockerfile declares (ARG lines, global or in a stage), in order. */
export function argNames(analysis: Pick<Analysis, 'instructions'>): string[] {
  const names = new Set<string>();
  for (const instruction of analysis.instructions) {
    if (instruction.keyword !== 'ARG') continue;
    for (const word of instruction.words) {
      const name = word.value.split('=')[0];
      if (name && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) names.add(name);
    }
  }
  return [...names];
}

/** Literal context paths the Dockerfile's COPY and ADD name (no --from, no wildcards, no URLs):
 *  the files a playground learner can pick without typing, since the playground has no folder. */
export function copiedPaths(analysis: Pick<Analysis, 'instructions'>): string[] {
  const paths = new Set<string>();
  for (const instruction of analysis.instructions) {
    if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
    if (instruction.flags.some((flag) => flag.name === 'from')) continue;
    const sources = instruction.json ? instruction.json.slice(0, -1) : instruction.words.slice(0, -1).map((word) => word.value);
    for (const source of sources) {
      const path = normalPath(source);
      if (path === '' || path === '.' || /[*?[$]/.test(path) || /^[a-z]+:\/\//i.test(path) || path.startsWith('<<')) continue;
      paths.add(path);
    }
  }
  return [...paths];
}
