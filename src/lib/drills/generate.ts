// Random but realistic multi-stage Dockerfiles for the drills, one shape per level, the same
// file for the same (level, seed). Pure: no DOM, no analyzer (questions.ts asks the analyzer
// what Docker does with the file). Every shape is one the engine recordings cover
// (tests/fixtures/builds): chains (deps-stage-copy, copy-from-dependency), diamonds
// (shared-base-targets), a global ARG choosing the stage FROM builds on
// (global-arg-selects-stage), two stages of one name (duplicate-stage-name-test-target), a
// COPY --from a later stage in a stage the default build skips (copy-from-later-stage-not-built)
// and a debug stage before the default one (debug-stage-before-default). Steps are plain RUN,
// COPY and COPY --from: no RUN --mount or heredoc, which the classic builder refuses or drops.
import { Random } from '../../shared/random.ts';

export const LEVELS = [1, 2, 3, 4] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_NAMES: Record<Level, string> = {
  1: 'Chains',
  2: 'Diamonds',
  3: 'ARG-selected stages',
  4: 'Duplicate names and forward references',
};

/** The largest seed a link may carry (seeds are 32-bit unsigned). */
export const MAX_SEED = 0xffffffff;

/** What a generated file contains, for the tests and the feedback. */
export type Shape = 'chain' | 'diamond' | 'arg-selected' | 'duplicate-name' | 'forward-reference' | 'unused-stage' | 'last-stage-not-runtime';

export interface GeneratedDrill {
  level: Level;
  seed: number;
  dockerfile: string;
  shapes: Shape[];
  /** The global ARG that picks a stage (level 3), with its default and the other values it may take. */
  variantArg: { name: string; default: string; others: string[] } | null;
}

interface Toolchain {
  image: string;
  deps: string[];
  build: string[];
  test: string;
  lint: string;
  assets: string;
  /** Where the assets step writes. */
  assetsOutput: string;
  runtime: string;
  runtimeFull: string;
  /** What the build stage produces, and where the runtime stage puts it. */
  output: string;
  installed: string;
  /** What else the runtime needs from the build stage (Node's production packages). */
  alsoCopied: { from: string; to: string }[];
  /** What the runtime sets before it runs (a working directory, a module path). */
  runtimeEnv: string[];
  cmd: string;
}

