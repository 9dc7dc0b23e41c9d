// ONBUILD triggers as BuildKit's build checks see them (recorded on Docker 28.5): a stage built
// FROM another stage first runs that stage's ONBUILD instructions, so their checks (an
// undefined variable, a shell-form CMD, a secret in ENV …) are reported in the child, on its
// FROM line. When several stages are built FROM the same one, Docker reports the triggers'
// checks once, on the FROM line of the last of them it lints; each child still gets what
// the triggers define (ENV, ARG, WORKDIR).

import type { Instruction, Position, Range, Stage } from '../../../model.ts';
import { parse } from '../../../parser/parse.ts';
import { SourceMap } from '../../../source.ts';
import { instructionsWith } from '../../support/instruction-index.ts';
import { memo } from '../../support/memo.ts';
import type { RuleContext } from '../../types.ts';
import { lintedStages } from './variables.ts';

export interface TriggerOrigin {
  /** The ONBUILD line that registers the trigger. */
  onbuild: Instruction;
  /** The FROM line Docker reports the trigger's checks on. */
  reportAt: Instruction;
}

interface Triggers {
  /** By parent stage index: the instructions its ONBUILD lines register. */
  byParent: Map<number, Instruction[]>;
  /** By parent stage index: the child stage whose dispatch reports the triggers' checks. */
  reportingChild: Map<number, number>;
  origins: WeakMap<Instruction, TriggerOrigin>;
}

/** Every position of `instruction`, each once (the parser shares one Position between the
 *  ranges that start or end at the same offset). */
function positionsOf(instruction: Instruction): Set<Position> {
  const positions = new Set<Position>();
  const add = (range: Range): void => {
    positions.add(range.start);
    positions.add(range.end);
  };
  for (const range of [instruction.range, instruction.keywordRange, instruction.argsRange]) add(range);
  for (const item of [...instruction.words, ...instruction.flags, ...instruction.heredocs]) add(item.range);
  return positions;
}

/**
 * The trigger of `onbuild`, parsed as Docker parses it, with positions in the file. Only the
 * trigger's own text is parsed (after an escape directive when the file has one, and spaces
 * up to its column), then its positions are moved to where it is: a file full of ONBUILD
 * lines must not be copied once per trigger.
 */
function parseTrigger(text: string, escape: string, onbuild: Instruction): Instruction | undefined {
  const start = onbuild.keywordRange.end;
  const directive = escape === '\\' ? '' : `# escape=${escape}\n`;
  const mini = `${directive}${' '.repeat(start.column - 1)}${text.slice(start.offset, onbuild.range.end.offset)}`;
  const trigger = parse(mini, new SourceMap(mini)).instructions[0];
  if (!trigger) return undefined;
  const lineShift = start.line - (directive ? 2 : 1);
  const offsetShift = start.offset - (start.column - 1) - directive.length;
  for (const position of positionsOf(trigger)) {
    position.line += lineShift;
    position.offset += offsetShift;
  }
  return trigger;
}

function triggersOf(context: RuleContext): Triggers {
  return memo(context, 'onbuild-triggers', (): Triggers => {
    const { analysis, text } = context;
    const linted = lintedStages(context);
    const result: Triggers = { byParent: new Map(), reportingChild: new Map(), origins: new WeakMap() };
    // Most files have no ONBUILD: nothing to look up per stage.
    if (instructionsWith(context, 'ONBUILD').length === 0) return result;
    for (const stage of analysis.stages) {
      if (stage.base.kind === 'stage' && linted.has(stage.index)) result.reportingChild.set(stage.base.index, stage.index);
    }
    if (result.reportingChild.size === 0) return result;
    for (const [parent, child] of result.reportingChild) {
      const onbuilds = analysis.stages[parent]!.instructions.filter((instruction) => instruction.keyword === 'ONBUILD');
      const triggers: Instruction[] = [];
      for (const onbuild of onbuilds) {
        const trigger = parseTrigger(text, analysis.escape, onbuild);
        if (!trigger) continue;
        trigger.stage = child;
        triggers.push(trigger);
        result.origins.set(trigger, { onbuild, reportAt: analysis.stages[child]!.from });
      }
      if (triggers.length > 0) result.byParent.set(parent, triggers);
    }
    return result;
  });
}

const NONE: readonly Instruction[] = [];

/** The ONBUILD triggers `stage` runs before its own instructions (those of the stage it is built FROM). */
export function triggersRunBy(context: RuleContext, stage: Stage): readonly Instruction[] {
  return stage.base.kind === 'stage' ? (triggersOf(context).byParent.get(stage.base.index) ?? NONE) : NONE;
}

/** Whether `stage` is the one whose dispatch reports the checks of the triggers it runs. */
export function reportsTriggers(context: RuleContext, stage: Stage): boolean {
  return stage.base.kind === 'stage' && triggersOf(context).reportingChild.get(stage.base.index) === stage.index;
}

/** Whether any trigger runs in this analysis (most files have none: then no instruction is one). */
export function hasTriggers(context: RuleContext): boolean {
  return triggersOf(context).byParent.size > 0;
}

/** Where a trigger instruction comes from; undefined for the file's own instructions. */
export function triggerOrigin(context: RuleContext, instruction: Instruction): TriggerOrigin | undefined {
  return triggersOf(context).origins.get(instruction);
}
