// The project's own Dockerfile (repository root), checked with the project's own analyzer:
// every target builds on BuildKit with no error and no warning, given the .dockerignore; the
// stages each target runs are the ones the file's comments promise; compose.yaml builds only
// targets that exist; and the nginx configuration the production image uses carries the
// site's security headers.
//
// own-dockerfile-recorded.test.ts holds the same file to real builds on Docker 26.1 and 28.5.

import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { imageInstructions } from '../../src/analyzer/rules/support/stage-chain.ts';
import { isolatedLocationPattern, RUNNER_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../src/security-headers.ts';
import { nginxConf, NGINX_PORT } from '../../scripts/nginx-conf.ts';

const root = new URL('../../', import.meta.url);
const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8');
const dockerignore = readFileSync(new URL('.dockerignore', root), 'utf8');
const compose = load(readFileSync(new URL('compose.yaml', root), 'utf8')) as {
  services: Record<string, { build?: { context?: string; target?: string }; image?: string }>;
};
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { dependencies: Record<string, string> };

const stagesRun = (target: string | null, builder: 'buildkit' | 'classic' = 'buildkit') => {
  const analysis = analyze(dockerfile, { target, builder, dockerignore });
  return analysis.plan.stages.map((index) => analysis.stages[index]?.name);
};

describe('the project Dockerfile', () => {
  const stageNames = analyze(dockerfile, { dockerignore }).stages.map((stage) => stage.name);

  it('has the development, test and production targets, production last (the default)', () => {
    expect(stageNames).toEqual(['base', 'deps', 'build-deps', 'development', 'test', 'build', 'production']);
    expect(stageNames.at(-1)).toBe('production');
  });

  for (const target of [null, 'development', 'test', 'production', 'base', 'deps', 'build-deps', 'build']) {
    it(`${target === null ? 'the default target' : `--target ${target}`} builds on BuildKit with no error and no warning`, () => {
      const analysis = analyze(dockerfile, { target, builder: 'buildkit', dockerignore });
      const found = analysis.diagnostics.map((d) => `${d.severity} ${d.id} (line ${d.range.start.line}): ${d.message}`);
      expect(analysis.plan.fails, found.join('\n')).toBe(false);
      // Not even an info-level note: if one appears, justify it here or fix the file.
      expect(found).toEqual([]);
    });
  }

  it('runs only what each target needs on BuildKit: the tests never run for production', () => {
    expect(stagesRun('development')).toEqual(['base', 'deps', 'development']);
    expect(stagesRun('test')).toEqual(['base', 'deps', 'test']);
    // The production build installs `dependencies` only (build-deps: npm ci --omit=dev): the
    // devDependencies (Vitest, Playwright…) are never installed for it.
    expect(stagesRun(null)).toEqual(['base', 'build-deps', 'build', 'production']);
    expect(stagesRun('production')).toEqual(['base', 'build-deps', 'build', 'production']);
  });

  it('installs every dependency for development and tests, only `dependencies` for the site build', () => {
    const runs = (stage: string) =>
      analyze(dockerfile)
        .stages.find((s) => s.name === stage)!
        .instructions.filter((i) => i.keyword === 'RUN')
        .map((i) => i.argsText);
    expect(runs('deps')).toEqual([expect.stringMatching(/\bnpm ci --no-audit --no-fund$/)]);
    expect(runs('build-deps')).toEqual([expect.stringMatching(/\bnpm ci --omit=dev --no-audit --no-fund$/)]);
  });

  it('has no `# syntax=` directive: BuildKit would have to pull the frontend image from a registry first', () => {
    expect(analyze(dockerfile).directives.map((d) => d.name.toLowerCase())).not.toContain('syntax');
  });

  it('builds the Node stages on Debian (glibc), where the pinned Node from package.json runs, with the same major Node', () => {
    const analysis = analyze(dockerfile, { dockerignore });
    const nodeBases = analysis.stages.filter((stage) => stage.base.kind === 'image' && stage.base.ref.startsWith('node:'));
    expect(nodeBases.map((stage) => stage.name)).toEqual(['base']);
    const ref = nodeBases[0]!.baseText;
    // The `node` package installs a glibc build: on Alpine (musl) npm scripts could not start it.
    expect(ref).not.toMatch(/alpine/);
    expect(ref).toMatch(/^node:\d+-(?:trixie|bookworm)(?:-slim)?$/);
    expect(ref.slice('node:'.length).split('-')[0]).toBe(manifest.dependencies['node']!.replace(/^\D*/, '').split('.')[0]);
  });

  it('is BuildKit-only, as its header says: the classic builder refuses the cache mount', () => {
    const classic = analyze(dockerfile, { builder: 'classic', dockerignore });
    expect(classic.plan.fails).toBe(true);
    expect(classic.diagnostics.filter((d) => d.severity === 'error').map((d) => d.id)).toEqual(['requires-buildkit']);
  });

  it('runs as a non-root user in every target it is built for', () => {
    for (const [target, user] of [
      ['development', 'node'],
      ['test', 'node'],
      ['production', 'nginx'],
    ] as const) {
      const analysis = analyze(dockerfile, { target, dockerignore });
      // The image's instructions: its own stage and the stages it is built FROM.
      const users = imageInstructions(analysis, analysis.target.index).filter((i) => i.keyword === 'USER');
      expect(users.at(-1)?.argsText.trim(), target).toBe(user);
    }
  });

  it('serves the dev server on 0.0.0.0:4321 and nginx on 8080', () => {
    expect(dockerfile).toContain('CMD ["npm", "run", "dev", "--", "--host", "0.0.0.0", "--port", "4321"]');
    expect(dockerfile).toMatch(/EXPOSE 4321\n/);
    expect(dockerfile).toMatch(new RegExp(`EXPOSE ${NGINX_PORT}\\n`));
  });

  it('keeps installed and built files out of the build context', () => {
    const patterns = dockerignore.split('\n').map((line) => line.trim());
    for (const pattern of ['node_modules', 'dist', '.astro', '.git']) expect(patterns).toContain(pattern);
    // The test stage runs this very test, so the files it reads must stay in the context.
    for (const needed of ['Dockerfile', 'compose.yaml', '.dockerignore', 'tests', 'src', 'content']) expect(patterns).not.toContain(needed);
  });
});

describe('compose.yaml', () => {
  it('has a development, a production and a live-room service, and the scaled profile (PostgreSQL, two room servers, a balancer)', () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      'balancer',
      'development',
      'postgres',
      'production',
      'room-data-owner',
      'rooms',
      'rooms-1',
      'rooms-2',
    ]);
  });

  it('builds only targets that are stages of the Dockerfile', () => {
    const stageNames = new Set(analyze(dockerfile).stages.map((stage) => stage.name));
    // Services built from this Dockerfile; the others run published images (PostgreSQL, nginx).
    const built = Object.entries(compose.services).filter(([, service]) => service.image === undefined);
    expect(built.map(([name]) => name).sort()).toEqual(['development', 'production', 'room-data-owner', 'rooms', 'rooms-1', 'rooms-2']);
    for (const [name, service] of built) {
      expect(service.build?.context, name).toBe('.');
      const target = service.build?.target;
      expect(target, `${name} has no build target`).toBeTypeOf('string');
      expect(stageNames.has(target!.toLowerCase()), `${name}: target "${target}" is not a stage`).toBe(true);
      expect(analyze(dockerfile, { target: target!, dockerignore }).plan.fails).toBe(false);
    }
  });
});

