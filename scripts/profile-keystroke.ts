// node scripts/profile-keystroke.ts [workbench|playground] [lines] [rate] — where the time goes
// between a keystroke and its diagnostic painted, in Chromium (after `npm run build`).
//
// The same keystrokes as scripts/bench-browser.ts (RUN → XRUN on a generated file, a real
// keydown), recorded with CDP: a trace of the page's main thread (what each task spent in
// script, style, layout, paint, garbage collection, from the keydown until the frame that
// shows the underline, and after it until the panels are drawn), and a CPU profile (the
// functions that took the most time, self and total). Prints tables; asserts nothing.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { frameFlag } from './bench/frame-flag.ts';
import { generateDockerfile } from './bench/generate.ts';
import { serve } from './serve.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = resolve(process.env['SITE_DIST'] ?? join(ROOT, 'dist'));
const [surfaceName = 'workbench', linesArg = '300', rateArg = '1'] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const KEYS = Number(process.env['KEYS'] ?? 12);

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, when the trace has it. */
  tdur?: number;
  tid: number;
  pid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

async function editorView(page: Page, host: string, line: number): Promise<void> {
  await page.evaluate(
    ({ host, n }) => {
      type View = { state: { doc: { line(n: number): { from: number } } }; dispatch(spec: unknown): void; focus(): void };
      type Content = Element & { cmTile?: { root?: { view?: View } }; cmView?: { rootView?: View; view?: View } };
      const content = document.querySelector(`${host} [data-editor]`)!.shadowRoot!.querySelector('.cm-content') as Content;
      const view = content.cmTile?.root?.view ?? content.cmView?.rootView ?? content.cmView?.view;
      if (!view) throw new Error('no EditorView');
      view.dispatch({ selection: { anchor: view.state.doc.line(n).from }, scrollIntoView: true });
      view.focus();
    },
    { host, n: line },
  );
}

async function underline(page: Page, host: string, shown: boolean): Promise<void> {
  await page.waitForFunction(
    ({ host, shown }) =>
      [...document.querySelector(`${host} [data-editor]`)!.shadowRoot!.querySelectorAll('.cm-lintRange-error')].some((el) => el.textContent === 'XRUN') ===
      shown,
    { host, shown },
    { timeout: 20_000 },
  );
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((done) => requestIdleCallback(() => requestIdleCallback(() => setTimeout(done, 50)), { timeout: 3000 })));
}

async function trace(cdp: CDPSession, during: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (message) => void events.push(...(message.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8', 'blink'].join(','),
    transferMode: 'ReportEvents',
  });
  await during();
  const done = new Promise<void>((resolveDone) => cdp.once('Tracing.tracingComplete', () => resolveDone()));
  await cdp.send('Tracing.end');
  await done;
  return events;
}

