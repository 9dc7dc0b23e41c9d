// Warms the analyzer up while the page is idle, so the learner's first keystrokes are not
// the ones that pay for it. The first analysis in a page compiles every function of the
// analyzer it runs (lazily, on first call) and runs them in the interpreter, with no type
// feedback yet: it costs several times a later one. The workbench and the playground call
// this once after they mount; it analyses a small Dockerfile that uses every kind of
// instruction, with and without the lint rules, with both builders and a --target, in idle
// callbacks (a few milliseconds each), and stops as soon as the learner edits. A few runs
// only compile the analyzer's functions; V8's optimising compilers take the hot ones after
// some tens of calls, so the warm-up makes 60 (a few hundred milliseconds of idle time,
// spread over as many idle callbacks). scripts/bench-browser.ts measures the first analyses
// of a learner's paste after it.

import { analyze } from '../../analyzer/index.ts';
import type { AnalyzeOptions } from '../../analyzer/model.ts';
import { highlightTokensIn } from './highlight.ts';
import { browserTimers, IDLE_TIMEOUT_MS, type Timers } from './refresh-scheduler.ts';

/** Every instruction and most of what the rules look at, in 41 lines. */
export const WARM_UP_DOCKERFILE = `# syntax=docker/dockerfile:1
ARG BASE=node:22-alpine VERSION=1.0
FROM \${BASE} AS deps
WORKDIR /app
ENV NODE_ENV=development PATH=/app/node_modules/.bin:$PATH
LABEL org.opencontainers.image.title="app" \\
      org.opencontainers.image.version=$VERSION
COPY package*.json ./
ADD --chown=node:node config/ ./config/
RUN --mount=type=cache,target=/root/.npm \\
    # dependencies first, for the cache
    npm ci && npm install --save-dev jest
COPY . .

FROM deps AS build
ARG VERSION
RUN apt-get update && apt-get install -y --no-install-recommends gcc make \\
 && npm run build && pip install pytest
RUN <<EOF
set -eu
echo "\${VERSION}" > /app/version
EOF

FROM deps AS test
RUN npm test

FROM gcr.io/distroless/nodejs22-debian12:nonroot AS prod
COPY --from=build --chown=1000:1000 /app/dist /app/dist
COPY <<-EOF /app/config.yaml
	port: 8080
	EOF
EXPOSE 8080/tcp 9090
HEALTHCHECK --interval=30s CMD ["/nodejs/bin/node", "/app/dist/health.js"]
USER nonroot
STOPSIGNAL SIGTERM
VOLUME ["/data"]
SHELL ["/bin/sh", "-c"]
ONBUILD RUN echo onbuild
MAINTAINER someone
ENTRYPOINT ["/nodejs/bin/node"]
CMD ["/app/dist/server.js"]
`;

const RUNS: readonly AnalyzeOptions[] = [{}, { rules: false }, { builder: 'classic' }, { target: 'build' }, {}, { builder: 'classic', target: 'test' }];
/** How many times the warm-up goes through RUNS. */
export const WARM_UP_ROUNDS = 10;

/** Runs the warm-up analyses in idle callbacks, one per callback; `stop()` cancels the rest. */
export function prewarmAnalyzer(timers: Timers = browserTimers()): { stop(): void } {
  let next = 0;
  let handle: number | null = null;
  const step = (): void => {
    handle = null;
    // A keystroke-sized variation each time, so no analysis reuses the one before.
    const text = `${WARM_UP_DOCKERFILE}${'#'.repeat(next)}\n`;
    highlightTokensIn(text, analyze(text, RUNS[next % RUNS.length]!), 0, text.length);
    next++;
    if (next < RUNS.length * WARM_UP_ROUNDS) handle = timers.idle(step, IDLE_TIMEOUT_MS * 4);
  };
  handle = timers.idle(step, IDLE_TIMEOUT_MS * 4);
  return {
    stop() {
      if (handle !== null) timers.cancelIdle(handle);
      handle = null;
    },
  };
}
