import { dockerfile, type AnswerTable } from './types.ts';

export const answers: AnswerTable = {
  correct: [
    {
      name: 'the solution: base, deps, build, test, prod',
      dockerfile: dockerfile`
        FROM node:22-alpine AS base
        WORKDIR /app
        COPY package.json package-lock.json ./

        FROM base AS deps
        RUN npm ci --omit=dev

        FROM base AS build
        RUN npm ci
        COPY . .
        RUN npm run build

        FROM build AS test
        RUN npm test

        FROM base AS prod
        COPY --from=deps /app/node_modules ./node_modules
        COPY --from=build /app/dist ./dist
        USER node
        CMD ["node", "dist/server.js"]
      `,
    },
    {
      name: 'no base stage: deps on its own image, as in the lesson',
      dockerfile: dockerfile`
        FROM node:22-alpine AS deps
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci --omit=dev

        FROM node:22-alpine AS build
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci
        COPY . .
        RUN npm run build

        FROM build AS test
        RUN npm test

        FROM node:22-alpine AS prod
        WORKDIR /app
        COPY --from=deps /app/node_modules ./node_modules
        COPY --from=build /app/dist ./dist
        USER node
        CMD ["node", "dist/server.js"]
      `,
    },
    {
      name: 'deps with NODE_ENV=production instead of --omit=dev, test before deps',
      dockerfile: dockerfile`
        FROM node:22-alpine AS build
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci
        COPY . .
        RUN npm run build

        FROM build AS test
        RUN npm test

        FROM node:22-alpine AS deps
        ENV NODE_ENV=production
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci

        FROM node:22-alpine AS prod
        WORKDIR /app
        COPY --from=deps /app/node_modules node_modules/
        COPY --from=build /app/dist dist/
        CMD ["node", "dist/server.js"]
      `,
    },
    {
      name: 'on node:22-slim, prod in another WORKDIR, build copying only what it compiles',
      dockerfile: dockerfile`
        FROM node:22-slim AS deps
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci --omit=dev

        FROM node:22 AS build
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci
        COPY tsconfig.json ./
        COPY src ./src
        RUN npm run build

        FROM build AS test
        COPY test ./test
        RUN npm test

        FROM node:22-slim AS prod
        WORKDIR /srv
        COPY --from=deps /app/node_modules ./node_modules
        COPY --from=build /app/dist ./dist
        USER node
        CMD ["node", "dist/server.js"]
      `,
    },
  ],
  wrong: [
    {
      name: 'test still repeats the build steps instead of starting FROM build',
      dockerfile: dockerfile`
        FROM node:22-alpine AS deps
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci --omit=dev

        FROM node:22-alpine AS build
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci
        COPY . .
        RUN npm run build

        FROM node:22-alpine AS test
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci
        COPY . .
        RUN npm run build && npm test

        FROM node:22-alpine AS prod
        WORKDIR /app
        COPY --from=deps /app/node_modules ./node_modules
        COPY --from=build /app/dist ./dist
        CMD ["node", "dist/server.js"]
      `,
      fails: ['test-on-build'],
    },
    {
      name: 'node_modules still copied from build (every devDependency along)',
      dockerfile: dockerfile`
        FROM node:22-alpine AS base
        WORKDIR /app
        COPY package.json package-lock.json ./

        FROM base AS deps
        RUN npm ci --omit=dev

        FROM base AS build
        RUN npm ci
        COPY . .
        RUN npm run build

        FROM build AS test
        RUN npm test

        FROM base AS prod
        COPY --from=build /app/node_modules ./node_modules
        COPY --from=build /app/dist ./dist
        CMD ["node", "dist/server.js"]
      `,
      fails: ['modules-from-deps', 'dist-only-from-build', 'no-dev-dependencies'],
    },
    {
      name: 'a deps stage that runs the full npm ci',
      dockerfile: dockerfile`
        FROM node:22-alpine AS base
        WORKDIR /app
        COPY package.json package-lock.json ./

        FROM base AS deps
        RUN npm ci

        FROM deps AS build
        COPY . .
        RUN npm run build

        FROM build AS test
        RUN npm test

        FROM base AS prod
        COPY --from=deps /app/node_modules ./node_modules
        COPY --from=build /app/dist ./dist
        CMD ["node", "dist/server.js"]
      `,
      fails: ['no-dev-dependencies'],
    },
    {
      name: 'the test stage left last, so docker build . builds and ships test',
      dockerfile: dockerfile`
        FROM node:22-alpine AS base
        WORKDIR /app
        COPY package.json package-lock.json ./

        FROM base AS deps
        RUN npm ci --omit=dev

        FROM base AS build
        RUN npm ci
        COPY . .
        RUN npm run build

        FROM base AS prod
        COPY --from=deps /app/node_modules ./node_modules
        COPY --from=build /app/dist ./dist
        CMD ["node", "dist/server.js"]

        FROM build AS test
        RUN npm test
      `,
      fails: ['prod-is-default', 'default-skips-test'],
    },
    {
      name: 'test written above build, so FROM build pulls an image',
      dockerfile: dockerfile`
        FROM node:22-alpine AS deps
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci --omit=dev

        FROM build AS test
        RUN npm test

        FROM node:22-alpine AS build
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci
        COPY . .
        RUN npm run build

        FROM node:22-alpine AS prod
        WORKDIR /app
        COPY --from=deps /app/node_modules ./node_modules
        COPY --from=build /app/dist ./dist
        CMD ["node", "dist/server.js"]
      `,
      fails: ['test-on-build', 'test-builds'],
      detail: /^No image to check: docker build --target test fails\. FROM build names stage "build", which comes later \(line 9\)/,
    },
  ],
};
