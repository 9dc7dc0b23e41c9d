// Deterministic, realistic multi-stage Dockerfiles of a requested size for the benchmark:
// a monorepo of services, each with deps/build/test/runtime stages, COPY --from between
// them, RUN with continuations and comments, cache mounts, ARG/ENV/LABEL, heredocs and
// exec-form CMD, and a final stage gathering every service. Same seed, same file.

import { Random } from '../../src/shared/random.ts';

const LANGUAGES = [
  { base: 'node', tag: '${NODE_VERSION}-alpine', install: ['npm ci --omit=dev', 'npm run build'], out: '/app/dist', cmd: ['node', 'dist/server.js'] },
  {
    base: 'golang',
    tag: '${GO_VERSION}-bookworm',
    install: ['go mod download', 'CGO_ENABLED=0 go build -trimpath -o /out/app ./cmd/app'],
    out: '/out',
    cmd: ['/app/app', '--listen=:8080'],
  },
  {
    base: 'python',
    tag: '${PYTHON_VERSION}-slim',
    install: ['pip install --no-cache-dir -r requirements.txt', 'python -m compileall -q src'],
    out: '/app',
    cmd: ['python', '-m', 'app'],
  },
  {
    base: 'rust',
    tag: '${RUST_VERSION}-slim',
    install: ['cargo fetch --locked', 'cargo build --release --locked'],
    out: '/app/target/release',
    cmd: ['/app/server'],
  },
] as const;

const WORDS = [
  'api',
  'auth',
  'billing',
  'catalog',
  'search',
  'mailer',
  'worker',
  'gateway',
  'reports',
  'media',
  'users',
  'orders',
  'events',
  'notify',
  'ledger',
  'admin',
];
const PACKAGES = ['ca-certificates', 'curl', 'git', 'tzdata', 'openssl', 'jq', 'make', 'gcc', 'libc6-dev', 'pkg-config', 'unzip', 'tini', 'bash', 'less'];

export interface GeneratedDockerfile {
  text: string;
  lines: number;
  stages: number;
}

/** A Dockerfile of about `targetLines` lines (it stops after the block that reaches it). */
export function generateDockerfile(targetLines: number, seed = 42): GeneratedDockerfile {
  const r = new Random(seed);
  const out: string[] = [
    '# syntax=docker/dockerfile:1.7',
    '# Monorepo build: one deps/build/test/runtime chain per service, gathered at the end.',
    'ARG REGISTRY=docker.io',
    'ARG NODE_VERSION=22.11 GO_VERSION=1.23 PYTHON_VERSION=3.12 RUST_VERSION=1.82',
    'ARG ALPINE_VERSION=3.20',
    '',
    'FROM ${REGISTRY}/library/alpine:${ALPINE_VERSION} AS certs',
    'RUN apk add --no-cache ca-certificates tzdata',
    '',
  ];
  let stages = 1;
  const runtimes: string[] = [];
  let n = 0;
  // Leave room for the final stage (about 4 lines per service plus a few).
  while (out.length + 6 + runtimes.length * 2 < targetLines) {
    const name = `${WORDS[n % WORDS.length]}${n >= WORDS.length ? `-${Math.floor(n / WORDS.length)}` : ''}`;
    const lang = LANGUAGES[r.int(LANGUAGES.length)]!;
    const small = targetLines - out.length < 30;
    stages += serviceBlock(r, out, name, lang, small);
    runtimes.push(name);
    n++;
  }
  out.push('# Everything, for the integration environment.');
  out.push('FROM ${REGISTRY}/library/alpine:${ALPINE_VERSION} AS all');
  out.push('COPY --from=certs /etc/ssl/certs /etc/ssl/certs');
  for (const name of runtimes) out.push(`COPY --from=${name} /app /srv/${name}`);
  out.push('ENTRYPOINT ["/sbin/tini", "--"]');
  out.push('CMD ["sh", "-c", "ls /srv"]');
  stages++;
  const text = out.join('\n') + '\n';
  return { text, lines: out.length, stages };
}

