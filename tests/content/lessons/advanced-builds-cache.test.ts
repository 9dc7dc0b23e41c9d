// "Order the Dockerfile for the cache" in content/lessons/advanced-builds.mdx: every claim of the
// section, checked with the cache model (src/analyzer/cache) on the lesson's own Dockerfiles, on
// both builders and both engines. The model itself is checked against real builds in
// tests/analyzer/cache-recordings.test.ts; the general claims are checked here against those
// recordings directly too (cases named in each test).

import { describe, expect, it } from 'vitest';
import { CACHE_ENGINES, predictCache, type CacheInput, type CachePrediction } from '../../../src/analyzer/cache/index.ts';
import type { Builder } from '../../../src/analyzer/index.ts';
import { loadCacheCases } from '../../support/cache-cases.ts';
import { lessonDockerfile } from '../../support/lesson-dockerfiles.ts';
import { lessonSource, predictReveal } from './mdx-source.ts';

const SLUG = 'advanced-builds';
const BUILDERS: Builder[] = ['buildkit', 'classic'];

function dockerfile(id: string): string {
  return lessonDockerfile(SLUG, id).text;
}

/** The section's text, as the learner reads it (one line per paragraph line). */
function section(): string {
  const source = lessonSource(SLUG);
  return source.slice(source.indexOf('## Order the Dockerfile for the cache'), source.indexOf('## Cache mounts'));
}

/** The prediction on every builder and engine. */
function everywhere(input: Omit<CacheInput, 'builder' | 'engine'>): Array<{ label: string; prediction: CachePrediction }> {
  return BUILDERS.flatMap((builder) => CACHE_ENGINES.map((engine) => ({ label: `${builder} ${engine}`, prediction: predictCache({ ...input, builder, engine }) })));
}

/** The instructions (first lines) that run again, leaving out settings lines the classic builder also re-runs. */
function rerun(prediction: CachePrediction, { settings = false } = {}): string[] {
  return prediction.steps.filter((s) => !s.cached && (settings || ['FROM', 'WORKDIR', 'COPY', 'ADD', 'RUN'].includes(s.keyword))).map((s) => s.text);
}

const NODE_CONTEXT = ['Dockerfile', 'package.json', 'package-lock.json', 'src/server.js', 'src/routes.ts'];

