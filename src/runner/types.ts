// The contract between the stage runner and the places it runs. The runner (run-target.ts)
// only speaks to a Sandbox, so the same code executes a build plan in the learner's browser
// (WebContainer, sandbox-webcontainer.ts) and on a real file system with child processes in
// Node (sandbox-node.ts), which the tests and `stagecraft run` use.
//
// Everything here is plain data and interfaces: no DOM, no node:* imports.

/** An entry of a sandbox folder. */
export interface SandboxEntry {
  name: string;
  kind: 'file' | 'directory' | 'symlink';
}

export interface SpawnOptions {
  /** Absolute sandbox path the process starts in. */
  cwd: string;
  /**
   * The complete environment of the process (the runner builds it from ENV/ARG).
   * Addition: these are the container's variables, so a PATH in it (from `ENV PATH=…`)
   * lists container paths. The sandbox keeps its own `node`, `npm` and `npx` reachable
   * (sandbox-node.ts puts its tool folder in front of PATH and sets HOME and npm's
   * offline settings itself); the runner adds no PATH of its own.
   */
  env: Record<string, string>;
  /** Called with output as it arrives (stdout and stderr interleaved, as a terminal shows them). */
  onOutput(chunk: string): void;
}

export interface SandboxProcess {
  /** Resolves with the exit code when the process ends. */
  exit: Promise<number>;
  kill(): void;
}

/**
 * A place to put files and run processes. Paths are absolute POSIX paths inside the
 * sandbox (`/stages/build/app/package.json`); an implementation maps them to wherever its
 * files really live and refuses paths that would leave its root.
 */
export interface Sandbox {
  /** Shown to the learner: `WebContainer` or `Node.js v24.x on linux`. */
  readonly description: string;
  mkdir(path: string): Promise<void>; // recursive; no error when it exists
  writeFile(path: string, data: Uint8Array | string): Promise<void>; // creates parent folders
  readFile(path: string): Promise<Uint8Array>;
  /** Entries of a folder; rejects when it does not exist. */
  readdir(path: string): Promise<SandboxEntry[]>;
  /** True when a file or folder exists at the path. */
  exists(path: string): Promise<boolean>;
  rm(path: string): Promise<void>; // recursive; no error when missing
  spawn(command: string, args: string[], options: SpawnOptions): Promise<SandboxProcess>;
  /** Calls the listener when a process in the sandbox starts listening on a port;
   *  returns a function that removes the listener. */
  onServerReady(listener: (port: number, url: string) => void): () => void;
  /** Stops every process and frees the sandbox. */
  teardown(): Promise<void>;
  /**
   * Addition (optional): where a process sees the sandbox path `path` (WebContainer: its
   * working directory + path; Node: the real path). The runner uses it for absolute
   * container paths in commands (`node /app/server.js`); without it, the same path.
   */
  processPath?(path: string): string;
  /**
   * Addition (optional): copies inside the sandbox, keeping symlinks as symlinks (npm's
   * node_modules/.bin links). A file is written at `to`; a folder's contents are merged into
   * the folder `to` (made when missing), replacing files already there. Without it the runner
   * copies file by file with readdir/readFile/writeFile, and a symlink becomes a copy of the
   * file it points to.
   */
  copy?(from: string, to: string): Promise<void>;
}

/** The build context the Dockerfile's COPY/ADD read from: path (relative, POSIX) → contents. */
export type BuildContext = Record<string, string | Uint8Array>;

export interface RunRequest {
  dockerfile: string;
  context: BuildContext;
  /** Stage name or index as text; null/undefined = the default (last) stage. */
  target?: string | null;
  buildArgs?: Record<string, string>;
}

/** What the runner does (or would do) with one instruction. */
export type StepStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

export interface RunStep {
  /** Index of the stage in the analysis, and its display name (`build` or `stage 0`). */
  stage: number;
  stageLabel: string;
  /** 1-based line of the instruction in the Dockerfile. */
  line: number;
  /** The instruction as written on one line, e.g. `RUN npm ci`. */
  text: string;
  status: StepStatus;
  /** Why a step is skipped or failed, in one sentence a learner understands.
   *  Addition: on a step that runs (pending/running/done) it is a note on how the sandbox
   *  differs from Docker there, e.g. "--chown is ignored: the sandbox runs everything as one user." */
  reason?: string;
}

export type RunEvent =
  | { type: 'plan'; steps: RunStep[] } // before anything runs: every step, all pending or skipped
  | { type: 'step'; index: number; step: RunStep } // a step changed status
  | { type: 'output'; chunk: string } // terminal output, streamed
  | { type: 'server-ready'; port: number; url: string }
  | { type: 'done'; result: RunResult };
// Addition: 'done' comes when the build has finished and the image's command has started
// (and opened a port, exited, or had a few seconds to do either). A command that keeps
// running still sends 'output' and 'server-ready' after 'done', and one 'step' event (its
// CMD step turning 'done' or 'failed') when it exits.

export interface RunResult {
  target: string; // label of the stage that became the "image"
  ok: boolean;
  /** Sandbox path of the final stage's root: what the image contains. */
  root: string;
  steps: RunStep[];
  /** The CMD/ENTRYPOINT process, when one was started and is still running. */
  process: SandboxProcess | null;
}

/** What differs between two targets' final roots (for "Compare targets"). */
export interface TargetComparison {
  a: RootSummary;
  b: RootSummary;
  /** Packages in node_modules present in only one of them. */
  packagesOnlyIn: { a: string[]; b: string[] };
  /** Files (relative paths, node_modules excluded) present in only one of them. */
  filesOnlyIn: { a: string[]; b: string[] };
}

export interface RootSummary {
  target: string;
  files: number;
  bytes: number;
  packages: string[];
}
