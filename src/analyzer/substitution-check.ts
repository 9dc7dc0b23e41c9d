// A malformed `${…}` in the words BuildKit expands itself (ENV, ARG, LABEL, WORKDIR, USER,
// COPY/ADD paths …; not RUN, CMD or ENTRYPOINT, which the shell expands): BuildKit refuses it
// when it converts the step, in the stages the target needs; the classic builder when it
// reaches the step. Recorded on Docker 28.5; Docker 26.1's daemon crashes on some of these
// (`${V:%}`), so it is never sent one.

import { diagnostic } from './diagnostic.ts';
import type { EngineFacts } from './engine.ts';
import { ExpandError, expandWord, isLiteral } from './expand.ts';
import type { Diagnostic, Instruction, Word } from './model.ts';

const EXPANDED = new Set(['ENV', 'ARG', 'LABEL', 'WORKDIR', 'USER', 'COPY', 'ADD', 'EXPOSE', 'VOLUME', 'STOPSIGNAL']);
const KEY_VALUE = new Set(['ENV', 'ARG', 'LABEL']);

/** Every name is set (to a non-empty value): only the syntax of the substitution can fail,
 *  not a `${V:?message}` that depends on what the build defines. */
const EVERY_NAME_SET: ReadonlyMap<string, string> = {
  get: () => 'x',
  has: () => true,
} as unknown as ReadonlyMap<string, string>;

/** `buildArgs`: for BuildKit, the --build-arg values (Docker 28.5 does not expand the default
 *  of an ARG one replaces); null for the classic builder, which always does. */
export function substitutionProblem(
  instruction: Instruction,
  escape: string,
  facts: EngineFacts,
  buildArgs: Readonly<Record<string, string>> | null,
): Diagnostic | null {
  if (!EXPANDED.has(instruction.keyword) || instruction.json) return null;
  // Every word is a piece of the arguments: with no `$`, quote or escape character in them,
  // no word has anything to expand (most instructions), so none can fail.
  if (isLiteral(instruction.argsText, escape)) return null;
  for (const word of instruction.words) {
    if (instruction.keyword === 'ARG' && buildArgs && !facts.expandsOverriddenArgDefaults && Object.hasOwn(buildArgs, word.raw.split('=')[0]!)) continue;
    const text = expandedText(instruction.keyword, word);
    if (text === null || isLiteral(text, escape)) continue;
    try {
      expandWord(text, EVERY_NAME_SET, escape);
    } catch (error) {
      if (!(error instanceof ExpandError)) continue;
      return diagnostic(
        'bad-substitution',
        'error',
        `failed to process ${JSON.stringify(text)}: ${error.message}`,
        `Check the \${...} expression: supported forms are \${VAR}, \${VAR:-default}, \${VAR:+alt}, \${VAR:?message}, \${VAR#prefix}, \${VAR%suffix} and \${VAR/from/to}.${facts.crashesOnInvalidModifiers && error.message.includes('unsupported modifier') ? " Docker 26.1's daemon crashes on this modifier instead of reporting it." : ''}`,
        word.range,
      );
    }
  }
  return null;
}

/** The part of a word BuildKit expands: the value of `key=value` for ENV, ARG and LABEL. */
function expandedText(keyword: string, word: Word): string | null {
  if (/^\d*<<-?/.test(word.raw)) return null;
  if (!KEY_VALUE.has(keyword)) return word.raw;
  const eq = word.raw.indexOf('=');
  return eq === -1 ? (keyword === 'ARG' ? null : word.raw) : word.raw.slice(eq + 1);
}

/** Docker 26.1 does not print an "unsupported modifier" error: its daemon dies on the modifier. */
export function withCrashHint(error: Diagnostic, facts: EngineFacts): Diagnostic {
  if (!facts.crashesOnInvalidModifiers || !error.message.includes('unsupported modifier')) return error;
  return { ...error, hint: `${error.hint} Docker 26.1's daemon crashes on this modifier instead of reporting it (the client sees the connection drop).` };
}
