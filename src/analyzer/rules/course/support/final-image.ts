// What runs while an image is built: every command of every RUN in the stage chain
// (inherited stages first), each with the environment it sees — ENV values (inherited
// through FROM <stage>), the stage's ARG values, `export`s earlier in the same RUN and its
// own `NAME=value` prefixes. Files copied with COPY --from bring no commands along.

import { ExpandError, ExpandLimitError, expandWord } from '../../../expand.ts';
import type { Instruction, Stage, Word } from '../../../model.ts';
import { rootImage, stageChain } from '../../support/stage-chain.ts';
import type { RuleContext } from '../../types.ts';
import { parseImage, type ImageName } from './base-images.ts';
import { CommandEnv, EnvLayer } from './command-env.ts';
import { runCommands, type RunCommand } from './run-scripts.ts';

export interface ImageCommand extends RunCommand {
  stage: Stage;
  env: CommandEnv;
}

function expand(raw: string, env: ReadonlyMap<string, string>, escape: string): string | null {
  try {
    return expandWord(raw, env, escape).value;
  } catch (error) {
    if (error instanceof ExpandError || error instanceof ExpandLimitError) return null;
    throw error;
  }
}

/** `ENV A=1 B="two words"` or the legacy `ENV A 1` → pairs, values expanded with `env`. */
export function envPairs(instruction: Instruction, env: ReadonlyMap<string, string>, escape: string): Array<[string, string]> {
  const [first] = instruction.words;
  if (!first) return [];
  if (!first.raw.includes('=')) {
    const value = expand(instruction.argsText.slice(first.raw.length).trim(), env, escape);
    return value === null ? [] : [[first.value, value]];
  }
  const pairs: Array<[string, string]> = [];
  for (const word of instruction.words) {
    const eq = word.raw.indexOf('=');
    if (eq <= 0) continue;
    const value = expand(word.raw.slice(eq + 1), env, escape);
    if (value !== null) pairs.push([word.raw.slice(0, eq), value]);
  }
  return pairs;
}

/** `ARG A=1 B`: values after --build-arg overrides; a bare ARG takes the global value. */
function argPairs(context: RuleContext, instruction: Instruction, env: ReadonlyMap<string, string>): Array<[string, string]> {
  const buildArgs = context.options.buildArgs ?? {};
  const pairs: Array<[string, string]> = [];
  for (const word of instruction.words) {
    const eq = word.raw.indexOf('=');
    const key = eq === -1 ? word.value : word.raw.slice(0, eq);
    const value = Object.hasOwn(buildArgs, key)
      ? buildArgs[key]
      : eq === -1
        ? context.analysis.globalArgs[key]
        : (expand(word.raw.slice(eq + 1), env, context.analysis.escape) ?? undefined);
    if (value !== undefined) pairs.push([key, value]);
  }
  return pairs;
}

const cache = new WeakMap<RuleContext['analysis'], Map<number, ImageCommand[]>>();

/** Every command run while building stage `index`, in order, with its environment. */
export function imageCommands(context: RuleContext, index: number): ImageCommand[] {
  let byStage = cache.get(context.analysis);
  if (!byStage) cache.set(context.analysis, (byStage = new Map()));
  let commands = byStage.get(index);
  if (!commands) byStage.set(index, (commands = readImage(context, index)));
  return commands;
}

function readImage(context: RuleContext, index: number): ImageCommand[] {
  const commands: ImageCommand[] = [];
  let envs = EnvLayer.EMPTY;
  for (const stage of stageChain(context.analysis, index)) {
    // ARG values are scoped to the stage that declares them; ENV values are inherited.
    let args = EnvLayer.EMPTY;
    const instructions = stage.instructions;
    for (let i = 1; i < instructions.length; i++) {
      const instruction = instructions[i]!;
      // What `new Map([...args, ...envs])` held, without copying it (command-env.ts).
      const visible = new CommandEnv([args, envs]);
      if (instruction.keyword === 'ENV') {
        for (const [key, value] of envPairs(instruction, visible, context.analysis.escape)) envs = envs.set(key, value);
      } else if (instruction.keyword === 'ARG') {
        for (const [key, value] of argPairs(context, instruction, visible)) args = args.set(key, value);
      } else if (instruction.keyword === 'RUN') {
        let exported = EnvLayer.EMPTY;
        for (const command of runCommands(context, instruction)) {
          const env = visible.with(exported).with(EnvLayer.of(Object.entries(command.assignments)));
          commands.push({ ...command, stage, env });
          if (command.words[0]?.value === 'export') {
            for (const word of command.words.slice(1)) {
              const eq = word.value.indexOf('=');
              if (eq > 0) exported = exported.set(word.value.slice(0, eq), word.value.slice(eq + 1));
            }
          }
        }
      }
    }
  }
  return commands;
}

/** The image stage `index` starts from (null for scratch), and the FROM word that names it
 *  (in the first stage of the chain when the stage is built FROM another stage). */
export function rootBase(context: Pick<RuleContext, 'analysis'>, index: number): { image: ImageName | null; word: Word } | null {
  const word = stageChain(context.analysis, index)[0]?.from.words[0];
  if (!word) return null;
  const ref = rootImage(context.analysis, index);
  return { image: ref === null ? null : parseImage(ref), word };
}
