// An instruction's --flags as BuildKit's flag parser reads them (frontend/dockerfile/
// instructions/bflag.go), in order, stopping at the first it refuses. Both builders parse the
// file with it, so these are parse errors for every target. The engines word the flag
// differently: `from` on Docker 26.1, `--from` on 28.5 (EngineFacts.flagLabel).

import { diagnostic } from './diagnostic.ts';
import type { EngineFacts } from './engine.ts';
import type { Diagnostic, Flag, Instruction } from './model.ts';

/** Flags that take no value, or `=true` / `=false`. */
const BOOLEAN_FLAGS = new Set(['link', 'keep-git-dir', 'unpack', 'parents']);

/** Flags that may be given more than once (`RUN --mount=… --mount=…`). */
const REPEATABLE_FLAGS = new Set(['mount', 'exclude']);

export function flagProblem(instruction: Instruction, allowed: readonly string[], facts: EngineFacts): Diagnostic | null {
  const flags = instruction.flags;
  if (flags.length === 0) return null;
  let seen: Set<string> | null = null;
  for (const flag of flags) {
    const label = facts.flagLabel(flag.name);
    if (!allowed.includes(flag.name)) {
      return problem(
        'unknown-flag',
        `unknown flag: ${label}`,
        allowed.length
          ? `${instruction.keyword} accepts ${allowed.map((f) => `--${f}`).join(', ')} on ${facts.label}.`
          : `${instruction.keyword} takes no --flags.`,
        flag,
      );
    }
    seen ??= new Set();
    if (seen.has(flag.name) && !REPEATABLE_FLAGS.has(flag.name)) {
      return problem('duplicate-flag', `duplicate flag specified: ${label}`, `Give --${flag.name} once.`, flag);
    }
    seen.add(flag.name);
    if (BOOLEAN_FLAGS.has(flag.name)) {
      if (flag.value === '')
        return problem(
          'flag-missing-value',
          `missing a value on flag: ${label}`,
          `Write --${flag.name} alone, or --${flag.name}=true / --${flag.name}=false.`,
          flag,
        );
      if (flag.value !== null && !/^(true|false)$/i.test(flag.value)) {
        return problem(
          'flag-not-boolean',
          `expecting boolean value for flag ${label}, not: ${flag.value}`,
          `--${flag.name} is on or off: write --${flag.name} alone, or --${flag.name}=true / --${flag.name}=false.`,
          flag,
        );
      }
    } else if (flag.value === null) {
      return problem(
        'flag-missing-value',
        `missing a value on flag: ${label}`,
        `A flag's value follows an equals sign with no space: --${flag.name}=<value>${flag.name === 'from' ? ' (e.g. --from=build)' : ''}. Without the "=", Docker reads no value and takes the next word as an argument.`,
        flag,
      );
    }
  }
  return valueProblem(instruction);
}

/** Flag values both engines refuse while parsing, once every flag is read. */
function valueProblem(instruction: Instruction): Diagnostic | null {
  for (const flag of instruction.flags) {
    const value = flag.value ?? '';
    if (instruction.keyword === 'RUN' && flag.name === 'network' && !['default', 'none', 'host'].includes(value)) {
      return problem('invalid-network-mode', `invalid network mode ${JSON.stringify(value)}`, 'RUN --network takes default, none or host.', flag);
    }
    if (instruction.keyword === 'HEALTHCHECK' && flag.name === 'retries' && value !== '') {
      if (!/^[+-]?\d+$/.test(value))
        return problem(
          'invalid-retries',
          `strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`,
          '--retries takes a whole number, e.g. --retries=3.',
          flag,
        );
      if (Number(value) < 0)
        return problem(
          'invalid-retries',
          `--retries cannot be negative (${Number(value)})`,
          '--retries takes a whole number of 0 or more, e.g. --retries=3.',
          flag,
        );
    }
  }
  return null;
}

function problem(id: string, message: string, hint: string, flag: Flag): Diagnostic {
  return diagnostic(id, 'error', message, hint, flag.range);
}

/** Docker 28.5's BuildKit reads `--chmod` as an octal mode up to 07777 or a symbolic mode
 *  (`u+x`, `a=rwx,g-w`) when it converts the COPY; 26.1's ignores a value it cannot read. */
export function chmodProblem(flag: Flag): Diagnostic | null {
  const value = flag.value ?? '';
  // BuildKit expands --chmod with the stage's variables before it reads the mode (and an
  // empty result is no mode at all), so a value with a variable is not judged here: the
  // undefined-var check reports an unset one.
  if (value === '' || value.includes('$')) return null;
  const hint = 'Give --chmod an octal mode such as 0755 or 644 (at most 07777), or a symbolic one such as u+x or a=rX.';
  if (/^[0-7]+$/.test(value) ? Number.parseInt(value, 8) > 0o7777 : /^\d/.test(value)) {
    return problem('invalid-chmod', `invalid chmod parameter: '${value}'. it should be octal string and between 0 and 07777`, hint, flag);
  }
  if (/^[0-7]+$/.test(value) || SYMBOLIC_MODE.test(value)) return null;
  return problem('invalid-chmod', 'invalid syntax', hint, flag);
}

/** chmod(1)'s symbolic modes: clauses like `ug+rx` or `o=u`, separated by commas. */
const SYMBOLIC_MODE = /^[ugoa]*(?:[-+=](?:[rwxXst]*|[ugo]))+(?:,[ugoa]*(?:[-+=](?:[rwxXst]*|[ugo]))+)*$/;
