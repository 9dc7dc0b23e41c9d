// <quiz-form>: the island that makes a server-rendered quiz (Quiz.astro) interactive.
// See Quiz.astro for the markup it expects. It grades with src/lib/quiz/grade.ts, keeps the
// attempt with src/lib/quiz/session.ts, and saves full attempts to the learner's progress.
// Every text it adds is set with textContent, or copied (cloneNode) from nodes the server
// rendered; nothing from content or storage is ever parsed as HTML.
import { feedbackKeys, grade, isComplete, type AnswerKey, type QuestionKind } from '../../lib/quiz/grade.ts';
import { answer, attemptOrder, isFinished, missed, retryRound, score, startRound, type Round } from '../../lib/quiz/session.ts';
import { parseSeed, randomSeed } from '../../lib/quiz/shuffle.ts';
import { $progressSaved, saveQuizScore } from '../../lib/progress/store-core.ts';

const KINDS = new Set<string>(['single', 'multiple', 'true-false', 'predict-build', 'find-the-line']);

interface QuestionView {
  id: string;
  element: HTMLElement;
  key: AnswerKey;
  anticipated: string[];
  inputs: HTMLInputElement[];
  check: HTMLButtonElement;
  next: HTMLButtonElement;
  nudge: HTMLElement;
  feedback: HTMLElement;
  details: HTMLDetailsElement;
  summary: HTMLElement | null;
}

const numbers = (text: string | undefined): number[] =>
  (text ?? '')
    .split(',')
    .filter((part) => part !== '')
    .map(Number)
    .filter(Number.isInteger);

function text(tag: string, className: string, content: string): HTMLElement {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = content;
  return element;
}

class QuizForm extends HTMLElement {
  #quizId = '';
  #shuffled = false;
  #questions = new Map<string, QuestionView>();
  #fileOrder: string[] = [];
  #round: Round = startRound([], true);
  #list: HTMLElement | null = null;
  #status: HTMLElement | null = null;
  #result: HTMLElement | null = null;
  #ready = false;

