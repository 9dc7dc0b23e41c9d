// <course-progress>: marks every lesson of the course path (CoursePath.astro) with its
// state once the learner's progress is read, and keeps the marks in step with the shared
// progress store (src/lib/progress/progress-store.ts). The lesson page loads it with the
// lesson's other islands in one script (src/pages/lessons/[slug].astro).
import { $progress, $progressStatus, lessonState, startProgress, type LessonState } from '../../lib/progress/progress-store.ts';

const LABELS: Record<LessonState, string> = {
  'not-started': 'Not started',
  visited: 'Visited',
  completed: 'Completed',
};

class CourseProgress extends HTMLElement {
  #unsubscribe: (() => void) | null = null;

  connectedCallback(): void {
    startProgress();
    const notice = this.querySelector<HTMLElement>('[data-progress-notice]');
    this.#unsubscribe = $progress.subscribe((progress) => {
      // Damaged progress, of which what could be read is shown: say so (the status is set before the progress).
      if (notice) notice.hidden = $progressStatus.get() !== 'recovered';
      for (const item of this.querySelectorAll<HTMLElement>('[data-lesson]')) {
        const state = lessonState(progress, item.dataset['lesson'] ?? '');
        item.dataset['state'] = state;
        const label = item.querySelector<HTMLElement>('[data-state-label]');
        if (label) {
          label.textContent = LABELS[state];
          label.hidden = false;
        }
      }
    });
  }

  disconnectedCallback(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}

if (!customElements.get('course-progress')) customElements.define('course-progress', CourseProgress);
