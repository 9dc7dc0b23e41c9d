// The analyzer's entry point: Dockerfile text in, a typed model of what Docker will do out.
// Pure TypeScript with no DOM or Node APIs, shared by the browser, Node and the CLI.

import { type CheckConfig, checkConfigOf } from './check-config.ts';
import { diagnostic } from './diagnostic.ts';
import { engineFacts } from './engine.ts';
import { checkInstruction } from './instruction-check.ts';
import type { Analysis, AnalyzeOptions, Diagnostic, Instruction } from './model.ts';
import { parseText } from './parser/parsed-text.ts';
import { planBuildKit } from './plan/buildkit.ts';
import { checkViolation } from './plan/check-failure.ts';
import { planClassic } from './plan/classic.ts';
import type { PlanInput, PlanOutput } from './plan/types.ts';
import { runRules } from './rules/index.ts';
import { StageReader } from './stages.ts';
import { suggest } from './suggest.ts';

export type * from './model.ts';
export { DEFAULT_ENGINE, ENGINES, isEngine } from './engine.ts';

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const builder = options.builder ?? 'buildkit';
  const facts = engineFacts(options.engine);
  const engine = facts.engine;
  const buildArgs = options.buildArgs ?? {};
  // An empty --target means the default, as in docker build.
  const requestedTarget = options.target || null;
  // Parsed once per text: the analyses of one text with other options share it.
  const parsed = parseText(text, facts.directives);
  const source = parsed.source;
  const stageReader = new StageReader(parsed.escape, buildArgs, builder, facts);
  const instructionErrors: Diagnostic[] = [];
  const flagged: Instruction[] = [];
  for (const instruction of parsed.instructions) {
    stageReader.add(instruction);
    const problems = checkInstruction(instruction, facts);
    if (problems.length > 0) instructionErrors.push(...problems);
    if (instruction.flags.length > 0 || instruction.keyword === 'ONBUILD') flagged.push(instruction);
  }
  const setup = stageReader.result();
  const wholeFile = source.range(0, text.length);

  // Errors both builders raise while parsing, before any step runs, in file order.
  const parseErrors: Diagnostic[] = [
    ...parsed.problems.map((p) => diagnostic(p.id, 'error', p.message, problemHint(p.id), source.range(p.start, p.end))),
    ...instructionErrors,
    ...setup.parseErrors,
  ].sort((a, b) => a.range.start.offset - b.range.start.offset);

  // Build checks: only BuildKit on Docker 27+ reads their configuration, before the file.
  const engineRunsChecks = facts.buildChecks && builder === 'buildkit';
  const checks = facts.buildChecks ? checkConfigOf(parsed.directives, buildArgs) : null;
  if (engineRunsChecks && checks?.error) {
    parseErrors.unshift(
      diagnostic(
        'invalid-check-options',
        'error',
        checks.error.message,
        'Write the check options as `skip=Rule1,Rule2` (or `skip=all`), `error=true` and `experimental=Rule` (or `all`), separated by ";", e.g. `# check=skip=JSONArgsRecommended;error=true`.',
        checks.error.range ?? source.range(0, 0),
      ),
    );
  }

  if (text.trim() === '') {
    // The classic builder names the file (Docker's default name unless -f says otherwise).
    const message = builder === 'classic' ? 'the Dockerfile (Dockerfile) cannot be empty' : 'the Dockerfile cannot be empty';
    parseErrors.unshift(diagnostic('empty-dockerfile', 'error', message, 'Start with a FROM line, e.g. `FROM alpine:3.20`.', wholeFile));
  } else if (parsed.instructions.length === 0) {
    parseErrors.unshift(
      diagnostic('no-instructions', 'error', 'file with no instructions', 'The file holds only comments. Add a FROM line to start a stage.', wholeFile),
    );
  } else if (setup.stages.length === 0 && parseErrors.length === 0) {
    const crash = facts.crashesWithoutStages[builder]
      ? ` ${facts.label}${builder === 'classic' ? ' with the classic builder' : ''} crashes on such a file instead of saying so.`
      : '';
    parseErrors.push(
      diagnostic(
        'no-stages',
        'error',
        'dockerfile contains no stages to build',
        `A Dockerfile needs at least one FROM line; ARG lines alone build nothing.${crash}`,
        wholeFile,
      ),
    );
  }

  const input: PlanInput = {
    stages: setup.stages,
    requestedTarget,
    fromErrors: setup.fromErrors,
    flagged,
    facts,
    escape: parsed.escape,
    globalArgErrors: setup.globalArgErrors,
    buildArgs,
    target: {
      unknown: () =>
        diagnostic(
          'unknown-target',
          'error',
          `target stage "${requestedTarget}" could not be found${targetSuggestion(requestedTarget ?? '', setup.stages, builder === 'buildkit' && facts.suggestsTargets)}`,
          targetHint(
            requestedTarget ?? '',
            setup.stages.map((s) => s.name).filter((n): n is string => n !== null),
          ),
          setup.stages[setup.stages.length - 1]?.from.range ?? wholeFile,
        ),
    },
  };
  const plan: PlanOutput =
    parseErrors.length > 0
      ? { targetIndex: -1, stages: [], errors: [], warnings: [], edges: [], stoppedAt: null }
      : builder === 'buildkit'
        ? planBuildKit(input)
        : planClassic(input);
  const errors = [...parseErrors, ...plan.errors];

  const analysis: Analysis = {
    directives: parsed.directives,
    escape: parsed.escape,
    instructions: parsed.instructions,
    globalArgs: setup.globalArgs,
    stages: setup.stages,
    edges: plan.edges,
    target: { requested: requestedTarget, index: errors.length > 0 && plan.targetIndex < 0 ? -1 : plan.targetIndex },
    plan: { builder, engine, stages: plan.stages, fails: errors.length > 0, stoppedAt: plan.stoppedAt },
    diagnostics: [...errors, ...plan.warnings],
  };
  // Null on Docker 26.1 (no build checks) and when the configuration does not parse.
  const config: CheckConfig | null = checks ? checks.config : null;
  // With `error=true`, whether the build fails depends on the checks: they run even when the
  // caller asked for Docker's own errors only, and only the failure is kept.
  const failOnChecks = engineRunsChecks && config?.error === true && !analysis.plan.fails;
  if (options.rules === false && !failOnChecks) return analysis;

  const targetIndex = analysis.target.index;
  const finalStage = targetIndex >= 0 ? (analysis.stages[targetIndex] ?? null) : null;
  const lint = runRules(
    {
      text,
      analysis,
      options: { ...options, builder, engine },
      dockerignore: options.dockerignore === undefined ? null : options.dockerignore.split(/\r?\n/),
      finalStage,
      targetLabel: requestedTarget ?? (finalStage ? `the default target (${finalStage.name ?? `stage ${finalStage.index}`})` : 'the default target'),
    },
    analysis.diagnostics,
    { config, engineRunsChecks, onlyBuildChecks: options.rules === false },
  );
  if (failOnChecks) failBuildOnChecks(analysis, lint.reportedChecks, config!, source.range(0, 0));
  if (options.rules !== false) analysis.diagnostics.push(...lint.diagnostics);
  return analysis;
}

