// <quiz-form>: the island that makes a server-rendered quiz (Quiz.astro) interactive.
// See Quiz.astro for the markup it expects. It keeps the attempt's rounds with
// src/lib/quiz/round.ts (in a seeded order, src/lib/quiz/shuffle.ts) and lays each round
// out. Grading, feedback and the score (quiz-check.ts) load when the learner first presses
// "Check answer": until then a quiz needs only this file. Every text it adds is set with
// textContent; nothing from content or storage is ever parsed as HTML.
import type { QuestionKind } from '../../lib/quiz/grade.ts';
import { attemptOrder, isFinished, retryRound, score, startRound } from '../../lib/quiz/round.ts';
import { parseSeed, randomSeed } from '../../lib/quiz/shuffle.ts';
import type { QuestionView, QuizState } from './quiz-check.ts';

type Checker = typeof import('./quiz-check.ts');

const KINDS = new Set<string>(['single', 'multiple', 'true-false', 'predict-build', 'find-the-line', 'predict-cache']);

/**
 * quiz-check.ts: requested by the first press of a "Check answer" on the page (only then:
 * scripts/page-weight.ts counts it as loaded on request), shared by every quiz on it.
 */
let checking: Promise<Checker> | null = null;
/** quiz-check.ts once it has loaded. */
let checker: Checker | null = null;
/** What a question says when quiz-check.ts could not be loaded (until a later press loads it). */
const NOT_LOADED = 'Your answer could not be checked: the page could not load what it needs. Check your connection, then press “Check answer” again.';

const numbers = (text: string | undefined): number[] =>
  (text ?? '')
    .split(',')
    .filter((part) => part !== '')
    .map(Number)
    .filter(Number.isInteger);

class QuizForm extends HTMLElement {
  #quiz: QuizState | null = null;
  #shuffled = false;
  #fileOrder: string[] = [];
  #list: HTMLElement | null = null;
  #status: HTMLElement | null = null;

