// planSteps: the runner's plan without a sandbox (also the browser's dry run): which steps
// run, which are skipped and why, for several Dockerfiles and targets.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { planSteps } from '../../src/runner/plan-from-analysis.ts';
import type { RunStep } from '../../src/runner/types.ts';
import { sampleApp, step } from './runner-helpers.ts';

function plan(dockerfile: string, target: string | null = null, buildArgs: Record<string, string> = {}) {
  return planSteps({ dockerfile, context: {}, target, buildArgs });
}

const statuses = (steps: readonly RunStep[]) => steps.map((s) => `${s.stageLabel}:${s.line} ${s.status}`);

describe('the sample app', () => {
  it('is a Dockerfile the analyzer accepts for every target, without a warning', async () => {
    const { dockerfile } = await sampleApp();
    for (const target of ['base', 'deps', 'build', 'development', 'production']) {
      expect(analyze(dockerfile, { target }).diagnostics).toEqual([]);
    }
  });

  it('production: base, deps, build, production in plan order; apk and USER skipped with reasons', async () => {
    const { dockerfile } = await sampleApp();
    const { steps, error } = plan(dockerfile, 'production');
    expect(error).toBeNull();
    expect([...new Set(steps.map((s) => s.stageLabel))]).toEqual(['base', 'deps', 'build', 'production']);
    expect(step(steps, 'RUN npm ci --omit=dev').status).toBe('pending');
    expect(step(steps, 'RUN npm run lint && npm run build').status).toBe('pending');
    expect(step(steps, 'RUN apk add')).toMatchObject({
      status: 'skipped',
      reason: 'apk installs Alpine packages; the sandbox has no package manager for the operating system, so this step is skipped.',
    });
    expect(step(steps, 'USER node')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^USER changes the user .*one user\.$/) });
    expect(step(steps, 'EXPOSE 3000')).toMatchObject({ status: 'skipped', reason: expect.stringContaining('documents a port') });
    // The CMD starts; tini, the ENTRYPOINT, is left out with a note.
    expect(step(steps, 'CMD ["node", "dist/server.js"]')).toMatchObject({ status: 'pending', reason: expect.stringContaining('tini only forwards signals') });
    expect(steps.every((s) => s.status === 'pending' || s.status === 'skipped')).toBe(true);
  });

  it('development: never the build stage nor production', async () => {
    const { dockerfile } = await sampleApp();
    const { steps } = plan(dockerfile, 'development');
    expect([...new Set(steps.map((s) => s.stageLabel))]).toEqual(['base', 'deps', 'development']);
    expect(step(steps, 'RUN npm ci').status).toBe('pending');
    expect(step(steps, 'CMD ["npm", "run", "dev"]').status).toBe('pending');
  });

  it('steps carry the line and the instruction on one line, flags included', () => {
    const { steps } = plan('FROM node:22 AS app\nRUN --mount=type=cache,target=/root/.npm \\\n    npm ci\n');
    expect(steps[1]).toEqual({
      stage: 0,
      stageLabel: 'app',
      line: 2,
      text: 'RUN --mount=type=cache,target=/root/.npm npm ci',
      status: 'pending',
      reason: 'The cache mount at /root/.npm is not kept between runs: this step runs without a cache.',
    });
  });
});

describe('errors', () => {
  it('an unknown target: Docker’s message, and no steps', () => {
    expect(plan('FROM node:22 AS app\nRUN npm ci\n', 'nope')).toEqual({ steps: [], error: 'target stage "nope" could not be found' });
  });

  it('a COPY --from a later stage (BuildKit refuses it)', () => {
    const { error } = plan('FROM node:22 AS build\nCOPY --from=assets /a /a\nFROM node:22 AS assets\nRUN node -v\n', 'build');
    expect(error).toContain('cannot copy from stage "assets"');
  });
});

