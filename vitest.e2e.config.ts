// End-to-end tests: Chromium (Debian's, driven by playwright-core) against the BUILT site.
//
//   npm run build && npm run test:e2e
//
// tests/e2e/global-setup.ts builds nothing: it serves dist/ with scripts/serve.ts (the
// production security headers included) on a free loopback port and launches Chromium
// once; every test file connects to that browser. CHROMIUM_PATH overrides /usr/bin/chromium.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // expect.poll waits for what should appear (a save, a panel): 1 s by default, which a
    // page on a busy 2-core machine can miss (a two-tab save took longer at load 30).
    expect: { poll: { timeout: 15_000 } },
    // Test files share one browser, which does most of the work: two at a time keep the
    // runs steady on a two-core CI machine. Tests over every page set their own timeout.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
