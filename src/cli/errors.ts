// The one error type the CLI throws on purpose: it ends the run with a one-line message
// on stderr and an exit status, never a stack trace.

export type UsageTopic = 'general' | 'plan' | 'check' | 'run';

export class CliError extends Error {
  /** 2 for usage and input errors. */
  readonly exitCode: number;
  /** Which synopsis to print under the message; null prints none. */
  readonly usage: UsageTopic | null;

  constructor(message: string, usage: UsageTopic | null = 'general', exitCode = 2) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.usage = usage;
  }
}
