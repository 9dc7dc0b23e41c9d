// Instruction-level errors that both builders raise while parsing, before any step runs
// (BuildKit's frontend/dockerfile/instructions/parse.go).

import { diagnostic } from './diagnostic.ts';
import type { Diagnostic } from './model.ts';
import type { ParsedInstruction } from './parser/parse.ts';
import { parseJsonArgs } from './parser/json-args.ts';
import { suggest } from './suggest.ts';

/** Flags each instruction accepts in Docker 26.1's built-in Dockerfile frontend. */
const FLAGS: Record<string, readonly string[]> = {
  ADD: ['chown', 'chmod', 'link', 'keep-git-dir', 'checksum', 'exclude'],
  ARG: [],
  CMD: [],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ENTRYPOINT: [],
  ENV: [],
  EXPOSE: [],
  FROM: ['platform'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
  LABEL: [],
  MAINTAINER: [],
  ONBUILD: [],
  RUN: ['mount', 'network', 'security'],
  SHELL: [],
  STOPSIGNAL: [],
  USER: [],
  VOLUME: [],
  WORKDIR: [],
};

export const KNOWN_INSTRUCTIONS: readonly string[] = Object.keys(FLAGS);

/** Flags that may stand alone (`--link`); every other flag needs `=value`. */
const BOOLEAN_FLAGS: ReadonlySet<string> = new Set(['link', 'keep-git-dir', 'parents']);

/** Shared by the (many) instructions without a problem; never added to. */
const NONE: readonly Diagnostic[] = [];

export function checkInstruction(instruction: ParsedInstruction): readonly Diagnostic[] {
  const allowed = FLAGS[instruction.keyword];
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
  for (const flag of instruction.flags) {
    if (allowed.includes(flag.name) && flag.value === null && !BOOLEAN_FLAGS.has(flag.name)) {
      // `COPY --from build /x /y`: BuildKit's flag parser wants `--from=build` and refuses the
      // file (26.1 says "flag: from", 28.5 "flag: --from"); it never reads `build` as the value.
      (problems ??= []).push(
        diagnostic(
          'missing-flag-value',
          'error',
          `missing a value on flag: ${flag.name}`,
          `Write the value after an equals sign, with no space: \`--${flag.name}=<value>\`.`,
          flag.range,
        ),
      );
      continue;
    }
    if (!allowed.includes(flag.name)) {
      (problems ??= []).push(
        diagnostic(
          'unknown-flag',
          'error',
          `unknown flag: ${flag.name}`,
          allowed.length
            ? `${instruction.keyword} accepts ${allowed.map((f) => `--${f}`).join(', ')}.`
            : `${instruction.keyword} takes no --flags.`,
          flag.range,
        ),
      );
    }
  }
  if (instruction.keyword === 'ONBUILD') {
    const trigger = instruction.words[0];
    const name = trigger?.value.toUpperCase();
    if (trigger && (name === 'ONBUILD' || name === 'FROM' || name === 'MAINTAINER')) {
      (problems ??= []).push(
        diagnostic(
          'onbuild-trigger-not-allowed',
          'error',
          name === 'ONBUILD' ? 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed' : `${name} isn't allowed as an ONBUILD trigger`,
          'ONBUILD registers an instruction to run in images built FROM this one; FROM, MAINTAINER and ONBUILD itself cannot be registered.',
          instruction.range,
        ),
      );
    }
  }
  // A JSON array holding a non-string (e.g. a bare number) is an error, not shell form.
  if (instruction.argsText.startsWith('[') && parseJsonArgs(instruction.argsText).kind === 'not-strings') {
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
