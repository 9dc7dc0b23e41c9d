// npx node scripts/workbench-bench.ts — how long the workbench's work per edit takes in Node.
//
// Per keystroke (after the debounce) the workbench runs snapshot(): analyze() for the
// selected target and builder, the goal engine's evaluate() (one analysis per scope its
// goals name), the stage-graph layout and the final-image summary. This times it on a
// generated ~300-line Dockerfile (scripts/bench/generate.ts) with a real exercise's goals
// when content/exercises has one, and synthetic goals otherwise. The budget is 50 ms from
// keystroke to paint; CodeMirror's own update and the DOM work come on top (measured in the
// browser, see docs). Prints figures; never fails on them.
import { generateDockerfile } from './bench/generate.ts';
import { DEFAULTS, measure } from './bench/measure.ts';
import { exerciseIds, loadExercise } from '../src/lib/exercises/load.ts';
import type { Exercise } from '../src/lib/exercises/types.ts';
import { snapshot, DEFAULT_SELECTION } from '../src/lib/workbench/state.ts';

const SYNTHETIC: Exercise = {
  id: 'bench',
  title: 'bench',
  lesson: 'bench',
  task: 'bench',
  starter: '',
  solution: '',
  files: {},
  hints: [],
  goals: [
    { kind: 'builds', id: 'builds', statement: 's', failure: 'f', hints: ['h'] },
    { kind: 'builds', id: 'builds-classic', builder: 'classic', statement: 's', failure: 'f', hints: ['h'] },
    { kind: 'non-root-user', id: 'user', statement: 's', failure: 'f', hints: ['h'] },
    { kind: 'rule-silent', id: 'rule', rule: 'test-tools-in-final-image', statement: 's', failure: 'f', hints: ['h'] },
    { kind: 'runs-stages', id: 'runs', target: 'certs', includes: ['certs'], statement: 's', failure: 'f', hints: ['h'] },
  ],
};

const ids = exerciseIds();
const exercises = ids.length > 0 ? ids.map((id) => loadExercise(id)) : [SYNTHETIC];
for (const lines of [30, 300]) {
  const { text, lines: actual, stages } = generateDockerfile(lines);
  for (const exercise of exercises) {
    const timing = await measure(() => snapshot(exercise, text, DEFAULT_SELECTION), DEFAULTS);
    console.log(
      `${String(actual).padStart(4)} lines, ${String(stages).padStart(2)} stages, ${exercise.id.padEnd(34)} ${String(exercise.goals.length).padStart(2)} goals: ` +
        `median ${timing.median.toFixed(2)} ms, p95 ${timing.p95.toFixed(2)} ms`,
    );
  }
}
