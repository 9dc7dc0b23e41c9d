// The goal engine, kind by kind: passing and failing cases, a target that does not exist,
// malformed Dockerfiles and the classic builder's scope; and it never throws.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { evaluate } from '../../src/exercises/goals.ts';
import type { GoalResult, GoalSpec } from '../../src/exercises/types.ts';
import { Random } from '../../src/shared/random.ts';

// analyze() itself, counted: the engine must not analyze a scope twice in one call.
vi.mock('../../src/analyzer/index.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/analyzer/index.ts')>();
  return { ...actual, analyze: vi.fn(actual.analyze) };
});

type GoalInput = GoalSpec extends infer G ? (G extends GoalSpec ? Omit<G, 'id' | 'statement' | 'failure' | 'hints'> : never) : never;

/** Evaluates one goal on `text`. */
function check(goal: GoalInput, text: string): GoalResult {
  const spec = { id: 'goal', statement: 'The goal holds.', failure: 'The goal fails.', hints: ['Do the thing.'], ...goal } as GoalSpec;
  const evaluation = evaluate({ goals: [spec] }, text);
  expect(evaluation.goals).toHaveLength(1);
  expect(evaluation.complete).toBe(evaluation.goals[0]!.passed);
  return evaluation.goals[0]!;
}

const passes = (goal: GoalInput, text: string) => expect(check(goal, text)).toMatchObject({ passed: true, detail: '' });
const fails = (goal: GoalInput, text: string, detail: string | RegExp = 'The goal fails.') => {
  const result = check(goal, text);
  expect(result.passed).toBe(false);
  if (typeof detail === 'string') expect(result.detail).toBe(detail);
  else expect(result.detail).toMatch(detail);
};

const NOT_YET = /target does not exist yet: no stage is named "production"/;

const ENVS = `FROM python:3.12-slim AS base
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM base AS dev
COPY requirements-dev.txt .
RUN pip install --no-cache-dir -r requirements-dev.txt
COPY . .

FROM dev AS test
RUN pytest

FROM base AS production
COPY app.py .
RUN useradd --system --no-create-home app
USER app
CMD ["gunicorn", "app:app"]
`;

/** The leak the one-dockerfile lesson warns about: pytest installed in base. */
const LEAKY = ENVS.replace(
  'COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt',
  'COPY requirements.txt requirements-dev.txt ./\nRUN pip install --no-cache-dir -r requirements.txt -r requirements-dev.txt',
);

/** Stages in file order; test sits above production, so the classic builder runs it. */
const GO = `FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

FROM build AS test
RUN go test ./...

FROM alpine:3.20 AS production
COPY --from=build /out/api /usr/local/bin/api
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
USER 65534
ENTRYPOINT ["/usr/local/bin/api"]
`;

const MALFORMED = 'FROM alpine:3.20 AS production\nRUN <<EOF\necho never closed\n';
const CAPITALS = 'FROM alpine:3.20 AS Base\nFROM Base AS production\nUSER app\n';

describe('stage-exists', () => {
  it('passes when a stage has the name, in any case it was written in', () => {
    passes({ kind: 'stage-exists', stage: 'dev' }, ENVS);
    passes({ kind: 'stage-exists', stage: 'base' }, 'FROM alpine:3.20 AS Base\n');
  });

  it('fails when no stage has the name', () => {
    fails({ kind: 'stage-exists', stage: 'debug' }, ENVS);
    fails({ kind: 'stage-exists', stage: 'build' }, '');
  });
});

describe('default-target', () => {
  it('passes when the last stage has the name', () => {
    passes({ kind: 'default-target', stage: 'production' }, ENVS);
  });

  it('fails when the stage exists but is not last, or the file has no stage', () => {
    fails({ kind: 'default-target', stage: 'dev' }, ENVS);
    fails({ kind: 'default-target', stage: 'production' }, `${ENVS}\nFROM base AS debug\n`);
    fails({ kind: 'default-target', stage: 'production' }, '# nothing here\n');
  });
});

