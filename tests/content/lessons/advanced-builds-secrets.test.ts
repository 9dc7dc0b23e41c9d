// "Secrets: a token for one step" in content/lessons/advanced-builds.mdx: where the token ends up
// for each of the section's Dockerfiles, as recorded on Docker 26.1 and 28.5
// (tests/fixtures/secrets/recording.json, scripts/record-secrets.ts), what the analyzer says about
// each, and the cache claim against tests/fixtures/cache/node-secret-changed.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/index.ts';
import type { AnalyzeOptions } from '../../../src/analyzer/model.ts';
import { loadCacheCases } from '../../support/cache-cases.ts';
import { lessonDockerfile } from '../../support/lesson-dockerfiles.ts';
import { lessonSource, textBlockStartingWith } from './mdx-source.ts';

const SLUG = 'advanced-builds';
const section = (() => {
  const source = lessonSource(SLUG);
  return source.slice(source.indexOf('## Secrets: a token for one step'), source.indexOf('## Heredocs'));
})();

interface RecordedBuild {
  ok: boolean;
  authenticated: boolean;
  error: string;
  warnings: string[];
  historyWithToken: string[] | null;
}
interface Recording {
  token: string;
  engines: Array<{ engine: string; cases: Array<{ id: string; text: string; args: string[]; final: RecordedBuild; deps: RecordedBuild }> }>;
}
const recording = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'secrets', 'recording.json'), 'utf8')) as Recording;

function recorded(engine: '26.1' | '28.5', id: string) {
  const found = recording.engines.find((e) => e.engine.startsWith(engine))?.cases.find((c) => c.id === id);
  if (!found) throw new Error(`${id} is not recorded on Docker ${engine}: node scripts/record-secrets.ts`);
  return found;
}

const text = (id: string): string => lessonDockerfile(SLUG, id).text;
const errors = (id: string, options: AnalyzeOptions = {}): string[] =>
  analyze(text(id), options)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => d.message);
const quoted = (first: string): string[] => textBlockStartingWith(section, first);

describe('advanced-builds: secrets', () => {
  it('the recordings are of the Dockerfiles the lesson shows, built the way it says', () => {
    for (const engine of ['26.1', '28.5'] as const) {
      for (const id of ['secret-arg', 'secret-mount', 'secret-env']) expect(recorded(engine, id).text, `${id} on ${engine}`).toBe(text(id));
      expect(recorded(engine, 'secret-arg').args).toEqual(['--build-arg', `NPM_TOKEN=${recording.token}`]);
      expect(recorded(engine, 'secret-mount').args).toEqual(['--secret', 'id=npmrc,src=<context>/user-npmrc']);
      expect(recorded(engine, 'secret-env').args).toEqual(['--secret', 'id=npm_token,env=NPM_TOKEN']);
    }
    expect(quoted('docker build --build-arg')).toEqual([`docker build --build-arg NPM_TOKEN=${recording.token} .`]);
    expect(quoted('docker build --secret')).toEqual(['docker build --secret id=npmrc,src=$HOME/.npmrc .']);
    expect(quoted('NPM_TOKEN=')).toEqual([`NPM_TOKEN=${recording.token} docker build --secret id=npm_token,env=NPM_TOKEN .`]);
  });

  it('a build argument: the install works, the final image’s history is clean, the deps stage’s history shows the token (both engines)', () => {
    for (const engine of ['26.1', '28.5'] as const) {
      const { final, deps } = recorded(engine, 'secret-arg');
      expect(final).toMatchObject({ ok: true, authenticated: true, historyWithToken: [] });
      expect(deps.ok).toBe(true);
      expect(deps.historyWithToken!.some((line) => line.startsWith(`RUN |1 NPM_TOKEN=${recording.token} /bin/sh -c echo`))).toBe(true);
    }
    // The lesson quotes Docker 28.5's history, and says 26.1 shows the RUN line.
    expect(quoted('RUN |1 NPM_TOKEN=')).toEqual(recorded('28.5', 'secret-arg').deps.historyWithToken);
    expect(section).toContain('26.1 shows the `RUN` line');
  });

  it('Docker 28.5 warns with SecretsUsedInArgOrEnv, and so does the course rule, on the ARG line', () => {
    expect(recorded('28.5', 'secret-arg').final.warnings).toEqual(['- SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ARG "NPM_TOKEN") (line 4)']);
    expect(recorded('26.1', 'secret-arg').final.warnings).toEqual([]);
    const finding = analyze(text('secret-arg')).diagnostics.find((d) => d.id === 'secrets-used-in-arg-or-env');
    expect(finding?.range.start.line).toBe(4);
    expect(finding?.sources?.buildkit).toBe('SecretsUsedInArgOrEnv');
    expect(section).toContain('`SecretsUsedInArgOrEnv`');
  });

  it('a secret mount as a file: authenticated on both engines, the token in no history', () => {
    for (const engine of ['26.1', '28.5'] as const) {
      const { final, deps } = recorded(engine, 'secret-mount');
      expect(final, engine).toMatchObject({ ok: true, authenticated: true, historyWithToken: [] });
      expect(deps, engine).toMatchObject({ ok: true, authenticated: true, historyWithToken: [] });
      expect(errors('secret-mount', { engine })).toEqual([]);
    }
  });

  it('env= works on Docker 28.5 and stops Docker 26.1 with the message the lesson quotes; the analyzer agrees', () => {
    expect(recorded('28.5', 'secret-env').final).toMatchObject({ ok: true, authenticated: true, historyWithToken: [] });
    expect(recorded('28.5', 'secret-env').deps).toMatchObject({ ok: true, authenticated: true, historyWithToken: [] });
    const old = recorded('26.1', 'secret-env').final;
    expect(old).toMatchObject({ ok: false, authenticated: false });
    const [message] = quoted("unexpected key 'env'");
    expect(old.error).toBe(`ERROR: failed to solve: ${message}`);
    expect(errors('secret-env', { engine: '26.1' })).toEqual([message]);
    expect(errors('secret-env', { engine: '28.5' })).toEqual([]);
  });

  it('the classic builder refuses every secret mount (requires-buildkit), and builds the build-argument version', () => {
    for (const id of ['secret-mount', 'secret-env']) {
      const ids = analyze(text(id), { builder: 'classic', engine: '28.5' }).diagnostics.filter((d) => d.severity === 'error').map((d) => d.id);
      expect(ids, id).toEqual(['requires-buildkit']);
    }
    expect(errors('secret-arg', { builder: 'classic' })).toEqual([]);
  });

  it('a new token leaves the secret-mount install cached, on both engines (cache recording node-secret-changed)', () => {
    const secretCase = loadCacheCases().find((c) => c.name === 'node-secret-changed')!;
    expect(secretCase.case.change.secrets).toBeDefined();
    for (const engine of ['26.1', '28.5']) {
      const install = secretCase.recordings[engine]!.buildkit.second.steps.find((step) => step.text.includes('--mount=type=secret'));
      expect(install?.cached, engine).toBe(true);
    }
    expect(section).toContain('a new token leaves `npm ci` cached');
  });
});