const TOOLCHAINS: readonly Toolchain[] = [
  {
    // The build drops the dev dependencies after compiling, so the runtime copies dist and the
    // production node_modules beside it (a bundler-free server needs both).
    image: 'node:22-alpine',
    deps: ['WORKDIR /app', 'COPY package.json package-lock.json ./', 'RUN npm ci'],
    build: ['COPY . .', 'RUN npm run build && npm prune --omit=dev'],
    test: 'RUN npm test',
    lint: 'RUN npm run lint',
    assets: 'RUN npm run build:css',
    assetsOutput: '/app/public',
    runtime: 'node:22-alpine',
    runtimeFull: 'node:22-bookworm',
    output: '/app/dist',
    installed: '/app/dist',
    alsoCopied: [{ from: '/app/node_modules', to: '/app/node_modules' }],
    runtimeEnv: ['WORKDIR /app', 'ENV NODE_ENV=production'],
    cmd: '["node", "dist/server.js"]',
  },
  {
    image: 'golang:1.23-bookworm',
    deps: ['WORKDIR /src', 'COPY go.mod go.sum ./', 'RUN go mod download'],
    build: ['COPY . .', 'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app'],
    test: 'RUN go test ./...',
    lint: 'RUN go vet ./...',
    assets: 'RUN go generate ./web/...',
    assetsOutput: '/src/web/dist',
    runtime: 'gcr.io/distroless/static-debian12',
    runtimeFull: 'debian:bookworm-slim',
    output: '/out/app',
    installed: '/usr/local/bin/app',
    alsoCopied: [],
    runtimeEnv: [],
    cmd: '["/usr/local/bin/app"]',
  },
  {
    // The packages go into a virtual environment inside /app, so the runtime stage's one COPY of
    // /app brings them along (a plain pip install would leave them in the build image's
    // site-packages, and the shipped app could not import them).
    image: 'python:3.12-slim',
    deps: ['WORKDIR /app', 'COPY requirements.txt ./', 'RUN python -m venv .venv && .venv/bin/pip install --no-cache-dir -r requirements.txt'],
    build: ['COPY . .', 'RUN .venv/bin/python -m compileall -q src'],
    test: 'RUN .venv/bin/python -m pytest -q',
    lint: 'RUN .venv/bin/python -m ruff check .',
    assets: 'RUN .venv/bin/python -m app.collect_static',
    assetsOutput: '/app/static',
    runtime: 'python:3.12-slim',
    runtimeFull: 'python:3.12-bookworm',
    output: '/app',
    installed: '/app',
    alsoCopied: [],
    runtimeEnv: ['WORKDIR /app', 'ENV PYTHONPATH=/app/src'],
    cmd: '["/app/.venv/bin/python", "-m", "app"]',
  },
  {
    // Dependencies first, against a placeholder main.rs, so a source change leaves them cached.
    image: 'rust:1.83-bookworm',
    deps: ['WORKDIR /src', 'COPY Cargo.toml Cargo.lock ./', 'RUN mkdir src && echo "fn main() {}" > src/main.rs && cargo build --release'],
    build: ['COPY . .', 'RUN touch src/main.rs && cargo build --release'],
    test: 'RUN cargo test --release',
    lint: 'RUN cargo clippy --release -- -D warnings',
    assets: 'RUN cargo run --release --bin build-assets',
    assetsOutput: '/src/assets',
    runtime: 'debian:bookworm-slim',
    runtimeFull: 'debian:bookworm',
    output: '/src/target/release/app',
    installed: '/usr/local/bin/app',
    alsoCopied: [],
    runtimeEnv: [],
    cmd: '["/usr/local/bin/app"]',
  },
  {
    image: 'maven:3.9-eclipse-temurin-21',
    deps: ['WORKDIR /build', 'COPY pom.xml ./', 'RUN mvn -B -q dependency:go-offline'],
    build: ['COPY . .', 'RUN mvn -B -q -DskipTests package && cp target/*.jar /build/app.jar'],
    test: 'RUN mvn -B -q test',
    lint: 'RUN mvn -B -q checkstyle:check',
    assets: 'RUN mvn -B -q -Pfrontend generate-resources',
    assetsOutput: '/build/target/classes/static',
    runtime: 'eclipse-temurin:21-jre-alpine',
    runtimeFull: 'eclipse-temurin:21-jre',
    output: '/build/app.jar',
    installed: '/app/app.jar',
    alsoCopied: [],
    runtimeEnv: [],
    cmd: '["java", "-jar", "/app/app.jar"]',
  },
];

interface StageSpec {
  comment?: string;
  from: string;
  name: string;
  lines: string[];
}

function render(globals: string[], stages: StageSpec[]): string {
  const blocks = stages.map((s) => [...(s.comment ? [`# ${s.comment}`] : []), `FROM ${s.from} AS ${s.name}`, ...s.lines].join('\n'));
  return [...(globals.length > 0 ? [globals.join('\n')] : []), ...blocks].join('\n\n') + '\n';
}

const copyOutput = (t: Toolchain, from = 'build') => `COPY --from=${from} ${t.output} ${t.installed}`;
/** The build's output and whatever else the runtime needs from the same stage. */
const copyAll = (t: Toolchain, from = 'build') => [copyOutput(t, from), ...t.alsoCopied.map((c) => `COPY --from=${from} ${c.from} ${c.to}`)];
const runtimeLines = (t: Toolchain, from = 'build') => [...t.runtimeEnv, ...copyAll(t, from), 'USER 1000', `CMD ${t.cmd}`];

/** Level 1: deps → build → (test) and a runtime stage copying from build; sometimes a lint stage
 *  beside the chain, a runtime built on a base stage of its own, or a test stage last. */
