// DOM for the room pages, shared by the facilitator's console and the participant's page.
// Every text is set with textContent (element() from dom-parts.ts): names, Dockerfiles and
// prompts are shown as text, never parsed as markup. Backticks in course text become <code>.
import { element } from '../../lib/dom-parts.ts';
import type { RoomMisconception, RoomOption } from '../../lib/rooms/catalog.ts';
import type { OptionCount, RankedMisconception, LessonToRevisit } from '../../lib/rooms/results.ts';
import type { QuestionView } from '../../lib/rooms/views.ts';

/** Course text with `code` spans, as nodes. */
export function inline<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text: string): HTMLElementTagNameMap[K] {
  const node = element(tag, className);
  const pattern = /`([^`]+)`/g;
  let last = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match.index > last) node.append(text.slice(last, match.index));
    node.append(element('code', '', match[1]!));
    last = match.index + match[0].length;
  }
  if (last < text.length) node.append(text.slice(last));
  return node;
}

export function lessonHref(slug: string): string {
  return `/lessons/${encodeURIComponent(slug)}/`;
}

export function lessonLink(slug: string, title: string): HTMLAnchorElement {
  const link = element('a', 'room-lesson', title);
  link.href = lessonHref(slug);
  return link;
}

/** A Dockerfile with line numbers (the numbers are not part of the copied text). */
export function dockerfileBlock(text: string, label: string): HTMLElement {
  const figure = element('figure', 'room-code');
  figure.append(element('figcaption', 'room-code__caption', 'Dockerfile'));
  const pre = element('pre', 'room-code__pre');
  pre.tabIndex = 0;
  pre.setAttribute('aria-label', label);
  const code = element('code', '');
  text
    .replace(/\n$/, '')
    .split('\n')
    .forEach((line, i) => {
      const row = element('span', 'room-code__line');
      row.append(element('span', 'room-code__number', String(i + 1)), element('span', 'room-code__text', line === '' ? ' ' : line), '\n');
      code.append(row);
    });
  pre.append(code);
  figure.append(pre);
  return figure;
}

/** The question's prompt, Dockerfile and command. */
export function questionHead(q: QuestionView, total: number, headingLevel: 'h1' | 'h2' | 'h3'): HTMLElement {
  const head = element('div', 'room-question__head');
  head.append(element('p', 'room-question__number', `Question ${q.number} of ${total} · ${q.quizTitle}`));
  head.append(inline(headingLevel, 'room-question__prompt', q.prompt));
  if (q.dockerfile) head.append(dockerfileBlock(q.dockerfile, `Dockerfile for question ${q.number}`));
  if (q.command) {
    const command = element('p', 'room-question__command');
    command.append(element('code', '', q.command));
    if (q.builder) command.append(element('span', 'room-question__builder', ` on ${q.builder}`));
    head.append(command);
  }
  return head;
}

/** How an option reads, as nodes (a Dockerfile line stays whole code). */
export function optionLabel(option: RoomOption): HTMLElement {
  const label = option.code ? element('code', 'room-option__code', option.label) : inline('span', 'room-option__text', option.label);
  if (!option.detail) return label;
  const wrap = element('span', 'room-option__label');
  wrap.append(label, element('span', 'room-option__detail', option.detail));
  return wrap;
}

/** The count of each option as bars with their numbers in words (the bars are decoration). */
export function distributionList(counts: OptionCount[], answered: number, showCorrect: boolean): HTMLElement {
  const list = element('ul', 'room-dist');
  for (const option of counts) {
    const item = element('li', `room-dist__item${showCorrect && option.correct ? ' room-dist__item--correct' : ''}`);
    const share = answered > 0 ? Math.round((option.count / answered) * 100) : 0;
    const label = element('span', 'room-dist__label');
    label.append(optionLabel({ key: option.key, label: option.label }));
    if (showCorrect && option.correct) label.append(element('span', 'room-dist__mark', ' ✓ right'));
    const bar = element('span', 'room-dist__bar');
    bar.setAttribute('aria-hidden', 'true');
    const fill = element('span', 'room-dist__fill');
    // CSSOM, not a style attribute: the CSP allows no inline style attributes.
    fill.style.inlineSize = `${share}%`;
    bar.append(fill);
    item.append(label, bar, element('span', 'room-dist__count', `${option.count} (${share}%)`));
    list.append(item);
  }
  return list;
}

/** The right answer, why, and every wrong answer's misconception with its lesson. */
export function revealBlock(
  reveal: { answer: string; why: string[]; wrong: RoomMisconception[] },
  highlight: readonly string[],
  headingLevel: 'h2' | 'h3' | 'h4',
): HTMLElement {
  const block = element('section', 'room-reveal');
  block.append(element(headingLevel, 'room-reveal__title', 'The answer'));
  block.append(inline('p', 'room-reveal__answer', reveal.answer));
  for (const why of reveal.why) block.append(inline('p', 'room-reveal__why', why));
  if (reveal.wrong.length > 0) {
    block.append(element(headingLevel, 'room-reveal__title', 'The wrong answers, and the misconception behind each'));
    const list = element('ul', 'room-misconceptions');
    for (const wrong of reveal.wrong) {
      const item = element('li', `room-misconception${highlight.includes(wrong.key) ? ' room-misconception--yours' : ''}`);
      if (highlight.includes(wrong.key)) item.append(element('p', 'room-misconception__yours', 'Your answer'));
      item.append(inline('p', 'room-misconception__choice', wrong.choice));
      item.append(inline('p', 'room-misconception__belief', `The belief: ${wrong.misconception}`));
      item.append(inline('p', 'room-misconception__why', wrong.explanation));
      const more = element('p', 'room-misconception__lesson', 'Revisit: ');
      more.append(lessonLink(wrong.lesson, wrong.lessonTitle));
      item.append(more);
      list.append(item);
    }
    block.append(list);
  }
  return block;
}

/** The misconceptions a room (or a participant) held, most held first. */
export function rankedList(ranked: readonly RankedMisconception[], counts: boolean): HTMLElement {
  const list = element('ol', 'room-ranked');
  for (const m of ranked) {
    const item = element('li', 'room-ranked__item');
    item.append(inline('p', 'room-ranked__belief', m.misconception));
    const meta = element('p', 'room-ranked__meta');
    if (counts) meta.append(`${m.count} of ${m.answered} who answered · `);
    meta.append(inline('span', '', `${m.choice} — “${m.prompt}”`));
    item.append(meta);
    const more = element('p', 'room-ranked__lesson', 'Revisit: ');
    more.append(lessonLink(m.lesson, m.lessonTitle));
    item.append(more);
    list.append(item);
  }
  return list;
}

export function lessonsList(lessons: readonly LessonToRevisit[]): HTMLElement {
  const list = element('ol', 'room-lessons');
  for (const lesson of lessons) {
    const item = element('li', '');
    item.append(
      lessonLink(lesson.lesson, lesson.lessonTitle),
      element('span', 'room-lessons__count', ` — ${lesson.count} wrong ${lesson.count === 1 ? 'answer' : 'answers'}`),
    );
    list.append(item);
  }
  return list;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
