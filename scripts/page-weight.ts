// node scripts/page-weight.ts [dist] — the JavaScript each built page ships, gzipped.
//
// Runs after `astro build` (npm run build). For every dist/**/*.html it takes the scripts
// the page references (<script src>, module or classic; the site has no inline scripts),
// follows their static imports (`import … from "./x.js"`, `import "./x.js"`) — that is the
// JavaScript loaded up front — and then the dynamic imports (`import("./x.js")`, and Vite's
// preload lists) with their own static imports, minus what is already loaded: JavaScript
// fetched later, e.g. the workbench's editor when the exercise scrolls near. Each file is
// counted once per page, by its gzip size (level 9).
//
// Two more figures per page:
// - `shell`: what the page loads (up front and later) apart from its exercise islands (the workbench,
//   the stage runner). On a lesson this is what the lesson would ship without its exercise,
//   so the budget for lessons without an exercise is checked on every lesson.
// - `onRequest`: what the page imports only when the learner presses a button: the stage
//   runner's Run (its panel, the runner, WebContainer), a quiz's first "Check answer" (the
//   grading and feedback), a button of /progress/; or only when stored progress is damaged
//   (its recovery); see ON_REQUEST_CHUNKS. It is not part of loading the page, so it
//   is reported apart from `lazy` and left out of `shell`.
//
// Prints one row per page and a summary per kind of page; exits 1 only when there is no
// build to measure. Reads files only. scripts/check-budgets.ts imports measurePages() and
// checks the figures against the page budgets.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The build being measured (measurePages() sets it). */
let dist = resolve(process.argv[2] ?? 'dist');

