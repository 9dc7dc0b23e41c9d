// "develop.watch beside bind mounts" in content/lessons/local-development-with-compose.mdx, held to
// what Compose 2.40 (Debian's package) did on the engines of shared/oracle: scripts/record-watch.ts
// ran each watch action on the lesson's own files and on tests/fixtures/compose/watch/*.compose.yaml,
// saved files on the host and recorded the container (tests/fixtures/compose/watch/recording.json).
// The versions that introduced each action are from the Compose Develop Specification
// (docker/docs content/reference/compose-file/develop.md), not from a recording.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/index.ts';
import { quiz } from '../../support/quizzes.ts';
import { lessonDockerfile } from '../../support/lesson-dockerfiles.ts';
import { codeBlock, codeBlocks, lessonSource, predictReveal, textBlockStartingWith } from './mdx-source.ts';

const SLUG = 'local-development-with-compose';
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'compose', 'watch');

interface Scenario {
  id: string;
  compose: string;
  command: string;
  ok: boolean;
  stage?: 'up' | 'watch' | 'wait';
  error?: string[];
  edits?: string[];
  before?: string[];
  container?: { recreated: boolean; restarted: boolean; restartCount: number };
  imageChanged?: boolean;
  read?: Record<string, string | null>;
  log?: string[];
  rebuiltSteps?: string[];
}
interface WatchRule {
  path: string;
  action: string;
  target?: string;
  ignore?: string[];
  initial_sync?: boolean;
  exec?: { command: string[] | string | null };
}
interface Service {
  build?: { context?: string; target?: string; network?: string };
  image?: string;
  volumes?: string[];
  ports?: string[];
  depends_on?: unknown;
  develop?: { watch: WatchRule[] };
}

const recording = JSON.parse(readFileSync(join(FIXTURES, 'recording.json'), 'utf8')) as {
  compose: string;
  lessonCompose: { text: string; changes: string[] };
  config: { warnings: string[]; api: Service & { develop: { watch: WatchRule[] } } };
  engines: Array<{ engine: string; buildx: string; scenarios: Scenario[] }>;
};

const source = lessonSource(SLUG);
/** The lesson's prose with its line breaks folded, so a sentence can be found whole. */
const prose = source.replace(/\s+/g, ' ');
const dockerfile = lessonDockerfile(SLUG, 'node-api').text;
const SERVER_V2 = '// v2: saved on the host while watching\nexport const version = 2;\n';

function engine(major: '28' | '26') {
  const found = recording.engines.find((e) => e.engine.startsWith(`${major}.`));
  if (!found) throw new Error(`no recording on Docker ${major}: node scripts/record-watch.ts`);
  return found;
}

function scenario(id: string, major: '28' | '26' = '28'): Scenario {
  const found = engine(major).scenarios.find((s) => s.id === id);
  if (!found) throw new Error(`scenario ${id} is not recorded on Docker ${major}: node scripts/record-watch.ts`);
  return found;
}

/** A scenario that ran to its event on Docker 28.5: what the lesson's claims rest on. */
function ran(id: string): Required<Pick<Scenario, 'container' | 'read' | 'log' | 'rebuiltSteps'>> & Scenario {
  const s = scenario(id);
  expect(s.error ?? [], id).toEqual([]);
  expect(s.ok, id).toBe(true);
  return s as ReturnType<typeof ran>;
}

function fixtureRules(file: string): WatchRule[] {
  const model = yaml.load(readFileSync(join(FIXTURES, file), 'utf8')) as { services: Record<string, Service> };
  return model.services['api']!.develop!.watch;
}

const lessonCompose = (id: string) => yaml.load(codeBlock(SLUG, 'yaml', id)) as { services: Record<string, Service> };