describe('the production image nginx configuration', () => {
  const conf = nginxConf();

  it('sends every security header on pages, on hashed assets and on the stage runner pages', () => {
    for (const [name, value] of SECURITY_HEADERS) {
      const line = `add_header ${name} "${value.replaceAll('"', '\\"')}" always;`;
      // The runner pages have their own policy (src/security-headers.ts: RUNNER_PAGE_HEADERS).
      expect(conf.split(line).length - 1, name).toBe(name === 'Content-Security-Policy' ? 2 : 3);
    }
  });

  it('isolates the stage runner pages (COEP) with their own policy', () => {
    const block = conf.slice(conf.indexOf(`location ~ ${isolatedLocationPattern()} {`));
    expect(block).toContain(`add_header Content-Security-Policy "${RUNNER_CONTENT_SECURITY_POLICY}" always;`);
    expect(block).toContain('add_header Cross-Origin-Embedder-Policy "require-corp" always;');
    expect(conf.split('Cross-Origin-Embedder-Policy').length - 1).toBe(1);
  });

  it('runs unprivileged: a high port, pid and temporary files in /tmp', () => {
    expect(conf).toContain(`listen ${NGINX_PORT};`);
    expect(conf).toContain('pid /tmp/nginx.pid;');
    expect(conf).toContain('client_body_temp_path /tmp/client_temp;');
    expect(conf).not.toMatch(/listen 80;/);
  });

  it('has balanced braces', () => {
    expect(conf.split('{').length).toBe(conf.split('}').length);
  });
});
