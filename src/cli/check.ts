// `stagecraft check`: every diagnostic, all severities, as a report, JSON or SARIF.
// Exit 1 when any is an error.

import { analyze } from '../analyzer/index.ts';
import type { CommandOptions } from './args.ts';
import { checkJson, stringify } from './format-json.ts';
import { sarifLog } from './format-sarif.ts';
import { formatCheck, type Style } from './format-text.ts';
import { packageInfo } from './package-info.ts';
import type { DockerfileInput } from './read-input.ts';

export function checkCommand(input: DockerfileInput, options: CommandOptions, style: Style, cwd: string = process.cwd()): { output: string; exitCode: number } {
  const analysis = analyze(input.text, { target: options.target, builder: options.builder, engine: options.engine, buildArgs: options.buildArgs });
  let output: string;
  if (options.format === 'json') output = stringify(checkJson(analysis));
  else if (options.format === 'sarif') {
    const { version, homepage } = packageInfo();
    output = stringify(sarifLog(analysis, { file: input.name, cwd, version, homepage }));
  } else output = formatCheck(input.name, analysis, style);
  return { output, exitCode: analysis.diagnostics.some((d) => d.severity === 'error') ? 1 : 0 };
}
