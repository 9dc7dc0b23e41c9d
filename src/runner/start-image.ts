// Starting the image's command after the build, with the final stage's working folder and
// ENV (not the ARGs: they are gone once the image is built). runTarget waits until the
// command opens a port, ends, or has had `waitMs`; a command that keeps running reports
// its end later, on its step.

import type { PlannedCommand } from './planned-run.ts';
import { prepareCommand, waitForExit } from './run-command.ts';
import type { RunIO, StageState } from './run-io.ts';
import { underRoot } from './paths.ts';
import { sandboxFailure, type StageRoot } from './sandbox-failure.ts';
import { imageEnvironment } from './stage-variables.ts';
import { exitMessage, StepFailure, TAIL_CHARS } from './step-failure.ts';
import type { RunEvent, SandboxProcess, StepStatus } from './types.ts';

export interface StartIO extends RunIO {
  /** Every stage's folder, for messages about a path. */
  roots: readonly StageRoot[];
  emit(event: RunEvent): void;
  /** Changes the status of the command's step. */
  update(status: StepStatus, reason?: string): void;
}

export async function startImage(
  command: PlannedCommand,
  state: StageState,
  io: StartIO,
  waitMs: number,
): Promise<{ ok: boolean; process: SandboxProcess | null }> {
  const { sandbox } = io;
  let prepared;
  try {
    prepared = await prepareCommand(command, { sandbox, root: state.root, env: imageEnvironment(state.variables) });
  } catch (error) {
    const failure = error instanceof StepFailure ? error : sandboxFailure(error, io.roots);
    if (failure === null) throw error;
    io.update('failed', failure.message);
    return { ok: false, process: null };
  }
  io.say(`Starting the image's command in ${state.workdir}:\n$ ${prepared.shown}`);
  let tail = '';
  // The first port that opens after the start is this command's: listen until then only,
  // so a later run's server is not reported as this one's.
  let ready: (() => void) | null = null;
  const serverReady = new Promise<'ready'>((resolve) => (ready = () => resolve('ready')));
  const stopListening = sandbox.onServerReady((port, url) => {
    stopListening();
    io.emit({ type: 'server-ready', port, url });
    ready?.();
  });
  let spawned: SandboxProcess;
  try {
    spawned = await sandbox.spawn(command.tool, prepared.args, {
      cwd: underRoot(state.root, state.workdir),
      env: prepared.env,
      onOutput: (chunk) => {
        tail = (tail + chunk).slice(-TAIL_CHARS);
        io.output(chunk);
      },
    });
  } catch (error) {
    stopListening();
    const failure = sandboxFailure(error, io.roots);
    if (failure === null) throw error;
    io.update('failed', failure.message);
    return { ok: false, process: null };
  }
  // Stopped through the result's kill() (or the run's signal): an end, not a failure.
  let stopped = false;
  const process: SandboxProcess = {
    exit: spawned.exit,
    kill: () => {
      stopped = true;
      spawned.kill();
    },
  };
  io.update('running');
  const exited = waitForExit(process, io.signal).then((code) => {
    stopListening();
    return code;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<'waiting'>((resolve) => (timer = setTimeout(() => resolve('waiting'), waitMs)));
  const first = await Promise.race([serverReady, exited, waited]);
  clearTimeout(timer);

  const report = (code: number) => {
    if (code === 0) io.update('done', 'The command finished (exit code 0).');
    else if (stopped || io.signal?.aborted) io.update('done', 'Stopped.');
    else if (code === 130 || code === 137 || code === 143) io.update('done', `Stopped by a signal (exit code ${code}).`);
    else io.update('failed', exitMessage(prepared.shown, code, tail));
  };
  if (typeof first === 'number') {
    report(first);
    return { ok: first === 0, process: null };
  }
  if (first === 'waiting') io.say('(the command is still running and has not opened a port yet)');
  void exited.then(report, () => {});
  return { ok: true, process };
}
