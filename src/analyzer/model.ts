// The analyzer's public model. Everything here is plain data (JSON-serialisable), so
// the browser, Node and the CLI can share it and a worker can post it across threads.

export type Builder = 'buildkit' | 'classic';

/** The Docker release the analysis models: '28.5' (BuildKit 0.25 with build checks, today's
 *  default) or '26.1' (BuildKit 0.13, 2024). Facts that differ are in engine.ts. */
export type Engine = '28.5' | '26.1';

/** A point in the source. `line` and `column` are 1-based (as editors and Docker print
 *  them); `offset` is the 0-based UTF-16 index into the text (as CodeMirror uses). */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** `# syntax=`, `# escape=`, `# check=` … recognised only at the very top of the file. */
export interface Directive {
  name: string;
  value: string;
  range: Range;
}

/** `--name=value` (or a bare `--name`, value null) between the keyword and the arguments. */
export interface Flag {
  name: string;
  value: string | null;
  range: Range;
}

/** One word of an instruction's arguments after shell-like splitting (quotes kept in
 *  `raw`, removed in `value`). Variables are not expanded here. */
export interface Word {
  value: string;
  raw: string;
  range: Range;
}

export interface Heredoc {
  /** Delimiter word without quotes, e.g. `EOF`. */
  name: string;
  /** `<<"EOF"` / `<<'EOF'`: the body is taken literally (no expansion). */
  quoted: boolean;
  /** `<<-EOF`: leading tabs are stripped from the body lines. */
  chomp: boolean;
  /** The body as BuildKit sees it (after tab stripping for `<<-`), ending with a newline. */
  body: string;
  /** From the first body line to the end of the terminating delimiter line. */
  range: Range;
}

export interface Instruction {
  /** Upper-cased keyword: FROM, RUN, COPY … (unknown keywords are kept as written, upper-cased). */
  keyword: string;
  /** The keyword as the author wrote it (for casing checks). */
  keywordText: string;
  keywordRange: Range;
  /** The whole instruction: keyword, continuation lines and heredoc bodies. */
  range: Range;
  flags: Flag[];
  /** Arguments after the flags, continuation lines joined (comments inside them removed). */
  argsText: string;
  argsRange: Range;
  /** Shell-like split of `argsText`. */
  words: Word[];
  /** Exec form: the parsed JSON array when the arguments are a valid JSON array of strings. */
  json: string[] | null;
  heredocs: Heredoc[];
  /** 1-based numbers of the blank lines inside the instruction's continuation (BuildKit
   *  skips them and warns); absent when there are none. */
  emptyContinuationLines?: number[];
  /** Index of the stage the instruction belongs to; -1 before the first FROM. */
  stage: number;
}

export type BaseRef = { kind: 'scratch' } | { kind: 'stage'; index: number } | { kind: 'image'; ref: string };

export interface Stage {
  index: number;
  /** Lower-cased stage name (Docker lower-cases `AS Name`); null when unnamed. */
  name: string | null;
  /** The name exactly as written after AS. */
  nameAsWritten: string | null;
  nameRange: Range | null;
  /** The FROM reference after global-ARG expansion (what Docker resolves). */
  baseText: string;
  base: BaseRef;
  platform: string | null;
  from: Instruction;
  /** Instructions of the stage, FROM first. */
  instructions: Instruction[];
}

export type EdgeKind = 'from' | 'copy-from' | 'mount-from';

/** "Stage `stage` needs `target`" — from its FROM line, a COPY --from or a RUN --mount from=. */
export interface Edge {
  stage: number;
  kind: EdgeKind;
  /** What the reference points at. `unresolved` is a reference Docker rejects (see diagnostics). */
  target: BaseRef | { kind: 'unresolved'; text: string };
  /** The reference as written (`--from=Build`, `FROM base`). */
  text: string;
  range: Range;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Stable kebab-case id, e.g. `unknown-target`. */
  id: string;
  severity: Severity;
  /** What is wrong, with the names involved. Errors reuse Docker's own wording where it has one. */
  message: string;
  /** How to fix it, in a sentence a learner can act on. */
  hint: string;
  range: Range;
  /** Which builder the diagnostic is about, when only one of them behaves this way. */
  builder?: Builder;
  /** The equivalent check elsewhere, e.g. `{ buildkit: 'StageNameCasing' }`, `{ hadolint: 'DL3022' }`. */
  sources?: DiagnosticSources;
  /** Only on findings that are BuildKit build checks (`sources.buildkit`): true when the chosen
   *  engine reports this check itself (Docker 27+, check not skipped); false when it does not
   *  (Docker 26.1 has no build checks; experimental checks run only when enabled), so the
   *  finding is the analyzer's advice. */
  engineReports?: boolean;
}

export interface DiagnosticSources {
  buildkit?: string;
  hadolint?: string;
}

export interface ResolvedTarget {
  /** The requested `--target` as given, or null for the default (last) stage. */
  requested: string | null;
  /** Index of the stage that is built, or -1 when the target cannot be resolved. */
  index: number;
}

export interface BuildPlan {
  builder: Builder;
  engine: Engine;
  /** Stages the build executes, in an order that satisfies every dependency (indices). */
  stages: number[];
  /** True when the analyzer predicts Docker refuses or aborts the build (see diagnostics). */
  fails: boolean;
  /** Where a build that fails part-way stops (the classic builder runs stages one by one
   *  and fails on reaching the bad instruction; the stages before it have run). Null when
   *  the build fails before running any step, or does not fail. */
  stoppedAt: { stage: number; range: Range } | null;
}

export interface AnalyzeOptions {
  /** `--target`; default: the last stage. */
  target?: string | null;
  /** Default: buildkit (Docker's default builder since 23.0). */
  builder?: Builder;
  /** Default: '28.5', the Docker people run today. */
  engine?: Engine;
  /** `--build-arg K=V`. */
  buildArgs?: Record<string, string>;
  /** The build context's .dockerignore, for checks that involve the context. */
  dockerignore?: string;
  /** Run the lint rules (default true); false gives only what Docker itself reports. */
  rules?: boolean;
}

export interface Analysis {
  directives: Directive[];
  /** The escape character in effect (`\` unless `# escape=` says otherwise). */
  escape: string;
  instructions: Instruction[];
  /** ARG instructions before the first FROM, with their defaults after build-arg overrides. */
  globalArgs: Record<string, string | undefined>;
  stages: Stage[];
  edges: Edge[];
  target: ResolvedTarget;
  plan: BuildPlan;
  diagnostics: Diagnostic[];
}
