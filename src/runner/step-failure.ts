// A step that cannot complete: the run stops there, and the message becomes the step's
// reason (one sentence for the learner, with the exit code and last output when a process failed).

export class StepFailure extends Error {
  override name = 'StepFailure';
}

/** A step the runner cannot carry out but Docker would (found only as it runs, e.g. `ADD $URL`):
 *  the step is skipped with the message as its reason, and the build goes on. */
export class StepSkipped extends Error {
  override name = 'StepSkipped';
}

/** The last lines a failing process printed, for the step's reason. */
export function lastLines(output: string, count = 4): string[] {
  return output
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '') // Terminal colours and cursor moves.
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(-count);
}

/** "`npm run build` exited with code 1. Last output: …", for a step or the image's command. */
export function exitMessage(shown: string, code: number, output: string): string {
  const lines = lastLines(output);
  return `\`${shown}\` exited with code ${code}.${lines.length > 0 ? ` Last output: ${lines.join(' / ')}` : ''}`;
}

/** Output kept per process, for the last lines shown when it fails. */
export const TAIL_CHARS = 4000;
