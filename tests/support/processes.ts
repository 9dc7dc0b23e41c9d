// Time limits and waits for tests that start processes (Node, npm, the stagecraft CLI, servers).
//
// Starting Node 24 with the CLI's TypeScript takes about half a second on an idle machine and
// took more than 7 s on the busy 2-core CI machine (two suites at once, or the suite inside
// `docker build --target test`), so Vitest's default 5 s per test failed such tests there.
// They get these limits instead: room for a slow start without hiding a hang, which still
// fails the test. Tests wait for what they need to see (a line of output, an event), never
// for a fixed time.

/** A test that starts a few short processes (the CLI, `node -e`, `npm --version`). */
export const PROCESS_TEST_TIMEOUT = 60_000;

/** A test or hook that installs and builds with npm (the sample app's `npm ci` and build). */
export const BUILD_TEST_TIMEOUT = 180_000;

/**
 * Resolves once `read()` matches `pattern`, checking whenever `changed` calls back (e.g. on
 * each chunk of output); rejects with what was read when `timeoutMs` passes first.
 */
export function waitForText(
  read: () => string,
  pattern: RegExp,
  changed: (check: () => void) => void,
  timeoutMs = PROCESS_TEST_TIMEOUT - 5_000,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${pattern} in:\n${read()}`));
    }, timeoutMs);
    const check = () => {
      if (done) return;
      const match = pattern.exec(read());
      if (!match) return;
      done = true;
      clearTimeout(timer);
      resolve(match);
    };
    changed(check);
    check();
  });
}