describe('the compose-watch file', () => {
  it('is compose-dev with develop.watch in place of the ./src bind mount', () => {
    const watch = lessonCompose('compose-watch');
    const dev = lessonCompose('compose-dev');
    const { develop, ...api } = watch.services['api']!;
    const { volumes, ...devApi } = dev.services['api']!;
    expect(volumes).toEqual(['./src:/app/src']);
    expect(api).toEqual(devApi);
    expect(watch.services['db']).toEqual(dev.services['db']);
    expect(develop!.watch).toEqual([
      { path: './src', action: 'sync', target: '/app/src' },
      { path: 'package.json', action: 'rebuild' },
      { path: 'package-lock.json', action: 'rebuild' },
    ]);
  });

  it('docker compose config (Compose 2.40) accepts it as the lesson shows it, with no warning, and reads each rule', () => {
    expect(recording.compose).toMatch(/^2\.40\./);
    expect(recording.config.warnings).toEqual([]);
    expect(recording.config.api.build?.target).toBe('dev');
    expect(recording.config.api.develop.watch.map(({ path, action, target }) => ({ path, action, target }))).toEqual([
      { path: '<project>/src', action: 'sync', target: '/app/src' },
      { path: '<project>/package.json', action: 'rebuild', target: undefined },
      { path: '<project>/package-lock.json', action: 'rebuild', target: undefined },
    ]);
  });

  it('syncs src to the dev stage’s WORKDIR/src, and rebuilds on the two files the Dockerfile copies before npm ci', () => {
    const a = analyze(dockerfile, { target: 'dev' });
    const base = a.stages[0]!;
    expect(base.instructions.find((i) => i.keyword === 'WORKDIR')!.argsText).toBe('/app');
    expect(base.instructions.find((i) => i.keyword === 'COPY')!.argsText).toBe('package.json package-lock.json ./');
    const rebuilt = lessonCompose('compose-watch').services['api']!.develop!.watch.filter((r) => r.action === 'rebuild').map((r) => r.path);
    expect(rebuilt).toEqual(['package.json', 'package-lock.json']);
  });

  it('the recordings ran the lesson’s file, changed only where an offline engine needs it', () => {
    const expected = lessonCompose('compose-watch');
    delete expected.services['db'];
    const api = expected.services['api']!;
    delete api.depends_on;
    delete api.ports;
    api.build = { ...api.build, network: 'none' };
    expect(yaml.load(recording.lessonCompose.text)).toEqual(expected);
    expect(recording.lessonCompose.changes).toHaveLength(4);
  });
});