describe('what is skipped, and why', () => {
  it('RUN in a stage whose image has no Node.js', () => {
    const { steps } = plan('FROM alpine:3.20 AS tools\nRUN node -v\nCOPY a.txt /a.txt\n');
    expect(step(steps, 'FROM alpine')).toMatchObject({ status: 'pending', reason: expect.stringContaining('alpine:3.20 has no Node.js') });
    expect(step(steps, 'RUN node -v')).toMatchObject({
      status: 'skipped',
      reason: 'This stage starts FROM alpine:3.20, which has no Node.js, so its RUN steps are skipped.',
    });
    expect(step(steps, 'COPY a.txt').status).toBe('pending');
  });

  it('a stage FROM another stage inherits its image (and whether it has Node.js)', () => {
    const { steps } = plan('FROM debian:12 AS os\nFROM os AS app\nRUN npm ci\nFROM node:22-slim AS web\nFROM web\nRUN npm ci\n', 'app');
    expect(step(steps, 'RUN npm ci')).toMatchObject({ status: 'skipped', reason: expect.stringContaining('FROM debian:12') });
    expect(plan('FROM node:22-slim AS web\nFROM web\nRUN npm ci\n').steps.at(-1)!.status).toBe('pending');
  });

  it.each([
    ['RUN apt-get update && apt-get install -y git', /^apt-get installs Debian packages/],
    ['RUN addgroup -S app && adduser -S app -G app', /^addgroup creates an operating-system user/],
    ['RUN chown -R node:node /app', /^chown changes who owns/],
    ['RUN curl -fsSL https://example.com/x.sh', /^curl fetches files from the network/],
    ['RUN pip install -r requirements.txt', /^pip belongs to Python/],
    ['RUN yarn install --frozen-lockfile', /^yarn is not in the sandbox/],
    ['RUN npm install -g npm@latest', /^npm -g installs into the image's global folder/],
    ['RUN npm publish', /^npm publish is not one of the npm commands the runner runs/],
    ['RUN npm ci && rm -rf /tmp/*', /uses a file pattern/],
    ['RUN npm ci && rm -rf /tmp/cache', /^`rm` is not a Node.js command/],
    ['RUN npm run build > build.log', /uses a redirection/],
    ['RUN npm test || true', /uses \|\|/],
    ['RUN cat package.json | node -e "1"', /uses a pipe/],
    ['RUN echo "$(date)"', /uses command substitution/],
    ['RUN npm ci; npm run build', /uses ; \(commands in a row\)/],
    ['RUN cd app', /^`cd` alone changes nothing/],
    ['RUN ["apk", "add", "git"]', /^apk installs Alpine packages/],
    ['RUN <<EOF\nnpm ci\nEOF', /^RUN with a heredoc runs a shell script/],
    ['RUN $TOOL install', /^The command's name comes from a variable/],
  ])('%s', (line, reason) => {
    const run = plan(`FROM node:22\n${line}\n`).steps[1]!;
    expect(run.status).toBe('skipped');
    expect(run.reason).toMatch(reason);
  });

  it.each([
    'RUN npm ci',
    'RUN npm ci --omit=dev && npm cache clean --force',
    'RUN npm install --production',
    'RUN npm --loglevel warn run build',
    'RUN npm prune --omit=dev',
    'RUN npm test',
    'RUN NODE_ENV=production npm run build',
    'RUN cd packages/app && npm ci && node build.js "$MODE"',
    'RUN ["node", "-e", "console.log(1)"]',
    'RUN npx tsc -p .',
    'RUN /usr/local/bin/node -v',
  ])('%s runs', (line) => {
    expect(plan(`FROM node:22\n${line}\n`).steps[1]!).toMatchObject({ status: 'pending' });
  });

  it('metadata instructions are skipped with what they do in Docker', () => {
    const { steps } = plan(
      'FROM node:22\nLABEL a=b\nHEALTHCHECK CMD node -v\nSTOPSIGNAL SIGINT\nSHELL ["/bin/bash", "-c"]\nVOLUME /data\nONBUILD RUN npm ci\n',
    );
    expect(statuses(steps.slice(1))).toEqual([
      'stage 0:2 skipped',
      'stage 0:3 skipped',
      'stage 0:4 skipped',
      'stage 0:5 skipped',
      'stage 0:6 skipped',
      'stage 0:7 skipped',
    ]);
    expect(steps.slice(1).every((s) => s.reason && s.reason.endsWith('.'))).toBe(true);
  });

  it('COPY --from an image, ADD of a URL or an archive', () => {
    const { steps } = plan(
      'FROM node:22\nCOPY --from=nginx:alpine /etc/nginx /etc/nginx\nADD https://example.com/a.tgz /tmp/\nADD vendor.tar.gz /vendor/\nCOPY --chown=node:node a.js /app/\n',
    );
    expect(step(steps, 'COPY --from=nginx')).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('the image nginx:alpine, which the sandbox cannot pull'),
    });
    expect(step(steps, 'ADD https')).toMatchObject({ status: 'skipped', reason: expect.stringContaining('URL or Git repository') });
    expect(step(steps, 'ADD vendor')).toMatchObject({ status: 'skipped', reason: expect.stringContaining('unpacks a local archive') });
    expect(step(steps, 'COPY --chown')).toMatchObject({ status: 'pending', reason: expect.stringContaining('--chown, --chmod) are ignored') });
  });

  it('COPY --parents: Docker refuses the file (a labs flag; recorded in copy-parents), so nothing runs', () => {
    const refused = plan('FROM node:22\nCOPY --parents src/*.js /app/\n');
    expect(refused.steps).toEqual([]);
    expect(refused.error).toBe('unknown flag: --parents');
  });

  it('RUN mounts: bind mounts are copied in, secrets are noted, a mount from an image is skipped', () => {
    const { steps } = plan(
      'FROM node:22\nRUN --mount=type=bind,source=package.json,target=package.json --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\nRUN --mount=type=bind,from=node:20,source=/usr,target=/x node -v\n',
    );
    expect(steps[1]).toMatchObject({
      status: 'pending',
      reason: expect.stringMatching(/^Bind-mounted files are copied in .* The secret mount at \/root\/.npmrc is not provided/),
    });
    expect(steps[2]).toMatchObject({ status: 'skipped', reason: expect.stringContaining('the image node:20') });
  });
});

