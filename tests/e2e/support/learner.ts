// What a learner does on the site, as steps the journeys share: answer a quiz question,
// read the stored progress, find what has keyboard focus and whether it shows.
import type { Locator, Page } from 'playwright-core';

export interface StoredProgress {
  version: number;
  lessons: Record<string, { visited?: string; completed?: string }>;
  quizzes: Record<string, { best: number; total: number; last: string; attempts: number }>;
  exercises?: Record<string, Record<string, unknown>>;
}

export async function storedJson<T>(page: Page, key: string): Promise<T | null> {
  const raw = await page.evaluate((k) => localStorage.getItem(k), key);
  return raw === null ? null : (JSON.parse(raw) as T);
}

export async function storedProgress(page: Page): Promise<StoredProgress | null> {
  return storedJson<StoredProgress>(page, 'stagecraft:progress');
}

/** The visible questions of a <quiz-form>, in the order the learner sees them. */
export async function visibleQuestions(quiz: Locator): Promise<Locator[]> {
  const all = quiz.locator('[data-questions] > [data-question]');
  const shown: Locator[] = [];
  for (let i = 0; i < (await all.count()); i++) {
    const question = all.nth(i);
    if (!(await question.evaluate((el) => (el as HTMLElement).hidden))) shown.push(question);
  }
  return shown;
}

/**
 * Chooses an answer to a quiz question the way a learner does (clicking the labels) and
 * presses "Check answer". `right` picks the right answer, otherwise a wrong one.
 */
export async function answerQuestion(question: Locator, right: boolean): Promise<void> {
  const kind = (await question.getAttribute('data-kind')) ?? '';
  const correct = ((await question.getAttribute('data-correct')) ?? '').split(',').filter(Boolean);
  const inputs = question.locator('fieldset input');
  const values: string[] = [];
  for (let i = 0; i < (await inputs.count()); i++) values.push((await inputs.nth(i).getAttribute('value')) ?? '');
  const wrong = values.filter((value) => !correct.includes(value));
  let choose: string[];
  if (right) choose = correct;
  else if (wrong.length > 0) choose = [wrong[0]!];
  else choose = correct.slice(1); // every option is right: leave one out
  if (choose.length === 0) throw new Error(`cannot choose a ${right ? 'right' : 'wrong'} answer for a ${kind} question`);
  for (const value of choose) {
    await question.locator(`label:has(> input[value="${value}"])`).click();
  }
  await question.locator('[data-check]').click();
}

/**
 * Is the focused element's focus visible: an outline or a ring on it or on an element close
 * around it (its label, its summary, or up to two ancestors, e.g. CodeMirror's focused
 * editor frame)? Looks through open shadow roots (the workbench's editor lives in one).
 */
export async function focusIsVisible(page: Page): Promise<{ visible: boolean; element: string }> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active || active === document.body) return { visible: false, element: 'body' };
    const describe = (el: Element) =>
      `<${el.localName}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(/\s+/).join('.')}` : ''}> ${(el.textContent ?? '').trim().slice(0, 40)}`;
    const shows = (el: Element) => {
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      const ring = style.boxShadow !== 'none' && style.boxShadow !== '';
      return outline || ring;
    };
    const candidates = [active, active.closest('label'), active.closest('summary'), active.parentElement, active.parentElement?.parentElement ?? null].filter(
      (el): el is Element => el !== null && el !== undefined,
    );
    const rect = active.getBoundingClientRect();
    // Hidden since it took focus (e.g. a workbench's static fallback once its editor mounts):
    // nothing to show a ring on; not counted as a missing focus indicator.
    if (!active.isConnected || (rect.width === 0 && rect.height === 0)) return { visible: true, element: `${describe(active)} (hidden after focus)` };
    // (Whether it is on screen is not judged: a lazily mounted editor above can move it after
    // the browser scrolled it into view.)
    return { visible: candidates.some(shows), element: describe(active) };
  });
}

/** Presses Tab until `predicate` holds for the focused element (at most `limit` times); checks focus shows at every stop. */
export async function tabUntil(
  page: Page,
  predicate: (page: Page) => Promise<boolean>,
  limit = 200,
  key: 'Tab' | 'Shift+Tab' = 'Tab',
): Promise<{ stops: string[]; invisible: string[] }> {
  const stops: string[] = [];
  const invisible: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    let focus = await focusIsVisible(page);
    // Some widgets mark focus from script a moment later (CodeMirror's .cm-focused frame):
    // look again at each frame the page paints, for up to 2 s (a busy machine paints late).
    for (const deadline = Date.now() + 2000; !focus.visible && Date.now() < deadline;) {
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
      focus = await focusIsVisible(page);
    }
    stops.push(focus.element);
    if (!focus.visible) invisible.push(focus.element);
    if (await predicate(page)) return { stops, invisible };
  }
  throw new Error(`focus never got there after ${limit} × ${key}; last stops:\n  ${stops.slice(-10).join('\n  ')}`);
}