describe('the cache rule the section starts from', () => {
  it('says it, and says that what comes after a step that runs again runs again too', () => {
    expect(section()).toContain('Once one step has to run again, every step after it in the stage runs again too.');
  });

  // Recorded: every case in tests/fixtures/cache, on 26.1 and 28.5, both builders.
  it('holds in every recorded build: after the first step of a stage that ran, every later step of the stage ran', () => {
    let checked = 0;
    for (const loaded of loadCacheCases()) {
      for (const [series, recording] of Object.entries(loaded.recordings)) {
        const buildkit = recording.buildkit.second.steps;
        const byStage = new Map<string, boolean[]>();
        for (const step of buildkit) if (step.step > 1) byStage.set(step.stage ?? '', [...(byStage.get(step.stage ?? '') ?? []), step.cached]);
        const classic: boolean[][] = [];
        for (const step of recording.classic.second.steps) {
          if (/^FROM /i.test(step.text)) classic.push([]);
          else classic.at(-1)?.push(step.cached);
        }
        for (const [stage, cached] of [...[...byStage].map(([s, c]) => [`buildkit ${s}`, c] as const), ...classic.map((c, i) => [`classic stage ${i}`, c] as const)]) {
          const first = cached.indexOf(false);
          if (first === -1) continue;
          expect(cached.slice(first).every((c) => !c), `${loaded.name} ${series} ${stage}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('the engines', () => {
  // Recorded: every case in tests/fixtures/cache, on 26.1 and 28.5.
  it('Docker 26.1 and 28.5 took the same steps from the cache in every recorded case, on both builders', () => {
    expect(section()).toContain('Docker 26.1 and 28.5 take the same\nsteps from the cache in everything this section shows.');
    const verdicts = (steps: Array<{ step: number; text: string; cached: boolean }>) => steps.filter((s) => s.step > 1 && !/^FROM /i.test(s.text)).map((s) => `${s.step} ${s.cached}`);
    for (const loaded of loadCacheCases()) {
      const [older, newer] = [loaded.recordings['26.1']!, loaded.recordings['28.5']!];
      for (const builder of BUILDERS) {
        expect(verdicts(newer[builder].second.steps), `${loaded.name} ${builder}`).toEqual(verdicts(older[builder].second.steps));
        expect(newer[builder].second.ok, `${loaded.name} ${builder}`).toBe(older[builder].second.ok);
      }
    }
  });

  it('so the model gives the same answers for both', () => {
    const text = dockerfile('arg-early');
    const [newer, older] = CACHE_ENGINES.map((engine) => predictCache({ dockerfile: text, context: { files: ['go.mod'] }, engine, buildArgs: { VERSION: '2' }, change: { previousBuildArgs: { VERSION: '1' } } }));
    expect(newer!.steps.map((s) => [s.line, s.outcome, s.reason])).toEqual(older!.steps.map((s) => [s.line, s.outcome, s.reason]));
  });
});

describe('copy the manifests before the sources', () => {
  const context = { files: NODE_CONTEXT };

  it('a source edit runs npm ci again only when COPY . . comes first (the PredictReveal)', () => {
    for (const { label, prediction } of everywhere({ dockerfile: dockerfile('cache-order-bad'), context, change: { edited: ['src/routes.ts'] } })) {
      expect(rerun(prediction), label).toEqual(['COPY . .', 'RUN npm ci', 'RUN npm run build']);
    }
    for (const { label, prediction } of everywhere({ dockerfile: dockerfile('cache-order-good'), context, change: { edited: ['src/routes.ts'] } })) {
      expect(rerun(prediction), label).toEqual(['COPY . .', 'RUN npm run build']);
    }
    const { options, answer } = predictReveal(SLUG, 'advanced-builds-cache-order');
    expect(options[answer]).toBe('COPY . ., npm ci and npm run build');
  });

  it('a lock file edit runs the install again in either order', () => {
    expect(section()).toContain('A lock file edit\nstill runs the install again, in either order');
    for (const id of ['cache-order-bad', 'cache-order-good']) {
      for (const { label, prediction } of everywhere({ dockerfile: dockerfile(id), context, change: { edited: ['package-lock.json'] } })) {
        expect(rerun(prediction), `${id} ${label}`).toContain('RUN npm ci');
      }
    }
  });

  // Recorded: dockerfile-edit-copied-by-copy-all and dockerfile-edit-ignored.
  it('editing the Dockerfile runs COPY . . again, unless .dockerignore lists the Dockerfile', () => {
    const text = dockerfile('cache-order-good');
    const edited = text.replace('RUN npm run build', 'RUN npm run build -- --minify');
    const line = text.split('\n').indexOf('RUN npm run build') + 1;
    for (const { label, prediction } of everywhere({ dockerfile: edited, context, change: { editedLines: [line] } })) {
      expect(rerun(prediction), label).toEqual(['COPY . .', 'RUN npm run build -- --minify']);
    }
    for (const { label, prediction } of everywhere({ dockerfile: edited, context: { ...context, dockerignore: 'Dockerfile\n' }, change: { editedLines: [line] } })) {
      expect(rerun(prediction), label).toEqual(['RUN npm run build -- --minify']);
    }
    // A comment line is an edit of the file too.
    const commented = text.replace('COPY . .', '# the sources\nCOPY . .');
    for (const { label, prediction } of everywhere({ dockerfile: commented, context, change: { previousDockerfile: text } })) expect(rerun(prediction), label).toEqual(['COPY . .', 'RUN npm run build']);
  });
});

describe('declare an ARG just before the step that uses it', () => {
  const context = { files: ['Dockerfile', 'go.mod', 'go.sum', 'cmd/api/main.go', 'internal/server/server.go'] };
  const release = { buildArgs: { VERSION: '1.4.0' }, change: { previousBuildArgs: { VERSION: '1.3.0' } } };

  it('shows the same file twice, the ARG moved', () => {
    const early = dockerfile('arg-early').split('\n');
    const late = dockerfile('arg-late').split('\n');
    expect([...early].sort()).toEqual([...late].sort());
    expect(early[1]).toBe('ARG VERSION=dev');
    expect(late.indexOf('ARG VERSION=dev')).toBe(late.findIndex((l) => l.startsWith('RUN CGO_ENABLED=0 go build')) - 1);
  });

  it('with the ARG at the top, a new value runs go mod download again, which does not use it, and all after it (the PredictReveal)', () => {
    for (const { label, prediction } of everywhere({ dockerfile: dockerfile('arg-early'), context, ...release })) {
      expect(rerun(prediction), label).toEqual(['RUN go mod download', 'COPY . .', 'RUN CGO_ENABLED=0 go build -ldflags "-X main.version=$VERSION" -o /out/api ./cmd/api']);
      const download = prediction.steps.find((s) => s.text === 'RUN go mod download')!;
      expect(download.causes, label).toContainEqual({ kind: 'variables', names: ['VERSION'] });
    }
    const { options, answer } = predictReveal(SLUG, 'advanced-builds-arg-placement');
    expect(options[answer]).toBe('go mod download, COPY . . and go build');
  });

  it('WORKDIR and COPY go.mod go.sum before it come from the cache', () => {
    for (const { label, prediction } of everywhere({ dockerfile: dockerfile('arg-early'), context, ...release })) {
      for (const text of ['WORKDIR /src', 'COPY go.mod go.sum ./']) expect(prediction.steps.find((s) => s.text === text)?.cached, `${label} ${text}`).toBe(true);
    }
  });

  it('with the ARG just before go build, only go build runs again', () => {
    for (const { label, prediction } of everywhere({ dockerfile: dockerfile('arg-late'), context, ...release })) {
      expect(rerun(prediction), label).toEqual(['RUN CGO_ENABLED=0 go build -ldflags "-X main.version=$VERSION" -o /out/api ./cmd/api']);
    }
  });

  // Recorded: go-arg-declared-early and go-arg-declared-late (the same shapes, busybox commands).
  it('has the shape of the recorded cases, where Docker did the same', () => {
    const cases = new Map(loadCacheCases().map((c) => [c.name, c]));
    const ran = (name: string) => {
      const recording = cases.get(name)!.recordings['28.5']!.buildkit.second.steps;
      return recording.filter((s) => s.stage === 'build' && s.step > 1 && !s.cached).map((s) => s.text.split(' ')[0]);
    };
    expect(ran('go-arg-declared-early')).toEqual(['RUN', 'COPY', 'RUN', 'RUN']);
    expect(ran('go-arg-declared-late')).toEqual(['RUN']);
  });
});

describe('a change in one stage does not rebuild another', () => {
  const files = ['Dockerfile', 'go.mod', 'go.sum', 'cmd/api/main.go', 'internal/server/server.go', 'web/package.json', 'web/package-lock.json', 'web/src/app.js'];
  const edit = { context: { files }, change: { edited: ['web/src/app.js'] } };

  it('an edit of web/src/app.js runs COPY web/ ./, npm run build and COPY --from=frontend again, and nothing of backend', () => {
    for (const { label, prediction } of everywhere({ dockerfile: dockerfile('cache-fan-in'), ...edit })) {
      expect(rerun(prediction), label).toEqual(['COPY web/ ./', 'RUN npm run build', 'COPY --from=frontend /web/dist /srv/public']);
      const backend = prediction.stages.find((s) => s.name === 'backend')!;
      expect(backend.built && backend.steps.every((s) => s.cached), label).toBe(true);
      expect(prediction.steps.find((s) => s.text.startsWith('COPY --from=backend'))?.cached, label).toBe(true);
    }
  });

  it('the classic builder also runs USER and ENTRYPOINT after it again; BuildKit makes no step of them', () => {
    const [classic] = everywhere({ dockerfile: dockerfile('cache-fan-in'), ...edit }).filter((p) => p.label.startsWith('classic'));
    expect(rerun(classic!.prediction, { settings: true }).slice(-2)).toEqual(['USER 65534', 'ENTRYPOINT ["/usr/local/bin/api"]']);
    const buildkit = predictCache({ dockerfile: dockerfile('cache-fan-in'), ...edit });
    expect(buildkit.steps.map((s) => s.keyword)).not.toContain('USER');
  });

  it('with COPY . . in backend, a frontend edit would compile the Go binary again', () => {
    const copyAll = dockerfile('cache-fan-in').replace('COPY cmd/ ./cmd/\nCOPY internal/ ./internal/\n', 'COPY . .\n');
    expect(copyAll).not.toBe(dockerfile('cache-fan-in'));
    for (const { label, prediction } of everywhere({ dockerfile: copyAll, ...edit })) {
      expect(rerun(prediction), label).toContain('RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api');
    }
  });

  // Recorded: fan-in-frontend-edit (frontend edit: backend and the COPY --from=backend before it cached).
  it('has the shape of the recorded case', () => {
    const loaded = loadCacheCases().find((c) => c.name === 'fan-in-frontend-edit')!;
    for (const recording of Object.values(loaded.recordings)) {
      const steps = recording.buildkit.second.steps.filter((s) => s.step > 1);
      expect(steps.filter((s) => s.stage === 'backend').every((s) => s.cached)).toBe(true);
      expect(steps.filter((s) => s.stage === 'final').map((s) => s.cached)).toEqual([true, false, false]);
    }
  });
});

describe('settings lines: the builders differ', () => {
  const base = `FROM node:22 AS build
LABEL org.opencontainers.image.version=1.0.0
ENV NODE_ENV=development
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY src/ ./src/
RUN npm run build
`;
  const context = { files: NODE_CONTEXT, dockerignore: 'Dockerfile\n' };

  // Recorded: dockerfile-label-edit.
  it('a LABEL edit runs no step again with BuildKit, and every step after it with the classic builder', () => {
    const edited = base.replace('1.0.0', '1.1.0');
    for (const engine of CACHE_ENGINES) {
      expect(rerun(predictCache({ dockerfile: edited, context, engine, change: { editedLines: [2] } }))).toEqual([]);
      const classic = predictCache({ dockerfile: edited, context, engine, builder: 'classic', change: { editedLines: [2] } });
      expect(classic.steps.filter((s) => s.line >= 2).every((s) => !s.cached)).toBe(true);
    }
    expect(section()).toContain('Changing a `LABEL` near the top runs no step again by itself.');
  });

  // Recorded: dockerfile-env-edit.
  it('an ENV edit runs the first RUN after it and all that follows with BuildKit, the COPY between them cached', () => {
    const edited = base.replace('development', 'production');
    for (const engine of CACHE_ENGINES) {
      const p = predictCache({ dockerfile: edited, context, engine, change: { editedLines: [3] } });
      expect(rerun(p)).toEqual(['RUN npm ci', 'COPY src/ ./src/', 'RUN npm run build']);
      expect(p.steps.find((s) => s.text === 'COPY package.json package-lock.json ./')?.cached).toBe(true);
      const classic = predictCache({ dockerfile: edited, context, engine, builder: 'classic', change: { editedLines: [3] } });
      expect(classic.steps.filter((s) => s.line >= 3).every((s) => !s.cached)).toBe(true);
    }
  });

  it('BuildKit makes steps of FROM, WORKDIR, COPY, ADD and RUN only', () => {
    const all = `${base}USER node\nEXPOSE 3000\nARG X\nSHELL ["/bin/sh", "-c"]\nADD a.txt /a\nCMD ["node", "dist/server.js"]\n`;
    const keywords = new Set(predictCache({ dockerfile: all, context: { files: [...NODE_CONTEXT, 'a.txt'] } }).steps.map((s) => s.keyword));
    expect([...keywords].sort()).toEqual(['ADD', 'COPY', 'FROM', 'RUN', 'WORKDIR']);
  });
});
