// Instruction-level errors that both builders raise while parsing, before any step runs
// (BuildKit's frontend/dockerfile/instructions/parse.go).

import { diagnostic } from './diagnostic.ts';
import type { Diagnostic } from './model.ts';
import type { ParsedInstruction } from './parser/parse.ts';
import { parseJsonArgs } from './parser/json-args.ts';
import { type EngineFacts, KNOWN_INSTRUCTIONS } from './engine.ts';
import { flagProblem } from './flag-check.ts';
import { mountParseProblem } from './mounts.ts';
import { suggest } from './suggest.ts';

export { KNOWN_INSTRUCTIONS };

/** Shared by the (many) instructions without a problem; never added to. */
const NONE: readonly Diagnostic[] = [];

export function checkInstruction(instruction: ParsedInstruction, facts: EngineFacts): readonly Diagnostic[] {
  const allowed = facts.flags[instruction.keyword];
  if (!allowed) {
    const guess = suggest(instruction.keyword, KNOWN_INSTRUCTIONS);
    return [
      diagnostic(
        'unknown-instruction',
        'error',
        `unknown instruction: ${instruction.keywordText}${guess ? ` (did you mean ${guess}?)` : ''}`,
        guess
          ? `Docker has no ${instruction.keywordText} instruction; did you mean ${guess}?`
          : `Docker has no ${instruction.keywordText} instruction. Every line must start with an instruction such as FROM, RUN or COPY.`,
        instruction.keywordRange,
      ),
    ];
  }
  // Made only when there is a problem: this runs for every instruction on every keystroke.
  let problems: Diagnostic[] | null = null;
  // BuildKit reads the flags in order and stops at the first it refuses.
  const flagError = flagProblem(instruction, allowed, facts) ?? mountProblem(instruction);
  if (flagError) (problems ??= []).push(flagError);
  if (instruction.keyword === 'ONBUILD') {
    const trigger = instruction.words[0];
    const name = trigger?.value.toUpperCase();
    if (trigger && (name === 'ONBUILD' || name === 'FROM' || name === 'MAINTAINER')) {
      (problems ??= []).push(
        diagnostic(
          'onbuild-trigger-not-allowed',
          'error',
          name === 'ONBUILD' ? "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed" : `${name} isn't allowed as an ONBUILD trigger`,
          'ONBUILD registers an instruction to run in images built FROM this one; FROM, MAINTAINER and ONBUILD itself cannot be registered.',
          instruction.range,
        ),
      );
    }
  }
  // A JSON array holding a non-string (e.g. a bare number) is an error, not shell form.
  // An exec-form instruction (json set by the parser from the same text) is an array of strings.
  if (instruction.json === null && instruction.argsText.startsWith('[') && parseJsonArgs(instruction.argsText).kind === 'not-strings') {
    (problems ??= []).push(
      diagnostic(
        'json-not-strings',
        'error',
        'when using JSON array syntax, arrays must be comprised of strings only',
        'Quote every element of the exec-form array, e.g. ["node", "server.js", "3000"].',
        instruction.argsRange,
      ),
    );
  }
  return problems ?? NONE;
}

/** RUN --mount from=$VAR: refused while parsing (the other mount options are read later). */
function mountProblem(instruction: ParsedInstruction): Diagnostic | null {
  if (instruction.keyword !== 'RUN') return null;
  for (const flag of instruction.flags) {
    if (flag.name !== 'mount') continue;
    const problem = mountParseProblem(flag);
    if (problem) return problem;
  }
  return null;
}
