// `stagecraft check`: every diagnostic, all severities. Exit 1 when any is an error.

import { analyze } from '../analyzer/index.ts';
import type { CommandOptions } from './args.ts';
import { checkJson, stringify } from './format-json.ts';
import { formatCheck, type Style } from './format-text.ts';
import type { DockerfileInput } from './read-input.ts';

export function checkCommand(input: DockerfileInput, options: CommandOptions, style: Style): { output: string; exitCode: number } {
  const analysis = analyze(input.text, { target: options.target, builder: options.builder, buildArgs: options.buildArgs });
  const output = options.json ? stringify(checkJson(analysis)) : formatCheck(input.name, analysis, style);
  return { output, exitCode: analysis.diagnostics.some((d) => d.severity === 'error') ? 1 : 0 };
}
