// node scripts/record-secrets.ts — where a build's secret ends up, on Docker 26.1 and 28.5, for the
// Dockerfiles of the advanced-builds lesson's secrets section: passed as a build argument, or
// mounted for one RUN (as a file, or as an environment variable with `env=`). Writes
// tests/fixtures/secrets/recording.json; tests/content/lessons/advanced-builds-secrets.test.ts holds
// the lesson to it. Needs both engines of shared/oracle; the test suite never does.
//
// Each engine runs with its own state (ENGINE_STATE=/tmp/stagecraft-secrets-<engine>), where
// `node:22-alpine` is busybox plus a stub `npm` that behaves like an install from a private
// registry: it succeeds only when an .npmrc (in the working directory or /root) holds an auth
// token, and then says so. For each build it records whether it succeeded, whether the install
// was authenticated, and whether the token's value appears in `docker history` of the final
// image and of the `deps` stage's image (`--target deps`).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lessonDockerfile } from '../tests/support/lesson-dockerfiles.ts';
import { docker, installStubs, plainText, serverVersion, startEngine, stopEngine, type Env } from './oracle/engine.ts';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'tests', 'fixtures', 'secrets', 'recording.json');
const LESSON = 'advanced-builds';
const TOKEN = 'npm_s3cr3tT0ken';

const NPM_STUB = `#!/bin/sh
# A stand-in for npm installing from a private registry: it needs an auth token in an .npmrc.
for rc in ./.npmrc /root/.npmrc; do
  if [ -f "$rc" ] && grep -q '_authToken=.' "$rc"; then
    echo NPM-AUTHENTICATED; mkdir -p node_modules/private-pkg; exit 0
  fi
done
echo "npm error code E401: no auth token" >&2
exit 1
`;

/** The lesson's Dockerfiles, each with the secret passed the way its text says. */
const CASES: Array<{ id: string; buildArgs: (dir: string) => string[]; env?: Env }> = [
  { id: 'secret-arg', buildArgs: () => ['--build-arg', `NPM_TOKEN=${TOKEN}`] },
  { id: 'secret-mount', buildArgs: (dir) => ['--secret', `id=npmrc,src=${join(dir, 'user-npmrc')}`] },
  { id: 'secret-env', buildArgs: () => ['--secret', 'id=npm_token,env=NPM_TOKEN'], env: { NPM_TOKEN: TOKEN } },
];

function context(dockerfile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  writeFileSync(join(dir, 'package.json'), '{"name":"shop","private":true}\n');
  writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3}\n');
  writeFileSync(join(dir, 'server.js'), 'console.log("shop")\n');
  // The learner's own ~/.npmrc, passed with --secret src=…; .dockerignore keeps it out of COPY . .
  writeFileSync(join(dir, 'user-npmrc'), `//registry.npmjs.org/:_authToken=${TOKEN}\n`);
  writeFileSync(join(dir, '.dockerignore'), 'user-npmrc\n');
  return dir;
}

/** The lines of `docker history` that show the token's value (none when it stayed secret). */
function historyWithToken(env: Env, image: string, dir: string): string[] {
  const history = docker(env, ['history', '--no-trunc', '--format', '{{.CreatedBy}}', image], dir);
  if (history.status !== 0) throw new Error(`docker history ${image} failed:\n${history.output}`);
  return history.output.split('\n').filter((line) => line.includes(TOKEN));
}

function build(env: Env, dir: string, args: string[], extraEnv: Env, tag: string) {
  const result = docker(env, ['build', '--network=none', '--no-cache', '--progress=plain', '-t', tag, ...args, '.'], dir, extraEnv);
  const text = plainText(result.output);
  const lines = text.split('\n').map((line) => line.trim());
  return {
    ok: result.status === 0,
    authenticated: text.includes('NPM-AUTHENTICATED'),
    error: lines.find((line) => line.startsWith('ERROR: ')) ?? '',
    warnings: lines.filter((line) => /^- \w+: /.test(line)),
    historyWithToken: result.status === 0 ? historyWithToken(env, tag, dir) : null,
  };
}

const engines = [];
for (const engine of ['26', '28'] as const) {
  const state = `/tmp/stagecraft-secrets-${engine}`;
  const env = startEngine(engine, state);
  installStubs(env, 'node:22-alpine', { npm: NPM_STUB });
  const version = serverVersion(env);
  const cases = [];
  for (const { id, buildArgs, env: extraEnv = {} } of CASES) {
    const text = lessonDockerfile(LESSON, id).text;
    const dir = context(text);
    const args = buildArgs(dir);
    const final = build(env, dir, args, extraEnv, `secrets-${id}:final`);
    const deps = build(env, dir, ['--target', 'deps', ...args], extraEnv, `secrets-${id}:deps`);
    cases.push({ id, text, args: args.map((a) => a.replace(dir, '<context>')), final, deps });
    console.log(
      `${version} ${id}: final ok=${final.ok} history lines with the token=${final.historyWithToken?.length}; deps ok=${deps.ok} history lines with the token=${deps.historyWithToken?.length}`,
    );
    rmSync(dir, { recursive: true });
  }
  engines.push({ engine: version, cases });
  stopEngine(state);
}
writeFileSync(OUT, `${JSON.stringify({ lesson: LESSON, token: TOKEN, engines }, null, 2)}\n`);
console.log(`wrote ${OUT}`);