/** Per keystroke: the main thread's top-level work from the keydown on, by kind, split at the underline's frame. */
function summarise(events: TraceEvent[]): void {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('no renderer main thread in the trace');
  const onMain = events.filter((e) => e.tid === main.tid && e.pid === main.pid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  const keydowns = onMain.filter((e) => e.name === 'EventDispatch' && e.args?.data?.['type'] === 'keydown');
  const marks = events.filter((e) => e.cat.includes('blink.user_timing') && e.name === 'bench:painted').sort((a, b) => a.ts - b.ts);
  const kinds = [
    'EventDispatch',
    'FireAnimationFrame',
    'FunctionCall',
    'TimerFire',
    'FireIdleCallback',
    'RunMicrotasks',
    'UpdateLayoutTree',
    'Layout',
    'PrePaint',
    'Paint',
    'Layerize',
    'Commit',
    'MinorGC',
    'MajorGC',
    'V8.GC_SCAVENGER',
    'HitTest',
    'ScheduleStyleRecalculation',
  ];
  const totals = new Map<string, number[]>();
  const add = (key: string, value: number): void => void totals.set(key, [...(totals.get(key) ?? []), value]);
  for (const mark of marks) {
    const end = mark.ts;
    const index = keydowns.findLastIndex((k) => k.ts < end);
    const key = keydowns[index];
    if (!key) continue;
    const next = keydowns[index + 1]?.ts ?? Number.POSITIVE_INFINITY;
    if (process.env['TIMELINE'] && mark === marks[Number(process.env['TIMELINE'])]) timeline(onMain, key.ts, end);
    add('keydown → painted (trace)', (end - key.ts) / 1000);
    // The main thread's CPU time meanwhile (its tasks' thread time): what a busy machine
    // changes least, unlike the wall-clock figures.
    const tasks = onMain.filter((e) => e.name === 'RunTask' && e.ts + e.dur! > key.ts && e.ts < end);
    add('  main thread CPU time, keydown → painted', tasks.reduce((sum, e) => sum + (e.tdur ?? e.dur!), 0) / 1000);
    const byKind = new Map<string, number>();
    const after = new Map<string, number>();
    // Nested events of a kind counted once: only the outermost of each kind.
    const open = new Map<string, number>();
    for (const e of onMain) {
      if (e.ts < key.ts || e.ts >= Math.min(next, end + 400_000)) continue;
      if (!kinds.includes(e.name)) continue;
      if ((open.get(e.name) ?? 0) > e.ts) continue;
      open.set(e.name, e.ts + e.dur!);
      const target = e.ts < end ? byKind : after;
      target.set(e.name, (target.get(e.name) ?? 0) + e.dur! / 1000);
    }
    for (const kind of kinds) {
      if (byKind.has(kind)) add(`  before paint: ${kind}`, byKind.get(kind)!);
      if (after.has(kind)) add(`  after (≤ 400 ms): ${kind}`, after.get(kind)!);
    }
    // The frames: when the animation frame callbacks ran, from the keydown.
    const frames = onMain.filter((e) => e.name === 'FireAnimationFrame' && e.ts > key.ts && e.ts < end);
    add('  animation frames before paint', frames.length);
    if (frames[0]) add('  keydown → first animation frame', (frames[0].ts - key.ts) / 1000);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(`\n${'main thread, per keystroke'.padEnd(48)} ${'n'.padStart(3)} ${'median'.padStart(9)} ${'max'.padStart(9)}`);
  for (const [key, values] of totals)
    console.log(
      `${key.padEnd(48)} ${String(values.length).padStart(3)} ${median(values).toFixed(1).padStart(9)} ${Math.max(...values)
        .toFixed(1)
        .padStart(9)}`,
    );
}

/** One keystroke's top-level tasks on the main thread, from its keydown to its paint (TIMELINE=n). */
function timeline(onMain: TraceEvent[], from: number, to: number): void {
  let taskEnd = 0;
  for (const e of onMain) {
    if (e.ts < from - 2000 || e.ts > to + Number(process.env['AFTER_MS'] ?? 30) * 1000) continue;
    const top = e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';
    if (top) taskEnd = e.ts + e.dur!;
    if (!top && e.dur! < 300) continue;
    const data = e.args?.data ?? {};
    const detail =
      (data['type'] as string | undefined) ??
      (data['functionName'] as string | undefined) ??
      (e.name === 'Layout' && process.env['LAYOUT_ARGS'] ? JSON.stringify(e.args) : '');
    console.log(`${top ? '' : '    '}${((e.ts - from) / 1000).toFixed(1).padStart(7)} +${(e.dur! / 1000).toFixed(1).padStart(5)}  ${e.name} ${detail}`);
  }
  void taskEnd;
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const selfBy = new Map<string, number>();
const totalBy = new Map<string, number>();

/** PROFILE_TREE=name: the time below the functions of that name, by callee path (3 deep). */
const treeBy = new Map<string, number>();

/** Adds a CPU profile's time per function (self, and total: on the stack) to the tallies. */
function tally(profile: Profile): void {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const name = (node: ProfileNode) =>
    `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber + 1}:${node.callFrame.columnNumber + 1}`;
  const root = process.env['PROFILE_TREE'];
  for (const [id, time] of self) {
    const node = byId.get(id)!;
    if (root) {
      const path: string[] = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) path.unshift(name(byId.get(at)!));
      const start = path.findIndex((entry) => entry.startsWith(`${root} `));
      if (start !== -1)
        for (let depth = 1; depth <= Number(process.env['PROFILE_DEPTH'] ?? 4); depth++) {
          const key = path.slice(start, start + depth).join(' > ');
          if (path.length >= start + depth) treeBy.set(key, (treeBy.get(key) ?? 0) + time);
        }
    }
    selfBy.set(name(node), (selfBy.get(name(node)) ?? 0) + time);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = name(byId.get(at)!);
      if (seen.has(key)) continue;
      seen.add(key);
      totalBy.set(key, (totalBy.get(key) ?? 0) + time);
    }
  }
}

function hotFunctions(): void {
  const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(`\nCPU profile from each keydown to its underline painted, ${KEYS} keystrokes (ms, all of them): self time`);
  for (const [key, time] of top(selfBy, 30)) console.log(`${time.toFixed(1).padStart(8)}  ${key}`);
  if (treeBy.size > 0) {
    console.log('\nbelow PROFILE_TREE');
    for (const [key, time] of [...treeBy].filter(([, t]) => t >= 2).sort((a, b) => a[0].localeCompare(b[0])))
      console.log(`${time.toFixed(1).padStart(8)}  ${key}`);
  }
  console.log('\ntotal time');
  for (const [key, time] of top(totalBy, 45)) console.log(`${time.toFixed(1).padStart(8)}  ${key}`);
}

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`no built site in ${DIST}`);
  const server = await serve({ root: DIST, port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await context.addInitScript(frameFlag);
    const page = await context.newPage();
    const host = surfaceName === 'playground' ? 'dockerfile-playground' : 'dockerfile-workbench';
    const path = surfaceName === 'playground' ? '/playground/' : (process.env['WORKBENCH_PATH'] ?? '/lessons/named-stages-and-target/');
    await page.goto(new URL(path, server.url).href);
    await page.locator(host).first().scrollIntoViewIfNeeded();
    await page.waitForFunction((h) => document.querySelector<HTMLElement>(h)?.dataset['state'] === 'ready', host, { timeout: 30_000 });
    const { text } = generateDockerfile(Number(linesArg));
    await page.locator(`${host} .cm-content`).first().click();
    await page.keyboard.press('Control+A');
    await page.evaluate((value) => navigator.clipboard.writeText(value), text);
    await page.keyboard.press('Control+V');
    await settle(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(rateArg) });
    const runLines = text.split('\n').flatMap((line, i) => (/^RUN\s/.test(line) ? [i + 1] : []));
    const keystrokes = async (profile = false): Promise<void> => {
      for (let i = 0; i < KEYS; i++) {
        await editorView(page, host, runLines[(i * 7) % runLines.length]!);
        await settle(page);
        await page.evaluate((h) => {
          const root = document.querySelector(`${h} [data-editor]`)!.shadowRoot!;
          (window as unknown as { __painted: Promise<void> }).__painted = new Promise<void>((painted) => {
            const observer = new MutationObserver(() => {
              if (![...root.querySelectorAll('.cm-lintRange-error')].some((el) => el.textContent === 'XRUN')) return;
              observer.disconnect();
              // As scripts/bench-browser.ts times it: the frame being drawn now shows it, or the next.
              const afterPaint = (): void => {
                const channel = new MessageChannel();
                channel.port1.onmessage = () => {
                  performance.mark('bench:painted');
                  painted();
                };
                channel.port2.postMessage(null);
              };
              if ((window as unknown as { __inFrame?: boolean }).__inFrame) afterPaint();
              else requestAnimationFrame(afterPaint);
            });
            observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
          });
        }, host);
        if (profile) await cdp.send('Profiler.start');
        await page.keyboard.press('X');
        await page.evaluate(() => (window as unknown as { __painted: Promise<void> }).__painted);
        if (profile) tally(((await cdp.send('Profiler.stop')) as { profile: Profile }).profile);
        await settle(page);
        await page.keyboard.press('Backspace');
        await underline(page, host, false);
        await settle(page);
      }
    };
    console.log(`${surfaceName}, ${text.split('\n').length} lines, CPU ${rateArg}× slower`);
    const events = await trace(cdp, keystrokes);
    summarise(events);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    // TRACE_ONLY=1: the trace's figures only (no CPU profile), as for comparing two builds.
    if (!process.env['TRACE_ONLY']) {
      await keystrokes(true);
      hotFunctions();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
