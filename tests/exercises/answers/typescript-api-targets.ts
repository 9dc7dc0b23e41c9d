import { dockerfile, type AnswerTable } from './types.ts';

const SOLUTION = dockerfile`
  FROM node:22-alpine AS base
  WORKDIR /app
  COPY package.json package-lock.json ./

  FROM base AS deps
  RUN npm ci

  FROM deps AS build
  COPY tsconfig.json ./
  COPY src ./src
  RUN npm run build

  FROM build AS test
  COPY test ./test
  RUN npm test

  FROM deps AS lint
  COPY . .
  RUN npm run lint

  FROM deps AS dev
  ENV NODE_ENV=development
  COPY . .
  EXPOSE 3000
  CMD ["npm", "run", "dev"]

  FROM base AS production
  ENV NODE_ENV=production
  RUN npm ci --omit=dev && npm cache clean --force
  COPY --from=build /app/dist ./dist
  USER node
  EXPOSE 3000
  CMD ["node", "dist/server.js"]
`;

export const answers: AnswerTable = {
  correct: [
    { name: 'the lesson’s Dockerfile, without the debug stage', dockerfile: SOLUTION },
    {
      name: 'with the lesson’s debug stage too',
      dockerfile: SOLUTION.replace('FROM base AS production', 'FROM build AS debug\nEXPOSE 3000 9229\nCMD ["node", "--inspect=0.0.0.0:9229", "dist/server.js"]\n\nFROM base AS production'),
    },
    {
      name: 'node:22-slim, a prod-deps stage production copies from, dev before lint',
      dockerfile: dockerfile`
        FROM node:22-slim AS base
        WORKDIR /app
        COPY package.json package-lock.json ./

        FROM base AS deps
        RUN npm ci

        FROM base AS prod-deps
        RUN npm ci --omit=dev

        FROM deps AS build
        COPY . .
        RUN npm run build

        FROM deps AS dev
        COPY . .
        CMD ["npm", "run", "dev"]

        FROM build AS test
        RUN npm test

        FROM build AS lint
        RUN npm run lint

        FROM node:22-slim AS production
        WORKDIR /app
        ENV NODE_ENV=production
        COPY --from=prod-deps /app/node_modules ./node_modules
        COPY --from=build /app/dist ./dist
        USER node
        CMD ["node", "dist/server.js"]
      `,
    },
    {
      name: 'no base stage: each stage installs for itself, a numeric user',
      dockerfile: dockerfile`
        FROM node:22-alpine AS build
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci
        COPY . .
        RUN npm run build

        FROM build AS test
        RUN npm test

        FROM build AS lint
        RUN npm run lint

        FROM build AS dev
        CMD ["npm", "run", "dev"]

        FROM node:22-alpine AS production
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci --omit=dev
        COPY --from=build /app/dist ./dist
        USER 1000
        CMD ["node", "dist/server.js"]
      `,
    },
  ],
  wrong: [
    {
      name: 'production FROM deps with no install of its own: every devDependency ships',
      dockerfile: SOLUTION.replace('FROM base AS production', 'FROM deps AS production').replace('RUN npm ci --omit=dev && npm cache clean --force\n', ''),
      fails: ['production-no-dev-dependencies', 'nothing-reported'],
    },
    {
      name: 'dev left last, as in the old file',
      dockerfile: `${SOLUTION}\nFROM deps AS dev2\nCMD ["npm", "run", "dev"]\n`,
      fails: ['production-is-default', 'default-skips-ci-and-dev', 'nothing-reported'],
    },
    {
      name: 'production copies the whole /app from build',
      dockerfile: SOLUTION.replace('COPY --from=build /app/dist ./dist', 'COPY --from=build /app ./'),
      fails: ['production-dist-only'],
    },
    {
      name: 'production on the full node:22 image',
      dockerfile: SOLUTION.replace('FROM node:22-alpine AS base', 'FROM node:22 AS base'),
      fails: ['nothing-reported'],
      detail: /heavy|full variant|node:22/,
    },
    {
      name: 'COPY . . before npm ci in deps',
      dockerfile: SOLUTION.replace('FROM base AS deps\nRUN npm ci', 'FROM base AS deps\nCOPY . .\nRUN npm ci'),
      fails: ['install-cached', 'nothing-reported'],
    },
    {
      name: 'test written above build: FROM build pulls an image',
      dockerfile: SOLUTION.replace('FROM build AS test\nCOPY test ./test\nRUN npm test\n\n', '').replace('FROM deps AS build', 'FROM build AS test\nCOPY test ./test\nRUN npm test\n\nFROM deps AS build'),
      fails: ['test-builds', 'nothing-reported'],
      detail: /FROM build names stage "build", which comes later/,
    },
  ],
};
