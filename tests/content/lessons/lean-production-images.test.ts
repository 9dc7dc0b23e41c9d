// What content/lessons/lean-production-images.mdx says about its Dockerfiles, checked with the
// analyzer; the BuildKit/classic difference it shows is checked against real-engine recordings
// (tests/fixtures/builds), and the node_modules figures against the script that measured them.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/index.ts';
import type { Analysis, AnalyzeOptions, Builder } from '../../../src/analyzer/index.ts';
import { recordedFixture } from '../../support/goldens.ts';
import { lessonDockerfile } from '../../support/lesson-dockerfiles.ts';
import { lessonSource, predictReveal } from './mdx-source.ts';

const SLUG = 'lean-production-images';
const BUILDERS: Builder[] = ['buildkit', 'classic'];
const ROOT = join(import.meta.dirname, '..', '..', '..');

/** The rules this lesson teaches (the ones that judge the image a target ships). */
const LESSON_RULES = [
  'build-tools-in-final-image',
  'test-tools-in-final-image',
  'dev-dependencies-in-final-image',
  'heavy-final-base',
  'final-stage-runs-as-root',
  'last-user-root',
  'copy-entire-filesystem',
] as const;

function dockerfile(id: string): string {
  return lessonDockerfile(SLUG, id).text;
}

/** The lesson's rules that report `text`, sorted (duplicates removed). */
function lessonFindings(text: string, options: AnalyzeOptions = {}): string[] {
  const ids = analyze(text, options).diagnostics.map((d) => d.id);
  return [...new Set(ids.filter((id) => (LESSON_RULES as readonly string[]).includes(id)))].sort();
}

function messages(analysis: Analysis, id: string): string[] {
  return analysis.diagnostics.filter((d) => d.id === id).map((d) => d.message);
}

function stageNames(analysis: Analysis, indices: number[]): Array<string | null> {
  return indices.map((i) => analysis.stages[i]!.name);
}

/** Lines of the target stage (the last one by default). */
function finalInstructions(analysis: Analysis): Array<{ keyword: string; args: string }> {
  return analysis.stages[analysis.target.index]!.instructions.map((i) => ({ keyword: i.keyword, args: i.argsText }));
}

describe('every Dockerfile in the lesson builds on both builders', () => {
  for (const id of ['node-bad', 'node-good', 'go-bad', 'go-good', 'python-bad', 'python-good']) {
    it(id, () => {
      for (const builder of BUILDERS) {
        const a = analyze(dockerfile(id), { builder });
        expect(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), builder).toEqual([]);
        expect(a.plan.fails, builder).toBe(false);
      }
    });
  }
});

describe('node-bad: "three leaks in this final stage"', () => {
  it('has a build stage on node:22 and an unnamed final stage on node:22, which is the default target', () => {
    const a = analyze(dockerfile('node-bad'));
    expect(a.stages.map((s) => [s.name, s.base])).toEqual([
      ['build', { kind: 'image', ref: 'node:22' }],
      [null, { kind: 'image', ref: 'node:22' }],
    ]);
    expect(a.target.index).toBe(1);
  });

  it('is reported by exactly the three rules the lesson names, on both builders', () => {
    for (const builder of BUILDERS) {
      expect(lessonFindings(dockerfile('node-bad'), { builder }), builder).toEqual(
        ['dev-dependencies-in-final-image', 'final-stage-runs-as-root', 'heavy-final-base'],
      );
    }
  });

  it('blames the full node:22 base, the node_modules from the full npm ci, and the missing USER', () => {
    const a = analyze(dockerfile('node-bad'));
    expect(messages(a, 'heavy-final-base')).toEqual([expect.stringContaining('node:22, the full variant')]);
    expect(messages(a, 'heavy-final-base')[0]).toContain('built on buildpack-deps');
    expect(messages(a, 'dev-dependencies-in-final-image')).toEqual([
      expect.stringContaining('COPY --from=build /app/node_modules brings development dependencies'),
    ]);
    expect(messages(a, 'dev-dependencies-in-final-image')[0]).toContain('`npm ci` (line 4)');
    expect(messages(a, 'final-stage-runs-as-root')).toEqual([expect.stringContaining('node:22 starts as root')]);
  });
});

