// `stagecraft plan`: which stages the build executes and whether Docker accepts it.
// Exit 0 when the build can start, 1 when the analyzer predicts Docker refuses it.

import { analyze } from '../analyzer/index.ts';
import type { CommandOptions } from './args.ts';
import { planJson, stringify } from './format-json.ts';
import { formatPlan, type Style } from './format-text.ts';
import type { DockerfileInput } from './read-input.ts';

export function planCommand(input: DockerfileInput, options: CommandOptions, style: Style): { output: string; exitCode: number } {
  const analysis = analyze(input.text, { target: options.target, builder: options.builder, engine: options.engine, buildArgs: options.buildArgs });
  const output = options.format === 'json' ? stringify(planJson(analysis, options.target)) : formatPlan(input.name, analysis, style);
  return { output, exitCode: analysis.plan.fails ? 1 : 0 };
}