describe('builds', () => {
  it('passes when the analyzer predicts no error for the scope', () => {
    passes({ kind: 'builds' }, ENVS);
    passes({ kind: 'builds', target: 'test' }, ENVS);
  });

  it('fails when Docker would refuse the build', () => {
    const tooLate = 'FROM alpine:3.20 AS app\nCOPY --from=later /x /x\nFROM alpine:3.20 AS later\n';
    fails(
      { kind: 'builds', target: 'app' },
      tooLate,
      /^The goal fails\. Docker refuses the file before running any step \(line 2\): cannot copy from stage "later"/,
    );
    passes({ kind: 'builds' }, tooLate); // the default target, later, does not need app
    fails({ kind: 'builds' }, CAPITALS, /invalid reference format/);
  });

  it('depends on the builder: BuildKit refuses FROM Base, the classic builder does not', () => {
    fails({ kind: 'builds', builder: 'buildkit' }, CAPITALS, /invalid reference format/);
    passes({ kind: 'builds', builder: 'classic' }, CAPITALS);
  });

  it('fails with a detail saying the target does not exist yet', () => {
    fails({ kind: 'builds', target: 'production' }, 'FROM alpine:3.20 AS prod\n', NOT_YET);
  });

  it('fails when a FROM names a stage defined further down: Docker pulls an image of that name', () => {
    const devAbove =
      'FROM build AS dev\nCMD ["npm", "run", "dev"]\n\nFROM node:22 AS build\nRUN npm ci\n\nFROM node:22-alpine AS prod\nCMD ["node", "server.js"]\n';
    fails(
      { kind: 'builds', target: 'dev' },
      devAbove,
      /^The goal fails\. FROM build names stage "build", which comes later \(line 4\)\. A stage sees only the stages above it, so Docker would try to pull the image docker\.io\/library\/build:latest instead\.$/,
    );
    // The default target, prod, does not need dev on BuildKit…
    passes({ kind: 'builds' }, devAbove);
    // …but the classic builder runs dev on its way down, and pulls there.
    fails({ kind: 'builds', builder: 'classic' }, devAbove, /FROM build names stage "build"/);
  });

  it('fails when a --from misspells an earlier stage, naming the stage it is close to', () => {
    const typo = 'FROM golang:1.23 AS build\nRUN go build -o /out/api .\nFROM alpine:3.20\nCOPY --from=biuld /out/api /api\n';
    fails(
      { kind: 'builds' },
      typo,
      /COPY --from=biuld names no stage \(did you mean "build"\?\), so Docker would try to pull the image docker\.io\/library\/biuld:latest instead\./,
    );
    fails({ kind: 'builds', builder: 'classic' }, typo, /docker\.io\/library\/biuld:latest/);
    // A COPY --from a later stage: BuildKit refuses it outright, the classic builder pulls.
    const later = 'FROM alpine:3.20 AS app\nCOPY --from=tools /t /t\nFROM alpine:3.20 AS tools\nFROM app\n';
    fails(
      { kind: 'builds' },
      later,
      /Docker refuses the file before running any step \(line 2\): cannot copy from stage "tools", it needs to be defined before current stage "app"/,
    );
    fails({ kind: 'builds', builder: 'classic' }, later, /COPY --from=tools names stage "tools", which comes later \(line 3\)/);
  });

  it('takes a tagged, digested or registry image at its word, and leaves unrelated names alone', () => {
    passes({ kind: 'builds' }, 'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=build:1.0 /a /a\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n');
    passes({ kind: 'builds' }, 'FROM golang:1.23 AS go\nFROM gcc\n');
    passes({ kind: 'builds' }, 'FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=busybox /bin/busybox /bin/\n');
  });

  it("fails on FROM Build for BuildKit with Docker's own message and the line it stops at", () => {
    fails(
      { kind: 'builds' },
      CAPITALS,
      /Docker refuses the file before running any step \(line 2\): failed to parse stage name "Base": invalid reference format/,
    );
  });

  it('fails on a malformed Dockerfile', () => {
    fails({ kind: 'builds' }, MALFORMED, /^docker build fails\. Docker refuses the file before running any step \(line 2\): unterminated heredoc/);
    fails({ kind: 'builds' }, '', /has no stage/);
  });
});

