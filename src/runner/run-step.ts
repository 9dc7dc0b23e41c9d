// A RUN step: its bind mounts copied in, its commands run one after another in the stage
// (an && chain stops at the first that fails), the mounts removed again.

import { cleanPath, resolvePath, underRoot } from './paths.ts';
import type { BindMount, PlannedCommand } from './planned-run.ts';
import { prepareCommand, waitForExit } from './run-command.ts';
import type { RunIO, StageState } from './run-io.ts';
import { buildEnvironment } from './stage-variables.ts';
import { copyTree, isDirectory } from './sandbox-files.ts';
import { exitMessage, StepFailure, TAIL_CHARS } from './step-failure.ts';

export async function runStep(commands: PlannedCommand[], binds: BindMount[], state: StageState, io: RunIO): Promise<void> {
  const mounted: string[] = [];
  try {
    for (const bind of binds) {
      const path = await mount(bind, state, io);
      if (path) mounted.push(path);
    }
    let cwd = state.workdir;
    const env = buildEnvironment(state.variables);
    for (const command of commands) {
      const prepared = await prepareCommand(command, { sandbox: io.sandbox, root: state.root, env });
      if (command.tool === 'cd') {
        const folder = prepared.words[1] ?? '/';
        const next = resolvePath(cwd, folder);
        if (!(await isDirectory(io.sandbox, underRoot(state.root, next)))) throw new StepFailure(`cd: ${folder} is not a folder in the stage.`);
        cwd = next;
        continue;
      }
      io.say(`$ ${prepared.shown}`);
      await spawnAndWait(command.tool, prepared.args, underRoot(state.root, cwd), prepared.env, prepared.shown, io);
    }
  } finally {
    for (const path of mounted) await io.sandbox.rm(path);
  }
}

/** Copies a bind mount's source in; returns the path to remove after the step, or null. */
async function mount(bind: BindMount, state: StageState, io: RunIO): Promise<string | null> {
  const { sandbox, context } = io;
  const target = underRoot(state.root, resolvePath(state.workdir, bind.target));
  if (await sandbox.exists(target)) {
    io.say(`(the bind mount's target ${bind.target} already exists in the stage: the step uses the files already there)`);
    return null;
  }
  if (bind.fromStage !== null) {
    const from = io.stageRoot(bind.fromStage);
    const source = underRoot(from.root, bind.source);
    if (!(await sandbox.exists(source))) throw new StepFailure(`The bind mount's source ${bind.source} is not in stage ${from.label}.`);
    await copyTree(sandbox, source, target);
    return target;
  }
  const path = cleanPath(`/${bind.source}`).slice(1) || '.';
  const file = context.files.get(path);
  if (file !== undefined) await sandbox.writeFile(target, file);
  else if (path === '.' || context.folders.has(path)) {
    const prefix = path === '.' ? '' : `${path}/`;
    for (const [key, data] of context.files) if (key.startsWith(prefix)) await sandbox.writeFile(`${target}/${key.slice(prefix.length)}`, data);
  } else throw new StepFailure(`The bind mount's source ${bind.source} is not in the build context.`);
  return target;
}

async function spawnAndWait(tool: string, args: string[], cwd: string, env: Record<string, string>, shown: string, io: RunIO): Promise<void> {
  let tail = '';
  const process = await io.sandbox.spawn(tool, args, {
    cwd,
    env,
    onOutput: (chunk) => {
      tail = (tail + chunk).slice(-TAIL_CHARS);
      io.output(chunk);
    },
  });
  const code = await waitForExit(process, io.signal);
  if (code !== 0) throw new StepFailure(exitMessage(shown, code, tail));
}