describe("the image's command", () => {
  it('a command that is not Node.js is skipped with the reason', () => {
    const { steps } = plan(
      'FROM node:22 AS build\nRUN node -v\nFROM nginx:alpine\nCOPY --from=build /app /usr/share/nginx/html\nCMD ["nginx", "-g", "daemon off;"]\n',
    );
    expect(step(steps, 'CMD')).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^The image's command cannot start in the sandbox: it is based on nginx:alpine, which has no Node.js\.$/),
    });
    const inNode = plan('FROM node:22\nCMD ["nginx"]\n').steps[1]!;
    expect(inNode).toMatchObject({ status: 'skipped', reason: expect.stringContaining('`nginx` is not a Node.js command') });
  });

  it('CMD ["server.js"] runs node server.js, as the Node.js images’ entrypoint does', () => {
    expect(plan('FROM node:22\nCMD ["server.js"]\n').steps[1]).toMatchObject({ status: 'pending', reason: expect.stringContaining('docker-entrypoint.sh') });
  });

  it('shell form: one command starts; a chain does not', () => {
    expect(plan('FROM node:22\nCMD node server.js\n').steps[1]!.status).toBe('pending');
    expect(plan('FROM node:22\nCMD npm run migrate && node server.js\n').steps[1]).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('single command'),
    });
  });

  it('an ENTRYPOINT clears the CMD inherited from the base stage; a shell-form ENTRYPOINT ignores CMD', () => {
    const inherited = plan('FROM node:22 AS base\nCMD ["nginx"]\nFROM base\nENTRYPOINT ["node", "server.js"]\n').steps;
    expect(step(inherited, 'CMD').status).toBe('pending'); // Recorded, no longer the image's.
    expect(step(inherited, 'ENTRYPOINT').status).toBe('pending');
    const shell = plan('FROM node:22\nENTRYPOINT node server.js\nCMD ["nginx"]\n').steps;
    expect(step(shell, 'ENTRYPOINT').status).toBe('pending');
    expect(step(shell, 'CMD').status).toBe('pending');
  });
});

it('global ARGs and build args choose the base image', () => {
  const dockerfile = 'ARG BASE=node:22\nFROM ${BASE}\nRUN npm ci\n';
  expect(plan(dockerfile).steps[1]!.status).toBe('pending');
  expect(plan(dockerfile, null, { BASE: 'alpine:3.20' }).steps[1]).toMatchObject({ status: 'skipped', reason: expect.stringContaining('FROM alpine:3.20') });
});

describe('skip reasons name the command before the shell feature', () => {
  it('an apt-get line ending in a glob is skipped because of apt-get', () => {
    const { steps } = planSteps({
      dockerfile: 'FROM node:22-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
      context: {},
    });
    const run = steps.find((step) => step.text.startsWith('RUN'))!;
    expect(run.status).toBe('skipped');
    expect(run.reason).toMatch(/Debian/);
    expect(run.reason).not.toMatch(/file pattern/);
  });

  it('a node line with a glob is still skipped for the glob', () => {
    const { steps } = planSteps({ dockerfile: 'FROM node:22-slim\nRUN node build.js src/*.js\n', context: {} });
    expect(steps.find((step) => step.text.startsWith('RUN'))!.reason).toMatch(/file pattern/);
  });
});
