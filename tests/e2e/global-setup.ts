// Vitest global setup for the end-to-end suite (vitest.e2e.config.ts): serve the built
// site as `npm start` does (src/server/start.ts: the production headers and the live-room
// API, on SQLite in a temporary folder) and launch Chromium once. Tests get both through
// inject('baseUrl') and inject('wsEndpoint') (see support/browser.ts).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { startServer } from '../../src/server/start.ts';
import { CHROMIUM_ARGS, chromiumPath, DIST } from './support/env.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    wsEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error('dist/ has no built site: run `npm run build` before `npm run test:e2e`.');
  }
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  const data = mkdtempSync(join(tmpdir(), 'stagecraft-e2e-rooms-'));
  const server = await startServer({ root: DIST, port: 0, host: '127.0.0.1', dataDir: data });
  const browserServer = await chromium.launchServer({ executablePath, args: CHROMIUM_ARGS, headless: true });
  project.provide('baseUrl', server.url);
  project.provide('wsEndpoint', browserServer.wsEndpoint());
  return async () => {
    await browserServer.close();
    await server.close();
    rmSync(data, { recursive: true, force: true });
  };
}
