// The printable cheat sheet (/workshops/cheat-sheet/): commands, Dockerfile patterns and the
// differences between BuildKit and the classic builder. Data only, so
// tests/workshops/cheat-sheet.test.ts can analyze every snippet: each must build on BuildKit
// without an error, and the stages each `builds` line names are computed by the analyzer on
// the page, never written by hand.
//
// Behaviour stated here follows tests/fixtures/builds/README.md (Docker 26.1 recordings) and, where
// it names Docker 28.5, the build-check recordings in tests/fixtures/checks.

export interface CheatCommand {
  command: string;
  /** What it does, one short line. Backticks mark code. */
  effect: string;
}

export interface CheatSnippet {
  id: string;
  title: string;
  /** One short line under the title. Backticks mark code. */
  note: string;
  dockerfile: string;
  /** Builds whose stages the page lists per builder (computed by analyze()); null = the default target. */
  builds: Array<string | null>;
  /** Build arguments for every analysis of this snippet. */
  buildArgs?: Record<string, string>;
}

export interface CheatDifference {
  topic: string;
  buildkit: string;
  classic: string;
}

export const CHEAT_COMMANDS: CheatCommand[] = [
  { command: 'docker build -t app .', effect: 'Builds the default target: the last stage in the file.' },
  { command: 'docker build --target test .', effect: 'Builds the stage named `test` (names ignore case, numbers are refused).' },
  { command: 'docker build --build-arg VARIANT=slim .', effect: 'Sets a global `ARG`, e.g. one that picks a stage in `FROM`.' },
  { command: 'DOCKER_BUILDKIT=0 docker build .', effect: 'Uses the classic builder (deprecated; it behaves differently, see below).' },
  { command: 'docker compose up --build', effect: 'Builds each service’s `build.target` and starts it.' },
];

export const CHEAT_SNIPPETS: CheatSnippet[] = [
  {
    id: 'build-runtime',
    title: 'Build stage, runtime stage',
    note: '`COPY --from=<stage>` brings exact paths; everything else stays behind.',
    dockerfile: `FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM alpine:3.20 AS production
COPY --from=build /out/app /usr/local/bin/app
USER 65534:65534
CMD ["app"]
`,
    builds: [],
  },
  {
    id: 'shared-base',
    title: 'One base, a target per environment',
    note: '`FROM <stage>` starts from everything that stage has. Production last: the default.',
    dockerfile: `FROM node:22-alpine AS base
WORKDIR /app
COPY package.json package-lock.json ./

FROM base AS dev
RUN npm ci
COPY . .
CMD ["npm", "run", "dev"]

FROM dev AS test
RUN npm test

FROM base AS production
ENV NODE_ENV=production
RUN npm ci --omit=dev
COPY . .
USER node
CMD ["node", "server.js"]
`,
    builds: ['test', null],
  },
  {
    id: 'arg-selects-stage',
    title: 'A global ARG picks a stage',
    note: 'Only `FROM` lines see a global `ARG`; declare it again inside a stage to use it there.',
    dockerfile: `ARG VARIANT=alpine
FROM node:22-alpine AS runtime-alpine
FROM node:22 AS runtime-full

FROM runtime-\${VARIANT} AS production
ARG VARIANT
RUN echo "built on $VARIANT"
USER node
CMD ["node", "--version"]
`,
    builds: [null],
  },
  {
    id: 'cache',
    title: 'Keep the install cached',
    note: 'Manifests first, sources after; a cache mount keeps npm’s downloads between builds.',
    dockerfile: `# syntax=docker/dockerfile:1
FROM node:22-alpine
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
USER node
CMD ["node", "server.js"]
`,
    builds: [],
  },
];

export const CHEAT_DIFFERENCES: CheatDifference[] = [
  { topic: 'Stages it runs', buildkit: 'the target and the stages it needs', classic: 'every stage from the top down to the target' },
  { topic: '`RUN --mount`', buildkit: 'supported', classic: 'error: the --mount option requires BuildKit' },
  { topic: '`RUN <<EOF`', buildkit: 'runs the heredoc body', classic: 'builds, but silently skips the body' },
  { topic: '`COPY <<EOF`', buildkit: 'creates the file', classic: 'error: no source files were specified' },
  {
    topic: 'Two stages, one name',
    buildkit: 'the last one wins; a warning on Docker 28.5, none on 26.1',
    classic: 'error at the second one: “… stage name already used”',
  },
  { topic: '`$BUILDPLATFORM`', buildkit: 'set', classic: 'not set, so a `FROM --platform` that uses it fails' },
  { topic: 'Build checks', buildkit: 'warnings on every build on Docker 27 and newer (`docker build --check`); none on 26.1', classic: 'none' },
  { topic: 'Stages before the target', buildkit: 'leave no images behind', classic: 'stay behind as untagged, dangling images' },
];

/** Short rules, each one line. Backticks mark code. */
export const CHEAT_RULES: string[] = [
  'Keep production last, so a plain `docker build` never ships a dev image.',
  'Write stage names in lower case: BuildKit reads `FROM Base` as an (invalid) image name.',
  '`COPY --from` never expands variables: pick the stage in `FROM` with a global `ARG`.',
  'A name that is not an earlier stage is an image: a typo becomes a registry pull.',
  'End the final stage with a non-root `USER`, after the steps that need root.',
  'Run tests in their own stage and build it in CI with `--target test`.',
];