function chain(r: Random, t: Toolchain): Pick<GeneratedDrill, 'dockerfile' | 'shapes'> {
  const stages: StageSpec[] = [
    { from: t.image, name: 'deps', lines: t.deps },
    { from: 'deps', name: 'build', lines: t.build },
  ];
  if (r.chance(0.35)) {
    // A lint stage off deps: nothing copies from it, so only a --target or bake builds it.
    stages.splice(r.int(2) + 1, 0, { from: 'deps', name: r.pick(['lint', 'static-checks']), lines: ['COPY . .', t.lint] });
  }
  const test: StageSpec = { from: 'build', name: r.pick(['test', 'unit-test', 'check']), lines: [t.test] };
  const runtimeName = r.pick(['runtime', 'production', 'release']);
  const runtime: StageSpec[] = [];
  if (r.chance(0.4)) {
    // The runtime's settings in a base stage of their own, which the runtime stage builds on.
    const base = r.pick(['runtime-base', 'base-runtime', 'slim-base']);
    runtime.push({ from: t.runtime, name: base, lines: [...t.runtimeEnv, 'USER 1000'] });
    runtime.push({ from: base, name: runtimeName, lines: [...copyAll(t), `CMD ${t.cmd}`] });
  } else runtime.push({ from: t.runtime, name: runtimeName, lines: runtimeLines(t) });
  const shapes: Shape[] = ['chain'];
  const order = r.int(3);
  if (order === 0) stages.push(test, ...runtime);
  else if (order === 1) stages.push(...runtime);
  else {
    // A test stage after the runtime one: `docker build .` ships the test image.
    stages.push(...runtime, test);
    shapes.push('last-stage-not-runtime');
  }
  return { dockerfile: render([], stages), shapes };
}

/** Level 2: two stages built on one base, both copied into the final stage; perhaps an unused test stage. */
function diamond(r: Random, t: Toolchain): Pick<GeneratedDrill, 'dockerfile' | 'shapes'> {
  const [left, right] = r.pick([
    ['build', 'assets'],
    ['server', 'web'],
    ['api', 'worker'],
  ] as const);
  const base: StageSpec = { from: t.image, name: r.pick(['base', 'deps']), lines: t.deps };
  const a: StageSpec = { from: base.name, name: left, lines: t.build };
  // Each branch copies the sources before it builds from them: a RUN over files the stage never
  // copied would be a broken Dockerfile, and the drills show only ones that could work.
  const b: StageSpec = { from: base.name, name: right, lines: ['COPY . .', right === 'assets' || right === 'web' ? t.assets : t.build[1]!] };
  const test: StageSpec = { from: base.name, name: r.pick(['test', 'lint']), lines: ['COPY . .', r.chance(0.5) ? t.test : t.lint] };
  const final: StageSpec = {
    from: t.runtime,
    name: r.pick(['runtime', 'production', 'app']),
    lines: [
      ...t.runtimeEnv,
      ...copyAll(t, left),
      `COPY --from=${right} ${right === 'assets' || right === 'web' ? t.assetsOutput : t.output} /srv/${right}`,
      'USER 1000',
      `CMD ${t.cmd}`,
    ],
  };
  const shapes: Shape[] = ['diamond'];
  const middle = r.chance(0.5) ? [a, b] : [b, a];
  if (r.chance(0.6)) {
    middle.splice(r.int(3), 0, test);
    shapes.push('unused-stage');
  }
  return { dockerfile: render([], [base, ...middle, final]), shapes };
}