describe('node-good: "None of the three rules reports this version"', () => {
  it('is reported by none of the lesson\'s rules, on both builders', () => {
    for (const builder of BUILDERS) expect(lessonFindings(dockerfile('node-good'), { builder }), builder).toEqual([]);
  });

  it('keeps the build stage unchanged and ships node:22-slim, npm ci --omit=dev, dist only, as node', () => {
    const bad = analyze(dockerfile('node-bad'));
    const good = analyze(dockerfile('node-good'));
    expect(good.stages[0]!.instructions.map((i) => i.argsText)).toEqual(bad.stages[0]!.instructions.map((i) => i.argsText));
    expect(good.stages[1]!.name).toBe('runtime');
    expect(good.stages[1]!.base).toEqual({ kind: 'image', ref: 'node:22-slim' });
    const final = finalInstructions(good);
    expect(final.filter((i) => i.keyword === 'RUN').map((i) => i.args)).toEqual(['npm ci --omit=dev']);
    expect(final.filter((i) => i.keyword === 'COPY' && i.args.includes('/app/')).map((i) => i.args)).toEqual(['/app/dist ./dist']);
    expect(final.filter((i) => i.keyword === 'USER').map((i) => i.args)).toEqual(['node']);
  });

  it('accepts the alternative it mentions: npm prune --omit=dev in the build stage, then copy node_modules', () => {
    const pruned = dockerfile('node-bad')
      .replace('RUN npm run build', 'RUN npm run build && npm prune --omit=dev')
      .replace('FROM node:22\n', 'FROM node:22-slim AS runtime\n')
      .replace('CMD', 'USER node\nCMD');
    expect(pruned).toContain('npm prune --omit=dev');
    expect(lessonFindings(pruned)).toEqual([]);
    // Without the prune, the same copy is reported: the test above can fail.
    expect(lessonFindings(pruned.replace(' && npm prune --omit=dev', ''))).toEqual(['dev-dependencies-in-final-image']);
  });
});