function serviceBlock(r: Random, out: string[], name: string, lang: (typeof LANGUAGES)[number], small: boolean): number {
  const pkgs = Array.from({ length: r.range(2, 5) }, () => r.pick(PACKAGES));
  const uid = 1000 + r.int(9000);
  out.push(`# --- ${name} (${lang.base}) ---`);
  out.push(`FROM \${REGISTRY}/library/${lang.base}:${lang.tag} AS ${name}-deps`);
  out.push(`WORKDIR /src/${name}`);
  if (lang.base === 'golang' || lang.base === 'rust') {
    out.push(`RUN apt-get update \\`);
    out.push(`    # build tools only; the runtime image stays slim`);
    out.push(`    && apt-get install -y --no-install-recommends ${pkgs.join(' ')} \\`);
    out.push(`    && rm -rf /var/lib/apt/lists/*`);
  } else {
    out.push(`RUN --mount=type=cache,target=/root/.cache \\`);
    out.push(`    ${lang.install[0]}`);
  }
  out.push(`COPY services/${name}/ ./`);
  if (small) {
    out.push(`RUN ${lang.install[1]}`);
  } else {
    out.push('');
    out.push(`FROM ${name}-deps AS ${name}-build`);
    out.push(`ARG VERSION=0.0.0-dev`);
    out.push(`ENV APP_VERSION=\${VERSION} \\`);
    out.push(`    SERVICE=${name}`);
    out.push(`RUN --mount=type=cache,target=/root/.cache,id=${name} \\`);
    for (let i = r.range(1, 3); i > 0; i--) {
      if (r.chance(0.4)) out.push(`    # step ${i}: ${r.pick(['lint', 'codegen', 'assets', 'migrations'])}`);
      out.push(`    ${r.pick(['make generate', 'echo "building $SERVICE"', 'mkdir -p /out', `test -d ${lang.out} || true`])} && \\`);
    }
    out.push(`    ${lang.install[1]}`);
    if (r.chance(0.35)) {
      out.push('RUN <<EOF');
      out.push('set -eu');
      out.push(`echo "${name} \${APP_VERSION}" > /version.txt`);
      out.push('EOF');
    }
    out.push('');
    out.push(`FROM ${name}-build AS ${name}-test`);
    out.push(`RUN --mount=type=bind,from=${name}-deps,source=/src/${name},target=/fixtures \\`);
    out.push(`    ${r.pick(['make test', 'npm test', 'go test ./...', 'pytest -q', 'cargo test --release'])}`);
  }
  out.push('');
  out.push(`FROM gcr.io/distroless/base-debian12:nonroot AS ${name}`);
  out.push(`LABEL org.opencontainers.image.title="${name}" \\`);
  out.push(`      org.opencontainers.image.source="https://example.com/monorepo" \\`);
  out.push(`      org.opencontainers.image.version="1.${r.int(20)}.${r.int(50)}"`);
  out.push(`COPY --from=certs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/`);
  out.push(`COPY --from=${small ? `${name}-deps` : `${name}-build`} --chown=${uid}:${uid} ${lang.out} /app`);
  if (!small && r.chance(0.3)) {
    out.push(`COPY <<-EOF /app/config.yaml`);
    out.push(`\tservice: ${name}`);
    out.push(`\tport: ${8000 + r.int(1000)}`);
    out.push(`\tEOF`);
  }
  out.push(`USER ${uid}`);
  out.push(`EXPOSE ${8000 + r.int(1000)}`);
  out.push(`HEALTHCHECK --interval=30s --timeout=3s CMD ["/app/healthcheck"]`);
  out.push(`CMD ${JSON.stringify(lang.cmd).replace(/","/g, '", "')}`);
  out.push('');
  return small ? 2 : 4;
}

/**
 * A deep chain of about `targetLines` lines: every stage copies from the one before it
 * (COPY --from and a bind mount), so each stage needs all the stages above it. The shape
 * that makes dependency walks and per-stage lookups costly.
 */
export function generateDeepChain(targetLines: number): GeneratedDockerfile {
  const out: string[] = [
    '# syntax=docker/dockerfile:1',
    'ARG BASE=alpine:3.20',
    '',
    'FROM ${BASE} AS step0',
    'WORKDIR /work',
    'RUN mkdir -p out && echo 0 > out/0',
    '',
  ];
  let stages = 1;
  while (out.length + 8 < targetLines) {
    const n = stages;
    out.push(`FROM \${BASE} AS step${n}`);
    out.push('WORKDIR /work');
    out.push(`COPY --from=step${n - 1} /work/out ./in`);
    out.push(`RUN --mount=type=bind,from=step${n - 1},source=/work/out,target=/prev \\`);
    out.push(`    cp -r in out && echo ${n} > out/${n}`);
    out.push(`ENV STEP=${n}`);
    out.push('');
    stages++;
  }
  out.push('FROM scratch AS final');
  out.push(`COPY --from=step${stages - 1} /work/out /out`);
  stages++;
  const text = out.join('\n') + '\n';
  return { text, lines: out.length, stages };
}
