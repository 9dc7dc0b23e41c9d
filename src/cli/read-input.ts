// Reading the Dockerfile: a path, or `-` for standard input. Problems with the file itself
// (missing, a directory, unreadable, binary, over MAX_INPUT_BYTES, a FIFO nobody writes
// to) are CliErrors, exit 2; a file that reads as text is always analyzed, however
// malformed. A closed standard input reads as an empty Dockerfile, which is what
// `docker build -f - .` makes of it too (26.1 and 28.5, both builders: "the Dockerfile
// cannot be empty"); the analysis says so, and a note says why it was empty.

import { CliError, type UsageTopic } from './errors.ts';
import { BoundedBytes, readBounded, tooLarge } from './read-bounded.ts';

export type StdinSource = AsyncIterable<string | Uint8Array> | string;
export type ReadFile = (path: string) => Promise<Uint8Array | string>;

export interface DockerfileInput {
  /** The name shown in reports: the path as given, or `<stdin>`. */
  name: string;
  text: string;
  /** A line for stderr about how the input was read, when something is worth saying. */
  note?: string;
}

/** What the CLI knows about its standard input besides its bytes. */
export interface StdinFacts {
  /** fd 0 is /dev/null, as it is when the shell closed it (`<&-`: Node opens /dev/null in its place). */
  devNull?: boolean;
}

export const CLOSED_STDIN_NOTE = 'standard input is closed (or /dev/null), so the Dockerfile read from it is empty; pipe one in, or give its path';

export const STDIN_NAME = '<stdin>';

export async function readDockerfile(
  file: string,
  stdin: StdinSource,
  readFile: ReadFile = readBounded,
  topic: UsageTopic = 'general',
  facts: StdinFacts = {},
): Promise<DockerfileInput> {
  if (file === '-') {
    const text = await readStdin(stdin);
    return text === '' && facts.devNull ? { name: STDIN_NAME, text, note: CLOSED_STDIN_NOTE } : { name: STDIN_NAME, text };
  }
  let content: Uint8Array | string;
  try {
    content = await readFile(file);
  } catch (error) {
    if (error instanceof CliError) throw error;
    // A path that does not exist is a usage mistake (show the synopsis); the rest are about the file.
    const missing = (error as { code?: unknown } | null)?.code === 'ENOENT';
    throw new CliError(describeReadError(file, error), missing ? topic : null);
  }
  return { name: file, text: typeof content === 'string' ? content : decode(content, file) };
}

async function readStdin(stdin: StdinSource): Promise<string> {
  const bytes = new BoundedBytes();
  const chunks = typeof stdin === 'string' ? [stdin] : stdin;
  try {
    // Leaving the loop early ends the stream: nothing past the limit is read.
    for await (const chunk of chunks) {
      if (!bytes.add(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk)) throw tooLarge('standard input', null);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read standard input: ${error instanceof Error ? error.message : String(error)}`, null);
  }
  return decode(bytes.bytes(), STDIN_NAME);
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
