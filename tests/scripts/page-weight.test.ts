// scripts/page-weight.ts: what counts as loaded with the page, later, and only on request
// (ON_REQUEST_CHUNKS), measured on a small built site written to a temporary directory.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { measurePages } from '../../scripts/page-weight.ts';

const QUIZ = '_astro/Quiz.astro_astro_type_script_index_0_lang.Aa1.js';
const WORKBENCH = '_astro/Workbench.astro_astro_type_script_index_0_lang.Bb2.js';

/** The files of the site, as Vite writes them: a preload list and import() per dynamic import. */
const files: Record<string, string> = {
  // The quiz imports its grader when "Check answer" is pressed; Vite lists the grader's own
  // import (the store) to preload with it.
  [QUIZ]:
    'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["_astro/quiz-check.Cc3.js","_astro/store.Dd4.js"])))=>i.map(i=>d[i]);\n' +
    'import{t as e}from"./preload-helper.Ee5.js";var q=class extends HTMLElement{check(){return e(()=>import(`./quiz-check.Cc3.js`),__vite__mapDeps([0,1]))}};',
  '_astro/quiz-check.Cc3.js': 'import{s}from"./store.Dd4.js";export function checkAnswer(){return s("graded")}',
  '_astro/store.Dd4.js': 'export function s(x){return localStorage.setItem("k",JSON.stringify({x}))}',
  '_astro/preload-helper.Ee5.js': 'export function t(f,d){return Promise.resolve().then(()=>f())}',
  // The workbench imports its editor as the exercise nears: loaded later, not on request.
  [WORKBENCH]: 'var w=()=>import(`./editor.Ff6.js`);new IntersectionObserver(w);',
  '_astro/editor.Ff6.js': 'import{s}from"./store.Dd4.js";export const editor=()=>s("typed text, kept");',
  'quizzes/q/index.html': `<script type="module" src="/${QUIZ}"></script>`,
  'lessons/x/index.html': `<script type="module" src="/${QUIZ}"></script><script type="module" src="/${WORKBENCH}"></script>`,
};

const root = mkdtempSync(join(tmpdir(), 'page-weight-'));
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

const size = (...paths: string[]) => paths.reduce((total, path) => total + gzipSync(files[path]!, { level: 9 }).length, 0);
const row = (page: string) => measurePages(root).find((r) => r.page === page)!;

describe('page weight', () => {
  it('counts a chunk imported by a button, with what only it imports, apart from the page', () => {
    const quiz = row('/quizzes/q/');
    expect(quiz.initial).toBe(size(QUIZ, '_astro/preload-helper.Ee5.js'));
    expect(quiz.lazy).toBe(0);
    // The store is in the grader's preload list: it loads with the grader, on request.
    expect(quiz.onRequest).toBe(size('_astro/quiz-check.Cc3.js', '_astro/store.Dd4.js'));
    expect(quiz.shell).toBe(quiz.initial);
  });

  it('keeps what the page loads later in `lazy` even when an on-request chunk needs it too', () => {
    const lesson = row('/lessons/x/');
    expect(lesson.initial).toBe(size(QUIZ, WORKBENCH, '_astro/preload-helper.Ee5.js'));
    expect(lesson.lazy).toBe(size('_astro/editor.Ff6.js', '_astro/store.Dd4.js'));
    expect(lesson.onRequest).toBe(size('_astro/quiz-check.Cc3.js'));
    // Without its exercise (the workbench), the lesson loads the quiz alone until "Check answer".
    expect(lesson.shell).toBe(size(QUIZ, '_astro/preload-helper.Ee5.js'));
  });
});
