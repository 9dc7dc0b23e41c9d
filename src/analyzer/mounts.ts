// RUN --mount options as BuildKit reads them (frontend/dockerfile/instructions/
// commands_runmount.go): comma-separated fields, `key=value` or a bare flag word.
// Parsing the file only rejects a variable in `from=`; every other field is read when the
// step is converted, so BuildKit refuses it only in the stages the target needs, and the
// classic builder when it reaches the step (before saying --mount needs BuildKit).

import { diagnostic } from './diagnostic.ts';
import type { EngineFacts } from './engine.ts';
import type { Diagnostic, Flag } from './model.ts';
import { suggest } from './suggest.ts';

export interface MountField {
  key: string;
  value: string | null;
  /** The field as written, for messages. */
  text: string;
}

const TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];

/** The keys BuildKit suggests from when a key is unknown (its own list, in its order). */
const SUGGESTED_KEYS = [
  'type',
  'from',
  'source',
  'target',
  'readonly',
  'id',
  'sharing',
  'required',
  'mode',
  'uid',
  'gid',
  'src',
  'dst',
  'ro',
  'rw',
  'readwrite',
];

/** Every key Docker 26.1 reads; 28.5 adds `env` (a secret exposed as an environment variable). */
const KEYS_26 = new Set([...SUGGESTED_KEYS, 'destination', 'size']);
const KEYS_28 = new Set([...KEYS_26, 'env']);

/** Words that stand alone (`ro`); any other field needs `=`. */
const BARE = new Set(['readonly', 'ro', 'readwrite', 'rw', 'required']);

/** The fields of a --mount value (a CSV record: quotes group commas). */
// Read on every keystroke for every RUN --mount, several times (parse and step checks, stage
// references): each field is copied with slices of its unquoted runs, not a character at a time.
export function mountFields(value: string): MountField[] {
  const fields: MountField[] = [];
  let current = '';
  let run = 0;
  let quoted = false;
  for (let i = 0; i <= value.length; i++) {
    const code = i < value.length ? value.charCodeAt(i) : -1;
    if (code === -1 || (code === 44 /* , */ && !quoted)) {
      current += value.slice(run, i);
      const eq = current.indexOf('=');
      fields.push({ key: (eq === -1 ? current : current.slice(0, eq)).toLowerCase(), value: eq === -1 ? null : current.slice(eq + 1), text: current });
      current = '';
      run = i + 1;
    } else if (code === 34 /* " */) {
      current += value.slice(run, i);
      run = i + 1;
      quoted = !quoted;
    }
  }
  return fields;
}

/** The value of `key` (the last one given), or null. */
export function mountField(value: string, ...keys: string[]): string | null {
  let found: string | null = null;
  for (const field of mountFields(value)) if (keys.includes(field.key) && field.value !== null) found = field.value;
  return found;
}

/** What both builders refuse while parsing the file. */
export function mountParseProblem(flag: Flag): Diagnostic | null {
  for (const field of mountFields(flag.value ?? '')) {
    if (field.key === 'from' && field.value !== null && /\$./.test(field.value)) {
      return diagnostic(
        'mount-from-variable',
        'error',
        "'from' doesn't support variable expansion, define alias stage instead",
        'Name the stage itself in from=. To choose it with a build argument, add a stage `FROM ${VAR} AS alias` (with a global ARG) and mount from=alias.',
        flag.range,
      );
    }
  }
  return null;
}

/** What the engine refuses when it converts the step. */
export function mountStepProblem(flag: Flag, facts: EngineFacts): Diagnostic | null {
  const keys = facts.secretEnvMounts ? KEYS_28 : KEYS_26;
  for (const field of mountFields(flag.value ?? '')) {
    if (field.value === null) {
      if (BARE.has(field.key) || field.text === '') continue;
      return problem(`invalid field '${field.text}' must be a key=value pair`, 'Give the mount option a value, e.g. target=/cache.', flag);
    }
    if (!keys.has(field.key)) {
      const guess = suggest(field.key, facts.secretEnvMounts ? [...SUGGESTED_KEYS, 'env'] : SUGGESTED_KEYS);
      const newer =
        !facts.secretEnvMounts && KEYS_28.has(field.key) ? ` ${field.key}= needs a newer Dockerfile frontend than ${facts.label}'s (Docker 28.5 has it).` : '';
      return problem(
        `unexpected key '${field.key}' in '${field.text}'${guess ? ` (did you mean ${guess}?)` : ''}`,
        `RUN --mount takes type, from, source, target, id, sharing, mode, uid, gid, readonly and required${facts.secretEnvMounts ? ', and env for secrets' : ''}.${newer}`,
        flag,
      );
    }
    if (field.key === 'type' && !TYPES.includes(field.value.toLowerCase())) {
      const guess = suggest(field.value, TYPES);
      return problem(
        `unsupported mount type ${JSON.stringify(field.value)}${guess ? ` (did you mean ${guess}?)` : ''}`,
        `A mount's type is ${TYPES.join(', ')}.`,
        flag,
      );
    }
  }
  return null;
}

function problem(message: string, hint: string, flag: Flag): Diagnostic {
  return diagnostic('invalid-mount', 'error', message, hint, flag.range);
}
