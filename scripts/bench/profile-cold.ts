// Where does the first analyze() call in a fresh Chromium page spend its time? (issue #17)
//
//   node scripts/bench/profile-cold.ts [lines] [--out=/tmp/cold.cpuprofile] [--minify]
//
// Bundles analyze() as scripts/bench-browser.ts does, loads it into a fresh Chromium page,
// starts the CDP profiler (sampling every 50 µs), makes three calls on a generated file and
// prints the calls' times and the functions with the most self time in the first call.

import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { analyzerBundle } from './browser-bundle.ts';
import { generateDockerfile } from './generate.ts';

const lines = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 300);
const out = process.argv.find((a) => a.startsWith('--out='))?.slice(6);
const text = generateDockerfile(lines).text;
const bundle = await analyzerBundle(process.argv.includes('--minify'));
console.log(`bundle: ${(bundle.length / 1024).toFixed(0)} KB`);
const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await page.addScriptTag({ content: bundle });
  await cdp.send('Profiler.start');
  const times = await page.evaluate((input) => {
    const analyze = (globalThis as unknown as { __stagecraftAnalyze: (t: string) => unknown }).__stagecraftAnalyze;
    const result: number[] = [];
    for (const variant of [input, `${input}#\n`, `${input}##\n`]) {
      const start = performance.now();
      analyze(variant);
      result.push(performance.now() - start);
    }
    return result;
  }, text);
  const { profile } = await cdp.send('Profiler.stop');
  if (out) writeFileSync(out, JSON.stringify(profile));
  console.log(`calls: ${times.map((t) => `${t.toFixed(1)} ms`).join(', ')}`);
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas ?? [];
  profile.samples?.forEach((id, i) => {
    const node = byId.get(id)!;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.lineNumber}:${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`profiled ${total.toFixed(1)} ms; by self time:`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${ms.toFixed(2).padStart(8)} ms  ${key}`);
} finally {
  await browser.close();
}
