// The project's own Dockerfile built and run for real: scripts/record-own-dockerfile.sh built
// every target on Docker 26.1 and 28.5 (../shared/oracle), with Debian stand-ins for the node
// and nginx base images (offline, no registry can give the real ones; the script says how
// they are made), started the images and wrote tests/fixtures/own-dockerfile/recorded.json.
// These tests hold the analyzer, the Dockerfile's promises and compose.yaml to what happened.
// The suite needs no engine; only re-recording does.
//
// The test target runs this very file inside the image; the recording script builds it last,
// with the new recordings of the other targets and the previous ones of the test target.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { SECURITY_HEADERS } from '../../src/security-headers.ts';

const root = new URL('../../', import.meta.url);
const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8');
const dockerignore = readFileSync(new URL('.dockerignore', root), 'utf8');

interface Page {
  status: number;
  headers?: string[];
}
interface Recording {
  engine: string;
  builder: 'buildkit' | 'classic' | 'buildkit-check' | 'run';
  target: string | null;
  ok?: boolean;
  stages?: string[];
  error?: string;
  warnings?: Array<{ rule: string; line: number }>;
  uid?: number;
  pages?: Record<string, Page>;
}
const { records } = JSON.parse(readFileSync(new URL('tests/fixtures/own-dockerfile/recorded.json', root), 'utf8')) as { records: Recording[] };

const ENGINES = ['26.1', '28.5'];
const onEngine = (engine: string) => records.filter((r) => r.engine.startsWith(`${engine}.`));
function recording(engine: string, builder: Recording['builder'], target: string | null): Recording {
  const found = onEngine(engine).filter((r) => r.builder === builder && r.target === target);
  expect(found, `one ${builder} recording of ${target ?? 'the default target'} on ${engine}`).toHaveLength(1);
  return found[0]!;
}

/** The stages the analyzer says a BuildKit build of `target` runs, sorted (BuildKit runs them in parallel). */
const planned = (target: string | null) => {
  const analysis = analyze(dockerfile, { target, builder: 'buildkit', dockerignore });
  return analysis.plan.stages.map((index) => analysis.stages[index]!.name).sort();
};

describe('the project Dockerfile built for real', () => {
  it('was recorded on both engines', () => {
    expect([...new Set(records.map((r) => r.engine.split('.').slice(0, 2).join('.')))].sort()).toEqual(ENGINES);
  });

  describe.each(ENGINES)('on Docker %s', (engine) => {
    it.each([
      ['the default (production)', null],
      ['the development', 'development'],
      ['the test', 'test'],
    ] as const)('BuildKit builds %s target, running the stages the analyzer plans', (_name, target) => {
      const built = recording(engine, 'buildkit', target);
      expect(built.error).toBe('');
      expect(built.ok).toBe(true);
      expect(built.stages).toEqual(planned(target));
    });

    it('the classic builder refuses it at the cache mount, as the analyzer says', () => {
      const classic = recording(engine, 'classic', null);
      expect(classic.ok).toBe(false);
      expect(classic.error).toMatch(/^the --mount option requires BuildKit/);
      const analysis = analyze(dockerfile, { builder: 'classic', dockerignore });
      expect(analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
        expect.stringMatching(/^the --mount option requires BuildKit/),
      ]);
    });

    it('the production image serves the site as nginx (not root), with the security headers, read-only', () => {
      const run = recording(engine, 'run', 'production');
      expect(run.uid).toBe(101);
      const names = SECURITY_HEADERS.map(([name]) => name.toLowerCase());
      const home = run.pages!['/']!;
      expect(home.status).toBe(200);
      expect(home.headers).toEqual(expect.arrayContaining(names));
      // A stage-runner page is cross-origin isolated; a missing page is a 404 with the headers.
      const runner = run.pages!['/lessons/named-stages-and-target/']!;
      expect(runner.status).toBe(200);
      expect(runner.headers).toContain('cross-origin-embedder-policy');
      expect(home.headers).not.toContain('cross-origin-embedder-policy');
      expect(run.pages!['/no-such-page/']).toMatchObject({ status: 404, headers: expect.arrayContaining(names) });
    });

    it('the development image starts the dev server as the node user', () => {
      const run = recording(engine, 'run', 'development');
      expect(run.uid).toBe(1000);
      expect(run.pages!['/']!.status).toBe(200);
    });
  });

  it("passes Docker 28.5's build checks with no warning", () => {
    expect(recording('28.5', 'buildkit-check', null).warnings).toEqual([]);
  });
});
