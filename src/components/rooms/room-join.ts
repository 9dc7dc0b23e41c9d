// <room-join>: the participant's page (/workshops/join/?code=…). Joins with a display name,
// keeps the participant token in this browser (so a reload or a dropped connection resumes
// as the same person), follows the room's live view, and sends answers. An answer the
// server has not acknowledged stays on screen as "not sent yet" and is retried until it is
// stored or the question closes; one that is acknowledged is kept by the server whatever
// happens to it afterwards.
import { element, part } from '../../lib/dom-parts.ts';
import { checkName, isCode, normalizeCode } from '../../lib/rooms/limits.ts';
import type { PlayerView } from '../../lib/rooms/views.ts';
import { ExerciseBoard } from './room-board.ts';
import { API, call, forgetRoom, keepRoom, keptRooms, noteOnce, probe } from './room-api.ts';
import { distributionList, optionLabel, plural, questionHead, rankedList, revealBlock, inline } from './room-render.ts';
import { showStatus } from './room-status.ts';
import { followRoom, type StreamState } from './room-stream.ts';

const CONNECTION: Record<StreamState, string> = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', ended: 'closed' };

/** The review's recorder (src/components/review/review-record.ts), imported once an answer of this page is revealed. */
let recorder: Promise<typeof import('../review/review-record.ts')> | null = null;

interface Pending {
  question: string;
  response: number[];
  attempt: number;
}

class RoomJoin extends HTMLElement {
  #code = '';
  #token = '';
  #view: PlayerView | null = null;
  #stream: { close(): void } | null = null;
  #pending: Pending | null = null;
  #retry: ReturnType<typeof setTimeout> | null = null;
  /** The question whose options are on screen (re-rendered only when it changes). */
  #shown = '';
  /** Whether the participant changed the selection since the last answer was stored. */
  #dirty = false;
  #board: ExerciseBoard | null = null;
  /** Questions whose revealed answer this page has recorded for the review. */
  #noted = new Set<string>();

