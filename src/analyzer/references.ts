// Reading the stage references an instruction makes: COPY --from and RUN --mount from=.

import type { Instruction, Range, Stage } from './model.ts';

export interface StageReference {
  kind: 'copy-from' | 'mount-from';
  /** The value as written after `--from=` / `from=`. */
  text: string;
  range: Range;
  instruction: Instruction;
}

/** `type=bind,from=build,source=/out` → the `from` value (keys are case-insensitive). */
function mountFrom(value: string): string | null {
  for (const field of value.split(',')) {
    const eq = field.indexOf('=');
    if (eq !== -1 && field.slice(0, eq).trim().toLowerCase() === 'from') return field.slice(eq + 1).trim();
  }
  return null;
}

export function referencesOf(instruction: Instruction): StageReference[] {
  const refs: StageReference[] = [];
  for (const flag of instruction.flags) {
    if (instruction.keyword === 'COPY' && flag.name === 'from' && flag.value) {
      refs.push({ kind: 'copy-from', text: flag.value, range: flag.range, instruction });
    } else if (instruction.keyword === 'RUN' && flag.name === 'mount' && flag.value) {
      const from = mountFrom(flag.value);
      if (from) refs.push({ kind: 'mount-from', text: from, range: flag.range, instruction });
    }
  }
  return refs;
}

/** A numeric `--from` (Go's strconv.Atoi accepts an optional sign). */
export function stageIndexOf(text: string): number | null {
  return /^[+-]?\d+$/.test(text) ? Number.parseInt(text, 10) : null;
}

/** The display name Docker uses for a stage in messages: its name, or `stage-N`. */
export function stageLabel(stage: Stage): string {
  return stage.name ?? `stage-${stage.index}`;
}
