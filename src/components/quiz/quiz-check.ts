// What <quiz-form> (quiz-form.ts) does once the learner presses "Check answer": grade the
// response (src/lib/quiz/grade.ts), mark the options, show the verdict and the explanations
// the answer calls for, and at the end of a round the score (saved to the learner's
// progress after a full attempt) and the missed questions.
//
// quiz-form.ts imports this module on the first "Check answer" of the page, so a lesson's
// quiz loads only the code that lays the questions out until the learner asks for a grade
// (scripts/page-weight.ts counts it as loaded on request). Every text it adds is set with
// textContent, or copied (cloneNode) from nodes the server rendered; nothing from content
// or storage is ever parsed as HTML.
import { feedbackKeys, grade, isComplete, NO_STEP, type AnswerKey } from '../../lib/quiz/grade.ts';
import { answer, isFinished, missed, score, type Round } from '../../lib/quiz/session.ts';
import { $progressSaved, saveQuizScore } from '../../lib/progress/progress-store.ts';
import { quizCardId } from '../../lib/review/schema.ts';
import { noteAnswer } from '../review/review-record.ts';

/** One question of the quiz, found in the server-rendered markup by quiz-form.ts. */
export interface QuestionView {
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

/** The state of a <quiz-form> that checking an answer reads and changes. */
export interface QuizState {
  id: string;
  questions: Map<string, QuestionView>;
  round: Round;
  result: HTMLElement;
  /** Writes "n of m answered, k right." for the current round. */
  updateStatus(): void;
}

function text(tag: string, className: string, content: string): HTMLElement {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = content;
  return element;
}

function responseTo(view: QuestionView): number[] {
  return view.inputs.filter((input) => input.checked).map((input) => Number(input.value));
}

/** Clears the "Choose … first" nudge once the question has a complete answer (on every change of the answer). */
export function syncNudge(view: QuestionView): void {
  if (isComplete(view.key.kind, responseTo(view))) view.nudge.textContent = '';
}

/**
 * "Check answer": says what to choose when the answer is not complete yet; otherwise grades
 * it, shows the outcome, and finishes the round after its last question.
 */
export function checkAnswer(quiz: QuizState, view: QuestionView): void {
  // Pressed again while this module loaded, or the round was restarted meanwhile.
  if (!quiz.round.order.includes(view.id) || Object.hasOwn(quiz.round.results, view.id)) return;
  const response = responseTo(view);
  const kind = view.key.kind;
  if (!isComplete(kind, response)) {
    view.nudge.textContent =
      kind === 'predict-build'
        ? 'Choose at least one stage first.'
        : kind === 'predict-cache'
          ? 'Choose the steps that run again, or “No step runs again”, first.'
          : kind === 'multiple'
            ? 'Choose at least one answer first.'
            : kind === 'find-the-line'
              ? 'Choose a line first.'
              : 'Choose an answer first.';
    view.inputs[0]?.focus();
    return;
  }
  quiz.round = answer(quiz.round, view.id, view.key, response);
  const result = grade(view.key, response);
  // A miss comes back for review on /progress/ and at the start of later lessons.
  noteAnswer(quizCardId(quiz.id, view.id), 'quiz', result.correct);
  mark(view, response);

  const verdict = text('p', 'quiz-q__verdict', '');
  verdict.dataset['verdict'] = result.correct ? 'right' : 'wrong';
  verdict.append(text('span', 'quiz-q__verdict-icon', result.correct ? '✓' : '✗'));
  verdict.append(document.createTextNode(result.correct ? ' Right.' : ` Not quite. ${describeChoice(view, response)}`));
  const blocks: Node[] = [verdict];
  for (const key of feedbackKeys(view.key, response, view.anticipated)) {
    const block = copyBlock(view, key);
    if (!block) continue;
    if (key === 'fallback') fillFallback(view, block, response);
    blocks.push(block);
  }
  const right = copyBlock(view, 'right');
  if (right) blocks.push(right);
  view.feedback.replaceChildren(...blocks);

  view.check.hidden = true;
  view.next.hidden = false;
  view.details.hidden = false;
  if (view.summary) view.summary.textContent = 'Every answer explained';
  view.element.classList.add(result.correct ? 'quiz-q--right' : 'quiz-q--wrong');
  view.next.focus();
  quiz.updateStatus();
  if (isFinished(quiz.round)) finish(quiz);
}

/** "You chose C." / "You chose lines 4." — in words, for the verdict. */
function describeChoice(view: QuestionView, response: number[]): string {
  const labels = view.inputs
    .filter((input) => response.includes(Number(input.value)))
    .map((input) => {
      const label = input.closest('label');
      if (view.key.kind === 'find-the-line') return `line ${input.value}`;
      if (view.key.kind === 'predict-build' || view.key.kind === 'predict-cache') return label?.dataset['short'] ?? input.value;
      if (view.key.kind === 'true-false') return input.value === '1' ? 'true' : 'false';
      return label?.querySelector('.quiz-option__letter')?.textContent?.trim() ?? input.value;
    });
  return labels.length > 0 ? `You chose ${labels.join(', ')}.` : '';
}

function mark(view: QuestionView, response: number[]): void {
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
    if (mark) mark.textContent = markText(view.key.kind, key, isRight, isChosen);
  }
}

