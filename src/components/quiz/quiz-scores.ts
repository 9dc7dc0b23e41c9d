// <quiz-scores>: fills in the learner's best score on each quiz card (see QuizScores.astro).
import { formatQuizScore } from '../../lib/progress/quiz-progress.ts';
import { $progress, startProgress } from '../../lib/progress/progress-store.ts';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

class QuizScores extends HTMLElement {
  #unsubscribe: (() => void) | null = null;

  connectedCallback(): void {
    startProgress();
    this.#unsubscribe = $progress.subscribe((progress) => {
      for (const card of this.querySelectorAll<HTMLElement>('[data-quiz]')) {
        const id = card.dataset['quiz'] ?? '';
        const best = card.querySelector<HTMLElement>('[data-best]');
        if (!best) continue;
        const entry = Object.hasOwn(progress.quizzes, id) ? progress.quizzes[id] : undefined;
        if (!entry) {
          best.textContent = '';
          best.hidden = true;
          continue;
        }
        const attempts = `${entry.attempts} ${entry.attempts === 1 ? 'attempt' : 'attempts'}`;
        best.textContent = `Best: ${formatQuizScore(entry)}`;
        best.title = `${attempts}, last on ${dateFormat.format(new Date(entry.last))}`;
        best.hidden = false;
      }
    });
  }

  disconnectedCallback(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}

if (!customElements.get('quiz-scores')) customElements.define('quiz-scores', QuizScores);
