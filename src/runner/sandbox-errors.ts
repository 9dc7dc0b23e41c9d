// What a sandbox's file operations throw when they refuse a path or the file system says
// no, in terms the runner can turn into a learner's sentence: the problem, and the sandbox
// path it is about (never the host folder behind it). Plain TypeScript: the browser's
// runner (WebContainer) and the Node sandbox share it.

export type SandboxProblem =
  /** The path leaves the sandbox (`..`, not absolute, or a symlink pointing out of it). */
  | 'outside'
  /** Writing would go through a symbolic link (the sandbox never follows one on write). */
  | 'link'
  /** Nothing is there (or a link that leads nowhere). */
  | 'missing'
  /** A part of the path is a file where a folder is needed. */
  | 'not-a-folder'
  /** A folder is where a file should be written. */
  | 'is-a-folder'
  | 'denied'
  | 'no-space'
  | 'other';

/** A refused path or a failed file operation; `path` is the sandbox path. */
export class SandboxError extends Error {
  override name = 'SandboxError';
  readonly problem: SandboxProblem;
  readonly path: string;

  constructor(problem: SandboxProblem, path: string, message: string) {
    super(message);
    this.problem = problem;
    this.path = path;
  }
}

/** A path the sandbox refuses: outside it, or through a link on write. */
export class SandboxPathError extends SandboxError {
  override name = 'SandboxPathError';

  constructor(message: string, path = '', problem: 'outside' | 'link' = 'outside') {
    super(problem, path, message);
  }
}

const PROBLEM_BY_CODE: Record<string, SandboxProblem> = {
  ENOENT: 'missing',
  ENOTDIR: 'not-a-folder',
  EISDIR: 'is-a-folder',
  EEXIST: 'other',
  ELOOP: 'link',
  EACCES: 'denied',
  EPERM: 'denied',
  ENOSPC: 'no-space',
  EDQUOT: 'no-space',
};

/** A file system error (Node's, WebContainer's) about the sandbox path `path`, without its host path. */
export function sandboxError(error: unknown, path: string): SandboxError {
  if (error instanceof SandboxError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const problem = typeof code === 'string' ? (PROBLEM_BY_CODE[code] ?? 'other') : 'other';
  return new SandboxError(problem, path, `${typeof code === 'string' ? code : 'error'}: ${path}`);
}

/** The error's code (ENOENT …) when it has one. */
export function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}
