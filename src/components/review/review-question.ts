// One question of the review on /progress/, as a form: the prompt (a legend), its Dockerfile
// and command, real radio buttons or checkboxes, "Check answer", and a live region that says
// whether the answer is right and when the question comes back. Every text is set with
// textContent (element(), inline()): nothing from the bank or storage is parsed as HTML.
import { element } from '../../lib/dom-parts.ts';
import { feedbackKeys, grade, isComplete, type AnswerKey, type QuestionKind } from '../../lib/quiz/grade.ts';
import type { ReviewQuestion } from '../../lib/review/bank.ts';
import { dockerfileBlock, inline, lessonLink, optionLabel } from '../rooms/room-render.ts';

export interface QuestionForm {
  item: HTMLLIElement;
  /** Moves focus to the first choice. */
  focus(): void;
}

/** "Quiz: Named stages and --target" / "Prediction in “…”" and how many times it was missed. */
function where(question: ReviewQuestion, misses: number): string {
  const source = question.quiz === 'prediction' ? question.quizTitle : `Quiz: ${question.quizTitle}`;
  return `${source} · missed ${misses === 1 ? 'once' : `${misses} times`}`;
}

/**
 * The form for `question`. `onAnswer` records the graded answer and returns the sentence
 * that says when the question comes back.
 */
export function questionForm(question: ReviewQuestion, misses: number, onAnswer: (correct: boolean) => string): QuestionForm {
  const item = element('li', 'review-q');
  item.dataset['card'] = question.id;
  const form = element('form', 'review-q__form');
  const fieldset = element('fieldset', 'review-q__fieldset');
  const legend = element('legend', 'review-q__legend');
  legend.append(element('span', 'review-q__where', where(question, misses)), inline('span', 'review-q__prompt', question.prompt));
  fieldset.append(legend);
  if (question.dockerfile) fieldset.append(dockerfileBlock(question.dockerfile, 'Dockerfile of the question'));
  if (question.command) {
    const command = element('p', 'review-q__command');
    command.append(element('code', '', question.command));
    if (question.builder) command.append(` on ${question.builder}`);
    fieldset.append(command);
  }
  fieldset.append(element('p', 'review-q__hint', question.multiple ? 'Choose every answer that applies.' : 'Choose one answer.'));
  const inputs = question.options.map((option) => {
    const label = element('label', `review-q__option${option.code ? ' review-q__option--line' : ''}`);
    const input = element('input', '');
    input.type = question.multiple ? 'checkbox' : 'radio';
    input.name = `review-${question.id}`;
    input.value = String(option.key);
    label.append(input, optionLabel(option));
    fieldset.append(label);
    return input;
  });
  const actions = element('p', 'review-q__actions');
  const check = element('button', 'button', 'Check answer');
  check.type = 'submit';
  const nudge = element('span', 'review-q__nudge');
  nudge.setAttribute('aria-live', 'polite');
  actions.append(check, nudge);
  const feedback = element('div', 'review-q__feedback');
  feedback.setAttribute('role', 'status');
  form.append(fieldset, actions, feedback);
  item.append(form);

  const key: AnswerKey = { kind: question.kind as QuestionKind, correct: question.correct };
  const response = () => inputs.filter((input) => input.checked).map((input) => Number(input.value));
  form.addEventListener('change', () => {
    if (isComplete(key.kind, response())) nudge.textContent = '';
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (check.hidden) return;
    const chosen = response();
    if (!isComplete(key.kind, chosen)) {
      nudge.textContent = question.multiple ? 'Choose at least one answer first.' : 'Choose an answer first.';
      inputs[0]?.focus();
      return;
    }
    const correct = grade(key, chosen).correct;
    const when = onAnswer(correct);
    for (const input of inputs) {
      input.disabled = true;
      const right = question.correct.includes(Number(input.value));
      input.closest('label')?.classList.add(right ? 'review-q__option--right' : input.checked ? 'review-q__option--wrong' : 'review-q__option--other');
    }
    check.hidden = true;
    item.classList.add(correct ? 'review-q--right' : 'review-q--wrong');
    const verdict = element('p', `review-q__verdict review-q__verdict--${correct ? 'right' : 'wrong'}`, `${correct ? '✓ Right.' : '✗ Not quite.'} ${when}`);
    // A choice's answer is its letter ("A"): with the option's text, it reads on its own.
    const options = question.options.filter((option) => question.correct.includes(option.key)).map((option) => option.label);
    const choice = question.kind === 'single' || question.kind === 'multiple';
    const answer = inline('p', 'review-q__answer', `Answer: ${choice && options.length > 0 ? options.join('; ') : question.answer}`);
    const why = question.why.map((text) => inline('p', 'review-q__why', text));
    const blocks: HTMLElement[] = [verdict, answer, ...why];
    const keys = feedbackKeys(key, chosen, question.anticipated);
    for (const wrong of question.wrong.filter((m) => keys.includes(m.key))) {
      const block = element('div', 'review-q__misconception');
      block.append(inline('p', '', `The belief behind your answer: ${wrong.misconception}`), inline('p', '', wrong.explanation));
      const more = element('p', '', 'Lesson: ');
      more.append(lessonLink(wrong.lesson, wrong.lessonTitle));
      block.append(more);
      blocks.push(block);
    }
    if (!correct && !blocks.some((block) => block.classList.contains('review-q__misconception'))) {
      const more = element('p', 'review-q__lesson', 'Lesson: ');
      more.append(lessonLink(question.lesson, question.lessonTitle));
      blocks.push(more);
    }
    feedback.replaceChildren(...blocks);
    verdict.tabIndex = -1;
    verdict.focus();
  });
  return { item, focus: () => inputs[0]?.focus() };
}
