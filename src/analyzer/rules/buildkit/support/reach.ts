// How far BuildKit's Dockerfile frontend gets with a file before an error stops it, and so
// which build checks Docker reports for it: a failing build still prints the checks made
// before the error, and none after. Recorded on Docker 28.5 (tests/fixtures/checks/): the
// frontend works in phases (frontend/dockerfile/dockerfile2llb/convert.go), and each check
// belongs to one of them.
//
//   parse        the file is split into instructions: NoEmptyContinuation
//   instruction  each instruction is parsed in turn (the first error stops the rest, after
//                the failing instruction's own checks): StageNameCasing, FromAsCasing,
//                MaintainerDeprecated
//   file         the parsed stages: DuplicateStageName, ReservedStageName,
//                ConsistentInstructionCasing, InvalidDefaultArgInFrom
//   from         each stage's FROM line is expanded in turn (an empty or malformed one stops
//                the rest): UndefinedArgInFrom, RedundantTargetPlatform,
//                FromPlatformFlagConstDisallowed
//   dispatch     the instructions of the stages, in file order, after every stage reference
//                resolved (an error stops the instructions after it): the other checks.

import type { Diagnostic, Instruction, Stage } from '../../../model.ts';
import { memo } from '../../support/memo.ts';
import type { Finding, RuleContext } from '../../types.ts';
import { hasTriggers, triggerOrigin } from './onbuild.ts';
import { onFirstLine } from './positions.ts';
import { checkInstructions, type Scope } from './scope-walk.ts';
import { fromScope } from './variables.ts';

// The analyzer's error ids by phase (each placed by a recorded case; some ids come with the
// flag checks of the engine option: listed ahead, they do nothing while no error has them).
/** Errors of the parser itself (and of the check options): no check is reported. */
const PARSER_ERRORS = new Set([
  'unterminated-heredoc',
  'invalid-escape-directive',
  'duplicate-directive',
  'json-not-strings',
  'empty-dockerfile',
  'no-instructions',
  'invalid-check-options',
]);
/** Errors of one instruction's parsing: the instructions after it are not parsed. */
const INSTRUCTION_ERRORS = new Set([
  'unknown-instruction',
  'unknown-flag',
  'duplicate-flag',
  'flag-missing-value',
  'flag-not-boolean',
  'invalid-network-mode',
  'invalid-retries',
  'mount-from-variable',
  'onbuild-trigger-not-allowed',
  'from-arguments',
  'invalid-stage-name',
  'instruction-before-from',
]);
/** A file of ARG lines only: parsed, but there is nothing to check after that. */
const NO_STAGES = 'no-stages';
/** Errors of one FROM line's expansion: the FROM lines after it are not expanded. */
const FROM_ERRORS = new Set(['blank-base-name', 'bad-substitution', 'invalid-platform']);
/** Errors raised while dispatching one instruction: the checks of the instructions before it
 *  (and of the instruction itself) are reported. */
const DISPATCH_ERRORS = new Set(['copy-from-later-stage', 'mount-from-later-stage', 'invalid-chmod', 'invalid-mount']);
/** The same, in a stage the target does not need: `docker build --check` without --target
 *  dispatches every stage, so there they stop the checks too. */
const DISPATCH_ERRORS_NOT_BUILT = new Set(['copy-from-later-stage-not-built', 'mount-from-later-stage-not-built']);
/** Not where BuildKit stops: `# check=error=true` fails the build after every check ran. */
const AFTER_CHECKS = new Set(['check-violation']);
// Any other error (a stage index or name that does not resolve, a cycle, an unknown target,
// a variable in COPY --from) is found after the FROM lines and before the first instruction
// is dispatched.

export interface Reach {
  /** The file parses: NoEmptyContinuation is reported. */
  parsed: boolean;
  /** Instructions starting before this offset have their parse-time checks reported. */
  instructionsUntil: number;
  /** Every instruction parsed and there are stages: the file-level checks are reported. */
  file: boolean;
  /** The global ARGs evaluate with their defaults: InvalidDefaultArgInFrom is reported. */
  defaultArgs: boolean;
  /** FROM lines of stages up to this index are expanded (-1: none). */
  fromUntil: number;
  /** Whether the platform of stage `fromUntil` is expanded (false when its base name failed). */
  lastPlatform: boolean;
  /** Dispatched instructions starting at or before this offset have their checks reported (-1: none). */
  dispatchUntil: number;
}

const EVERYTHING: Reach = {
  parsed: true,
  instructionsUntil: Infinity,
  file: true,
  defaultArgs: true,
  fromUntil: Infinity,
  lastPlatform: true,
  dispatchUntil: Infinity,
};
const NOTHING: Reach = { parsed: false, instructionsUntil: -1, file: false, defaultArgs: false, fromUntil: -1, lastPlatform: false, dispatchUntil: -1 };

/** The instruction holding `offset`. */
function instructionAt(instructions: readonly Instruction[], offset: number): Instruction | undefined {
  return instructions.find((instruction) => instruction.range.start.offset <= offset && offset <= instruction.range.end.offset);
}

function stageAt(stages: readonly Stage[], offset: number): Stage | undefined {
  return stages.find((stage) => stage.from.range.start.offset <= offset && offset <= stage.from.range.end.offset);
}

function firstAt(diagnostics: readonly Diagnostic[]): Diagnostic | undefined {
  let first: Diagnostic | undefined;
  for (const d of diagnostics) if (first === undefined || d.range.start.offset < first.range.start.offset) first = d;
  return first;
}

