// Reading the Dockerfile: a path, or `-` for standard input. Problems with the file itself
// (missing, a directory, unreadable, binary) are CliErrors, exit 2; a file that reads as
// text is always analyzed, however malformed.

import { readFile as fsReadFile } from 'node:fs/promises';
import { CliError, type UsageTopic } from './errors.ts';

export type StdinSource = AsyncIterable<string | Uint8Array> | string;
export type ReadFile = (path: string) => Promise<Uint8Array | string>;

export interface DockerfileInput {
  /** The name shown in reports: the path as given, or `<stdin>`. */
  name: string;
  text: string;
}

export const STDIN_NAME = '<stdin>';

export async function readDockerfile(
  file: string,
  stdin: StdinSource,
  readFile: ReadFile = fsReadFile,
  topic: UsageTopic = 'general',
): Promise<DockerfileInput> {
  if (file === '-') return { name: STDIN_NAME, text: await readStdin(stdin) };
  let content: Uint8Array | string;
  try {
    content = await readFile(file);
  } catch (error) {
    // A path that does not exist is a usage mistake (show the synopsis); the rest are about the file.
    const missing = (error as { code?: unknown } | null)?.code === 'ENOENT';
    throw new CliError(describeReadError(file, error), missing ? topic : null);
  }
  return { name: file, text: typeof content === 'string' ? content : decode(content, file) };
}

async function readStdin(stdin: StdinSource): Promise<string> {
  if (typeof stdin === 'string') return stdin;
  const chunks: Uint8Array[] = [];
  try {
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  } catch (error) {
    throw new CliError(`cannot read standard input: ${error instanceof Error ? error.message : String(error)}`, null);
  }
  return decode(Buffer.concat(chunks), STDIN_NAME);
}

/** UTF-8 text (a leading byte-order mark is dropped, as Docker does) or a CliError. */
export function decode(bytes: Uint8Array, name: string): string {
  if (bytes.includes(0)) throw new CliError(`${quote(name)} is a binary file, not a Dockerfile`, null);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${quote(name)} is not UTF-8 text, so it cannot be a Dockerfile`, null);
  }
}

function describeReadError(file: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return `no such file: ${quote(file)}`;
    case 'EISDIR':
      return `${quote(file)} is a directory, not a Dockerfile (did you mean ${quote(file.replace(/\/+$/, '') + '/Dockerfile')}?)`;
    case 'EACCES':
    case 'EPERM':
      return `cannot read ${quote(file)}: permission denied`;
    case 'ENOTDIR':
      return `no such file: ${quote(file)} (a part of the path is not a directory)`;
    default: {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return `cannot read ${quote(file)}: ${reason}`;
    }
  }
}

function quote(name: string): string {
  return name === STDIN_NAME ? name : JSON.stringify(name);
}
