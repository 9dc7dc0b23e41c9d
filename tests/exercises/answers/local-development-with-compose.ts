import { dockerfile, type AnswerTable } from './types.ts';

const BASE = `FROM node:22-slim AS base
WORKDIR /app
COPY package.json package-lock.json ./
`;

const DEV = `FROM base AS dev
RUN npm ci
COPY . .
CMD ["node", "--watch", "src/server.js"]
`;

const PRODUCTION = `FROM base AS production
ENV NODE_ENV=production
RUN npm ci --omit=dev
COPY src ./src
USER node
CMD ["node", "src/server.js"]
`;

export const answers: AnswerTable = {
  correct: [
    { name: 'the lesson’s answer', dockerfile: `${BASE}\n${DEV}\n${PRODUCTION}` },
    {
      name: 'no base stage: dev and production each from node:22-slim',
      dockerfile: dockerfile`
        FROM node:22-slim AS dev
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci
        COPY . .
        CMD ["node", "--watch", "src/server.js"]

        FROM node:22-slim AS production
        WORKDIR /app
        ENV NODE_ENV=production
        COPY package.json package-lock.json ./
        RUN npm ci --omit=dev
        COPY src ./src
        USER node
        CMD ["node", "src/server.js"]
      `,
    },
    {
      name: 'NODE_ENV=production and a plain npm ci in production, a numeric user',
      dockerfile: `${BASE}\n${DEV}\n${PRODUCTION.replace('RUN npm ci --omit=dev', 'RUN npm ci').replace('USER node', 'USER 1000:1000')}`,
    },
    {
      name: 'a deps stage production copies node_modules from, on alpine',
      dockerfile: dockerfile`
        FROM node:22-alpine AS base
        WORKDIR /app
        COPY package.json package-lock.json ./

        FROM base AS deps
        RUN npm ci --omit=dev

        FROM base AS dev
        RUN npm ci
        COPY . .
        CMD ["node", "--watch", "src/server.js"]

        FROM base AS production
        ENV NODE_ENV=production
        COPY --from=deps /app/node_modules ./node_modules
        COPY src ./src
        USER node
        CMD ["node", "src/server.js"]
      `,
    },
  ],
  wrong: [
    {
      name: 'no dev stage at all: Compose stops with target stage "dev" could not be found',
      dockerfile: `${BASE}\n${PRODUCTION}`,
      fails: ['dev-builds', 'dev-skips-production'],
      detail: /no stage is named "dev"/,
    },
    {
      name: 'dev built FROM production, so Compose builds production first',
      dockerfile: `${BASE}\n${PRODUCTION}\nFROM production AS dev\nUSER root\nRUN npm ci\nCOPY . .\nCMD ["node", "--watch", "src/server.js"]\n`,
      fails: ['dev-skips-production', 'production-is-default'],
    },
    {
      name: 'dev last: docker build . now builds dev',
      dockerfile: `${BASE}\n${PRODUCTION}\n${DEV}`,
      fails: ['production-is-default'],
    },
    {
      name: 'the full npm ci moved to base, which production inherits',
      dockerfile: `${BASE}RUN npm ci\n\nFROM base AS dev\nCOPY . .\nCMD ["node", "--watch", "src/server.js"]\n\nFROM base AS production\nENV NODE_ENV=production\nCOPY src ./src\nUSER node\nCMD ["node", "src/server.js"]\n`,
      fails: ['production-no-dev-dependencies'],
    },
    {
      name: 'USER node dropped from production',
      dockerfile: `${BASE}\n${DEV}\n${PRODUCTION.replace('USER node\n', '')}`,
      fails: ['production-non-root'],
    },
  ],
};
