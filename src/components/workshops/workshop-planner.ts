// <workshop-planner> on /workshops/: re-plans the agenda (src/lib/workshops/plan.ts) whenever
// the facilitator changes the time available, the start time or the lessons, shows the notes of
// the lessons in the agenda only, keeps the choice in the address (?length=…&start=…&lessons=…)
// so that a bookmark or a shared link opens the same agenda, prints the handout, and keeps the
// "open a live room" link pointing at the agenda's questions and exercises (room-preset.ts). The page's
// own HTML is the same agenda for the default choice, so it reads the same without JavaScript.
import { element } from '../../lib/dom-parts.ts';
import { flagParts } from '../../lib/no-break.ts';
import { presetForLessons, presetQuery, type LessonRoomItems } from '../../lib/workshops/room-preset.ts';
import { AGENDA_LENGTHS, blockTitle, buildPlan, clock, parseClock, readPlannerState, type PlanLesson, type PlannerState } from '../../lib/workshops/plan.ts';

/** Text with its command-line flags (--target) kept on one line, as FlagText.astro does. */
function withFlags(text: string): Array<string | HTMLElement> {
  return flagParts(text).map((part) => (part.flag ? element('span', 'nowrap', part.text) : part.text));
}

class WorkshopPlanner extends HTMLElement {
  #lessons: PlanLesson[] = [];
  #titles = new Map<string, string>();
  #roomItems = new Map<string, LessonRoomItems>();

  connectedCallback(): void {
    const form = this.querySelector('form');
    if (!form) return;
    for (const box of this.#lessonBoxes()) {
      const title =
        box
          .closest('label')
          ?.querySelector('.planner__lesson-title')
          ?.textContent?.replace(/^\d+\.\s*/, '')
          .trim() ?? box.value;
      this.#titles.set(box.value, title);
      const exercises = (box.dataset['roomExercises'] ?? '').split(',').filter(Boolean);
      this.#roomItems.set(box.value, { question: box.dataset['roomQuestion'], exercises });
      this.#lessons.push({
        id: box.value,
        title,
        minutes: Number(box.dataset['minutes']),
        exercise: box.dataset['exercise'] === 'true',
        question: box.dataset['question'] === 'true',
      });
    }
    const initial = this.#read();
    const state = readPlannerState(
      location.search,
      this.#lessons.map((lesson) => lesson.id),
      initial,
    );
    this.#write(state);
    this.#render(state, false);
    form.addEventListener('change', () => this.#render(this.#read(), true));
    form.addEventListener('submit', (event) => event.preventDefault());
    const print = this.querySelector<HTMLButtonElement>('[data-print]');
    if (print) {
      print.hidden = false;
      print.addEventListener('click', () => print.ownerDocument.defaultView?.print());
    }
  }

  #lessonBoxes(): HTMLInputElement[] {
    return [...this.querySelectorAll<HTMLInputElement>('input[name="lessons"]')];
  }

  /** The choice as the form holds it. */
  #read(): PlannerState {
    const length = Number(this.querySelector<HTMLInputElement>('input[name="length"]:checked')?.value);
    const start = parseClock(this.querySelector<HTMLInputElement>('input[name="start"]')?.value ?? '');
    return {
      length: AGENDA_LENGTHS.some((entry) => entry.minutes === length) ? length : AGENDA_LENGTHS[0]!.minutes,
      start: start ?? 9 * 60,
      lessons: this.#lessonBoxes()
        .filter((box) => box.checked)
        .map((box) => box.value),
    };
  }

  /** Puts a choice read from the address into the form. */
  #write(state: PlannerState): void {
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[name="length"]')) radio.checked = Number(radio.value) === state.length;
    const start = this.querySelector<HTMLInputElement>('input[name="start"]');
    if (start) start.value = `0${clock(state.start)}`.slice(-5);
    for (const box of this.#lessonBoxes()) box.checked = state.lessons.includes(box.value);
  }

  #render(state: PlannerState, remember: boolean): void {
    const plan = buildPlan(this.#lessons, state.lessons, state.length);
    const titleOf = (id: string): string => this.#titles.get(id) ?? id;
    const label = AGENDA_LENGTHS.find((entry) => entry.minutes === plan.length)?.label ?? `${plan.length} minutes`;
    const heading = this.querySelector('[data-plan-title]');
    if (heading) heading.textContent = `Workshop agenda: ${label}, ${clock(state.start)}–${clock(state.start + plan.length)}`;

    const rows = plan.blocks.map((block) => {
      const row = element('li', `plan__row plan__row--${block.kind}`);
      const what = element('span', 'plan__what');
      const title = withFlags(blockTitle(block, titleOf));
      if (block.kind === 'lesson' && block.lesson) {
        const link = element('a', '');
        link.href = `#plan-${block.lesson}`;
        link.append(...title);
        what.append(link);
      } else what.append(...title);
      row.append(element('span', 'plan__time', clock(state.start + block.start)), element('span', 'plan__minutes', `${block.minutes} min`), what);
      return row;
    });
    this.querySelector('[data-plan]')?.replaceChildren(...rows);

    const leftOut = this.querySelector<HTMLElement>('[data-left-out]');
    if (leftOut) {
      leftOut.hidden = plan.leftOut.length === 0;
      leftOut.textContent = plan.leftOut.length === 0 ? '' : `Left out for time (set them as homework): ${plan.leftOut.map(titleOf).join(', ')}.`;
    }
    const roomLink = this.querySelector<HTMLAnchorElement>('[data-room-link]');
    if (roomLink) roomLink.search = presetQuery(presetForLessons('', plan.lessons, this.#roomItems));
    for (const notes of document.querySelectorAll<HTMLElement>('[data-lesson-notes]'))
      notes.hidden = !plan.lessons.includes(notes.dataset['lessonNotes'] ?? '');

    if (remember) {
      const params = new URLSearchParams({ length: String(state.length), start: `0${clock(state.start)}`.slice(-5), lessons: state.lessons.join(',') });
      history.replaceState(history.state, '', `${location.pathname}?${params}${location.hash}`);
    }
  }
}

if (!customElements.get('workshop-planner')) customElements.define('workshop-planner', WorkshopPlanner);
