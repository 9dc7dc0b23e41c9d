// <room-opener> on /workshops/rooms/: asks the server whether live rooms work here, lists the
// rooms this browser opened (their facilitator keys are kept in localStorage, nowhere else),
// and opens a new room from the questions and exercises ticked. An agenda's link
// (/workshops/rooms/?title=…&question=…&exercise=…, src/lib/workshops/room-preset.ts) ticks
// its lessons' questions and exercises beforehand.
import { element, part } from '../../lib/dom-parts.ts';
import { MAX_ROOM_EXERCISES, MAX_ROOM_QUESTIONS } from '../../lib/rooms/limits.ts';
import { readRoomPreset } from '../../lib/workshops/room-preset.ts';
import { call, expiryText, keepRoom, keptRooms, probe } from './room-api.ts';
import { showStatus } from './room-status.ts';

class RoomOpener extends HTMLElement {
  #available = false;

  connectedCallback(): void {
    const form = part<HTMLFormElement>(this, '[data-form]');
    for (const all of this.querySelectorAll<HTMLInputElement>('[data-all]')) {
      all.addEventListener('change', () => {
        for (const box of this.querySelectorAll<HTMLInputElement>(`[data-in="${all.dataset['all']}"]`)) box.checked = all.checked;
        this.#count();
      });
    }
    form.addEventListener('change', () => this.#count());
    this.#applyPreset(form);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#open(form);
    });
    this.#listKept();
    void probe().then((status) => {
      this.#available = status !== null;
      showStatus(this, status);
      this.#count();
    });
  }

  /** Ticks what the address asks for (only boxes the page has; values compared, never used as selectors). */
  #applyPreset(form: HTMLFormElement): void {
    const boxes = (name: 'question' | 'exercise') => [...this.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)];
    const preset = readRoomPreset(location.search, {
      questions: boxes('question').map((box) => box.value),
      exercises: boxes('exercise').map((box) => box.value),
    });
    if (preset.questions.length + preset.exercises.length === 0) return;
    for (const box of boxes('question')) box.checked = preset.questions.includes(box.value);
    for (const box of boxes('exercise')) box.checked = preset.exercises.includes(box.value);
    const title = form.elements.namedItem('title');
    if (preset.title && title instanceof HTMLInputElement) title.value = preset.title;
  }

  #chosen(name: 'question' | 'exercise'): string[] {
    return [...this.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((box) => box.value);
  }

  #count(): void {
    for (const all of this.querySelectorAll<HTMLInputElement>('[data-all]')) {
      const boxes = [...this.querySelectorAll<HTMLInputElement>(`[data-in="${all.dataset['all']}"]`)];
      const ticked = boxes.filter((box) => box.checked).length;
      all.checked = ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    }
    const questions = this.#chosen('question').length;
    const exercises = this.#chosen('exercise').length;
    const over =
      questions > MAX_ROOM_QUESTIONS
        ? ` — at most ${MAX_ROOM_QUESTIONS} questions`
        : exercises > MAX_ROOM_EXERCISES
          ? ` — at most ${MAX_ROOM_EXERCISES} exercises`
          : '';
    part<HTMLElement>(this, '[data-count]').textContent =
      `${questions} ${questions === 1 ? 'question' : 'questions'}, ${exercises} ${exercises === 1 ? 'exercise' : 'exercises'}${over}`;
    part<HTMLButtonElement>(this, '[data-open]').disabled = !this.#available || over !== '' || questions + exercises === 0;
  }

  #listKept(): void {
    const rooms = keptRooms('host');
    const list = part<HTMLElement>(this, '[data-kept-list]');
    list.replaceChildren(
      ...rooms.map((room) => {
        const item = element('li', '');
        const link = element('a', '', `${room.title} (${room.code})`);
        link.href = hostHref(room.code);
        item.append(link, element('span', 'muted', ` — open until ${expiryText(room.expiresAt)}`));
        return item;
      }),
    );
    part<HTMLElement>(this, '[data-kept]').hidden = rooms.length === 0;
  }

  async #open(form: HTMLFormElement): Promise<void> {
    const error = part<HTMLElement>(this, '[data-error]');
    const button = part<HTMLButtonElement>(this, '[data-open]');
    button.disabled = true;
    error.hidden = true;
    const title = (form.elements.namedItem('title') as HTMLInputElement).value;
    const result = await call<{ code: string; key: string; expiresAt: number }>('', {
      body: { title, questions: this.#chosen('question'), exercises: this.#chosen('exercise') },
    });
    if (!result.ok) {
      error.textContent = result.error;
      error.hidden = false;
      this.#count();
      return;
    }
    keepRoom('host', { code: result.data.code, secret: result.data.key, title: title.trim() || 'Workshop room', expiresAt: result.data.expiresAt });
    location.assign(hostHref(result.data.code));
  }
}

export function hostHref(code: string): string {
  return `/workshops/rooms/host/#code=${encodeURIComponent(code)}`;
}

customElements.define('room-opener', RoomOpener);
