// A CPU-profiling driver for analyze() (issue #17): calls it in a loop on one of the bench's
// generated inputs, so `node --cpu-prof` sees where the time goes in the warmed-up analyzer.
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof scripts/profile-analyze.ts [realistic|deep] [lines] [seconds] [--no-rules]
//
// Open the .cpuprofile in Chrome DevTools (Performance), or summarise it by self time.

import { analyze } from '../src/analyzer/index.ts';
import { generateDeepChain, generateDockerfile } from './bench/generate.ts';

const [kind = 'realistic', linesArg = '300', secondsArg = '5'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const rules = !process.argv.includes('--no-rules');
const generated = kind === 'deep' ? generateDeepChain(Number(linesArg)) : generateDockerfile(Number(linesArg), 42);
// Copies that differ in a trailing comment, as in the bench: nothing is reused between calls.
const texts = Array.from({ length: 8 }, (_, i) => `${generated.text}# variant ${i}\n`);
const end = performance.now() + Number(secondsArg) * 1000;
let calls = 0;
let diagnostics = 0;
while (performance.now() < end) diagnostics += analyze(texts[calls++ % texts.length]!, { rules }).diagnostics.length;
console.log(
  `${kind} ${generated.lines} lines: ${calls} calls, ${((Number(secondsArg) * 1000) / calls).toFixed(3)} ms per call (wall), ${diagnostics} diagnostics`,
);
