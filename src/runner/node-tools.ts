// Finding the npm that goes with the Node.js running this process, so the Node sandbox's
// `npm` and `npx` run on the same (pinned) Node as the tests and the CLI, whatever `node`
// and `npm` come first on the machine's PATH. Node-only.

import { existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

export interface NodeTools {
  /** The Node.js executable (process.execPath). */
  node: string;
  /** npm's entry scripts, run with `node`. */
  npmCli: string;
  npxCli: string;
}

/** Where npm may be, most specific first: next to this Node (its own install), the npm
 *  that started this process (npm_execpath), then the `npm` on PATH. */
function npmCandidates(execPath: string, env: Record<string, string | undefined>): string[] {
  const candidates = [
    join(dirname(dirname(execPath)), 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'), // Unix install layout.
    join(dirname(execPath), 'node_modules', 'npm', 'bin', 'npm-cli.js'), // Windows install layout.
  ];
  if (env.npm_execpath?.endsWith('npm-cli.js')) candidates.push(env.npm_execpath);
  for (const folder of (env.PATH ?? '').split(delimiter)) {
    if (folder === '') continue;
    const npm = join(folder, 'npm');
    if (!existsSync(npm)) continue;
    try {
      const real = realpathSync(npm);
      candidates.push(real.endsWith('npm-cli.js') ? real : join(dirname(dirname(real)), 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'));
    } catch {
      // A broken link: try the next folder.
    }
  }
  return candidates;
}

export function findNodeTools(execPath: string = process.execPath, env: Record<string, string | undefined> = process.env): NodeTools {
  for (const npmCli of npmCandidates(execPath, env)) {
    const npxCli = join(dirname(npmCli), 'npx-cli.js');
    if (existsSync(npmCli) && existsSync(npxCli)) return { node: execPath, npmCli, npxCli };
  }
  throw new Error(`cannot find npm for ${execPath}: no npm-cli.js next to it, in npm_execpath or on PATH`);
}
