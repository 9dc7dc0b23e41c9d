// Instruction-level errors that both builders raise while parsing, before any step runs
// (BuildKit's frontend/dockerfile/instructions/parse.go).

import { diagnostic } from './diagnostic.ts';
import type { Diagnostic } from './model.ts';
import type { ParsedInstruction } from './parser/parse.ts';

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

/** The closest known instruction, for "did you mean" hints (edit distance ≤ 2). */
function suggestion(keyword: string): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const known of KNOWN_INSTRUCTIONS) {
    const d = distance(keyword, known);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

export function checkInstruction(instruction: ParsedInstruction): Diagnostic[] {
  const allowed = FLAGS[instruction.keyword];
  if (!allowed) {
    const guess = suggestion(instruction.keyword);
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
  const problems: Diagnostic[] = [];
  for (const flag of instruction.flags) {
    if (!allowed.includes(flag.name)) {
      problems.push(
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
  if (instruction.jsonNotStrings) {
    problems.push(
      diagnostic(
        'json-not-strings',
        'error',
        'when using JSON array syntax, arrays must be comprised of strings only',
        'Quote every element of the exec-form array, e.g. ["node", "server.js", "3000"].',
        instruction.argsRange,
      ),
    );
  }
  return problems;
}