describe('the measured node_modules figures', () => {
  const data = JSON.parse(readFileSync(join(ROOT, 'content', 'lessons', 'data', 'node-modules-size.json'), 'utf8'));
  const script = readFileSync(join(ROOT, 'scripts', 'measure', 'node-modules-size.ts'), 'utf8');

  it('were written by the committed script, for the packages the lesson names', () => {
    expect(data.script).toBe('scripts/measure/node-modules-size.ts');
    expect(existsSync(join(ROOT, data.script))).toBe(true);
    expect(Object.keys(data.dependencies)).toEqual(['express']);
    expect(Object.keys(data.devDependencies)).toEqual(['typescript', 'vitest', 'eslint']);
    // The script pins these exact versions; the JSON must come from that configuration.
    for (const [name, version] of Object.entries({ ...data.dependencies, ...data.devDependencies })) {
      expect(script).toContain(`${name}: '${version}'`);
      expect(data.resolved[name]).toBe(version);
    }
    expect(data.measured).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(data.node).toMatch(/^v\d+\./);
    expect(data.npm).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('compare npm ci with npm ci --omit=dev from the same lock file, install scripts skipped, as the lesson says', () => {
    expect(data.all.command).toBe('npm ci --ignore-scripts');
    expect(data.production.command).toBe('npm ci --omit=dev --ignore-scripts');
    for (const key of ['packages', 'files', 'bytes'] as const) {
      expect(data.production[key]).toBeGreaterThan(0);
      expect(data.production[key]).toBeLessThan(data.all[key]);
    }
  });

  it('make "Less than a quarter" the right answer to the prediction', () => {
    const { options, answer } = predictReveal(SLUG, 'lean-production-images-node-modules');
    const share = data.production.bytes / data.all.bytes;
    expect(options[answer]).toBe('Less than a quarter');
    expect(share).toBeLessThan(0.25);
  });

  it('are stated in the lesson from the JSON, never typed in', () => {
    const source = lessonSource(SLUG);
    expect(source).toContain("import nodeModules from './data/node-modules-size.json';");
    for (const key of ['packages', 'files', 'bytes'] as const) {
      expect(source).toContain(`nodeModules.all.${key}`);
      expect(source).toContain(`nodeModules.production.${key}`);
    }
    expect(source).not.toMatch(/\d+(\.\d+)?\s*(MB|KB|GB|MiB)\b/);
  });
});

describe('go-bad: FROM scratch, then COPY --from=build / /', () => {
  it('is reported for copying the whole filesystem and for running as root, and by nothing else here', () => {
    for (const builder of BUILDERS) {
      expect(lessonFindings(dockerfile('go-bad'), { builder }), builder).toEqual(['copy-entire-filesystem', 'final-stage-runs-as-root']);
    }
    const a = analyze(dockerfile('go-bad'));
    expect(a.stages[1]!.base).toEqual({ kind: 'scratch' });
    expect(messages(a, 'copy-entire-filesystem')[0]).toContain('copies everything in "build"');
  });
});

describe('go-good: exact path, distroless :nonroot', () => {
  it('is reported by none of the lesson\'s rules', () => {
    for (const builder of BUILDERS) expect(lessonFindings(dockerfile('go-good'), { builder }), builder).toEqual([]);
  });

  it('copies only /out/api onto gcr.io/distroless/static-debian12:nonroot', () => {
    const a = analyze(dockerfile('go-good'));
    expect(a.stages[1]!.base).toEqual({ kind: 'image', ref: 'gcr.io/distroless/static-debian12:nonroot' });
    expect(finalInstructions(a).filter((i) => i.keyword === 'COPY').map((i) => i.args)).toEqual(['/out/api /api']);
  });

  it('copies go.mod and go.sum before the module download, so the download is cached', () => {
    expect(analyze(dockerfile('go-good')).diagnostics.map((d) => d.id)).not.toContain('dependency-install-after-copy-all');
    const sourceFirst = dockerfile('go-good').replace('COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .', 'COPY . .\nRUN go mod download');
    expect(sourceFirst).not.toContain('go.sum');
    expect(analyze(sourceFirst).diagnostics.map((d) => d.id)).toContain('dependency-install-after-copy-all');
  });

  it('runs as root without the nonroot tag, which the lesson relies on', () => {
    const rootTag = dockerfile('go-good').replace(':nonroot', ':latest');
    expect(lessonFindings(rootTag)).toEqual(['final-stage-runs-as-root']);
  });
});

describe('python-bad: compilers and test tools in the image', () => {
  it('is reported for build-essential, requirements-dev.txt and root, as the lesson says', () => {
    for (const builder of BUILDERS) {
      expect(lessonFindings(dockerfile('python-bad'), { builder }), builder).toEqual(
        ['build-tools-in-final-image', 'final-stage-runs-as-root', 'test-tools-in-final-image'],
      );
    }
    const a = analyze(dockerfile('python-bad'));
    expect(messages(a, 'build-tools-in-final-image')).toEqual([expect.stringContaining('build-essential')]);
    expect(messages(a, 'test-tools-in-final-image')).toEqual([expect.stringContaining('requirements-dev.txt')]);
  });
});

describe('python-good: deps, test, runtime', () => {
  it('is reported by none of the lesson\'s rules', () => {
    for (const builder of BUILDERS) expect(lessonFindings(dockerfile('python-good'), { builder }), builder).toEqual([]);
  });

  it('has stages deps, test (FROM deps) and runtime (FROM python:3.12-slim, copying /venv from deps)', () => {
    const a = analyze(dockerfile('python-good'));
    expect(a.stages.map((s) => s.name)).toEqual(['deps', 'test', 'runtime']);
    expect(a.stages[1]!.base).toEqual({ kind: 'stage', index: 0 });
    expect(a.stages[2]!.base).toEqual({ kind: 'image', ref: 'python:3.12-slim' });
    expect(a.edges.filter((e) => e.kind === 'copy-from').map((e) => [e.stage, e.target])).toEqual([[2, { kind: 'stage', index: 0 }]]);
    expect(finalInstructions(a).filter((i) => i.keyword === 'COPY').map((i) => i.args)).toEqual(['/venv /venv', 'app/ ./app/']);
  });

  // Recorded: unrelated-stages-around-target (BK runs only what the target needs; classic runs every
  // stage up to it) and test-stage-failure-before-default (a failing test stage before the default
  // target: BK builds, classic fails).
  it('a plain build runs deps and runtime with BuildKit, and test too with the classic builder', () => {
    const bk = analyze(dockerfile('python-good'), { builder: 'buildkit' });
    const classic = analyze(dockerfile('python-good'), { builder: 'classic' });
    expect(bk.target.index).toBe(2);
    expect(stageNames(bk, bk.plan.stages)).toEqual(['deps', 'runtime']);
    expect(stageNames(classic, classic.plan.stages)).toEqual(['deps', 'test', 'runtime']);
  });

  it('runs test with BuildKit when asked: --target test', () => {
    const a = analyze(dockerfile('python-good'), { target: 'test' });
    expect(stageNames(a, a.plan.stages)).toEqual(['deps', 'test']);
  });

  it('"a failing test fails the production build" on the classic builder, as recorded', () => {
    const fixture = recordedFixture('test-stage-failure-before-default');
    const plain = fixture.builds.find((b) => b.args.length === 0)!;
    expect(plain.buildkit.ok).toBe(true);
    expect(plain.buildkit.markers).not.toContain('test');
    expect(plain.classic.ok).toBe(false);
    expect(plain.classic.markers).toContain('tests-fail');
  });

  it('is drawn for both builders by the two diagrams, with the same Dockerfile', () => {
    expect(lessonDockerfile(SLUG, 'python-good-buildkit').text).toBe(dockerfile('python-good'));
    expect(lessonDockerfile(SLUG, 'python-good-classic').text).toBe(dockerfile('python-good'));
    // Default target (runtime), no build args: only the builder differs.
    expect(lessonDockerfile(SLUG, 'python-good-buildkit').options).toEqual({ builder: 'buildkit' });
    expect(lessonDockerfile(SLUG, 'python-good-classic').options).toEqual({ builder: 'classic' });
  });
});

describe('"Drop root last": how to switch user on each base', () => {
  const cases: Array<[string, string]> = [
    ['node', 'FROM node:22-slim\nCOPY dist /app/dist\nUSER node\nCMD ["node", "/app/dist/server.js"]\n'],
    ['debian', 'FROM python:3.12-slim\nRUN useradd --system --no-create-home app\nUSER app\nCMD ["python3", "app.py"]\n'],
    ['alpine', 'FROM alpine:3.20\nRUN adduser -D -H app\nUSER app\nCMD ["app"]\n'],
    ['distroless', 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY api /api\nENTRYPOINT ["/api"]\n'],
    ['scratch', 'FROM scratch\nCOPY api /api\nUSER 65534:65534\nENTRYPOINT ["/api"]\n'],
  ];
  for (const [base, text] of cases) {
    it(`${base}: not reported; without the switch, reported`, () => {
      expect(lessonFindings(text)).toEqual([]);
      const asRoot = text.replace(/USER .*\n/, '').replace(':nonroot', '');
      expect(lessonFindings(asRoot)).toEqual(['final-stage-runs-as-root']);
    });
  }

  it('reports a final stage that ends with USER root (last-user-root)', () => {
    const backToRoot = dockerfile('node-good').replace('USER node', 'USER node\nUSER root');
    expect(lessonFindings(backToRoot)).toEqual(['last-user-root']);
  });
});

describe('the lesson\'s components', () => {
  it('names the rules it says the analyzer reports', () => {
    const source = lessonSource(SLUG);
    for (const id of LESSON_RULES) expect(source, id).toContain(`\`${id}\``);
  });

  it('has the prediction about COPY --from=build / / answered by the copy-entire-filesystem finding', () => {
    const { options, answer } = predictReveal(SLUG, 'lean-production-images-copy-root');
    expect(options[answer]).toMatch(/^Everything the build stage has/);
    expect(dockerfile('go-bad')).toContain('COPY --from=build / /');
  });
});
