// node scripts/workbench-bench.ts — how long the workbench's work per edit takes in Node.
// Part of `npm run bench`, between the analyzer's figures (bench.ts) and the browser's
// (bench-browser.ts, which times the same work as a learner feels it, from key to paint).
//
// Per keystroke (in the idle time after its diagnostics, src/lib/workbench/refresh-scheduler.ts) the workbench runs snapshot(): analyze() for the
// selected target and builder, the goal engine's evaluate() (one analysis per scope its
// goals name), the stage-graph layout and the final-image summary. This times it on a
// generated ~300-line Dockerfile (scripts/bench/generate.ts) with each exercise's goals
// (content/exercises). The budget is 50 ms from
// keystroke to paint; CodeMirror's own update and the DOM work come on top (measured in the
// browser by bench-browser.ts). Prints figures; never fails on them.
import { generateDockerfile } from './bench/generate.ts';
import { DEFAULTS, measure } from './bench/measure.ts';
import { exerciseIds, loadExercise } from '../src/exercises/load.ts';
import { evaluate } from '../src/exercises/goals.ts';
import { snapshot, DEFAULT_SELECTION } from '../src/lib/workbench/state.ts';

const exercises = exerciseIds().map((id) => loadExercise(id));
for (const lines of [30, 300]) {
  const { text, lines: actual, stages } = generateDockerfile(lines);
  for (const exercise of exercises) {
    const timing = await measure(() => snapshot(exercise, text, DEFAULT_SELECTION, evaluate), DEFAULTS);
    console.log(
      `${String(actual).padStart(4)} lines, ${String(stages).padStart(2)} stages, ${exercise.id.padEnd(34)} ${String(exercise.goals.length).padStart(2)} goals: ` +
        `median ${timing.median.toFixed(2)} ms, p95 ${timing.p95.toFixed(2)} ms`,
    );
  }
}