/** How far BuildKit gets with the analyzed file (computed once per analysis). */
export function reach(context: RuleContext): Reach {
  return memo(context, 'buildkit-reach', (): Reach => {
    const { analysis } = context;
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error' && !AFTER_CHECKS.has(d.id));
    if (errors.some((d) => PARSER_ERRORS.has(d.id))) return NOTHING;
    const failedInstruction = firstAt(errors.filter((d) => INSTRUCTION_ERRORS.has(d.id)));
    if (failedInstruction) {
      const instruction = instructionAt(analysis.instructions, failedInstruction.range.start.offset);
      return { ...NOTHING, parsed: true, instructionsUntil: (instruction?.range ?? failedInstruction.range).end.offset };
    }
    if (errors.some((d) => d.id === NO_STAGES)) return { ...NOTHING, parsed: true, instructionsUntil: Infinity };

    const afterParse: Reach = { ...EVERYTHING, defaultArgs: !fromScope(context, false).failed };
    // The global ARGs with the build's arguments: an error there stops before the first FROM.
    if (fromScope(context, true).failed) return { ...afterParse, fromUntil: -1, lastPlatform: false, dispatchUntil: -1 };
    const fromError = firstAt(errors.filter((d) => FROM_ERRORS.has(d.id)));
    if (fromError) {
      const stage = stageAt(analysis.stages, fromError.range.start.offset);
      const platform = stage?.from.flags.find((flag) => flag.name === 'platform');
      const inPlatform =
        platform !== undefined && platform.range.start.offset <= fromError.range.start.offset && fromError.range.start.offset <= platform.range.end.offset;
      return { ...afterParse, fromUntil: stage?.index ?? -1, lastPlatform: inPlatform, dispatchUntil: -1 };
    }
    // Only BuildKit's own errors stop its checks: the classic builder's are not BuildKit's.
    const buildkit = context.options.builder === 'buildkit';
    const lintsEveryStage = analysis.target.requested === null;
    const dispatchError = firstAt(
      analysis.diagnostics.filter((d) => (d.severity === 'error' && DISPATCH_ERRORS.has(d.id)) || (lintsEveryStage && DISPATCH_ERRORS_NOT_BUILT.has(d.id))),
    );
    const otherError = buildkit && errors.some((d) => !DISPATCH_ERRORS.has(d.id));
    if (otherError) return { ...afterParse, dispatchUntil: -1 };
    if (dispatchError && buildkit) {
      const instruction = instructionAt(analysis.instructions, dispatchError.range.start.offset);
      return { ...afterParse, dispatchUntil: (instruction?.range ?? dispatchError.range).start.offset };
    }
    return afterParse;
  });
}

/** Whether BuildKit gets to the parse-time checks of `instruction`. */
export function parsedInstruction(context: RuleContext, instruction: Instruction): boolean {
  return instruction.range.start.offset < reach(context).instructionsUntil;
}

/** Whether BuildKit expands the FROM line of `stage` (its base name, or its --platform too). */
export function expandedFrom(context: RuleContext, stage: Stage, part: 'base' | 'platform'): boolean {
  const { fromUntil, lastPlatform } = reach(context);
  return stage.index < fromUntil || (stage.index === fromUntil && (part === 'base' || lastPlatform));
}

/** Whether BuildKit dispatches `instruction` (in a stage it lints) before an error stops it
 *  (an ONBUILD trigger: when it dispatches the stage that runs it). */
export function dispatched(context: RuleContext, instruction: Instruction): boolean {
  const at = triggerOrigin(context, instruction)?.reportAt ?? instruction;
  return at.range.start.offset <= reach(context).dispatchUntil;
}

/** `finding` of a dispatched instruction where Docker reports it: on the instruction's first
 *  line, or, for an ONBUILD trigger, on the FROM line of the stage that runs it. */
export function asReported(context: RuleContext, instruction: Instruction, finding: Finding): Finding {
  const origin = triggerOrigin(context, instruction);
  if (!origin) return { ...finding, range: onFirstLine(instruction, finding.range) };
  const line = origin.onbuild.range.start.line;
  const from = `This comes from \`${origin.onbuild.keywordText} ${instruction.keywordText} ${instruction.argsText}\` (line ${line}) in the stage this one is built FROM: Docker runs that trigger here, before this stage's own instructions.`;
  return { ...finding, range: origin.reportAt.range, hint: finding.hint ? `${from} ${finding.hint}` : from };
}

/** The findings of a check of one phase that BuildKit gets to. */
export function reached(context: RuleContext, phase: 'file' | 'default-args', findings: Finding[]): Finding[] {
  const r = reach(context);
  return (phase === 'file' ? r.file : r.file && r.defaultArgs) ? findings : [];
}

/** checkInstructions for the instructions BuildKit dispatches before an error stops it, each
 *  finding where Docker reports it (asReported). */
export function checkDispatched(
  context: RuleContext,
  check: (instruction: Instruction, scope: Scope, stage: Stage) => Finding[],
  keywords: readonly string[],
): Finding[] {
  // Looked up once per rule, not once per instruction (a dozen rules go through most of the file).
  const until = reach(context).dispatchUntil;
  const triggers = hasTriggers(context);
  return checkInstructions(
    context,
    (instruction, scope, stage) => {
      if (triggers) return dispatched(context, instruction) ? check(instruction, scope, stage).map((finding) => asReported(context, instruction, finding)) : [];
      if (instruction.range.start.offset > until) return NO_FINDINGS;
      const findings = check(instruction, scope, stage);
      return findings.length === 0 ? findings : findings.map((finding) => ({ ...finding, range: onFirstLine(instruction, finding.range) }));
    },
    keywords,
  );
}

/** Returned for an instruction BuildKit does not dispatch; never added to. */
const NO_FINDINGS: Finding[] = [];