describe('runs-stages', () => {
  it('passes when the plan has every included stage and no excluded one', () => {
    passes({ kind: 'runs-stages', target: 'production', includes: ['base', 'production'], excludes: ['test', 'dev'] }, ENVS);
    passes({ kind: 'runs-stages', target: 'test', includes: ['base', 'dev', 'test'] }, ENVS);
  });

  it('fails when an included stage does not run, or an excluded one does', () => {
    fails({ kind: 'runs-stages', target: 'production', includes: ['dev'] }, ENVS);
    fails({ kind: 'runs-stages', target: 'test', excludes: ['dev'] }, ENVS);
  });

  it('follows the builder of the scope: the classic builder runs every stage above the target', () => {
    passes({ kind: 'runs-stages', excludes: ['test'] }, GO);
    fails({ kind: 'runs-stages', builder: 'classic', excludes: ['test'] }, GO);
    passes({ kind: 'runs-stages', builder: 'classic', includes: ['build', 'test', 'production'] }, GO);
  });

  it('fails with a clear detail when the target cannot be resolved', () => {
    fails({ kind: 'runs-stages', target: 'production', excludes: ['test'] }, 'FROM alpine:3.20 AS test\n', NOT_YET);
    fails({ kind: 'runs-stages', excludes: ['test'] }, MALFORMED, /^docker build fails\. Docker refuses the file/);
  });
});

describe('rule-silent', () => {
  it('passes when the rule reports nothing for the scope', () => {
    passes({ kind: 'rule-silent', target: 'production', rule: 'test-tools-in-final-image' }, ENVS);
  });

  it('fails when the rule reports the scope', () => {
    fails({ kind: 'rule-silent', target: 'production', rule: 'test-tools-in-final-image' }, LEAKY);
    fails({ kind: 'rule-silent', rule: 'final-stage-runs-as-root' }, 'FROM alpine:3.20\nCMD ["sh"]\n');
  });

  it('is about the scope: the same file passes for a development target', () => {
    passes({ kind: 'rule-silent', target: 'dev', rule: 'test-tools-in-final-image' }, LEAKY);
  });

  it('counts a finding merged into a diagnostic Docker raises at the same place (shared source)', () => {
    // The classic builder fails on the second `test` with Docker's own error; the rule's
    // BuildKit check name (DuplicateStageName) is added to that diagnostic instead.
    const text = 'FROM alpine:3.20 AS test\nFROM alpine:3.20 AS test\nFROM alpine:3.20 AS production\n';
    const analysis = analyze(text, { builder: 'classic' });
    expect(analysis.diagnostics.some((d) => d.sources?.buildkit === 'DuplicateStageName')).toBe(true);
    fails({ kind: 'rule-silent', builder: 'classic', rule: 'duplicate-stage-name' }, text);
    fails({ kind: 'rule-silent', rule: 'duplicate-stage-name' }, text);
  });

  it('fails (never passes vacuously) when the target does not exist or the file is malformed', () => {
    fails({ kind: 'rule-silent', target: 'production', rule: 'test-tools-in-final-image' }, 'FROM alpine:3.20\n', NOT_YET);
    fails({ kind: 'rule-silent', rule: 'last-user-root' }, MALFORMED, /^docker build fails\. Docker refuses the file/);
  });
});