/** Level 3: `ARG VARIANT=…` before the first FROM, and `FROM app-${VARIANT}` picking one of two stages. */
function argSelected(r: Random, t: Toolchain): Pick<GeneratedDrill, 'dockerfile' | 'shapes' | 'variantArg'> {
  const name = r.pick(['VARIANT', 'FLAVOR', 'TARGET_ENV']);
  const values = r.pick([
    ['slim', 'debug'],
    ['prod', 'dev'],
    ['minimal', 'full'],
  ] as const);
  const byDefault = r.int(2);
  const prefix = r.pick(['app', 'image', 'runtime']);
  const [lean, full] = values;
  const stages: StageSpec[] = [
    { from: t.image, name: 'build', lines: [...t.deps, ...t.build] },
    { from: t.runtime, name: `${prefix}-${lean}`, lines: [...t.runtimeEnv, ...copyAll(t)] },
    {
      from: t.runtimeFull,
      name: `${prefix}-${full}`,
      lines: ['RUN apt-get update && apt-get install -y --no-install-recommends curl procps && rm -rf /var/lib/apt/lists/*', ...t.runtimeEnv, ...copyAll(t)],
    },
  ];
  // Either order: the ARG, not the position, picks the stage.
  if (r.chance(0.5)) stages.push(stages.splice(1, 1)[0]!);
  if (r.chance(0.5)) stages.splice(1, 0, { from: 'build', name: 'test', lines: [t.test] });
  stages.push({ from: `${prefix}-\${${name}}`, name: 'final', lines: ['USER 1000', `CMD ${t.cmd}`] });
  const chosen = values[byDefault]!;
  return {
    dockerfile: render([`# Which image to ship: ${values.join(' or ')}.`, `ARG ${name}=${chosen}`], stages),
    shapes: ['arg-selected'],
    variantArg: { name, default: chosen, others: values.filter((v) => v !== chosen) },
  };
}

/** Level 4: two stages of one name, a COPY --from a later stage in a stage the default build skips, a debug stage. */
function tricky(r: Random, t: Toolchain): Pick<GeneratedDrill, 'dockerfile' | 'shapes'> {
  const duplicate = r.chance(0.7);
  const forward = !duplicate || r.chance(0.5);
  const final = r.pick(['release', 'production', 'runtime']);
  const shapes: Shape[] = [];
  const stages: StageSpec[] = [{ from: t.image, name: 'deps', lines: t.deps }];
  const checkName = r.pick(['test', 'check', 'verify']);
  const checks: StageSpec[] = [{ from: 'deps', name: checkName, lines: ['COPY . .', t.test] }];
  if (duplicate) {
    // The same name twice, in either order (tests/fixtures/builds/duplicate-stage-name-test-target
    // records what each builder does with it).
    const lint: StageSpec = { from: 'deps', name: checkName, lines: ['COPY . .', t.lint], comment: 'Lint, under the same stage name.' };
    if (r.chance(0.5)) checks.push(lint);
    else checks.unshift(lint);
    shapes.push('duplicate-name');
  }
  const build: StageSpec = { from: 'deps', name: 'build', lines: t.build };
  // Checks before or after the build stage.
  stages.push(...(r.chance(0.5) ? [...checks, build] : [build, ...checks]));
  if (forward) {
    // On the full base, which has a shell (a distroless runtime has none, and its RUN would fail).
    const smoke = r.pick(['smoke', 'e2e', 'installed']);
    stages.push({ from: t.runtimeFull, name: smoke, lines: [`COPY --from=${final} ${t.installed} ${t.installed}`, `RUN test -e ${t.installed}`] });
    shapes.push('forward-reference');
  }
  if (r.chance(0.6) || shapes.length < 2) {
    const debugBase = r.pick(['build', 'deps']);
    stages.push({ from: debugBase, name: r.pick(['debug', 'shell', 'tools']), lines: ['RUN echo "debug tools" > /debug-tools'] });
    shapes.push('unused-stage');
  }
  stages.push({ from: t.runtime, name: final, lines: runtimeLines(t) });
  return { dockerfile: render([], stages), shapes };
}

/** The drill of `level` for `seed`: the same file every time. */
export function generateDrill(level: Level, seed: number): GeneratedDrill {
  const r = new Random((seed ^ Math.imul(level, 0x9e3779b9)) >>> 0);
  const t = r.pick(TOOLCHAINS);
  const common = { level, seed, variantArg: null };
  switch (level) {
    case 1:
      return { ...common, ...chain(r, t) };
    case 2:
      return { ...common, ...diamond(r, t) };
    case 3:
      return { ...common, ...argSelected(r, t) };
    case 4:
      return { ...common, ...tricky(r, t) };
  }
}