  connectedCallback(): void {
    if (this.#ready) return;
    this.#quizId = this.dataset['quizId'] ?? '';
    this.#shuffled = this.dataset['shuffle'] === 'true';
    this.#list = this.querySelector('[data-questions]');
    this.#status = this.querySelector('[data-status]');
    this.#result = this.querySelector('[data-result]');
    if (!this.#quizId || !this.#list || !this.#status || !this.#result) return;

    for (const element of this.#list.querySelectorAll<HTMLElement>(':scope > [data-question]')) {
      const view = this.#view(element);
      if (!view) return; // Unexpected markup: leave the static quiz as it is.
      this.#questions.set(view.id, view);
      this.#fileOrder.push(view.id);
    }
    if (this.#fileOrder.length === 0) return;

    for (const view of this.#questions.values()) {
      view.element.addEventListener('change', () => this.#sync(view));
      view.check.addEventListener('click', () => this.#check(view));
      view.next.addEventListener('click', () => this.#next(view));
      view.element.querySelector<HTMLElement>('[data-actions]')!.hidden = false;
    }
    this.querySelector('[data-retry]')?.addEventListener('click', () => this.#retry());
    this.querySelector('[data-restart]')?.addEventListener('click', () => this.#restart(randomSeed(), true));
    for (const node of this.querySelectorAll<HTMLElement>('[data-intro-static]')) node.hidden = true;
    for (const node of this.querySelectorAll<HTMLElement>('[data-intro-enhanced]')) node.hidden = false;
    this.classList.add('quiz--enhanced');
    this.#ready = true;

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

  #response(view: QuestionView): number[] {
    return view.inputs.filter((input) => input.checked).map((input) => Number(input.value));
  }

  #sync(view: QuestionView): void {
    if (isComplete(view.key.kind, this.#response(view))) view.nudge.textContent = '';
  }

  /** Starts a full attempt: every question, in a new order when the quiz is shuffled. */
  #restart(seed: number, focus: boolean): void {
    this.#round = startRound(attemptOrder(this.#fileOrder, this.#shuffled, seed), true);
    this.#show(this.#round.order);
    if (focus) this.#focusQuestion(this.#round.order[0]);
  }

  #retry(): void {
    const next = retryRound(this.#round);
    if (!next) return;
    this.#round = next;
    this.#show(next.order);
    this.#focusQuestion(next.order[0]);
  }

  /** Shows the round's questions in its order, each reset, and hides the others. */
  #show(order: string[]): void {
    const shown = new Set(order);
    for (const id of this.#fileOrder) {
      const view = this.#questions.get(id)!;
      view.element.hidden = !shown.has(id);
    }
    order.forEach((id, index) => {
      const view = this.#questions.get(id)!;
      this.#list!.appendChild(view.element);
      this.#reset(view);
      const number = view.element.querySelector('[data-number]');
      const count = view.element.querySelector('[data-count]');
      if (number) number.textContent = String(index + 1);
      if (count) count.textContent = String(order.length);
      view.next.textContent = index + 1 < order.length ? 'Next question' : 'See your score';
    });
    this.#result!.hidden = true;
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

  #check(view: QuestionView): void {
    const response = this.#response(view);
    if (!isComplete(view.key.kind, response)) {
      view.nudge.textContent =
        view.key.kind === 'predict-build' ? 'Choose at least one stage first.' : view.key.kind === 'multiple' ? 'Choose at least one answer first.' : view.key.kind === 'find-the-line' ? 'Choose a line first.' : 'Choose an answer first.';
      view.inputs[0]?.focus();
      return;
    }
    this.#round = answer(this.#round, view.id, view.key, response);
    const result = grade(view.key, response);
    this.#mark(view, response);

    const verdict = text('p', 'quiz-q__verdict', '');
    verdict.dataset['verdict'] = result.correct ? 'right' : 'wrong';
    verdict.append(text('span', 'quiz-q__verdict-icon', result.correct ? '✓' : '✗'));
    verdict.append(document.createTextNode(result.correct ? ' Right.' : ` Not quite. ${this.#describeChoice(view, response)}`));
    const blocks: Node[] = [verdict];
    for (const key of feedbackKeys(view.key, response, view.anticipated)) {
      const block = this.#copyBlock(view, key);
      if (!block) continue;
      if (key === 'fallback') this.#fillFallback(view, block, response);
      blocks.push(block);
    }
    const right = this.#copyBlock(view, 'right');
    if (right) blocks.push(right);
    view.feedback.replaceChildren(...blocks);

    view.check.hidden = true;
    view.next.hidden = false;
    view.details.hidden = false;
    if (view.summary) view.summary.textContent = 'Every answer explained';
    view.element.classList.add(result.correct ? 'quiz-q--right' : 'quiz-q--wrong');
    view.next.focus();
    this.#updateStatus();
    if (isFinished(this.#round)) this.#finish();
  }

  /** "You chose C." / "You chose lines 4." — in words, for the verdict. */
  #describeChoice(view: QuestionView, response: number[]): string {
    const labels = view.inputs
      .filter((input) => response.includes(Number(input.value)))
      .map((input) => {
        const label = input.closest('label');
        if (view.key.kind === 'find-the-line') return `line ${input.value}`;
        if (view.key.kind === 'predict-build') return label?.dataset['short'] ?? input.value;
        if (view.key.kind === 'true-false') return input.value === '1' ? 'true' : 'false';
        return label?.querySelector('.quiz-option__letter')?.textContent?.trim() ?? input.value;
      });
    return labels.length > 0 ? `You chose ${labels.join(', ')}.` : '';
  }

  #mark(view: QuestionView, response: number[]): void {
    const right = new Set(view.key.correct);
    const chosen = new Set(response);
    for (const input of view.inputs) {
      input.disabled = true;
      const key = Number(input.value);
      const label = input.closest('label');
      const mark = label?.querySelector<HTMLElement>('[data-mark]');
      const isRight = right.has(key);
      const isChosen = chosen.has(key);
      label?.classList.toggle('quiz-option--right', isRight && isChosen);
      label?.classList.toggle('quiz-option--missed', isRight && !isChosen);
      label?.classList.toggle('quiz-option--wrong', !isRight && isChosen);
      if (mark) {
        const words = view.key.kind === 'predict-build' ? (isRight ? 'runs' : 'does not run') : isRight ? 'right answer' : 'not right';
        mark.textContent = isChosen ? `Your choice: ${words}` : isRight ? (view.key.kind === 'predict-build' ? 'Runs (you left it out)' : 'Right answer') : '';
      }
    }
  }

  /** A copy of one of the explanations rendered in the question's "Show answer". */
  #copyBlock(view: QuestionView, key: string): HTMLElement | null {
    const source = [...view.details.querySelectorAll<HTMLElement>('[data-feedback-key]')].find((node) => node.dataset['feedbackKey'] === key);
    if (!source) return null;
    const copy = source.cloneNode(true) as HTMLElement;
    copy.hidden = false;
    copy.removeAttribute('data-feedback-key');
    for (const node of copy.querySelectorAll('[id]')) node.removeAttribute('id');
    return copy;
  }

  /** The explanation for a wrong answer no misconception anticipated: what differs, in words. */
  #fillFallback(view: QuestionView, block: HTMLElement, response: number[]): void {
    const target = block.querySelector<HTMLElement>('[data-fallback-text]');
    if (!target) return;
    if (view.key.kind === 'find-the-line') {
      target.textContent = `Line ${response[0] ?? ''} is fine as far as this check is concerned. Look at the answer below, then at the lesson.`;
      return;
    }
    const { extra, missing } = grade(view.key, response);
    const name = (key: number) => view.inputs.find((input) => Number(input.value) === key)?.closest('label')?.dataset['short'] ?? `stage ${key}`;
    const parts: string[] = [];
    if (extra.length > 0) parts.push(`${extra.map(name).join(', ')} ${extra.length === 1 ? 'does' : 'do'} not run.`);
    if (missing.length > 0) parts.push(`You left out ${missing.map(name).join(', ')}, which ${missing.length === 1 ? 'runs' : 'run'} too.`);
    target.textContent = parts.join(' ');
  }

  #next(view: QuestionView): void {
    const order = this.#round.order;
    const after = order.slice(order.indexOf(view.id) + 1).concat(order);
    const nextId = after.find((id) => !Object.hasOwn(this.#round.results, id));
    if (nextId) this.#focusQuestion(nextId);
    else if (isFinished(this.#round)) this.#result?.focus();
  }

  #focusQuestion(id: string | undefined): void {
    const view = id ? this.#questions.get(id) : undefined;
    if (!view) return;
    view.element.scrollIntoView({ block: 'start' });
    (view.inputs.find((input) => !input.disabled) ?? view.check).focus({ preventScroll: true });
  }

  #updateStatus(): void {
    if (!this.#status) return;
    const answered = Object.keys(this.#round.results).length;
    const { correct, total } = score(this.#round);
    const kind = this.#round.full ? '' : 'Retrying missed questions: ';
    this.#status.textContent = `${kind}${answered} of ${total} answered, ${correct} right.`;
    this.#status.hidden = false;
  }

  #finish(): void {
    const result = this.#result;
    if (!result) return;
    const { correct, total } = score(this.#round);
    const scoreText = result.querySelector<HTMLElement>('[data-score]');
    const note = result.querySelector<HTMLElement>('[data-note]');
    const heading = result.querySelector<HTMLElement>('[data-result-heading]');
    if (this.#round.full) {
      saveQuizScore(this.#quizId, correct, total);
      if (heading) heading.textContent = 'Your score';
      if (scoreText) scoreText.textContent = `You answered ${correct} of ${total} ${total === 1 ? 'question' : 'questions'} right.`;
      if (note) {
        note.textContent = $progressSaved.get()
          ? 'Your score is saved in this browser.'
          : 'This browser did not let the site save your score, so it lasts only while this page is open.';
      }
    } else {
      if (heading) heading.textContent = 'Retry finished';
      if (scoreText) scoreText.textContent = `This time you answered ${correct} of ${total} missed ${total === 1 ? 'question' : 'questions'} right.`;
      if (note) note.textContent = 'Retries are practice: your saved score is that of your last full attempt.';
    }

    const missedIds = missed(this.#round);
    const block = result.querySelector<HTMLElement>('[data-missed-block]');
    const list = result.querySelector<HTMLElement>('[data-missed-list]');
    if (block && list) {
      list.replaceChildren(
        ...missedIds.map((id) => {
          const view = this.#questions.get(id)!;
          const item = document.createElement('li');
          const link = document.createElement('a');
          link.href = `#${view.element.id}`;
          const number = view.element.querySelector('[data-number]')?.textContent ?? '';
          const prompt = view.element.querySelector('[data-prompt]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
          link.textContent = `Question ${number}: ${prompt}`;
          item.append(link);
          const lessons = [...view.feedback.querySelectorAll<HTMLAnchorElement>('.quiz-why--wrong .quiz-why__lesson a')];
          const lesson = lessons[0];
          if (lesson) {
            item.append(document.createTextNode(' — review '));
            const review = document.createElement('a');
            review.href = lesson.href;
            review.textContent = lesson.textContent ?? '';
            item.append(review);
          }
          return item;
        }),
      );
      block.hidden = missedIds.length === 0;
    }
    const retry = result.querySelector<HTMLButtonElement>('[data-retry]');
    if (retry) {
      retry.hidden = missedIds.length === 0;
      retry.textContent = `Retry missed questions (${missedIds.length})`;
    }
    result.hidden = false;
  }
}

if (!customElements.get('quiz-form')) customElements.define('quiz-form', QuizForm);
