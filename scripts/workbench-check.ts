// A look at the exercise workbench in a real browser: screenshots of it (desktop and
// phone, light and dark), a diagnostic appearing as you type, and the latency figures.
//
//   BASE_URL=http://localhost:4321 npx node scripts/workbench-check.ts [/lessons/named-stages-and-target/]
//
// Needs a running site (`npm start`) and a system Chromium (CHROMIUM_PATH, default
// /usr/bin/chromium). PNGs go to screenshots/ (SCREENSHOT_DIR). Prints:
//   typing      keystroke → the frame that shows it painted, with a ~300-line Dockerfile in the editor
//   update      the workbench's work after the debounce (analysis, goals, graph, summary,
//               diagnostics, DOM), from its performance.measure('workbench:update') entries
// Reports figures; fails only when the page breaks (no editor, no diagnostic, a page error).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { generateDockerfile } from './bench/generate.ts';

const baseUrl = process.env['BASE_URL'] ?? 'http://localhost:4321';
const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const outDir = process.env['SCREENSHOT_DIR'] ?? 'screenshots';
const path = process.argv[2] ?? '/lessons/named-stages-and-target/';
const stem = path.replace(/^\/+|\/+$/g, '').replace(/[^a-z0-9]+/gi, '-') || 'home';

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900, isMobile: false },
  { name: 'phone', width: 375, height: 812, isMobile: true },
] as const;

function stats(values: number[]): string {
  if (values.length === 0) return 'no samples';
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms (${values.length} samples)`;
}

async function openWorkbench(page: Page): Promise<void> {
  const response = await page.goto(new URL(path, baseUrl).href, { waitUntil: 'networkidle' });
  if (!response?.ok()) throw new Error(`${path} answered ${response?.status() ?? 'nothing'}`);
  await page.evaluate(() => localStorage.clear());
  await page.reload({ waitUntil: 'networkidle' });
  await page.locator('dockerfile-workbench').scrollIntoViewIfNeeded();
  await page.waitForSelector('dockerfile-workbench[data-state="ready"]', { timeout: 15_000 });
  await page.waitForSelector('[data-goals] li[data-state="failing"], [data-goals] li[data-state="passed"]');
}

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run'],
  });
  const errors: string[] = [];
  try {
    for (const viewport of VIEWPORTS) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({
          viewport: { width: viewport.width, height: viewport.height },
          deviceScaleFactor: 1,
          isMobile: viewport.isMobile,
          hasTouch: viewport.isMobile,
          colorScheme,
        });
        const page = await context.newPage();
        await page.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (e) => {
            console.error(`CSP violation: ${e.violatedDirective} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`);
          });
        });
        page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
        });
        await openWorkbench(page);
        const workbench = page.locator('dockerfile-workbench');
        const file = join(outDir, `${stem}-workbench-${viewport.name}-${colorScheme}.png`);
        await workbench.screenshot({ path: file });
        console.log(file);

        if (viewport.name === 'desktop' && colorScheme === 'light') {
          // Type a mistake and wait for its diagnostic.
          const editor = page.getByRole('textbox', { name: 'Dockerfile editor' });
          await editor.click();
          await page.keyboard.press('Control+End');
          await page.keyboard.type('\nFROM prod AS Dev\nCOPY --from=nowhere /a /b\n', { delay: 20 });
          await page.waitForSelector('.workbench__problem--warning, .workbench__problem--error');
          await page.waitForSelector('.cm-lintRange-error, .cm-lintRange-warning');
          await page.locator('.cm-lintRange-error, .cm-lintRange-warning').first().hover();
          await page.waitForSelector('.cm-tooltip-lint', { timeout: 3000 }).catch(() => undefined);
          const typed = join(outDir, `${stem}-workbench-typed.png`);
          await workbench.screenshot({ path: typed });
          console.log(typed);
          const problems = await page.locator('[data-problems] li').allTextContents();
          console.log(`problems after typing: ${problems.length}\n  ${problems.slice(0, 4).join('\n  ')}`);

          // Latency with a ~300-line Dockerfile.
          const { text, lines } = generateDockerfile(300);
          await editor.click();
          await page.keyboard.press('Control+A');
          // Pasted, as a learner would (CodeMirror handles the paste event itself).
          await page.evaluate((pasted) => {
            const content = document.querySelector('[data-editor]')?.shadowRoot?.querySelector('.cm-content');
            const data = new DataTransfer();
            data.setData('text/plain', pasted);
            content?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
          }, text);
          await page.waitForTimeout(600);
          await page.evaluate(() => {
            const w = window as unknown as { __typing: number[] };
            w.__typing = [];
            performance.clearMeasures('workbench:update');
            document.addEventListener(
              'keydown',
              (event) => {
                const start = event.timeStamp;
                // The frame that shows the keystroke is painted right after this rAF callback;
                // a message posted from it is handled once that frame is done.
                requestAnimationFrame(() => {
                  const channel = new MessageChannel();
                  channel.port1.onmessage = () => w.__typing.push(performance.now() - start);
                  channel.port2.postMessage(null);
                });
              },
              { capture: true },
            );
          });
          await page.keyboard.press('Control+End');
          for (let i = 0; i < 60; i++) {
            await page.keyboard.type(i % 10 === 9 ? '\n' : 'x');
            // Every few keys, wait past the debounce so the update runs while typing goes on.
            await page.waitForTimeout(i % 4 === 3 ? 220 : 40);
          }
          await page.waitForTimeout(400);
          const typing = await page.evaluate(() => (window as unknown as { __typing: number[] }).__typing);
          const updates = await page.evaluate(() => performance.getEntriesByName('workbench:update').map((e) => e.duration));
          const problemCount = await page.locator('[data-problem-count]').textContent();
          console.log(`problems in the 300-line file: ${problemCount}`);
          console.log(`editor holds ${lines} lines`);
          console.log(`typing (keystroke → frame painted): ${stats(typing)}`);
          console.log(`update after the debounce (analysis + goals + graph + DOM): ${stats(updates)}; the first: ${updates[0]?.toFixed(1) ?? '-'} ms`);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  if (errors.length > 0) {
    console.error(errors.join('\n'));
    process.exitCode = 1;
  }
}

await main();