describe('the actions, as recorded on Docker 28.5 with Compose 2.40', () => {
  it('sync copies a saved file to target; the container keeps running, not restarted, on the same image', () => {
    const s = ran('lesson-sync');
    expect(s.command).toBe('docker compose up --watch');
    expect(s.read['/app/src/server.js']).toBe(SERVER_V2);
    expect(s.container).toEqual({ recreated: false, restarted: false, restartCount: 0 });
    expect(s.imageChanged).toBe(false);
    expect(s.rebuiltSteps).toEqual([]);
    expect(prose).toContain('`src/server.js` goes to `/app/src/server.js`. The container keeps running');
  });

  it('up --watch also shows the containers’ logs; watch does not', () => {
    expect(ran('lesson-sync').log).toContain('Attaching to api-1');
    expect(ran('lesson-rebuild').command).toBe('docker compose watch');
    expect(ran('lesson-rebuild').log).not.toContain('Attaching to api-1');
    expect(prose).toContain("`docker compose up --watch` does the same and also shows the containers' logs.");
  });

  it('rebuild builds base and dev again (npm ci with the new package.json, never production) and replaces the container', () => {
    const s = ran('lesson-rebuild');
    expect(s.container.recreated).toBe(true);
    expect(s.imageChanged).toBe(true);
    const stages = new Set(s.rebuiltSteps.map((step) => /^\[([\w-]+) /.exec(step)![1]));
    expect([...stages].sort()).toEqual(['base', 'dev']);
    expect(s.rebuiltSteps).toContain('[dev 1/2] RUN npm ci');
    // The analyzer agrees: target dev runs base and dev.
    const a = analyze(dockerfile, { target: 'dev' });
    expect(a.plan.stages.map((i) => a.stages[i]!.name)).toEqual(['base', 'dev']);
    // The stand-in npm recorded how it ran and the manifest it installed from: the new one.
    expect(s.read['/app/node_modules/.npm-args']).toBe('npm ci\n');
    expect(JSON.parse(s.read['/app/node_modules/.package.json']!).dependencies).toHaveProperty('zod');
    expect(prose).toContain('that is `base` and `dev` again, `npm ci` included, and never `production`');
  });

  it('sync+restart copies, then restarts the same container', () => {
    expect(fixtureRules('sync-restart.compose.yaml')[0]!.action).toBe('sync+restart');
    const s = ran('sync-restart');
    expect(s.container).toMatchObject({ recreated: false, restarted: true });
    expect(s.read['/app/config/settings.json']).toBe('{"greeting":"v2"}\n');
    expect(prose).toContain('copies the files, then restarts the container: the same container, started again');
  });

  it('sync+exec copies, then runs exec.command in the container', () => {
    const [rule] = fixtureRules('sync-exec.compose.yaml');
    expect(rule!.action).toBe('sync+exec');
    expect(rule!.exec!.command).toEqual(['sh', '-c', 'echo reloaded after a sync > /app/reloaded']);
    const s = ran('sync-exec');
    expect(s.read['/app/src/server.js']).toBe(SERVER_V2);
    expect(s.read['/app/reloaded']).toBe('reloaded after a sync\n');
    expect(s.container).toMatchObject({ recreated: false, restarted: false });
  });

  it('restart restarts the container and copies nothing: it keeps the file it was built with', () => {
    expect(fixtureRules('restart.compose.yaml')[0]).toEqual({ path: './config', action: 'restart' });
    const s = ran('restart');
    expect(s.container).toMatchObject({ recreated: false, restarted: true });
    expect(s.read['/app/config/settings.json']).toBe('{"greeting":"v1"}\n');
    expect(prose).toContain('restarts the container and copies nothing: the container keeps the files it had');
  });

  it('every action the lesson names was recorded', () => {
    const section = source.slice(source.indexOf('## develop.watch beside bind mounts'), source.indexOf('## A production override'));
    const named = [...section.matchAll(/^- \*\*`([a-z+]+)`\*\*/gm)].map((m) => m[1]);
    expect(named).toEqual(['sync', 'rebuild', 'sync+restart', 'sync+exec', 'restart']);
    const recorded = new Set([
      ...lessonCompose('compose-watch').services['api']!.develop!.watch.map((r) => r.action),
      ...['sync-restart', 'sync-exec', 'restart'].map((id) => fixtureRules(`${id}.compose.yaml`)[0]!.action),
    ]);
    for (const action of named) expect(recorded, action).toContain(action);
  });
});

describe('ignore and initial_sync', () => {
  it('ignore: a saved src/server.test.js is not copied (one change synced of two saves)', () => {
    // `*.test.js` matches a file at the top of the folder it is read from (.dockerignore syntax), so
    // that it caught src/server.test.js shows the pattern is relative to the rule's path, ./src.
    expect(fixtureRules('ignore.compose.yaml')[0]).toMatchObject({ path: './src', ignore: ['*.test.js'] });
    expect(prose).toContain('written as in `.dockerignore` and relative to the rule\'s `path`');
    const s = ran('ignore');
    expect(s.edits).toEqual(['src/server.test.js', 'src/server.js']);
    expect(s.read['/app/src/server.test.js']).toBeNull();
    expect(s.read['/app/src/server.js']).toBe(SERVER_V2);
    expect(s.log).toContain('Syncing service "api" after 1 changes were detected');
    expect(prose).toContain('With `ignore: ["*.test.js"]`, saving `src/server.test.js` copies nothing.');
  });

  it('the .dockerignore’s patterns apply too: with no ignore, a host node_modules is still not copied', () => {
    expect(fixtureRules('dockerignore.compose.yaml')[0]).toEqual({ path: '.', action: 'sync', target: '/app' });
    expect(codeBlocks(SLUG, 'text').find((b) => /title="\.dockerignore"/.test(b.meta))!.text.split('\n')).toContain('node_modules');
    const s = ran('dockerignore');
    expect(s.read['/app/node_modules/express/index.js']).toBe('express, installed in the image by npm ci\n');
    expect(s.read['/app/src/server.js']).toBe(SERVER_V2);
    expect(prose).toContain('the patterns of the build\'s `.dockerignore` apply too');
  });

  it('initial_sync: true copies a file saved before watching started; without it the file stays old', () => {
    expect(fixtureRules('initial-sync.compose.yaml')[0]!.initial_sync).toBe(true);
    expect(fixtureRules('no-initial-sync.compose.yaml')[0]!.initial_sync).toBeUndefined();
    const on = ran('initial-sync');
    expect(on.before).toEqual(['src/server.js']);
    expect(on.read['/app/src/server.js']).toBe(SERVER_V2);
    const off = ran('no-initial-sync');
    expect(off.before).toEqual(['src/server.js']);
    // Watching did work (a later save arrived), but the earlier one never did.
    expect(off.read['/app/src/routes.js']).toBe('export const routes = [];\n');
    expect(off.read['/app/src/server.js']).toBe(codeBlocks(SLUG, 'js')[0]!.text);
    expect(prose).toContain('a file you save while it is stopped stays as it was in the container, even after you start watching again, unless its rule has `initial_sync: true`');
  });
});

describe('watch beside bind mounts', () => {
  it('prediction compose-watch-node-modules: the image’s node_modules stay under a sync of the whole project', () => {
    const [rule] = fixtureRules('whole-project.compose.yaml');
    expect(rule).toEqual({ path: '.', action: 'sync', target: '/app', ignore: ['node_modules/'] });
    const s = ran('whole-project');
    expect(s.edits).toEqual(['node_modules/express/index.js', 'src/server.js']);
    expect(s.read['/app/node_modules/express/index.js']).toBe('express, installed in the image by npm ci\n');
    expect(s.read['/app/src/server.js']).toBe(SERVER_V2);
    const { options, answer } = predictReveal(SLUG, 'compose-watch-node-modules');
    expect(options[answer]).toBe('The image’s, which npm ci built in the dev stage');
  });

  it('a path both bind-mounted and watched: Compose warns, does not sync it, and the mount delivers the change', () => {
    const s = ran('bind-mount');
    const warning = s.log.find((l) => /also declared by a bind mount volume/.test(l));
    expect(warning).toBe("level=warning msg=\"path '<dir>/src' also declared by a bind mount volume, this path won't be monitored!");
    expect(textBlockStartingWith(source, 'path ')).toEqual([warning!.replace(/^level=warning msg="/, '').replace('<dir>', '/home/you/api')]);
    // Two saves, src then config: only config's was synced; src/server.js is new through the mount.
    expect(s.edits).toEqual(['src/server.js', 'config/settings.json']);
    expect(s.log).toContain('Syncing service "api" after 1 changes were detected');
    expect(s.read['/app/src/server.js']).toBe(SERVER_V2);
    expect(s.read['/app/config/settings.json']).toBe('{"greeting":"v2"}\n');
  });

  it('a path outside the build context syncs', () => {
    expect(fixtureRules('outside-context.compose.yaml')[0]).toEqual({ path: '../shared', action: 'sync', target: '/shared' });
    expect(ran('outside-context').read['/shared/settings.json']).toBe('{"greeting":"v2"}\n');
    expect(prose).toContain("A rule's `path` may lie outside the build context, such as `../shared`");
  });

  it('without a build section: rebuild is refused with the lesson’s message, sync works (on both engines)', () => {
    for (const major of ['28', '26'] as const) {
      const refused = scenario('no-build-rebuild', major);
      expect(refused.ok, major).toBe(false);
      expect(refused.stage).toBe('watch');
      expect(refused.error).toEqual(['can\'t watch service "api" with action rebuild without a build context']);
      expect(scenario('no-build-sync', major).ok, major).toBe(true);
      expect(scenario('no-build-sync', major).read!['/app/src/server.js']).toBe(SERVER_V2);
    }
    expect(textBlockStartingWith(source, "can't watch")).toEqual(scenario('no-build-rebuild').error);
  });

  it('the table says what the recordings showed', () => {
    const rows = Object.fromEntries(
      [...source.matchAll(/^\| ([^|]+?) \| ([^|]+?) \| ([^|]+?) \|$/gm)].map((m) => [m[1], { mount: m[2], watch: m[3] }]),
    );
    expect(rows['What the image had at that path']).toEqual({ mount: 'hidden, `node_modules` included', watch: 'kept' });
    expect(ran('whole-project').read['/app/node_modules/express/index.js']).toMatch(/installed in the image/);
    expect(rows['A changed dependency']!.watch).toBe('`action: rebuild` does it');
    expect(ran('lesson-rebuild').container.recreated).toBe(true);
    expect(rows['When it works']!.watch).toBe('only while `docker compose watch` runs');
    expect(ran('no-initial-sync').read['/app/src/server.js']).not.toBe(SERVER_V2);
  });
});

describe('which Compose, which Docker', () => {
  const callout = /<Callout type="note" title="Which Compose, which Docker">([\s\S]*?)<\/Callout>/.exec(source)![1]!.replace(/\s+/g, ' ');

  it('names the versions recorded: Compose 2.40, Docker 28.5 with buildx 0.29, Docker 26.1 with buildx 0.13', () => {
    expect(engine('28').engine).toMatch(/^28\.5\./);
    expect(engine('28').buildx).toMatch(/^0\.29\./);
    expect(engine('26').engine).toMatch(/^26\.1\./);
    expect(engine('26').buildx).toMatch(/^0\.13\./);
    expect(callout).toContain('Compose 2.40 from Debian\'s packages, on Docker 28.5 with buildx 0.29');
    expect(callout).toContain('Docker 26.1 packages, which come with buildx 0.13');
  });

  it('on Docker 26.1 every built service stops with the buildx message; the image-only one syncs', () => {
    const built = engine('26').scenarios.filter((s) => !s.id.startsWith('no-build'));
    expect(built.map((s) => s.id)).toContain('lesson-rebuild');
    for (const s of built) {
      expect(s.ok, s.id).toBe(false);
      expect(s.error, s.id).toEqual(['compose build requires buildx 0.17 or later']);
    }
    expect(scenario('lesson-rebuild', '26').command).toBe('docker compose watch');
    expect(callout).toContain('`docker compose watch` stops before it builds the `api`, with "compose build requires buildx 0.17 or later"');
    expect(callout).toContain('A service that only runs an image still syncs there.');
  });

  it('every scenario ran on Docker 28.5', () => {
    const failed = engine('28').scenarios.filter((s) => !s.ok && s.id !== 'no-build-rebuild');
    expect(failed.map((s) => `${s.id}: ${s.error?.join(' ')}`)).toEqual([]);
    expect(engine('28').scenarios.map((s) => s.id)).toEqual(engine('26').scenarios.map((s) => s.id));
  });
});

describe('the myth-buster question on watch and node_modules', () => {
  it('answers what the whole-project recording showed', () => {
    const question = quiz('myth-buster').data.questions.find((q) => q.id === 'watch-sync-keeps-node-modules');
    expect(question?.kind).toBe('single');
    if (question?.kind !== 'single') throw new Error('watch-sync-keeps-node-modules is not a single-choice question');
    const correct = question.options.filter((o) => o.correct).map((o) => o.text);
    expect(correct).toEqual(['The image’s, which npm ci built in the dev stage']);
    expect(ran('whole-project').read['/app/node_modules/express/index.js']).toMatch(/installed in the image/);
  });
});
