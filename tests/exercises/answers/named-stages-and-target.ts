import { dockerfile, type AnswerTable } from './types.ts';

const BUILD = `FROM node:22 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
`;

const PROD = `FROM node:22-alpine AS prod
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci
COPY --from=build /app/dist ./dist
CMD ["node", "dist/server.js"]
`;

const DEV = `FROM build AS dev
CMD ["npm", "run", "dev"]
`;

export const answers: AnswerTable = {
  correct: [
    { name: 'the lesson’s answer: build, dev, prod', dockerfile: `${BUILD}\n${DEV}\n${PROD}` },
    {
      name: 'dev written in capitals (AS Dev) and an extra lint stage between',
      dockerfile: `${BUILD}\nFROM build AS Dev\nCMD ["npm", "run", "dev"]\n\nFROM build AS lint\nRUN npm run lint\n\n${PROD}`,
    },
    {
      name: 'dev built on its own base instead of FROM build',
      dockerfile: dockerfile`
        FROM node:22 AS build
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci
        COPY . .
        RUN npm run build

        FROM node:22 AS dev
        WORKDIR /app
        COPY . .
        RUN npm ci
        CMD ["npm", "run", "dev"]

        FROM node:22-alpine AS prod
        WORKDIR /app
        ENV NODE_ENV=production
        COPY package.json package-lock.json ./
        RUN npm ci
        COPY --from=build /app/dist ./dist
        USER node
        CMD ["node", "dist/server.js"]
      `,
    },
    {
      name: 'prod on node:22-slim with a user and --omit=dev',
      dockerfile: `${BUILD}\n${DEV}\n${PROD.replace('node:22-alpine', 'node:22-slim').replace('RUN npm ci\n', 'RUN npm ci --omit=dev\n').replace('CMD', 'USER node\nCMD')}`,
    },
  ],
  wrong: [
    {
      name: 'the dev stage moved above build: FROM build then pulls an image called build',
      dockerfile: `${DEV}\n${BUILD}\n${PROD}`,
      fails: ['dev-builds'],
      detail: /FROM build names stage "build", which comes later \(line 4\)\..*docker\.io\/library\/build:latest/,
    },
    {
      name: 'the dev stage deleted',
      dockerfile: `${BUILD}\n${PROD}`,
      fails: ['dev-kept', 'dev-builds'],
    },
    {
      name: 'prod renamed to production: docker build builds it, but it is not prod',
      dockerfile: `${BUILD}\n${DEV}\n${PROD.replace('AS prod', 'AS production')}`,
      fails: ['prod-is-default', 'default-skips-dev'],
    },
    {
      name: 'prod built FROM dev, so a production build runs dev',
      dockerfile: `${BUILD}\n${DEV}\nFROM dev AS prod\nENV NODE_ENV=production\nCMD ["node", "dist/server.js"]\n`,
      fails: ['default-skips-dev'],
    },
    {
      name: 'the order unchanged, dev still last',
      dockerfile: `${BUILD}\n${PROD}\n${DEV.replace('["npm", "run", "dev"]', '["npm", "run", "start:dev"]')}`,
      fails: ['prod-is-default', 'default-skips-dev'],
    },
  ],
};
