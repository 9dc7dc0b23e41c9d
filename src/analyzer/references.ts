// Reading the stage references an instruction makes: COPY --from and RUN --mount from=.

import type { Instruction, Range, Stage } from './model.ts';

export interface StageReference {
  kind: 'copy-from' | 'mount-from';
  /** The value as written after `--from=` / `from=`. */
  text: string;
  /** The whole flag value (`type=bind,from=build,target=/src` for a mount). */
  flagValue: string;
  range: Range;
  instruction: Instruction;
}

/** `type=bind,from=build,source=/out` → the `from` value (keys are case-insensitive). */
function mountFrom(value: string): string | null {
  // Field by field without splitting: most mounts (caches, secrets) have no `from` at all.
  for (let start = 0; start <= value.length;) {
    let comma = value.indexOf(',', start);
    if (comma === -1) comma = value.length;
    const eq = value.indexOf('=', start);
    if (eq !== -1 && eq < comma && value.slice(start, eq).trim().toLowerCase() === 'from') return value.slice(eq + 1, comma).trim();
    start = comma + 1;
  }
  return null;
}

// Not frozen: a frozen array has other element kinds, and loops over it would take a slower path.
const NONE: readonly StageReference[] = [];

/** The references an instruction makes (a shared empty list when it makes none: asked for every instruction). */
export function referencesOf(instruction: Instruction): readonly StageReference[] {
  if (instruction.flags.length === 0 || (instruction.keyword !== 'COPY' && instruction.keyword !== 'RUN')) return NONE;
  const refs: StageReference[] = [];
  for (const flag of instruction.flags) {
    if (instruction.keyword === 'COPY' && flag.name === 'from' && flag.value) {
      refs.push({ kind: 'copy-from', text: flag.value, flagValue: flag.value, range: flag.range, instruction });
    } else if (instruction.keyword === 'RUN' && flag.name === 'mount' && flag.value) {
      const from = mountFrom(flag.value);
      if (from) refs.push({ kind: 'mount-from', text: from, flagValue: flag.value, range: flag.range, instruction });
    }
  }
  return refs;
}

/** A numeric `--from` (Go's strconv.Atoi accepts an optional sign). */
export function stageIndexOf(text: string): number | null {
  // Asked for every --from; most are stage names, which fail on the first character.
  const first = text.charCodeAt(0);
  if (!(first >= 48 && first <= 57) && first !== 43 && first !== 45) return null;
  return /^[+-]?\d+$/.test(text) ? Number.parseInt(text, 10) : null;
}

/** The display name Docker uses for a stage in messages: its name, or `stage-N`. */
export function stageLabel(stage: Stage): string {
  return stage.name ?? `stage-${stage.index}`;
}