const STATIC_IMPORT = /(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+?\s*from\s*)?["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;
const EXPORT_FROM = /(?:^|[;}\s])export\s*[\w*{}\s,$]+?\s*from\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /import\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]\s*\)/g;
/** Vite's list of chunks to preload for a dynamic import, relative to the site root. */
const PRELOAD_LIST = /__vite__mapDeps[^\n]*?\[((?:\s*"[^"]+\.js"\s*,?)+)\]/g;
const SCRIPT_SRC = /<script\b[^>]*\bsrc=["']([^"']+)["'][^>]*>/gi;
/** Imports a bundler cannot see, by path from the site root: Pagefind's UI builds the path
 *  of its search library at run time (`import(`${base}pagefind.js`)`). */
const COMPUTED_IMPORTS: Record<string, string[]> = {
  '/pagefind/pagefind-ui.js': ['/pagefind/pagefind.js'],
};

/** The entry scripts of an exercise's islands (Astro names a component's script after it); a
 *  faded example's steps (FadedStep) fold exercises, and a lesson has them only with its exercises;
 *  a bake exercise (BakeWorkbench) is an exercise too. */
const EXERCISE_ISLAND = /\/(?:Workbench|BakeWorkbench|StageRunner|FadedStep)\.astro_astro_type_script_[^/]*\.js$/;
/**
 * Chunks imported only when the learner asks for them with a button (a click, Enter or
 * Space), never while the page loads, scrolls or waits; each with the handler that imports
 * it. They and everything only they import are `onRequest`, not `lazy`, and not in `shell`.
 * Add a chunk here only when every import() of it is in such a handler (or, for the
 * recovery of damaged progress, behind the check that the stored progress is damaged).
 */
const ON_REQUEST_CHUNKS: readonly RegExp[] = [
  // The stage runner's panel (src/components/runner/runner-app.ts), with the runner and
  // WebContainer: imported by its Run button (src/components/runner/stage-runner.ts).
  /\/runner-app\.[^/]*\.js$/,
  // A quiz's grading, feedback and score (src/components/quiz/quiz-check.ts): imported by
  // the first press of a "Check answer" button on the page (src/components/quiz/quiz-form.ts).
  /\/quiz-check\.[^/]*\.js$/,
  // What the buttons of /progress/ do (src/components/progress/progress-actions.ts): export,
  // import, reset, restore; imported by the first press of one (progress-page.ts), or to
  // list the copies this browser keeps, when it keeps any (after damaged progress, an
  // import, a reset, or another tab's save over an exercise): a browser without trouble
  // never loads it on a view of the page.
  /\/progress-actions\.[^/]*\.js$/,
  // Not a button, but no more part of a page view: recovering damaged stored progress and
  // moving old-format exercise texts (src/lib/progress/progress-recovery.ts), imported only
  // when this browser's stored progress does not read as it is, or is too large for a write
  // (progress-store.ts, workbench-persistence.ts). A healthy browser never loads it.
  /\/progress-recovery\.[^/]*\.js$/,
  // "What re-runs if I change…" open (src/components/rebuild/rebuild-panel.ts), with the cache
  // model: imported when the learner opens the control (a click, Enter or Space on its summary:
  // rebuild-control.ts), in the workbench and the playground.
  /\/rebuild-panel\.[^/]*\.js$/,
  // Recording an answer for the review (src/components/review/review-record.ts): imported with
  // a quiz's grading (quiz-check.ts, itself on request), and on a live room's participant page
  // when the facilitator reveals an answer the participant sent with its Send button (room-join.ts).
  /\/review-record\.[^/]*\.js$/,
];
const onRequestChunk = (path: string) => ON_REQUEST_CHUNKS.some((chunk) => chunk.test(path));

/**
 * Chunks a page loads only when its own content needs them, known from the page: the cache
 * goals' checker with the cache model (src/exercises/cache-goals.ts), which the workbench
 * imports only for an exercise with cache goals (src/components/exercise/workbench.ts). A page
 * whose embedded exercises have none never loads it, so it is not counted there. (A live
 * room's page cannot know its exercises before the room opens, so it is counted there.)
 * Likewise a faded example's blanks (src/exercises/blanks.ts and the editor's marks,
 * src/lib/workbench/blank-diagnostics.ts), loaded only for an exercise with a no-blanks goal.
 */
const CONTENT_CHUNKS: ReadonlyArray<{ chunk: RegExp; neededBy: (html: string) => boolean }> = [
  {
    chunk: /\/cache-goals\.[^/]*\.js$/,
    neededBy: (html) =>
      !html.includes('data-workbench-data') || /&quot;kind&quot;:&quot;cache-(?:keeps|reruns)&quot;|"kind":"cache-(?:keeps|reruns)"/.test(html),
  },
  {
    chunk: /\/(?:blanks|blank-diagnostics)\.[^/]*\.js$/,
    neededBy: (html) => !html.includes('data-workbench-data') || /&quot;kind&quot;:&quot;no-blanks&quot;|"kind":"no-blanks"/.test(html),
  },
];
/** For one page: the content chunks it never loads. */
const notNeededOn = (html: string) => {
  const unneeded = CONTENT_CHUNKS.filter((entry) => !entry.neededBy(html)).map((entry) => entry.chunk);
  return (path: string) => unneeded.some((chunk) => chunk.test(path));
};

interface JsFile {
  gzip: number;
  staticImports: string[];
  dynamicImports: string[];
  /** Vite's preload lists: the static imports of the chunks this file imports dynamically. */
  preloads: string[];
}

const cache = new Map<string, JsFile | null>();

function readJs(path: string): JsFile | null {
  if (cache.has(path)) return cache.get(path)!;
  let file: JsFile | null = null;
  if (existsSync(path)) {
    const text = readFileSync(path, 'utf8');
    const here = dirname(path);
    const all = (pattern: RegExp) => [...text.matchAll(pattern)].map((m) => resolve(here, m[1]!));
    const preloads = [...text.matchAll(PRELOAD_LIST)].flatMap((m) => [...m[1]!.matchAll(/"([^"]+\.js)"/g)].map((p) => join(dist, p[1]!)));
    const computed = (COMPUTED_IMPORTS[`/${relative(dist, path).split(sep).join('/')}`] ?? []).map((p) => join(dist, p));
    file = {
      gzip: gzipSync(text, { level: 9 }).length,
      staticImports: [...all(STATIC_IMPORT), ...all(EXPORT_FROM)],
      dynamicImports: [...all(DYNAMIC_IMPORT), ...computed],
      preloads,
    };
  }
  cache.set(path, file);
  return file;
}

/** `roots` and everything they import statically. */
function closure(roots: string[], into = new Set<string>()): Set<string> {
  const queue = [...roots];
  while (queue.length > 0) {
    const path = queue.pop()!;
    if (into.has(path)) continue;
    const file = readJs(path);
    if (!file) continue;
    into.add(path);
    queue.push(...file.staticImports);
  }
  return into;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function scriptPath(src: string, htmlPath: string): string | null {
  if (/^(?:[a-z]+:)?\/\//i.test(src)) return null; // another origin: not part of this build
  const clean = src.replace(/[?#].*$/, '');
  return clean.startsWith('/') ? join(dist, clean) : resolve(dirname(htmlPath), clean);
}

const sum = (paths: Iterable<string>) => [...paths].reduce((total, path) => total + (readJs(path)?.gzip ?? 0), 0);
const kb = (bytes: number) => (bytes === 0 ? '–' : `${(bytes / 1024).toFixed(1)} KB`);

export interface Row {
  page: string;
  kind: string;
  initial: number;
  initialFiles: number;
  lazy: number;
  lazyFiles: number;
  /** Up front and later, without the exercise islands' scripts (see the top of this file). */
  shell: number;
  /** Loaded only when the learner presses a button for it (ON_REQUEST_CHUNKS). */
  onRequest: number;
}

function kindOf(page: string, lazy: number): string {
  const section = page.split('/').filter(Boolean)[0] ?? 'home';
  if (section === 'lessons') return lazy > 0 ? 'lesson with an exercise' : 'lesson without an exercise';
  return section === 'home' ? 'home' : `${section}/`;
}

/** What the dynamic imports of `from` (and theirs, transitively) load beyond `loaded`. */
function lazyClosure(loaded: ReadonlySet<string>, from: string[], skip: (path: string) => boolean = () => false): Set<string> {
  const dynamicOf = (path: string): string[] => {
    const file = readJs(path);
    if (!file) return [];
    // A skipped chunk's own imports, which Vite's preload lists name too, go with it.
    const withSkipped = closure(file.dynamicImports.filter(skip));
    return [...file.dynamicImports, ...file.preloads.filter((p) => !withSkipped.has(p))].filter((target) => !skip(target));
  };
  const roots = [...closure(from)].flatMap(dynamicOf);
  const lazy = new Set([...closure(roots)].filter((path) => !loaded.has(path)));
  let grown = true;
  while (grown) {
    const before = lazy.size;
    for (const path of [...lazy]) closure(dynamicOf(path), lazy);
    for (const path of loaded) lazy.delete(path);
    grown = lazy.size !== before;
  }
  return lazy;
}

/** One row per built page of `root`: the gzip size of the JavaScript it loads up front and later. */
export function measurePages(root: string): Row[] {
  if (resolve(root) !== dist) cache.clear();
  dist = resolve(root);
  const rows: Row[] = [];
  for (const htmlPath of htmlFiles(dist)) {
    const html = readFileSync(htmlPath, 'utf8');
    const entries = [...html.matchAll(SCRIPT_SRC)].map((m) => scriptPath(m[1]!, htmlPath)).filter((p): p is string => p !== null);
    const initial = closure(entries);
    const unneeded = notNeededOn(html);
    const lazy = lazyClosure(initial, entries, unneeded);
    // What only the on-request chunks bring in leaves the page's own figures.
    const pageLazy = lazyClosure(initial, entries, (path) => onRequestChunk(path) || unneeded(path));
    const onRequest = new Set([...lazy].filter((path) => !pageLazy.has(path)));
    const shellEntries = entries.filter((entry) => !EXERCISE_ISLAND.test(entry));
    const shellInitial = closure(shellEntries);
    const page = `/${relative(dist, htmlPath).split(sep).join('/')}`.replace(/index\.html$/, '');
    const lazyBytes = sum(pageLazy);
    rows.push({
      page,
      kind: kindOf(page, lazyBytes),
      initial: sum(initial),
      initialFiles: initial.size,
      lazy: lazyBytes,
      lazyFiles: pageLazy.size,
      shell: sum(shellInitial) + sum(lazyClosure(shellInitial, shellEntries, (path) => onRequestChunk(path) || unneeded(path))),
      onRequest: sum(onRequest),
    });
  }
  return rows;
}

function main(): void {
  if (!existsSync(dist)) {
    console.error(`page-weight: no build at ${dist} (run astro build first)`);
    process.exitCode = 1;
    return;
  }
  const rows = measurePages(dist);

  const width = Math.max(4, ...rows.map((r) => r.page.length));
  const line = (a: string, b: string, c: string) => `${a.padEnd(width)}  ${b.padStart(20)}  ${c.padStart(20)}`;
  console.log('\nJavaScript per page (gzip): loaded with the page, and loaded later (dynamic imports)\n');
  console.log(line('Page', 'with the page', 'later'));
  console.log(line('-'.repeat(width), '-'.repeat(20), '-'.repeat(20)));
  for (const r of rows) console.log(line(r.page, `${kb(r.initial)} (${r.initialFiles})`, r.lazyFiles ? `${kb(r.lazy)} (${r.lazyFiles})` : '–'));

  console.log('\nBy kind of page (min–max, gzip)\n');
  const kinds = new Map<string, Row[]>();
  for (const r of rows) kinds.set(r.kind, [...(kinds.get(r.kind) ?? []), r]);
  const range = (values: number[]) => {
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    return lo === hi ? kb(lo) : `${kb(lo)}–${kb(hi)}`;
  };
  const kindWidth = Math.max(...[...kinds.keys()].map((k) => k.length), 4);
  console.log(`${'Kind'.padEnd(kindWidth)}  ${'pages'.padStart(5)}  ${'with the page'.padStart(20)}  ${'later'.padStart(20)}`);
  for (const [kind, list] of [...kinds].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(
      `${kind.padEnd(kindWidth)}  ${String(list.length).padStart(5)}  ${range(list.map((r) => r.initial)).padStart(20)}  ${range(list.map((r) => r.lazy)).padStart(20)}`,
    );
  }
  console.log('');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
