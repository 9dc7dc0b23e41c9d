// One planned command, carried out in the sandbox: its words expanded with the step's
// variables (as the shell would), container paths that exist in the stage turned into the
// paths the process sees, and the process's output streamed.

import { ExpandError, expandWord } from '../analyzer/expand.ts';
import { underRoot } from './paths.ts';
import type { CommandWord, PlannedCommand } from './planned-run.ts';
import { StepFailure } from './step-failure.ts';
import type { Sandbox, SandboxProcess } from './types.ts';

export interface CommandSetting {
  sandbox: Sandbox;
  /** Sandbox path of the stage's root. */
  root: string;
  env: Record<string, string>;
}

/** The word's text after the shell's expansion, with `env` as its variables. */
export function expandCommandWord(word: CommandWord, env: Record<string, string>): string {
  if (!word.expand) return word.text;
  try {
    return expandWord(word.text, new Map(Object.entries(env)), '\\').value;
  } catch (error) {
    if (error instanceof ExpandError) throw new StepFailure(`The shell cannot expand ${word.text}: ${error.message}.`);
    throw error;
  }
}

/** The command's argument list and environment, ready to spawn; `words` are its words
 *  after expansion, before container paths are turned into sandbox paths. */
export async function prepareCommand(
  command: PlannedCommand,
  setting: CommandSetting,
): Promise<{ args: string[]; words: string[]; env: Record<string, string>; shown: string }> {
  const env = { ...setting.env };
  for (const assignment of command.assignments) env[assignment.name] = expandCommandWord({ text: assignment.raw, expand: true }, setting.env);
  const words = command.words.map((word) => expandCommandWord(word, env));
  const args: string[] = [];
  for (const word of words.slice(1)) {
    // `node /app/server.js`: the container path, where the process can find it.
    const inStage = word.startsWith('/') && word.length > 1 ? underRoot(setting.root, word) : null;
    if (inStage && (await setting.sandbox.exists(inStage))) args.push(setting.sandbox.processPath?.(inStage) ?? inStage);
    else args.push(word);
  }
  const prefix = command.assignments.map((a) => `${a.name}=${env[a.name]} `).join('');
  return { args, words, env, shown: `${prefix}${[command.tool, ...words.slice(1)].map(quoteForDisplay).join(' ')}` };
}

function quoteForDisplay(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Waits for the process to end, killing it when `signal` aborts. */
export async function waitForExit(process: SandboxProcess, signal: AbortSignal | undefined): Promise<number> {
  if (!signal) return process.exit;
  if (signal.aborted) process.kill();
  const onAbort = () => process.kill();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await process.exit;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
