import type { AnswerTable } from './types.ts';

const BUILD = `FROM node:22 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
`;

const DEV = `FROM build AS dev
CMD ["npm", "run", "dev"]
`;

const PROD = `FROM node:22-slim AS prod
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --from=build /app/dist ./dist
USER node
CMD ["node", "dist/server.js"]
`;

export const answers: AnswerTable = {
  correct: [
    { name: 'the lesson’s answer', dockerfile: `${BUILD}\n${DEV}\n${PROD}` },
    { name: 'prod on alpine', dockerfile: `${BUILD}\n${DEV}\n${PROD.replace('node:22-slim', 'node:22-alpine')}` },
    {
      name: 'the manifests copied with a wildcard',
      dockerfile: `${BUILD.replace('COPY package.json package-lock.json ./', 'COPY package*.json ./')}\n${DEV}\n${PROD}`,
    },
    {
      name: 'a deps stage for the production node_modules',
      dockerfile: `${BUILD}\nFROM node:22-slim AS deps\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\n\n${DEV}\nFROM node:22-slim AS prod\nWORKDIR /app\nENV NODE_ENV=production\nCOPY --from=deps /app/node_modules ./node_modules\nCOPY --from=build /app/dist ./dist\nUSER node\nCMD ["node", "dist/server.js"]\n`,
    },
  ],
  wrong: [
    {
      name: 'the typo left in --from=biuld',
      dockerfile: `${BUILD}\n${DEV}\n${PROD.replace('--from=build', '--from=biuld')}`,
      fails: ['slim-final-base', 'from-names-a-stage', 'prod-copies-dist'],
      detail: /docker\.io\/library\/biuld:latest/,
    },
    {
      name: 'COPY . . still before npm ci',
      dockerfile: `FROM node:22 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\n\n${DEV}\n${PROD}`,
      fails: ['install-before-source'],
    },
    {
      name: 'dev still last',
      dockerfile: `${BUILD}\n${PROD}\n${DEV}`,
      fails: ['prod-is-default'],
    },
    {
      name: 'prod still on the full node:22 image',
      dockerfile: `${BUILD}\n${DEV}\n${PROD.replace('node:22-slim', 'node:22')}`,
      fails: ['slim-final-base'],
    },
    {
      name: 'dev moved above build, so FROM build pulls an image (prod builds, dev does not)',
      dockerfile: `${DEV}\n${BUILD}\n${PROD}`,
      fails: ['dev-builds'],
      detail: /FROM build names stage "build", which comes later \(line 4\)/,
    },
  ],
};
