// RUN and CMD/ENTRYPOINT lines turned into the commands the runner runs, or the reason it
// cannot. Shell form is read by shell-command.ts; exec form is a JSON array used as is.

import type { Instruction } from '../analyzer/model.ts';
import { checkCommand, knownToolReason } from './node-commands.ts';
import type { CommandWord, PlannedCommand } from './planned-run.ts';
import { literalWord, parseShellCommand } from './shell-command.ts';
import { initWrapperNote, shellFeatureNote } from './step-notes.ts';

export type CommandsResult = { ok: true; commands: PlannedCommand[] } | { ok: false; reason: string };

function literalOf(word: CommandWord): string | null {
  return word.expand ? literalWord(word.text) : word.text;
}

/** Checks one command's words; `cd` only where a chain allows it. */
function toCommand(
  assignments: PlannedCommand['assignments'],
  words: CommandWord[],
  allowCd: boolean,
): { ok: true; command: PlannedCommand } | { ok: false; reason: string } {
  const check = checkCommand(words.map(literalOf));
  if (!check.ok) return check;
  if (check.tool === 'cd' && !allowCd) return { ok: false, reason: '`cd` alone changes nothing (use WORKDIR), so this step is skipped.' };
  return { ok: true, command: { tool: check.tool, assignments, words } };
}

/** A shell-form line: an && chain of Node.js commands (`cd` allowed between them). */
export function shellCommands(text: string): CommandsResult {
  const parsed = parseShellCommand(text);
  if (!parsed.ok) {
    // `apt-get install … && rm -rf /var/lib/apt/lists/*`: what the learner needs to hear is
    // that apt-get cannot run here, not that the line ends with a glob. When the line starts
    // with a command the runner knows by what it is for, that command's reason wins.
    const firstWord = /^\s*([^\s;&|<>()$`'"]+)/.exec(text)?.[1];
    const known = firstWord ? knownToolReason(firstWord) : null;
    return { ok: false, reason: known ?? shellFeatureNote(parsed.feature) };
  }
  const commands: PlannedCommand[] = [];
  for (const shell of parsed.commands) {
    const result = toCommand(
      shell.assignments,
      shell.words.map((text) => ({ text, expand: true })),
      parsed.commands.length > 1,
    );
    if (!result.ok) return result;
    commands.push(result.command);
  }
  return { ok: true, commands };
}

/** An exec-form line (`["npm", "ci"]`). */
export function execCommand(argv: readonly string[]): CommandsResult {
  return wordsCommand(argv.map((text) => ({ text, expand: false })));
}

function wordsCommand(words: CommandWord[]): CommandsResult {
  if (words.length === 0) return { ok: false, reason: 'The command is an empty list, so there is nothing to run.' };
  const result = toCommand([], words, false);
  return result.ok ? { ok: true, commands: [result.command] } : result;
}

/** The commands of a RUN line (heredoc RUN lines are handled by the caller). */
export function runCommands(instruction: Instruction): CommandsResult {
  return instruction.json ? execCommand(instruction.json) : shellCommands(instruction.argsText);
}

/** CMD/ENTRYPOINT as Docker stores it: exec form as is, shell form as `/bin/sh -c <text>`. */
export function configWords(instruction: Instruction): CommandWord[] {
  if (instruction.json) return instruction.json.map((text) => ({ text, expand: false }));
  return ['/bin/sh', '-c', instruction.argsText].map((text) => ({ text, expand: false }));
}

const INIT_WRAPPERS = new Set(['tini', 'tini-static', 'dumb-init']);

function base(name: string | null): string {
  return name === null ? '' : name.slice(name.lastIndexOf('/') + 1);
}

export interface ImageCommand {
  /** ENTRYPOINT followed by CMD (exec form), as Docker starts the container. */
  words: CommandWord[];
  /** The stage's image is a Node.js image whose own ENTRYPOINT (docker-entrypoint.sh) is still in effect. */
  nodeEntrypoint: boolean;
}

/**
 * The command the sandbox starts for an image, or why it cannot: init wrappers (tini,
 * dumb-init) are left out, `sh -c "<line>"` is read as a shell line, and the Node.js
 * images' docker-entrypoint.sh rule applies (`CMD ["server.js"]` runs `node server.js`).
 */
export function startCommand(image: ImageCommand): { ok: true; command: PlannedCommand; notes: string[] } | { ok: false; reason: string } {
  let words = image.words;
  let nodeEntrypoint = image.nodeEntrypoint;
  const notes: string[] = [];
  const wrapper = base(literalOf(words[0] ?? { text: '', expand: false }));
  if (INIT_WRAPPERS.has(wrapper)) {
    notes.push(initWrapperNote(wrapper));
    const values = words.map(literalOf);
    const dashes = values.indexOf('--');
    let rest = dashes >= 0 ? dashes + 1 : 1;
    if (dashes < 0) while (rest < values.length && (values[rest] ?? '').startsWith('-')) rest++;
    words = words.slice(rest);
  } else if (wrapper === 'docker-entrypoint.sh') {
    words = words.slice(1);
    nodeEntrypoint = true;
  }
  const first = literalOf(words[0] ?? { text: '', expand: false });
  if (words.length === 0) return { ok: false, reason: 'the command is empty.' };
  if ((base(first) === 'sh' || base(first) === 'bash') && literalOf(words[1]!) === '-c' && words[2]) {
    const line = literalOf(words[2]);
    if (line === null) return { ok: false, reason: 'the shell line comes from a variable.' };
    const chain = shellCommands(line);
    if (!chain.ok) return { ok: false, reason: lowerFirst(chain.reason) };
    if (chain.commands.length !== 1) return { ok: false, reason: 'the runner starts a single command, not an && chain.' };
    return { ok: true, command: chain.commands[0]!, notes };
  }
  // docker-entrypoint.sh runs `node <args>` when the first word is an option or not a command.
  if (nodeEntrypoint && first !== null && (first.startsWith('-') || /\.[cm]?js$/.test(first))) {
    words = [{ text: 'node', expand: false }, ...words];
    notes.push('The Node.js image runs `node` with these arguments, as its docker-entrypoint.sh does.');
  }
  const result = wordsCommand(words);
  if (!result.ok) return { ok: false, reason: lowerFirst(result.reason) };
  return { ok: true, command: result.commands[0]!, notes };
}

function lowerFirst(sentence: string): string {
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}
