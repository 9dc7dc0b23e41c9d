// node scripts/bench-browser.ts — keystroke-to-diagnostic latency in Chromium, on a
// ~300-line Dockerfile (scripts/bench/generate.ts). Part of `npm run bench`.
//
//   1. analyze() in the page: the analyzer bundled for the browser (esbuild) and timed in
//      Chromium on about:blank — what the workbench's analysis costs on the main thread.
//   2. The workbench, when the built site (dist/, or SITE_DIST) has one: the 300-line file
//      is put into the editor of the first lesson with an exercise; then, again and again,
//      one key turns an instruction on some line into an unknown one (RUN → XRUN), and the
//      time is taken in the page from that keydown until the problem list shows the error
//      at that line and the browser is about to paint. The key that undoes it is not timed.
//      This includes the workbench's debounce (its ANALYSIS_DELAY_MS), as a learner feels it.
//
// Prints median and p95; asserts nothing (exit 0 unless the script itself breaks). Needs
// Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium); without one it says so
// and exits 0.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { generateDockerfile } from './bench/generate.ts';
import { serve } from './serve.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = resolve(process.env['SITE_DIST'] ?? join(ROOT, 'dist'));
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LINES = 300;
const KEYSTROKES = 30;
const WARMUP = 3;

interface Figures {
  samples: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

function figures(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return { samples: sorted.length, median: at(0.5), p95: at(0.95), min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

/** analyze() bundled for the browser, exposed as globalThis.__stagecraftAnalyze. */
async function analyzerBundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: "import { analyze } from './src/analyzer/index.ts'; globalThis.__stagecraftAnalyze = analyze;",
      resolveDir: ROOT,
      sourcefile: 'bench-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  return result.outputFiles[0]!.text;
}

async function analyzeInPage(browser: Browser, text: string): Promise<Figures> {
  const page = await browser.newPage();
  try {
    await page.addScriptTag({ content: await analyzerBundle() });
    const samples = await page.evaluate(
      ({ text, runs, warmup }) => {
        const analyze = (globalThis as unknown as { __stagecraftAnalyze: (t: string) => { diagnostics: unknown[] } }).__stagecraftAnalyze;
        let sink = 0;
        for (let i = 0; i < warmup; i++) sink += analyze(text).diagnostics.length;
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const start = performance.now();
          sink += analyze(text).diagnostics.length;
          times.push(performance.now() - start);
        }
        (globalThis as unknown as { __sink: number }).__sink = sink;
        return times;
      },
      { text, runs: 500, warmup: 100 },
    );
    return figures(samples);
  } finally {
    await page.close();
  }
}

/** The first built lesson page that renders a workbench, or null. */
function workbenchPage(): string | null {
  const lessons = join(DIST, 'lessons');
  if (!existsSync(lessons)) return null;
  for (const slug of readdirSync(lessons).sort()) {
    const file = join(lessons, slug, 'index.html');
    if (existsSync(file) && readFileSync(file, 'utf8').includes('<dockerfile-workbench')) return `/lessons/${slug}/`;
  }
  return null;
}

/** Lines (1-based) that start with RUN: each keystroke breaks one of them. */
function targetLines(text: string): number[] {
  const lines = text.split('\n');
  const runs = lines.flatMap((line, i) => (/^RUN\s/.test(line) ? [i + 1] : []));
  // Spread over the file: beginning, middle and end.
  const step = Math.max(1, Math.floor(runs.length / 12));
  return runs.filter((_, i) => i % step === 0);
}

async function keystrokeToDiagnostic(page: Page, text: string): Promise<Figures> {
  const workbench = page.locator('dockerfile-workbench').first();
  await workbench.scrollIntoViewIfNeeded();
  await workbench.locator('.cm-content').waitFor({ state: 'visible', timeout: 20_000 });
  await page.waitForFunction(() => document.querySelector<HTMLElement>('dockerfile-workbench')?.dataset['state'] === 'ready', null, { timeout: 20_000 });

  // The whole 300-line file, as a paste.
  await workbench.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await page.waitForTimeout(1000);

  const lines = targetLines(text);
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + KEYSTROKES; i++) {
    const line = lines[i % lines.length]!;
    await gotoLine(page, line);

    // Listen first (and wait until the page does), then press the key.
    await page.evaluate((n) => {
      const root = document.querySelector('dockerfile-workbench')!;
      const list = root.querySelector('[data-problems]')!;
      const shows = () => [...list.querySelectorAll('.workbench__problem-line')].some((el) => el.textContent?.trim() === `Line ${n}`);
      let start = 0;
      (window as unknown as { __latency: Promise<number> }).__latency = new Promise<number>((resolveTime, reject) => {
        document.addEventListener('keydown', () => (start = performance.now()), { capture: true, once: true });
        const observer = new MutationObserver(() => {
          if (start === 0 || !shows()) return;
          observer.disconnect();
          // The diagnostic is on screen at the next frame.
          requestAnimationFrame(() => resolveTime(performance.now() - start));
        });
        observer.observe(list, { childList: true, subtree: true, characterData: true });
        setTimeout(() => {
          observer.disconnect();
          reject(new Error(`no diagnostic at line ${n} after 5 s; the problems list says: ${list.textContent?.replace(/\s+/g, ' ').slice(0, 300)}`));
        }, 5000);
      });
    }, line);
    await page.keyboard.type('X');
    const elapsed = await page.evaluate(() => (window as unknown as { __latency: Promise<number> }).__latency);
    if (i >= WARMUP) samples.push(elapsed);
    // Undo (not timed) and let the problem go away.
    await page.keyboard.press('Backspace');
    await page.waitForFunction(
      (n) => ![...document.querySelectorAll('dockerfile-workbench [data-problems] .workbench__problem-line')].some((el) => el.textContent?.trim() === `Line ${n}`),
      line,
      { timeout: 5000 },
    );
  }
  return figures(samples);
}

