// The build-cache model's public types: what goes in (a Dockerfile, its build context, the build
// and what changed since the last one) and what comes out (for each step of each stage: taken
// from the cache or run again, and why). Plain data, so a worker can post it and the CLI print it.

import type { Builder, Range } from '../model.ts';

/** The Docker engine whose behaviour is predicted. Defined here until the analyzer's model has one
 *  (the engines work adds `Engine` to model.ts); the two are the same strings. Docker 26.1 and
 *  28.5 took the same steps from the cache in every recorded case (tests/fixtures/cache), so the
 *  model answers the same for both; the option gives a difference found later its place. */
export type CacheEngine = '28.5' | '26.1';

export const CACHE_ENGINES: readonly CacheEngine[] = ['28.5', '26.1'];

/** The folder `docker build` sends, as the model needs it: which files there are. Contents do not
 *  matter (what changed is said by CacheChange), except the .dockerignore's. */
export interface CacheContext {
  /** Every file in the folder, .dockerignore'd ones included: relative POSIX paths (`src/app.py`). */
  files: readonly string[];
  /** The .dockerignore's text; absent when the folder has none. */
  dockerignore?: string;
  /** Where the Dockerfile is inside the folder (default `Dockerfile`); null when it is outside it.
   *  A Dockerfile inside the context is a file that `COPY . .` copies. */
  dockerfilePath?: string | null;
}

/** What differs from the previous build, whose cache the new build uses. */
export interface CacheChange {
  /** Context files whose contents changed. */
  edited?: readonly string[];
  /** Context files that are new (they are in `context.files`). */
  added?: readonly string[];
  /** Context files that are gone (they are not in `context.files`). */
  removed?: readonly string[];
  /** The previous build's `--build-arg`s; default: the same as this build's. */
  previousBuildArgs?: Readonly<Record<string, string>>;
  /** The previous build's `--target` (null: the default stage); default: the same as this build's. */
  previousTarget?: string | null;
  /** 1-based lines, in the current Dockerfile, of instructions edited since the previous build. */
  editedLines?: readonly number[];
  /** The previous build's Dockerfile, when it differs by more than edited instructions
   *  (lines added or removed). Takes the place of editedLines. */
  previousDockerfile?: string;
  /** The previous build's .dockerignore (default: the same as now). */
  previousDockerignore?: string;
  /** `--secret` ids whose value changed. */
  secrets?: readonly string[];
  /** `docker build --no-cache`. */
  noCache?: boolean;
}

export interface CacheInput {
  dockerfile: string;
  context: CacheContext;
  change?: CacheChange;
  /** `--target`; default: the last stage. */
  target?: string | null;
  /** Default: buildkit. */
  builder?: Builder;
  /** Default: 28.5. */
  engine?: CacheEngine;
  buildArgs?: Readonly<Record<string, string>>;
}

/** Why a step runs again or is reused: the facts behind the sentence in `reason`. */
export type CacheCause =
  | { kind: 'no-cache' }
  /** The previous build made no such step (its stage was not built, or the step is new). */
  | { kind: 'not-built-before' }
  /** The instruction's own text changed. */
  | { kind: 'edited' }
  /** The FROM line names another image or stage. */
  | { kind: 'base'; previous: string; current: string }
  /** Files it copies or mounts from the build context changed. */
  | { kind: 'files'; paths: string[] }
  /** Variables in its environment (RUN) changed value. */
  | { kind: 'variables'; names: string[] }
  /** USER, WORKDIR or SHELL, which BuildKit keys RUN on, changed. */
  | { kind: 'setting'; name: 'USER' | 'WORKDIR' | 'SHELL'; previous: string; current: string }
  /** The stage it copies or mounts from made different files. */
  | { kind: 'stage-output'; stage: number; line: number }
  /** The step before it (or its base stage's last step) was not taken from the cache. */
  | { kind: 'parent'; line: number }
  /** A secret's value changed, which BuildKit leaves out of the key. */
  | { kind: 'secret-ignored'; ids: string[] }
  /** The build fails at this step. */
  | { kind: 'fails'; message: string }
  | { kind: 'unchanged' };

export type StepOutcome = 'cached' | 'runs' | 'fails';

/** One step of the build, as the builder reports it (`[build 3/6] COPY …`, `Step 4/12 : …`). */
export interface StepVerdict {
  /** Index of the stage. */
  stage: number;
  /** Its name (lower-cased), or null. */
  stageName: string | null;
  /** 1-based line of the instruction. */
  line: number;
  range: Range;
  keyword: string;
  /** The instruction's first line, as written. */
  text: string;
  outcome: StepOutcome;
  /** outcome === 'cached'. */
  cached: boolean;
  /** One sentence: "src/app.py changed", "ARG VERSION changed (1.3.0 → 1.4.0)". */
  reason: string;
  causes: CacheCause[];
  /** Set when the verdict depends on an assumption about a command's output, in words. */
  assumption?: string;
  /** When the assumption is another step's (this one follows it): that step's line. */
  assumptionFrom?: number;
}

export interface StageVerdict {
  index: number;
  name: string | null;
  /** Whether this build builds the stage. */
  built: boolean;
  /** For a stage not built: why ("not needed by target prod"). */
  reason: string | null;
  steps: StepVerdict[];
}

export interface CachePrediction {
  builder: Builder;
  engine: CacheEngine;
  /** The stage built (index), or -1 when the target is unknown. */
  target: number;
  /** True when the build fails (before any step, or part-way with the classic builder). */
  fails: boolean;
  /** The first error, as the analyzer words it. */
  error: { message: string; line: number } | null;
  stages: StageVerdict[];
  /** Every step the build reports, in file order. */
  steps: StepVerdict[];
}