/** The words beside an option once the answer is checked. */
function markText(kind: QuestionView['key']['kind'], key: number, isRight: boolean, isChosen: boolean): string {
  if (kind === 'predict-cache' && key !== NO_STEP) {
    return isChosen ? `Your choice: ${isRight ? 'runs again' : 'comes from the cache'}` : isRight ? 'Runs again (you left it out)' : '';
  }
  const words = kind === 'predict-build' ? (isRight ? 'runs' : 'does not run') : isRight ? 'right answer' : 'not right';
  return isChosen ? `Your choice: ${words}` : isRight ? (kind === 'predict-build' ? 'Runs (you left it out)' : 'Right answer') : '';
}

/** A copy of one of the explanations rendered in the question's "Show answer". */
function copyBlock(view: QuestionView, key: string): HTMLElement | null {
  const source = [...view.details.querySelectorAll<HTMLElement>('[data-feedback-key]')].find((node) => node.dataset['feedbackKey'] === key);
  if (!source) return null;
  const copy = source.cloneNode(true) as HTMLElement;
  copy.hidden = false;
  copy.removeAttribute('data-feedback-key');
  for (const node of copy.querySelectorAll('[id]')) node.removeAttribute('id');
  return copy;
}

/** The explanation for a wrong answer no misconception anticipated: what differs, in words. */
function fillFallback(view: QuestionView, block: HTMLElement, response: number[]): void {
  const target = block.querySelector<HTMLElement>('[data-fallback-text]');
  if (!target) return;
  if (view.key.kind === 'find-the-line') {
    target.textContent = `Line ${response[0] ?? ''} is fine as far as this check is concerned. Look at the answer below, then at the lesson.`;
    return;
  }
  const { extra, missing } = grade(view.key, response);
  const name = (key: number) => view.inputs.find((input) => Number(input.value) === key)?.closest('label')?.dataset['short'] ?? `stage ${key}`;
  const parts: string[] = [];
  const again = view.key.kind === 'predict-cache' ? ' again' : '';
  const steps = (keys: number[]) => keys.filter((key) => key !== NO_STEP);
  if (view.key.kind === 'predict-cache' && extra.includes(NO_STEP)) parts.push('Some steps do run again.');
  if (view.key.kind === 'predict-cache' && missing.includes(NO_STEP)) parts.push('No step runs again here: every one comes from the cache.');
  else if (steps(extra).length > 0) parts.push(`${steps(extra).map(name).join(', ')} ${steps(extra).length === 1 ? 'does' : 'do'} not run${again}.`);
  if (steps(missing).length > 0)
    parts.push(`You left out ${steps(missing).map(name).join(', ')}, which ${steps(missing).length === 1 ? 'runs' : 'run'}${again} too.`);
  target.textContent = parts.join(' ');
}

/** The end of a round: the score (saved after a full attempt), the missed questions and "Retry missed questions". */
function finish(quiz: QuizState): void {
  const result = quiz.result;
  const { correct, total } = score(quiz.round);
  const scoreText = result.querySelector<HTMLElement>('[data-score]');
  const note = result.querySelector<HTMLElement>('[data-note]');
  const heading = result.querySelector<HTMLElement>('[data-result-heading]');
  if (quiz.round.full) {
    saveQuizScore(quiz.id, correct, total);
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

  const missedIds = missed(quiz.round);
  const block = result.querySelector<HTMLElement>('[data-missed-block]');
  const list = result.querySelector<HTMLElement>('[data-missed-list]');
  if (block && list) {
    list.replaceChildren(
      ...missedIds.map((id) => {
        const view = quiz.questions.get(id)!;
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