  connectedCallback(): void {
    const form = part<HTMLFormElement>(this, '[data-join-form]');
    const code = form.elements.namedItem('code') as HTMLInputElement;
    code.value = normalizeCode(new URLSearchParams(location.search).get('code') ?? '');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#join(form);
    });
    part<HTMLFormElement>(this, '[data-answer-form]').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#send();
    });
    part<HTMLFormElement>(this, '[data-answer-form]').addEventListener('change', () => {
      this.#dirty = true;
      this.#answerState();
    });
    part<HTMLElement>(this, '[data-leave]').addEventListener('click', () => this.#leave());
    void probe().then((status) => {
      showStatus(this, status);
      if (!status) return;
      part<HTMLButtonElement>(this, '[data-join]').disabled = false;
      const kept = keptRooms('player').find((room) => room.code === code.value) ?? (code.value === '' ? keptRooms('player')[0] : undefined);
      if (kept) void this.#resume(kept.code, kept.secret);
    });
  }

  disconnectedCallback(): void {
    this.#stream?.close();
    this.#board?.stop();
    if (this.#retry) clearTimeout(this.#retry);
  }

  #joinError(text: string | null): void {
    const box = part<HTMLElement>(this, '[data-join-error]');
    box.hidden = text === null;
    box.textContent = text ?? '';
  }

  async #join(form: HTMLFormElement): Promise<void> {
    const code = normalizeCode((form.elements.namedItem('code') as HTMLInputElement).value);
    const name = checkName((form.elements.namedItem('name') as HTMLInputElement).value);
    if (!isCode(code)) return this.#joinError('A room code has six letters and digits, as the facilitator shows it.');
    if (!name.ok) return this.#joinError(name.error);
    const button = part<HTMLButtonElement>(this, '[data-join]');
    button.disabled = true;
    const result = await call<{ you: { id: string; name: string }; token: string }>(`/${code}/join`, { body: { name: name.name } });
    button.disabled = false;
    if (!result.ok) return this.#joinError(result.error);
    const room = await call<{ title: string; expiresAt: number }>(`/${code}`);
    keepRoom('player', {
      code,
      secret: result.data.token,
      title: room.ok ? room.data.title : 'Live room',
      name: result.data.you.name,
      expiresAt: room.ok ? room.data.expiresAt : Date.now() + 3600_000,
    });
    this.#joinError(null);
    this.#enter(code, result.data.token);
  }

  async #resume(code: string, token: string): Promise<void> {
    const session = await call<{ you: { name: string } }>(`/${code}/session`, { body: { role: 'player' }, token });
    if (!session.ok) {
      if (session.status === 401 || session.status === 404) {
        forgetRoom('player', code);
        this.#joinError(session.status === 404 ? `Room ${code} no longer exists.` : `You are no longer in room ${code}; join again.`);
      } else this.#joinError(session.error);
      return;
    }
    this.#enter(code, token);
  }

  #enter(code: string, token: string): void {
    this.#code = code;
    this.#token = token;
    history.replaceState(null, '', `?code=${encodeURIComponent(code)}`);
    part<HTMLElement>(this, '[data-entry]').hidden = true;
    part<HTMLElement>(this, '[data-room-status]').hidden = true;
    part<HTMLElement>(this, '[data-room]').hidden = false;
    part<HTMLElement>(this, '[data-room-code]').textContent = code;
    this.#stream?.close();
    this.#stream = followRoom<PlayerView>(`${API}/${code}/events?role=player`, {
      view: (view) => {
        this.#view = view;
        this.#render();
      },
      state: (state, reason) => {
        part<HTMLElement>(this, '[data-conn]').textContent = CONNECTION[state];
        if (reason) this.#ended(reason);
      },
    });
  }

  #ended(reason: 'gone' | 'removed'): void {
    forgetRoom('player', this.#code);
    this.#board?.stop();
    part<HTMLElement>(this, '[data-room]').hidden = true;
    part<HTMLElement>(this, '[data-entry]').hidden = false;
    part<HTMLElement>(this, '[data-room-status]').hidden = false;
    this.#joinError(reason === 'gone' ? 'The room has been closed by the facilitator.' : 'The facilitator removed you from the room; you can join again.');
  }

  #leave(): void {
    this.#stream?.close();
    this.#board?.stop();
    this.#board = null;
    forgetRoom('player', this.#code);
    this.#view = null;
    this.#shown = '';
    part<HTMLElement>(this, '[data-room]').hidden = true;
    part<HTMLElement>(this, '[data-entry]').hidden = false;
    part<HTMLElement>(this, '[data-room-status]').hidden = false;
  }

  #render(): void {
    const view = this.#view;
    if (!view) return;
    part<HTMLElement>(this, '[data-room-title]').textContent = view.room.title;
    part<HTMLElement>(this, '[data-you]').textContent = view.you.name;
    const { phase } = view.room;
    part<HTMLElement>(this, '[data-wait]').hidden = phase !== 'lobby';
    part<HTMLElement>(this, '[data-question]').hidden = !view.question;
    part<HTMLElement>(this, '[data-results]').hidden = phase !== 'ended';
    if (view.question) this.#renderQuestion(view);
    if (view.results) this.#renderResults(view);
    if (view.exercises.length > 0) {
      this.#board ??= new ExerciseBoard(part<HTMLElement>(this, '[data-board]'), (path, init) =>
        call(`/${this.#code}${path}`, { ...init, token: this.#token }),
      );
      this.#board.update(view.exercises, view.board);
    }
    part<HTMLElement>(this, '[data-board]').hidden = view.exercises.length === 0;
  }

  #inputs(): HTMLInputElement[] {
    return [...this.querySelectorAll<HTMLInputElement>('[data-options] input')];
  }

  #renderQuestion(view: PlayerView): void {
    const q = view.question!;
    if (this.#shown !== q.id) {
      this.#shown = q.id;
      this.#dirty = false;
      if (this.#pending && this.#pending.question !== q.id) this.#pending = null;
      part<HTMLElement>(this, '[data-question-head]').replaceChildren(questionHead(q, view.room.total, 'h1'));
      part<HTMLElement>(this, '[data-answer-legend]').textContent = q.multiple ? 'Your answer: choose every one that applies' : 'Your answer: choose one';
      part<HTMLElement>(this, '[data-options]').replaceChildren(
        ...q.options.map((option) => {
          const label = element('label', `room-option${option.code ? ' room-option--line' : ''}`);
          const input = element('input', '');
          input.type = q.multiple ? 'checkbox' : 'radio';
          input.name = 'answer';
          input.value = String(option.key);
          label.append(input, optionLabel(option));
          return label;
        }),
      );
    }
    const revealed = view.reveal !== null;
    const mine = this.#pending?.question === q.id ? this.#pending.response : view.yourAnswer;
    if (!this.#dirty && mine) for (const input of this.#inputs()) input.checked = mine.includes(Number(input.value));
    for (const input of this.#inputs()) input.disabled = revealed;
    part<HTMLButtonElement>(this, '[data-send]').hidden = revealed;
    this.#answerState();
    const holder = part<HTMLElement>(this, '[data-reveal]');
    if (!view.reveal) return void holder.replaceChildren();
    const yours = view.reveal.yours;
    if (yours !== null) this.#note(q.id, yours.correct);
    const verdict =
      yours === null
        ? element('p', 'room-verdict', 'You did not answer this one.')
        : element(
            'p',
            `room-verdict room-verdict--${yours.correct ? 'right' : 'wrong'}`,
            yours.correct ? 'Your answer is right.' : 'Your answer is not right.',
          );
    holder.replaceChildren(
      verdict,
      element('p', 'room-present__count', `${view.reveal.answered} ${view.reveal.answered === 1 ? 'person' : 'people'} answered:`),
      distributionList(view.reveal.distribution, view.reveal.answered, true),
      revealBlock(view.reveal, yours?.misconceptions ?? [], 'h2'),
    );
  }

  /** A missed room question comes back for review on /progress/, as a missed quiz question does (same card). */
  #note(question: string, correct: boolean): void {
    if (this.#noted.has(question)) return;
    this.#noted.add(question);
    // Recorded before this reload: the same reveal shown again is not a second miss.
    if (!noteOnce(this.#code, question)) return;
    void (recorder ??= import('../review/review-record.ts'))
      .then(({ noteAnswer }) => noteAnswer(question, 'room', correct))
      .catch(() => {
        recorder = null;
        this.#noted.delete(question);
      });
  }

  #answerState(): void {
    const view = this.#view;
    const state = part<HTMLElement>(this, '[data-answer-state]');
    if (!view?.question) return;
    if (view.reveal) {
      state.textContent = 'Answers are closed: the answer is revealed.';
      return;
    }
    if (this.#pending?.question === view.question.id) {
      state.textContent = this.#pending.attempt > 0 ? 'Not sent yet — the connection is down; retrying…' : 'Sending…';
    } else if (this.#dirty) state.textContent = view.yourAnswer ? 'Changed — send it to replace your answer.' : '';
    else state.textContent = view.yourAnswer ? 'Answer sent. You can change it until the answer is revealed.' : '';
  }

  #send(): void {
    const view = this.#view;
    if (!view?.question) return;
    const response = this.#inputs()
      .filter((input) => input.checked)
      .map((input) => Number(input.value));
    if (response.length === 0) {
      part<HTMLElement>(this, '[data-answer-state]').textContent = view.question.multiple ? 'Choose at least one answer first.' : 'Choose an answer first.';
      return;
    }
    this.#pending = { question: view.question.id, response, attempt: 0 };
    this.#dirty = false;
    void this.#flush();
  }

  async #flush(): Promise<void> {
    const pending = this.#pending;
    if (!pending) return;
    if (this.#retry) clearTimeout(this.#retry);
    this.#answerState();
    const result = await call<{ response: number[] }>(`/${this.#code}/answer`, {
      body: { question: pending.question, response: pending.response },
      token: this.#token,
    });
    if (this.#pending !== pending) return;
    if (result.ok) {
      this.#pending = null;
      if (this.#view?.question?.id === pending.question) this.#view = { ...this.#view, yourAnswer: result.data.response };
      this.#answerState();
      return;
    }
    if (result.status === 0 || result.status >= 500 || result.status === 429) {
      pending.attempt += 1;
      this.#answerState();
      this.#retry = setTimeout(() => void this.#flush(), Math.min(1000 * 2 ** (pending.attempt - 1), 8000));
      return;
    }
    this.#pending = null;
    if (result.status === 401) return this.#ended('removed');
    part<HTMLElement>(this, '[data-answer-state]').textContent = result.error;
  }

  #renderResults(view: PlayerView): void {
    const results = view.results!;
    const { score } = results;
    part<HTMLElement>(this, '[data-score]').textContent =
      `You answered ${score.answered} of ${score.total} questions; ${plural(score.correct, 'answer')} right.`;
    part<HTMLElement>(this, '[data-yours]').replaceChildren(
      results.yours.length > 0 ? rankedList(results.yours, false) : inline('p', '', 'None of your answers showed a misconception.'),
    );
    part<HTMLElement>(this, '[data-ranked]').replaceChildren(
      results.ranked.length > 0 ? rankedList(results.ranked.slice(0, 10), true) : element('p', '', 'No wrong answers in the room.'),
    );
  }
}

customElements.define('room-join', RoomJoin);
