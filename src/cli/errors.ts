// The one error type the CLI throws on purpose: it ends the run with a one-line message
// on stderr and an exit status, never a stack trace.

export type UsageTopic = 'general' | 'plan' | 'check' | 'run';

export class CliError extends Error {
  /** 2 for usage and input errors. */
  readonly exitCode: number;
  /** Which synopsis to print under the message; null prints none. */
  readonly usage: UsageTopic | null;
  /** Lines of the CLI's own (trusted) text printed as they are under the message, such as a
   *  command's synopsis; the message itself is printed on one line with its line breaks
   *  escaped, since it may quote a file name or a Dockerfile. */
  readonly details: string | null;

  constructor(message: string, usage: UsageTopic | null = 'general', exitCode = 2, details: string | null = null) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.usage = usage;
    this.details = details;
  }
}
