// A refused path or a file error from the sandbox, as the failed step's reason: the path in
// the image (`/app/out.txt in stage base`), what went wrong in a learner's words, never the
// sandbox's folders on the machine. Docker (26.1 and 28.5, BuildKit and classic) follows a
// symbolic link inside the image when COPY or WORKDIR writes through it; the runner's
// stages live in folders of this machine, so it refuses instead, and says both.

import { errorCode, SandboxError } from './sandbox-errors.ts';
import { StepFailure } from './step-failure.ts';

/** Where a stage's files are in the sandbox, and its name for the learner. */
export interface StageRoot {
  root: string;
  label: string;
}

/** `/app/out.txt in stage base`, or the path as it is when no stage holds it. */
export function whereInImage(path: string, roots: readonly StageRoot[]): string {
  let best: StageRoot | null = null;
  for (const stage of roots) {
    if ((path === stage.root || path.startsWith(`${stage.root}/`)) && (best === null || stage.root.length > best.root.length)) best = stage;
  }
  if (best === null) return 'a file of this build';
  return `${path.slice(best.root.length) || '/'} in stage ${best.label}`;
}

function reason(error: SandboxError, where: string): string {
  switch (error.problem) {
    case 'link':
      return `Writing ${where} would go through a symbolic link an earlier step made. Docker follows it inside the image; the runner never writes through a link, so the build stops here.`;
    case 'outside':
      return `${capital(where)} leads out of the stage through a symbolic link an earlier step made. In Docker an absolute link points inside the image; the runner does not follow a link out of its folder for the stage, so the build stops here.`;
    case 'missing':
      return `${capital(where)} does not exist.`;
    case 'not-a-folder':
      return `${capital(where)} is a file, not a folder, so this step cannot make or use a folder there.`;
    case 'is-a-folder':
      return `${capital(where)} is a folder, so a file cannot be written there.`;
    case 'denied':
      return `This machine did not let the runner use ${where} (permission denied).`;
    case 'no-space':
      return `The disk is full: the runner could not write ${where}.`;
    case 'other':
      return `The runner could not use ${where}.`;
  }
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The step failure for a sandbox's error, or null when the error is something else (a bug). */
export function sandboxFailure(error: unknown, roots: readonly StageRoot[]): StepFailure | null {
  if (error instanceof SandboxError) return new StepFailure(reason(error, whereInImage(error.path, roots)));
  // A file system error of another sandbox (WebContainer's) without a sandbox path.
  const code = errorCode(error);
  if (code !== null && /^E[A-Z]+$/.test(code)) return new StepFailure(`The runner's file system refused this step (${code}).`);
  return null;
}