  connectedCallback(): void {
    if (this.#quiz) return;
    const id = this.dataset['quizId'] ?? '';
    this.#shuffled = this.dataset['shuffle'] === 'true';
    this.#list = this.querySelector('[data-questions]');
    this.#status = this.querySelector('[data-status]');
    const result = this.querySelector<HTMLElement>('[data-result]');
    if (!id || !this.#list || !this.#status || !result) return;

    const questions = new Map<string, QuestionView>();
    const fileOrder: string[] = [];
    for (const element of this.#list.querySelectorAll<HTMLElement>(':scope > [data-question]')) {
      const view = this.#view(element);
      if (!view) return; // Unexpected markup: leave the static quiz as it is.
      questions.set(view.id, view);
      fileOrder.push(view.id);
    }
    if (fileOrder.length === 0) return;
    this.#fileOrder = fileOrder;
    this.#quiz = { id, questions, round: startRound([], true), result, updateStatus: () => this.#updateStatus() };

    for (const view of questions.values()) {
      // The "Choose … first" nudge this clears is shown by quiz-check.ts, so it has loaded by then.
      view.element.addEventListener('change', () => checker?.syncNudge(view));
      view.check.addEventListener('click', () => void this.#check(view));
      view.next.addEventListener('click', () => this.#next(view));
      view.element.querySelector<HTMLElement>('[data-actions]')!.hidden = false;
    }
    this.querySelector('[data-retry]')?.addEventListener('click', () => this.#retry());
    this.querySelector('[data-restart]')?.addEventListener('click', () => this.#restart(randomSeed(), true));
    for (const node of this.querySelectorAll<HTMLElement>('[data-intro-static]')) node.hidden = true;
    for (const node of this.querySelectorAll<HTMLElement>('[data-intro-enhanced]')) node.hidden = false;
    this.classList.add('quiz--enhanced');

    const seed = parseSeed(new URLSearchParams(window.location.search).get('seed')) ?? randomSeed();
    this.#restart(seed, false);
  }

  #view(element: HTMLElement): QuestionView | null {
    const kind = element.dataset['kind'] ?? '';
    const id = element.dataset['question'] ?? '';
    const check = element.querySelector<HTMLButtonElement>('[data-check]');
    const next = element.querySelector<HTMLButtonElement>('[data-next]');
    const nudge = element.querySelector<HTMLElement>('[data-nudge]');
    const feedback = element.querySelector<HTMLElement>('[data-feedback]');
    const details = element.querySelector<HTMLDetailsElement>('details[data-answer]');
    if (!KINDS.has(kind) || !id || !check || !next || !nudge || !feedback || !details) return null;
    return {
      id,
      element,
      key: { kind: kind as QuestionKind, correct: numbers(element.dataset['correct']) },
      anticipated: (element.dataset['anticipated'] ?? '').split(' ').filter(Boolean),
      inputs: [...element.querySelectorAll<HTMLInputElement>('fieldset input')],
      check,
      next,
      nudge,
      feedback,
      details,
      summary: details.querySelector<HTMLElement>('[data-summary]'),
    };
  }

  /** Starts a full attempt: every question, in a new order when the quiz is shuffled. */
  #restart(seed: number, focus: boolean): void {
    const quiz = this.#quiz!;
    quiz.round = startRound(attemptOrder(this.#fileOrder, this.#shuffled, seed), true);
    this.#show(quiz.round.order);
    if (focus) this.#focusQuestion(quiz.round.order[0]);
  }

  #retry(): void {
    const quiz = this.#quiz!;
    const next = retryRound(quiz.round);
    if (!next) return;
    quiz.round = next;
    this.#show(next.order);
    this.#focusQuestion(next.order[0]);
  }

  /** Shows the round's questions in its order, each reset, and hides the others. */
  #show(order: string[]): void {
    const { questions, result } = this.#quiz!;
    const shown = new Set(order);
    for (const id of this.#fileOrder) questions.get(id)!.element.hidden = !shown.has(id);
    order.forEach((id, index) => {
      const view = questions.get(id)!;
      this.#list!.appendChild(view.element);
      this.#reset(view);
      const number = view.element.querySelector('[data-number]');
      const count = view.element.querySelector('[data-count]');
      if (number) number.textContent = String(index + 1);
      if (count) count.textContent = String(order.length);
      view.next.textContent = index + 1 < order.length ? 'Next question' : 'See your score';
    });
    result.hidden = true;
    this.#updateStatus();
  }

  #reset(view: QuestionView): void {
    for (const input of view.inputs) {
      input.checked = false;
      input.disabled = false;
      const label = input.closest('label');
      label?.classList.remove('quiz-option--right', 'quiz-option--wrong', 'quiz-option--missed');
      const mark = label?.querySelector<HTMLElement>('[data-mark]');
      if (mark) mark.textContent = '';
    }
    view.feedback.replaceChildren();
    view.nudge.textContent = '';
    view.check.hidden = false;
    view.next.hidden = true;
    view.details.open = false;
    view.details.hidden = true;
    if (view.summary) view.summary.textContent = 'Show answer';
    view.element.classList.remove('quiz-q--right', 'quiz-q--wrong');
  }

  /** "Check answer": grades with quiz-check.ts, loading it on the page's first press. */
  async #check(view: QuestionView): Promise<void> {
    if (!checker) {
      try {
        checker = await (checking ??= import('./quiz-check.ts'));
      } catch {
        checking = null; // The next press tries again.
        view.nudge.textContent = NOT_LOADED;
        return;
      }
      for (const other of this.#quiz!.questions.values()) if (other.nudge.textContent === NOT_LOADED) other.nudge.textContent = '';
    }
    checker.checkAnswer(this.#quiz!, view);
  }

  #next(view: QuestionView): void {
    const { round, result } = this.#quiz!;
    const after = round.order.slice(round.order.indexOf(view.id) + 1).concat(round.order);
    const nextId = after.find((id) => !Object.hasOwn(round.results, id));
    if (nextId) this.#focusQuestion(nextId);
    else if (isFinished(round)) result.focus();
  }

  #focusQuestion(id: string | undefined): void {
    const view = id ? this.#quiz!.questions.get(id) : undefined;
    if (!view) return;
    view.element.scrollIntoView({ block: 'start' });
    (view.inputs.find((input) => !input.disabled) ?? view.check).focus({ preventScroll: true });
  }

  #updateStatus(): void {
    if (!this.#status) return;
    const { round } = this.#quiz!;
    const answered = Object.keys(round.results).length;
    const { correct, total } = score(round);
    const kind = round.full ? '' : 'Retrying missed questions: ';
    this.#status.textContent = `${kind}${answered} of ${total} answered, ${correct} right.`;
    this.#status.hidden = false;
  }
}

if (!customElements.get('quiz-form')) customElements.define('quiz-form', QuizForm);
