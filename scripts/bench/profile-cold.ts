// Where does the first analyze() call in a fresh Chromium page spend its time? (issue #17)
//
//   node scripts/bench/profile-cold.ts [lines] [--rules=false] [--minify] [--out=/tmp/cold.cpuprofile]
//
// Bundles analyze() as scripts/bench-browser.ts does (unminified unless --minify, so the
// profile names the analyzer's functions), loads it into a fresh Chromium page, and profiles
// the first call on a generated file over CDP (sampling every 50 µs); then times two more
// calls, unprofiled. Prints the calls' times and the first call's samples by module of the
// bundle (the `// src/…` markers esbuild writes) and by function. "(program)" is time in the
// engine itself outside any JavaScript function: mostly compiling functions on their first
// call. The profiler slows the first call down; compare its total with the unprofiled calls.

import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { AnalyzeOptions } from '../../src/analyzer/index.ts';
import { analyzerBundle } from './browser-bundle.ts';
import { generateDockerfile } from './generate.ts';

const lines = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 300);
const out = process.argv.find((a) => a.startsWith('--out='))?.slice(6);
const options: AnalyzeOptions = process.argv.includes('--rules=false') ? { rules: false } : {};
const text = generateDockerfile(lines).text;
const bundle = await analyzerBundle(process.argv.includes('--minify'));

/** The module of each line of the unminified bundle (esbuild heads each with `// src/…`). */
const moduleOfLine: string[] = [];
let current = '(bundle)';
for (const line of bundle.split('\n')) {
  const marker = /^\s*\/\/ (src\/\S+|node_modules\/\S+)$/.exec(line);
  if (marker) current = marker[1]!.replace(/^src\/analyzer\//, '');
  moduleOfLine.push(current);
}

const BUNDLE_URL = 'stagecraft-analyzer.js';

const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  // Named, so the profile tells its frames from Playwright's (whose scripts have no URL).
  await page.addScriptTag({ content: `${bundle}\n//# sourceURL=${BUNDLE_URL}` });
  const call = (input: string): Promise<number> =>
    page.evaluate(
      ({ input, options }) => {
        const analyze = (globalThis as unknown as { __stagecraftAnalyze: (t: string, o: object) => unknown }).__stagecraftAnalyze;
        const start = performance.now();
        analyze(input, options);
        return performance.now() - start;
      },
      { input, options },
    );
  await cdp.send('Profiler.start');
  const first = await call(text);
  const { profile } = await cdp.send('Profiler.stop');
  const later = [await call(`${text}#\n`), await call(`${text}##\n`)];
  if (out) writeFileSync(out, JSON.stringify(profile));
  console.log(`${lines} lines, ${JSON.stringify(options)}, bundle ${(bundle.length / 1024).toFixed(0)} KB`);
  console.log(`call 1 (profiled) ${first.toFixed(1)} ms; calls 2 and 3 (not profiled) ${later.map((t) => `${t.toFixed(1)} ms`).join(', ')}`);

  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const deltas = profile.timeDeltas ?? [];
  profile.samples?.forEach((id, i) => {
    const frame = nodes.get(id)!.callFrame;
    const ms = (deltas[i] ?? 0) / 1000;
    // The engine's own entries ((program), (garbage collector), (idle)) and Playwright's script.
    const own = frame.url === BUNDLE_URL ? null : frame.url === '' && frame.functionName.startsWith('(') ? frame.functionName : '(playwright)';
    const module = own ?? moduleOfLine[frame.lineNumber] ?? '(bundle)';
    byModule.set(module, (byModule.get(module) ?? 0) + ms);
    const name = `${frame.functionName || '(anonymous)'} ${own !== null ? '' : `${module}:${frame.lineNumber + 1}`}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  });
  const total = [...byModule.values()].reduce((a, b) => a + b, 0);
  const print = (title: string, map: Map<string, number>, count: number): void => {
    console.log(`\n${title}`);
    for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count))
      console.log(`  ${ms.toFixed(1).padStart(7)} ms ${((100 * ms) / total).toFixed(0).padStart(3)}%  ${key}`);
  };
  print(`Samples of call 1 by module (${total.toFixed(1)} ms sampled):`, byModule, 25);
  print('By function:', byFunction, 25);
} finally {
  await browser.close();
}
