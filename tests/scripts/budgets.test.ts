// scripts/check-budgets.ts: which budget each kind of page gets, and which pages fail it,
// measured on a small built site written to a temporary directory: pages whose scripts
// weigh a chosen number of gzip bytes just under and just over a budget.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { BUDGETS, budgetFor, checkBudgets } from '../../scripts/check-budgets.ts';

const KB = 1024;

describe('page budgets', () => {
  it('gives each kind of page its budget', () => {
    expect(budgetFor('/lessons/what-is-a-stage/', '<main></main>', 0)).toBe(BUDGETS.lesson);
    expect(budgetFor('/lessons/x/', '<dockerfile-workbench data-exercise="x">', 0)).toBe(BUDGETS.exercise);
    expect(budgetFor('/lessons/x/', '<main></main>', 1000)).toBe(BUDGETS.exercise);
    expect(
      budgetFor('/lessons/x/', '<dockerfile-workbench><script type="application/json" data-workbench-data>{"goals":[{"kind":"cache-keeps"}]}</script>', 0),
    ).toBe(BUDGETS.cacheExercise);
    expect(budgetFor('/lessons/x/', '<dockerfile-workbench data-exercise="x"><bake-workbench data-exercise="y">', 0)).toBe(BUDGETS.bakeExercise);
    expect(budgetFor('/quizzes/myth-buster/', '', 0)).toBe(BUDGETS.quiz);
    expect(budgetFor('/quizzes/', '', 0)).toBe(BUDGETS.quiz);
    expect(budgetFor('/rules/', '', 0)).toBe(BUDGETS.rules);
    expect(budgetFor('/rules/unreachable-stage/', '', 0)).toBe(BUDGETS.rules);
    expect(budgetFor('/playground/', '<dockerfile-playground class="playground">', 150_000)).toBe(BUDGETS.playground);
    expect(budgetFor('/search/', '', 0)).toBe(BUDGETS.search);
    expect(budgetFor('/drills/', '<drill-session class="drills">', 60_000)).toBe(BUDGETS.drills);
    expect(budgetFor('/progress/', '', 0)).toBe(BUDGETS.progress);
    for (const page of ['/', '/workshops/', '/workshops/rooms/host/']) expect(budgetFor(page, '', 0), page).toBe(BUDGETS.other);
    expect(budgetFor('/workshops/join/', '<room-join class="room-join-page">', 40_000)).toBe(BUDGETS.room);
  });
});

/** A script whose gzip size is `bytes`, give or take a few: random text does not compress. */
function scriptOfGzipSize(bytes: number): string {
  let text = '';
  let size = 0;
  let length = bytes;
  for (let attempt = 0; attempt < 20 && Math.abs(size - bytes) > 8; attempt++) {
    text = `export const x=${JSON.stringify(
      randomBytes(Math.ceil(length * 0.75))
        .toString('base64')
        .slice(0, length),
    )};`;
    size = gzipSync(text, { level: 9 }).length;
    length += bytes - size;
  }
  expect(Math.abs(size - bytes), 'the generated script misses its size').toBeLessThanOrEqual(8);
  return text;
}

describe('checkBudgets on a built site', () => {
  const root = mkdtempSync(join(tmpdir(), 'budgets-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  /** A page at `page` that loads one script of `gzipKb` KB up front (and `lazyKb` more later). */
  const page = (page: string, gzipKb: number, { html = '', lazyKb = 0 } = {}) => {
    const name = page.replace(/\W+/g, '-');
    let script = scriptOfGzipSize(Math.round(gzipKb * KB));
    if (lazyKb > 0) {
      write(`_astro/${name}-later.js`, scriptOfGzipSize(Math.round(lazyKb * KB)));
      script += `\nconst later=()=>import("./${name}-later.js");`;
    }
    write(`_astro/${name}.js`, script);
    write(`${page.slice(1)}index.html`, `<!doctype html>${html}<script type="module" src="/_astro/${name}.js"></script>`);
  };

  // A lesson without an exercise, and one with the workbench (up front and later together),
  // just under and just over their budgets.
  const lessonKb = BUDGETS.lesson.limit / KB;
  const exerciseKb = BUDGETS.exercise.limit / KB;
  page('/lessons/light/', lessonKb - 0.5);
  page('/lessons/heavy/', lessonKb + 0.25);
  page('/lessons/exercise-fits/', 20, { html: '<dockerfile-workbench data-exercise="a">', lazyKb: exerciseKb - 22 });
  page('/lessons/exercise-over/', 20, { html: '<dockerfile-workbench data-exercise="b">', lazyKb: exerciseKb - 19 });
  // Every other kind of page, just under and just over its own budget.
  for (const [path, budget] of [
    ['/quizzes/q/', BUDGETS.quiz],
    ['/rules/r/', BUDGETS.rules],
    ['/search/', BUDGETS.search],
    ['/progress/', BUDGETS.progress],
    ['/workshops/join/', BUDGETS.room],
  ] as const) {
    const html = budget === BUDGETS.room ? '<room-join class="room-join-page">' : '';
    page(path, budget.limit / KB - 0.25, { html });
    page(`${path}over/`, budget.limit / KB + 0.25, { html });
  }
  write('index.html', '<!doctype html><p>no script</p>');

  const checked = checkBudgets(root);
  const over = (path: string) => {
    const row = checked.find((r) => r.page === path);
    expect(row, `${path} was measured`).toBeDefined();
    return row!.over;
  };

  it('fails a lesson without an exercise over its budget, and only that', () => {
    expect(over('/lessons/light/')).toBe(false);
    expect(over('/lessons/heavy/')).toBe(true);
  });

  it('counts what the workbench loads later in the budget of a lesson with an exercise', () => {
    expect(over('/lessons/exercise-fits/')).toBe(false);
    expect(over('/lessons/exercise-over/')).toBe(true);
    expect(checked.find((r) => r.page === '/lessons/exercise-over/')?.budget).toBe(BUDGETS.exercise);
  });

  it('holds every lesson with an exercise to the budget of a lesson without one, apart from its exercise', () => {
    // The 20 KB the page loads up front are not an exercise island's: over a lesson's budget.
    expect(over('/lessons/exercise-fits/ without its exercise')).toBe(true);
  });

  it('fails the other kinds of page just over their budget, not just under', () => {
    for (const path of ['/quizzes/q/', '/rules/r/', '/search/', '/progress/', '/workshops/join/']) {
      expect(over(path), path).toBe(false);
      expect(over(`${path}over/`), `${path}over/`).toBe(true);
    }
    expect(over('/')).toBe(false);
  });
});