/**
 * Puts the editor's cursor at the start of `line` and focuses it. Through the EditorView
 * behind the DOM (what EditorView.findFromDOM reads) when it can be reached, otherwise with
 * the keyboard (Ctrl+Home, then ArrowDown: fine while no line wraps).
 */
async function gotoLine(page: Page, line: number): Promise<void> {
  const done = await page.evaluate((n) => {
    type View = { state: { doc: { line(n: number): { from: number } } }; dispatch(spec: unknown): void; focus(): void };
    type Content = Element & { cmTile?: { root?: { view?: View } }; cmView?: { rootView?: View; view?: View } };
    // The workbench keeps its editor in a shadow root (src/lib/workbench/editor.ts).
    const host = document.querySelector('dockerfile-workbench [data-editor]');
    const content = (host?.shadowRoot ?? host ?? document).querySelector('.cm-content') as Content | null;
    const view = content?.cmTile?.root?.view ?? content?.cmView?.rootView ?? content?.cmView?.view;
    if (!view) return false;
    const at = view.state.doc.line(n).from;
    view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    view.focus();
    return true;
  }, line);
  if (done) return;
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`bench-browser: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH); skipped.`);
    return;
  }
  const generated = generateDockerfile(LINES);
  console.log(`\nIn Chromium, on a generated Dockerfile of ${generated.lines} lines and ${generated.stages} stages\n`);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    const rows: Array<[string, Figures]> = [];
    rows.push(['analyze() in the page', await analyzeInPage(browser, generated.text)]);

    const path = existsSync(join(DIST, 'index.html')) ? workbenchPage() : null;
    if (path) {
      const server = await serve({ root: DIST, port: 0 });
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(new URL(path, server.url).href, { waitUntil: 'load' });
        rows.push([`keystroke → diagnostic shown (workbench, ${path})`, await keystrokeToDiagnostic(page, generated.text)]);
      } finally {
        await context.close();
        await server.close();
      }
    }

    const width = Math.max(...rows.map(([name]) => name.length));
    console.log(`${'measurement'.padEnd(width)}  ${'samples'.padStart(7)}  ${'median'.padStart(10)}  ${'p95'.padStart(10)}  ${'max'.padStart(10)}`);
    for (const [name, f] of rows) {
      console.log(`${name.padEnd(width)}  ${String(f.samples).padStart(7)}  ${ms(f.median).padStart(10)}  ${ms(f.p95).padStart(10)}  ${ms(f.max).padStart(10)}`);
    }
    if (!path) {
      console.log(`\nNo workbench in ${existsSync(join(DIST, 'index.html')) ? DIST : 'a build (run npm run build first)'}: keystroke-to-diagnostic not measured.`);
    }
    console.log('');
  } finally {
    await browser.close();
  }
}

await main();