/** `error=true`: BuildKit fails the build before any step runs when a check reports. */
function failBuildOnChecks(analysis: Analysis, reported: string[], config: CheckConfig, fileStart: Diagnostic['range']): void {
  const violation = checkViolation(reported, config, fileStart);
  if (!violation) return;
  analysis.diagnostics.unshift(violation);
  analysis.plan.fails = true;
  analysis.plan.stages = [];
  analysis.plan.stoppedAt = null;
}

/** Docker 28.5's BuildKit suggests the closest stage name for an unknown --target. */
function targetSuggestion(requested: string, stages: readonly { name: string | null }[], suggests: boolean): string {
  if (!suggests) return '';
  const guess = suggest(
    requested,
    stages.flatMap((stage) => (stage.name ? [stage.name] : [])),
  );
  return guess ? ` (did you mean ${guess}?)` : '';
}

function targetHint(requested: string, names: string[]): string {
  if (/^\d+$/.test(requested)) {
    return `--target takes a stage name, not an index.${names.length ? ` Named stages here: ${names.join(', ')}.` : ' Name the stage with `FROM <image> AS <name>`.'}`;
  }
  return names.length
    ? `--target must name a stage (names ignore case). Stages here: ${names.join(', ')}.`
    : 'No stage here has a name. Name one with `FROM <image> AS <name>` to build it with --target.';
}

function problemHint(id: string): string {
  switch (id) {
    case 'unterminated-heredoc':
      return 'A heredoc body ends with a line holding only its delimiter (e.g. EOF), with no spaces around it.';
    case 'invalid-escape-directive':
      return 'The escape directive accepts only a backslash (\\) or a backtick (`).';
    case 'duplicate-directive':
      return 'Each parser directive may appear once, at the top of the file.';
    default:
      return 'Fix the line so Docker can parse it.';
  }
}
