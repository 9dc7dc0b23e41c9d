// What differs between the two Docker releases the analyzer models, in one place. Every fact
// here was recorded on both engines (tests/fixtures/builds/README.md lists each with its
// fixture); the rest of the analyzer asks engineFacts() instead of naming versions.

import type { Builder, Engine } from './model.ts';

export const ENGINES: readonly Engine[] = ['28.5', '26.1'];

/** Today's Docker: what the course teaches and the analyzer assumes unless told otherwise. */
export const DEFAULT_ENGINE: Engine = '28.5';

export function isEngine(value: unknown): value is Engine {
  return value === '28.5' || value === '26.1';
}

export interface EngineFacts {
  engine: Engine;
  /** For messages and hints: "Docker 28.5". */
  label: string;
  /** Build checks (warnings during the build, `# check=`, BUILDKIT_DOCKERFILE_CHECK): Docker 27 and later. */
  buildChecks: boolean;
  /** Parser directives the engine knows. Any other `# key=value` line at the top ends the
   *  directive section, so a `# check=` line hides an `# escape=` after it on 26.1. */
  directives: ReadonlySet<string>;
  /** The flags each instruction accepts. */
  flags: Readonly<Record<string, readonly string[]>>;
  /** How flag errors name the flag: `from` (26.1) or `--from` (28.5). */
  flagLabel(name: string): string;
  /** BuildKit runs the stages that a base stage's `ONBUILD COPY --from=` / `ONBUILD RUN
   *  --mount=…,from=` names for the stage built FROM it (28.5). 26.1 only accepts a stage
   *  the build has already run for another reason. */
  onbuildAddsDependencies: boolean;
  /** `RUN --mount=type=secret,…,env=NAME` exposes a secret as an environment variable
   *  (28.5's frontend); 26.1's refuses the key. */
  secretEnvMounts: boolean;
  /** BuildKit refuses a `--chmod` that is not an octal mode up to 07777 or a symbolic mode
   *  (28.5); 26.1's BuildKit ignores one it cannot read. */
  checksChmod: boolean;
  /** BuildKit refuses `COPY --from=` with a variable in it with its own message (28.5); 26.1
   *  reads it as an image name and fails to parse it. */
  refusesFromVariables: boolean;
  /** BuildKit adds "(did you mean prod?)" to an unknown --target (28.5). */
  suggestsTargets: boolean;
  /** The pattern containerd's platform parser quotes when a platform is empty. */
  osVersionPattern: string;
  /** BuildKit fails the build when a global ARG's default does not expand and no --build-arg
   *  replaces it (28.5); 26.1's BuildKit ignores the error. */
  failsOnGlobalArgDefaults: boolean;
  /** BuildKit expands a stage ARG's default even when a --build-arg replaces it, and fails on
   *  an error there (26.1); 28.5 expands it only when it is used. */
  expandsOverriddenArgDefaults: boolean;
  /** The daemon crashes on an invalid substitution modifier such as `${V:%}` where 28.5 reports
   *  "unsupported modifier" (26.1; reported by the oracle's authors, never recorded here). */
  crashesOnInvalidModifiers: boolean;
  /** The daemon panics on a file of ARG lines and no FROM instead of reporting "dockerfile
   *  contains no stages to build" (26.1 with either builder; 28.5's classic builder, though
   *  its daemon survives). Recorded in no-from. */
  crashesWithoutStages: Readonly<Record<Builder, boolean>>;
}

/** Flags Docker 26.1's built-in Dockerfile frontend accepts (BuildKit 0.13). `--exclude`,
 *  ADD `--unpack` and RUN `--device` are unknown flags there. `COPY --parents` and `RUN
 *  --security` are Dockerfile "labs" features: neither engine's built-in frontend knows them. */
const FLAGS_26: Readonly<Record<string, readonly string[]>> = {
  ADD: ['chown', 'chmod', 'link', 'keep-git-dir', 'checksum'],
  ARG: [],
  CMD: [],
  COPY: ['from', 'chown', 'chmod', 'link'],
  ENTRYPOINT: [],
  ENV: [],
  EXPOSE: [],
  FROM: ['platform'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
  LABEL: [],
  MAINTAINER: [],
  ONBUILD: [],
  RUN: ['mount', 'network'],
  SHELL: [],
  STOPSIGNAL: [],
  USER: [],
  VOLUME: [],
  WORKDIR: [],
};

/** Docker 28.5 (BuildKit 0.25) adds COPY/ADD `--exclude` and ADD `--unpack`. It knows
 *  `RUN --device` as a flag, then refuses it as a labs feature when it converts the step. */
const FLAGS_28: Readonly<Record<string, readonly string[]>> = {
  ...FLAGS_26,
  ADD: [...FLAGS_26['ADD']!, 'exclude', 'unpack'],
  COPY: [...FLAGS_26['COPY']!, 'exclude'],
  RUN: [...FLAGS_26['RUN']!, 'device'],
};

const FACTS: Readonly<Record<Engine, EngineFacts>> = {
  '28.5': {
    engine: '28.5',
    label: 'Docker 28.5',
    buildChecks: true,
    directives: new Set(['escape', 'syntax', 'check']),
    flags: FLAGS_28,
    flagLabel: (name) => `--${name}`,
    onbuildAddsDependencies: true,
    secretEnvMounts: true,
    checksChmod: true,
    refusesFromVariables: true,
    suggestsTargets: true,
    osVersionPattern: '^([A-Za-z0-9_-]+)(?:\\\\(([A-Za-z0-9_.%-]*)((?:\\\\+[A-Za-z0-9_.%-]+)*)\\\\))?$',
    failsOnGlobalArgDefaults: true,
    expandsOverriddenArgDefaults: false,
    crashesOnInvalidModifiers: false,
    crashesWithoutStages: { buildkit: false, classic: true },
  },
  '26.1': {
    engine: '26.1',
    label: 'Docker 26.1',
    buildChecks: false,
    directives: new Set(['escape', 'syntax']),
    flags: FLAGS_26,
    flagLabel: (name) => name,
    onbuildAddsDependencies: false,
    secretEnvMounts: false,
    checksChmod: false,
    refusesFromVariables: false,
    suggestsTargets: false,
    osVersionPattern: '^([A-Za-z0-9_-]+)(?:\\\\(([A-Za-z0-9_.-]*)\\\\))?$',
    failsOnGlobalArgDefaults: false,
    expandsOverriddenArgDefaults: true,
    crashesOnInvalidModifiers: true,
    crashesWithoutStages: { buildkit: true, classic: true },
  },
};

export function engineFacts(engine: Engine | undefined): EngineFacts {
  return FACTS[engine ?? DEFAULT_ENGINE];
}

/** Every instruction either engine knows (the same set on both). */
export const KNOWN_INSTRUCTIONS: readonly string[] = Object.keys(FLAGS_26);