describe('non-root-user', () => {
  it('passes when the image ends with a named or numeric non-root user', () => {
    passes({ kind: 'non-root-user', target: 'production' }, ENVS);
    passes({ kind: 'non-root-user', target: 'production' }, GO);
    passes({ kind: 'non-root-user' }, 'FROM node:22-slim\nUSER node:node\n');
    passes({ kind: 'non-root-user' }, 'FROM alpine:3.20\nUSER 1000:0\n');
  });

  it('follows the stage chain: a USER set in the stage the image is built FROM counts', () => {
    passes({ kind: 'non-root-user' }, 'FROM node:22-slim AS runtime\nUSER node\n\nFROM runtime AS production\n');
    fails({ kind: 'non-root-user' }, 'FROM node:22-slim AS runtime\nUSER node\n\nFROM runtime AS production\nUSER root\n');
  });

  it('ignores USER lines in stages the image is not built on', () => {
    fails({ kind: 'non-root-user' }, 'FROM alpine:3.20 AS build\nUSER app\n\nFROM alpine:3.20\nCOPY --from=build /etc/passwd /tmp/passwd\n');
  });

  it('fails for root, 0, root:root and 0:0, and for no USER at all', () => {
    for (const user of ['root', '0', 'root:root', '0:0', '0:1000', '00']) {
      fails({ kind: 'non-root-user' }, `FROM alpine:3.20\nUSER app\nUSER ${user}\n`);
    }
    fails({ kind: 'non-root-user' }, 'FROM alpine:3.20\nCMD ["sh"]\n');
  });

  it('passes for a distroless nonroot base, which runs as uid 65532 without a USER line', () => {
    passes({ kind: 'non-root-user' }, 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nENTRYPOINT ["/app"]\n');
    fails({ kind: 'non-root-user' }, 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nENTRYPOINT ["/app"]\n');
  });

  it('does not guess a user set from a variable', () => {
    fails({ kind: 'non-root-user' }, 'FROM alpine:3.20\nARG UID=0\nUSER $UID\n', /set from a variable/);
  });

  it('checks the scope’s target and builder', () => {
    fails({ kind: 'non-root-user', target: 'dev' }, ENVS);
    passes({ kind: 'non-root-user', builder: 'classic' }, ENVS);
    fails({ kind: 'non-root-user', target: 'production' }, 'FROM alpine:3.20 AS prod\nUSER app\n', NOT_YET);
    fails({ kind: 'non-root-user' }, MALFORMED, /^docker build fails\. Docker refuses the file/);
  });
});

describe('copies-only', () => {
  const goal: GoalInput = { kind: 'copies-only', target: 'production', from: 'build', paths: ['/out/api', '/etc/ssl/certs/ca-certificates.crt'] };

  it('passes when the image copies exactly those paths from the stage', () => {
    passes(goal, GO);
    passes({ ...goal, paths: ['/etc/ssl/certs/ca-certificates.crt', '/out/api/'] }, GO);
  });

  it('fails when it copies more, less or other paths', () => {
    fails({ ...goal, paths: ['/out/api'] }, GO);
    fails({ ...goal, paths: ['/out/api', '/etc/ssl/certs/ca-certificates.crt', '/out/extra'] }, GO);
    fails(goal, GO.replace('COPY --from=build /out/api /usr/local/bin/api', 'COPY --from=build / /'));
  });

  it('compares paths as Docker reads them: from the root of the stage, trailing slashes aside', () => {
    passes(
      { kind: 'copies-only', from: 'build', paths: ['/app/dist'] },
      'FROM node:22 AS build\nWORKDIR /app\nRUN mkdir dist\nFROM node:22-slim\nCOPY --from=build app/dist/ ./dist\n',
    );
  });

  it('resolves --from the way Docker does: case ignored, an index counts, an image does not', () => {
    passes({ kind: 'copies-only', from: 'build', paths: ['/out/api'] }, 'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=BUILD /out/api /api\n');
    passes({ kind: 'copies-only', from: 'build', paths: ['/out/api'] }, 'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=0 /out/api /api\n');
    // A misspelt stage is pulled as an image: no image, so nothing to check.
    fails(
      { kind: 'copies-only', from: 'build', paths: ['/out/api'] },
      'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=biuld /out/api /api\n',
      /^No image to check/,
    );
    fails({ kind: 'copies-only', from: 'build', paths: ['/out/api'] }, 'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=golang:1.23 /out/api /api\n');
  });

  it('includes the stages the image is built FROM, and only those', () => {
    const inherited = 'FROM golang:1.23 AS build\nFROM alpine:3.20 AS runtime\nCOPY --from=build /out/api /api\nFROM runtime AS production\n';
    passes({ kind: 'copies-only', from: 'build', paths: ['/out/api'] }, inherited);
    const sibling =
      'FROM golang:1.23 AS build\nFROM alpine:3.20 AS debug\nCOPY --from=build / /\nFROM alpine:3.20 AS production\nCOPY --from=build /out/api /api\n';
    passes({ kind: 'copies-only', from: 'build', paths: ['/out/api'] }, sibling);
  });

  it('fails with a detail when the stage to copy from does not exist, or the target does not', () => {
    fails({ kind: 'copies-only', from: 'build', paths: ['/out/api'] }, 'FROM alpine:3.20\n', /no stage named "build" yet/);
    fails(goal, 'FROM golang:1.23 AS build\nFROM alpine:3.20 AS prod\n', NOT_YET);
  });
});

describe('goals about an image fail while its build fails', () => {
  const devAbove = 'FROM build AS dev\nUSER node\nCMD ["npm", "run", "dev"]\n\nFROM node:22 AS build\nRUN npm ci\n';

  it('runs-stages, non-root-user and copies-only say the build fails and why', () => {
    fails(
      { kind: 'runs-stages', target: 'dev', includes: ['dev'] },
      devAbove,
      /^No image to check: docker build --target dev fails\. FROM build names stage "build"/,
    );
    fails({ kind: 'non-root-user', target: 'dev' }, devAbove, /^No image to check: docker build --target dev fails\./);
    fails(
      { kind: 'copies-only', from: 'build', paths: ['/out/api'] },
      'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=build /out/api /api\nCOPY --from=biuld /out/x /x\n',
      /^No image to check: docker build fails\. COPY --from=biuld/,
    );
  });

  it('a rule about the target image needs the image; a rule about the file does not', () => {
    fails({ kind: 'rule-silent', target: 'dev', rule: 'heavy-final-base' }, devAbove, /^No image to check/);
    passes(
      { kind: 'rule-silent', rule: 'duplicate-stage-name' },
      'FROM alpine:3.20 AS a\nCOPY --from=biuld /x /x\nFROM alpine:3.20 AS biuld2\nCOPY --from=biuld2x /x /x\n',
    );
  });
});

describe('byName', () => {
  const byIndex = 'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=0 /out/app /app\n';

  it('fails a copy that reaches the stage by its index, saying which line', () => {
    passes({ kind: 'copies-only', from: 'build', paths: ['/out/app'] }, byIndex);
    fails(
      { kind: 'copies-only', from: 'build', paths: ['/out/app'], byName: true },
      byIndex,
      /Line 3 copies with --from=0, the stage's index: write its name, --from=build/,
    );
    passes({ kind: 'copies-only', from: 'build', paths: ['/out/app'], byName: true }, byIndex.replace('--from=0', '--from=Build'));
  });
});

describe('copies-from', () => {
  const PRUNED =
    'FROM node:22 AS build\nWORKDIR /app\nRUN npm ci && npm run build && npm prune --omit=dev\n\nFROM node:22-slim\nWORKDIR /app\nCOPY --from=build /app/node_modules ./node_modules\nCOPY --from=build /app/dist ./dist\nUSER node\nCMD ["node", "dist/server.js"]\n';

  it('passes when the image copies at least those paths, more being fine', () => {
    passes({ kind: 'copies-from', from: 'build', paths: ['/app/dist'] }, PRUNED);
    fails({ kind: 'copies-only', from: 'build', paths: ['/app/dist'] }, PRUNED);
  });

  it('fails when a path is not copied', () => {
    fails({ kind: 'copies-from', from: 'build', paths: ['/app/dist', '/app/public'] }, PRUNED);
    fails(
      { kind: 'copies-from', from: 'build', paths: ['/app/dist'] },
      'FROM node:22 AS build\nFROM node:22-slim\nCOPY --from=build /app/node_modules ./node_modules\n',
    );
  });
});

describe('evaluate', () => {
  const goals: GoalSpec[] = [
    { id: 'a', kind: 'stage-exists', stage: 'production', statement: 'S1', failure: 'F1', hints: ['H1'] },
    { id: 'b', kind: 'rule-silent', target: 'production', rule: 'test-tools-in-final-image', statement: 'S2', failure: 'F2', hints: ['H2a', 'H2b'] },
  ];

  it('reports each goal with its statement and hint ladder, the failure as detail while failing, and completeness', () => {
    const leaky = evaluate({ goals }, LEAKY);
    expect(leaky.goals).toEqual([
      { id: 'a', statement: 'S1', passed: true, detail: '', hints: ['H1'] },
      { id: 'b', statement: 'S2', passed: false, detail: 'F2', hints: ['H2a', 'H2b'] },
    ]);
    expect(leaky.complete).toBe(false);
    expect(evaluate({ goals }, ENVS).complete).toBe(true);
  });

  it('returns the diagnostics of the default BuildKit analysis', () => {
    expect(evaluate({ goals }, LEAKY).diagnostics).toEqual(analyze(LEAKY).diagnostics);
    expect(evaluate({ goals: [] }, MALFORMED).diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('analyzes each scope (target × builder) once per call', () => {
    const many: GoalSpec[] = Array.from({ length: 12 }, (_, i) => ({
      id: `g${i}`,
      kind: i % 3 === 0 ? 'non-root-user' : 'builds',
      ...(i % 2 ? { target: 'test' } : {}),
      statement: 's',
      failure: 'f',
      hints: ['h'],
    }));
    vi.mocked(analyze).mockClear();
    evaluate({ goals: many }, ENVS);
    // The default scope (also used for the diagnostics) and --target test.
    expect(
      vi
        .mocked(analyze)
        .mock.calls.map(([, options]) => options?.target ?? null)
        .sort(),
    ).toEqual([null, 'test']);
  });

  it('passes the exercise’s .dockerignore to the analysis', () => {
    const text = 'FROM alpine:3.20\nCOPY secrets.env /app/\nUSER app\n';
    const withIgnore = evaluate({ goals: [], files: { '.dockerignore': 'secrets.env\n' } }, text).diagnostics.map((d) => d.id);
    const without = evaluate({ goals: [] }, text).diagnostics.map((d) => d.id);
    expect(withIgnore).toContain('copy-ignored-file');
    expect(without).not.toContain('copy-ignored-file');
  });
});

describe('evaluate never throws', () => {
  const fixturesDir = join(import.meta.dirname, '..', 'fixtures', 'builds');
  const corpus = readdirSync(fixturesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      try {
        return [readFileSync(join(fixturesDir, entry.name, 'Dockerfile'), 'utf8')];
      } catch {
        return [];
      }
    });

  const every: GoalSpec[] = (
    [
      { kind: 'stage-exists', stage: 'build' },
      { kind: 'default-target', stage: 'prod' },
      { kind: 'builds' },
      { kind: 'builds', builder: 'classic', target: 'prod' },
      { kind: 'runs-stages', includes: ['build'], excludes: ['test'] },
      { kind: 'runs-stages', builder: 'classic', target: 'test', includes: ['base'] },
      { kind: 'rule-silent', rule: 'test-tools-in-final-image' },
      { kind: 'rule-silent', target: 'prod', builder: 'classic', rule: 'duplicate-stage-name' },
      { kind: 'non-root-user' },
      { kind: 'non-root-user', target: 'base', builder: 'classic' },
      { kind: 'copies-only', from: 'build', paths: ['/out'] },
      { kind: 'copies-only', from: 'base', target: 'prod', paths: ['/app', 'x/'] },
      { kind: 'copies-from', from: 'build', paths: ['/out'] },
    ] as const
  ).map((goal, i) => ({ id: `g${i}`, statement: 's', failure: 'f', hints: ['h'], ...goal }) as GoalSpec);

  function wellFormed(text: string) {
    const evaluation = evaluate({ goals: every }, text);
    expect(evaluation.goals).toHaveLength(every.length);
    for (const goal of evaluation.goals) {
      expect(typeof goal.passed).toBe('boolean');
      expect(goal.passed ? goal.detail === '' : goal.detail.length > 0).toBe(true);
    }
    expect(Array.isArray(evaluation.diagnostics)).toBe(true);
  }

  it(`on every fixture Dockerfile (${corpus.length})`, () => {
    expect(corpus.length).toBeGreaterThan(50);
    for (const text of corpus) wellFormed(text);
  }, 30_000);

  it('on truncated, spliced and random inputs', () => {
    const random = new Random(0x5eed_e0e0);
    const alphabet = [
      'FROM ',
      'AS ',
      'COPY --from=',
      'USER ',
      'RUN ',
      '<<EOF\n',
      'EOF\n',
      '\\\n',
      '$',
      '{',
      '}',
      ' ',
      '\n',
      'build',
      'prod',
      'test',
      '0',
      'root',
      ':',
      '/',
      '"',
      '[',
      ']',
      '#',
      '\t',
      '\u0000',
      '😀',
    ];
    for (let i = 0; i < 150; i++) {
      const source = corpus[random.int(corpus.length)]!;
      const cut = random.int(source.length + 1);
      wellFormed(source.slice(0, cut));
      const other = corpus[random.int(corpus.length)]!;
      wellFormed(source.slice(0, cut) + other.slice(random.int(other.length + 1)));
      let garbage = '';
      for (let j = random.int(40); j > 0; j--) garbage += alphabet[random.int(alphabet.length)];
      wellFormed(garbage);
    }
  }, 30_000);
});
