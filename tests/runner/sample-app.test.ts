// The sample app (tests/fixtures/runner/node-app/) built for real in the Node sandbox: npm ci
// from local tarballs (no network), the build, the production server answering over HTTP,
// and what differs between the development and production targets.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareTargets } from '../../src/runner/compare.ts';
import { runTarget } from '../../src/runner/run-target.ts';
import { createNodeSandbox } from '../../src/runner/sandbox-node.ts';
import type { BuildContext, RunEvent, RunResult, Sandbox } from '../../src/runner/types.ts';
import { BUILD_TEST_TIMEOUT, PROCESS_TEST_TIMEOUT } from '../support/processes.ts';
import { names, recorder, sampleApp, step, text } from './runner-helpers.ts';

let sandbox: Sandbox;
let app: { dockerfile: string; context: BuildContext };
let development: RunResult;
let production: RunResult;
let productionEvents: RunEvent[];
let productionUrl: string;

beforeAll(async () => {
  sandbox = await createNodeSandbox();
  app = await sampleApp();
  const dev = recorder();
  development = await runTarget(sandbox, { ...app, target: 'development' }, dev.onEvent);
  const prod = recorder();
  production = await runTarget(sandbox, { ...app, target: 'production' }, prod.onEvent);
  productionEvents = prod.events;
  productionUrl = (await prod.serverReady()).url;
}, BUILD_TEST_TIMEOUT);

afterAll(async () => {
  await sandbox?.teardown();
}, PROCESS_TEST_TIMEOUT); // stops what still runs: SIGTERM, then SIGKILL after a grace time

describe('production', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('builds: every Node.js step done, apk and USER skipped', () => {
    expect(production.ok).toBe(true);
    expect(production.target).toBe('production');
    expect(production.root).toBe('/stages/production/production');
    const statuses = Object.fromEntries(production.steps.map((s) => [`${s.stageLabel} ${s.text}`, s.status]));
    expect(statuses).toMatchObject({
      'deps RUN npm ci': 'done',
      'build RUN npm run lint && npm run build': 'done',
      'production RUN apk add --no-cache tini': 'skipped',
      'production RUN npm ci --omit=dev': 'done',
      'production COPY --from=build /app/dist ./dist': 'done',
      'production USER node': 'skipped',
      'production CMD ["node", "dist/server.js"]': 'running',
    });
  });

  it('has only the production dependency, and the built output', async () => {
    expect(await names(sandbox, `${production.root}/app/node_modules`)).toEqual(['.package-lock.json', 'greeting']);
    expect(await names(sandbox, `${production.root}/app/dist`)).toEqual(['build.json', 'server.js']);
    expect(await sandbox.exists(`${production.root}/app/src`)).toBe(false);
  });

  it('events: plan first, every step change, server-ready, then done', () => {
    const types = productionEvents.map((e) => e.type);
    expect(types[0]).toBe('plan');
    expect(types.at(-1)).toBe('done');
    expect(types).toContain('server-ready');
    const plan = productionEvents[0] as Extract<RunEvent, { type: 'plan' }>;
    expect(plan.steps.every((s) => s.status === 'pending' || s.status === 'skipped')).toBe(true);
    const npmCi = plan.steps.findIndex((s) => s.text === 'RUN npm ci');
    const changes = productionEvents.filter((e): e is Extract<RunEvent, { type: 'step' }> => e.type === 'step' && e.index === npmCi).map((e) => e.step.status);
    expect(changes).toEqual(['running', 'done']);
    const output = productionEvents.map((e) => (e.type === 'output' ? e.chunk : '')).join('');
    expect(output).toContain('$ npm ci --omit=dev');
    expect(output).toContain('built dist/server.js and dist/build.json');
    expect(output).toMatch(/#\d+ SKIPPED apk installs Alpine packages/);
  });

  it('the server answers with the app text, and its process is the result’s', async () => {
    expect(production.process).not.toBeNull();
    const response = await fetch(productionUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('Hello from the sample app! NODE_ENV=production\n');
  });
});

describe('development', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('builds with every dependency, lint-lite (a devDependency) included', async () => {
    expect(development.ok).toBe(true);
    expect(step(development.steps, 'RUN npm ci').status).toBe('done');
    expect(await names(sandbox, `${development.root}/app/node_modules`)).toEqual(['.bin', '.package-lock.json', 'greeting', 'lint-lite']);
    expect(await text(sandbox, `${development.root}/app/src/server.js`)).toContain("require('greeting')");
  });

  it('started the dev server, with NODE_ENV from ENV', async () => {
    expect(development.process).not.toBeNull();
    expect(step(development.steps, 'CMD ["npm", "run", "dev"]').status).toBe('running');
  });
});

describe('compare targets', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('counts files and bytes, and lists what only one has', async () => {
    const comparison = await compareTargets(sandbox, development, production);
    expect(comparison.a).toMatchObject({ target: 'development', packages: ['greeting', 'lint-lite'] });
    expect(comparison.b).toMatchObject({ target: 'production', packages: ['greeting'] });
    expect(comparison.packagesOnlyIn).toEqual({ a: ['lint-lite'], b: [] });
    expect(comparison.filesOnlyIn).toEqual({
      a: ['app/.dockerignore', 'app/Dockerfile', 'app/scripts/build.js', 'app/src/server.js'],
      b: ['app/dist/build.json', 'app/dist/server.js'],
    });
    expect(comparison.a.files).toBeGreaterThan(comparison.b.files);
    expect(comparison.a.bytes).toBeGreaterThan(comparison.b.bytes);
    // The sizes are the bytes of the files: the production package.json is the context's.
    const packageJson = (await sandbox.readFile(`${production.root}/app/package.json`)).byteLength;
    expect(packageJson).toBe((app.context['package.json'] as Uint8Array).byteLength);
    expect(await compareTargets(sandbox, development, production)).toEqual(comparison);
  });
});

it(
  'the CMD step reports the end of the server when it is stopped',
  async () => {
    const index = production.steps.findIndex((s) => s.text.startsWith('CMD'));
    const changes: string[] = [];
    let stepEnded: () => void = () => {};
    const ended = new Promise<void>((resolve) => (stepEnded = resolve));
    const recorded = recorder();
    const result = await runTarget(
      sandbox,
      { ...app, target: 'production' },
      (event) => {
        recorded.onEvent(event);
        if (event.type !== 'step' || event.index !== index) return;
        changes.push(`${event.step.status}${event.step.reason?.startsWith('Stopped') ? ' (stopped)' : ''}`);
        if (event.step.status !== 'running') stepEnded();
      },
      { rootPrefix: '/stages/production-again' },
    );
    expect(result.root).toBe('/stages/production-again/production');
    await recorded.serverReady();
    result.process!.kill();
    expect([143, 137, 0]).toContain(await result.process!.exit);
    await ended;
    expect(changes).toEqual(['running', 'done (stopped)']);
  },
  BUILD_TEST_TIMEOUT,
);
