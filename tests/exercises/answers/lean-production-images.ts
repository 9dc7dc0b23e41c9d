import { dockerfile, type AnswerTable } from './types.ts';

const BUILD = `FROM node:22 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
`;

export const answers: AnswerTable = {
  correct: [
    {
      name: 'the lesson’s answer: npm ci --omit=dev in the final stage',
      dockerfile: `${BUILD}\nFROM node:22-slim AS runtime\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY --from=build /app/dist ./dist\nUSER node\nCMD ["node", "dist/server.js"]\n`,
    },
    {
      name: 'the analyzer’s hint: npm prune --omit=dev in build, node_modules copied across',
      dockerfile: dockerfile`
        FROM node:22 AS build
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci
        COPY . .
        RUN npm run build
        RUN npm prune --omit=dev

        FROM node:22-slim
        WORKDIR /app
        COPY --from=build /app/node_modules ./node_modules
        COPY --from=build /app/dist ./dist
        USER node
        CMD ["node", "dist/server.js"]
      `,
    },
    {
      name: 'alpine, NODE_ENV=production instead of --omit=dev, a numeric user',
      dockerfile: `${BUILD}\nFROM node:22-alpine\nENV NODE_ENV=production\nWORKDIR /srv\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY --from=build /app/dist dist/\nUSER 1000\nCMD ["node", "dist/server.js"]\n`,
    },
    {
      name: 'a separate deps stage, as in the sharing-steps lesson',
      dockerfile: dockerfile`
        FROM node:22 AS build
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci
        COPY . .
        RUN npm run build

        FROM node:22-slim AS deps
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci --omit=dev

        FROM node:22-slim AS runtime
        WORKDIR /app
        COPY --from=deps /app/node_modules ./node_modules
        COPY --from=build /app/dist ./dist
        USER node
        CMD ["node", "dist/server.js"]
      `,
    },
  ],
  wrong: [
    {
      name: 'slim and a user, but node_modules still copied from the full install',
      dockerfile: `${BUILD}\nFROM node:22-slim\nWORKDIR /app\nCOPY --from=build /app/node_modules ./node_modules\nCOPY --from=build /app/dist ./dist\nUSER node\nCMD ["node", "dist/server.js"]\n`,
      fails: ['no-dev-dependencies'],
    },
    {
      name: 'production dependencies installed with a full npm ci in the final stage',
      dockerfile: `${BUILD}\nFROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY --from=build /app/dist ./dist\nUSER node\nCMD ["node", "dist/server.js"]\n`,
      fails: ['no-dev-dependencies'],
    },
    {
      name: 'still the full node:22 image',
      dockerfile: `${BUILD}\nFROM node:22\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY --from=build /app/dist ./dist\nUSER node\nCMD ["node", "dist/server.js"]\n`,
      fails: ['slim-base'],
    },
    {
      name: 'USER node, then back to root for a last step',
      dockerfile: `${BUILD}\nFROM node:22-slim\nWORKDIR /app\nUSER node\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY --from=build /app/dist ./dist\nUSER root\nCMD ["node", "dist/server.js"]\n`,
      fails: ['non-root'],
    },
    {
      name: 'dist left behind',
      dockerfile: `${BUILD}\nFROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY --from=build /app/src ./src\nUSER node\nCMD ["node", "dist/server.js"]\n`,
      fails: ['has-dist'],
    },
  ],
};
