import type { AnswerTable } from './types.ts';

const RUNTIME = `FROM node:22-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY src ./src
USER node
CMD ["node", "src/server.js"]
`;

const DEBUG = `FROM runtime AS debug
USER root
RUN apt-get update \\
 && apt-get install -y --no-install-recommends curl procps \\
 && rm -rf /var/lib/apt/lists/*
USER node
CMD ["node", "--inspect=0.0.0.0:9229", "src/server.js"]
`;

export const answers: AnswerTable = {
  correct: [
    { name: 'the lesson’s answer', dockerfile: `${RUNTIME}\n${DEBUG}\nFROM runtime AS production\n` },
    {
      name: 'production with its own EXPOSE and CMD',
      dockerfile: `${RUNTIME}\n${DEBUG}\nFROM runtime AS production\nEXPOSE 3000\nCMD ["node", "src/server.js"]\n`,
    },
    {
      name: 'a numeric user in debug, the stages named in capitals',
      dockerfile: `${RUNTIME.replace('AS runtime', 'AS Runtime')}\n${DEBUG.replace('FROM runtime AS debug', 'FROM runtime AS Debug').replace('USER node\nCMD', 'USER 1000\nCMD')}\nFROM runtime AS Production\n`,
    },
    {
      name: 'debug on alpine’s apk instead of apt-get, runtime on alpine',
      dockerfile: `${RUNTIME.replace('node:22-slim', 'node:22-alpine')}\nFROM runtime AS debug\nUSER root\nRUN apk add --no-cache curl procps\nUSER node\nCMD ["node", "--inspect=0.0.0.0:9229", "src/server.js"]\n\nFROM runtime AS production\n`,
    },
  ],
  wrong: [
    {
      name: 'production moved last but debug still built FROM production, above it',
      dockerfile: `FROM production AS debug\nUSER root\nRUN apt-get update && apt-get install -y curl\nUSER node\n\n${RUNTIME.replace('AS runtime', 'AS production')}`,
      fails: ['production-skips-debug', 'debug-builds', 'debug-same-code', 'debug-non-root'],
      detail: /With BuildKit, docker build \. runs debug, or does not run runtime and production\./,
    },
    {
      name: 'production built FROM debug',
      dockerfile: `${RUNTIME}\n${DEBUG}\nFROM debug AS production\n`,
      fails: ['production-skips-debug'],
    },
    {
      name: 'debug stays root after the install',
      dockerfile: `${RUNTIME}\n${DEBUG.replace('USER node\nCMD', 'CMD')}\nFROM runtime AS production\n`,
      fails: ['debug-non-root'],
    },
    {
      name: 'the renamed stage only: debug is still last',
      dockerfile: `${RUNTIME}\n${DEBUG}`,
      fails: ['production-is-default', 'production-skips-debug', 'production-non-root'],
    },
    {
      name: 'debug built on its own node image, not on runtime',
      dockerfile: `${RUNTIME}\nFROM node:22-slim AS debug\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\nCMD ["node", "--inspect=0.0.0.0:9229", "src/server.js"]\n\nFROM runtime AS production\n`,
      fails: ['debug-same-code'],
    },
  ],
};
