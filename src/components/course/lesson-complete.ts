// <lesson-complete>: records the visit to the lesson and runs "Mark lesson complete"
// (LessonComplete.astro). Shares the progress store (src/lib/progress/progress-store.ts) with
// <course-progress>, so the course path updates as soon as the button is pressed. The
// lesson page loads it with the lesson's other islands in one script
// (src/pages/lessons/[slug].astro).
import { $progress, $progressSaved, completeLesson, visitLesson } from '../../lib/progress/progress-store.ts';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

class LessonComplete extends HTMLElement {
  #unsubscribe: Array<() => void> = [];

  connectedCallback(): void {
    const slug = this.dataset['lesson'];
    const box = this.querySelector<HTMLElement>('.lesson-complete');
    const button = this.querySelector<HTMLButtonElement>('button');
    const status = this.querySelector<HTMLElement>('.lesson-complete__status');
    if (!slug || !box || !button || !status) return;

    visitLesson(slug);
    const render = (): void => {
      const entry = Object.hasOwn($progress.get().lessons, slug) ? $progress.get().lessons[slug] : undefined;
      const completed = entry?.completed;
      button.setAttribute('aria-pressed', String(Boolean(completed)));
      let text = completed ? `You completed this lesson on ${dateFormat.format(new Date(completed))}.` : '';
      if (!$progressSaved.get()) text += `${text ? ' ' : ''}This browser did not let the site save your progress, so it lasts only while this page is open.`;
      status.textContent = text;
    };
    button.addEventListener('click', () => {
      const done = button.getAttribute('aria-pressed') === 'true';
      completeLesson(slug, !done);
    });
    this.#unsubscribe.push($progress.subscribe(render), $progressSaved.subscribe(render));
    box.hidden = false;
  }

  disconnectedCallback(): void {
    for (const stop of this.#unsubscribe) stop();
    this.#unsubscribe = [];
  }
}

if (!customElements.get('lesson-complete')) customElements.define('lesson-complete', LessonComplete);
