// ONBUILD triggers: an instruction a stage registers to run at the start of every stage built
// FROM it (only there: a trigger does not pass on to the stages built FROM that one). A
// trigger that reads another stage (`ONBUILD COPY --from=src`, `ONBUILD RUN --mount=…,from=src`)
// makes the stage built FROM it need `src`; the engines treat that differently (engine.ts,
// onbuildAddsDependencies).

import type { Flag, Instruction, Stage } from './model.ts';

/** The instruction an ONBUILD registers, as the stage built FROM its stage runs it: keyword,
 *  flags and words read from the ONBUILD line, positions on that line. Null for an ONBUILD
 *  with nothing after it. */
export function triggerOf(onbuild: Instruction): Instruction | null {
  const [first, ...rest] = onbuild.words;
  if (!first) return null;
  const flags: Flag[] = [];
  let i = 0;
  for (; i < rest.length; i++) {
    const word = rest[i]!;
    if (!word.value.startsWith('--') || word.value === '--') break;
    const eq = word.value.indexOf('=');
    flags.push({ name: eq === -1 ? word.value.slice(2) : word.value.slice(2, eq), value: eq === -1 ? null : word.value.slice(eq + 1), range: word.range });
  }
  if (rest[i]?.value === '--') i++;
  return { ...onbuild, keyword: first.value.toUpperCase(), keywordText: first.value, keywordRange: first.range, flags, words: rest.slice(i) };
}

/** The triggers the stage built FROM `stage` runs first: `stage`'s own ONBUILD lines, in order. */
export function triggersOf(stage: Stage): Instruction[] {
  const triggers: Instruction[] = [];
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== 'ONBUILD') continue;
    const trigger = triggerOf(instruction);
    if (trigger) triggers.push(trigger);
  }
  return triggers;
}
