// <room-host>: the facilitator's console (/workshops/rooms/host/#code=…). It authenticates
// with the key this browser kept when it opened the room (or one passed once in the URL
// fragment, then kept and removed from the address bar), follows the room's live view
// (room-stream.ts) and renders it: the join screen with code and QR, the question large with
// the answers arriving, the reveal, the results, the exercise board.
import { element, part } from '../../lib/dom-parts.ts';
import { normalizeCode } from '../../lib/rooms/limits.ts';
import type { HostView } from '../../lib/rooms/views.ts';
import { API, call, expiryText, forgetRoom, keepRoom, keptRooms, probe, type ServerStatus } from './room-api.ts';
import { distributionList, inline, lessonsList, plural, questionHead, rankedList, revealBlock } from './room-render.ts';
import { isLoopback, showStatus } from './room-status.ts';
import { followRoom, type StreamState } from './room-stream.ts';

const CONNECTION: Record<StreamState, string> = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', ended: 'closed' };

class RoomHost extends HTMLElement {
  #code = '';
  #key = '';
  #view: HostView | null = null;
  #status: ServerStatus | null = null;
  #showJoin = false;
  #stream: { close(): void } | null = null;

  connectedCallback(): void {
    const params = new URLSearchParams(location.hash.slice(1));
    this.#code = normalizeCode(params.get('code') ?? '');
    const passed = params.get('key');
    if (passed && this.#code) {
      keepRoom('host', { code: this.#code, secret: passed, title: 'Workshop room', expiresAt: Date.now() + 24 * 3600 * 1000 });
      history.replaceState(null, '', `#code=${encodeURIComponent(this.#code)}`);
    }
    const kept = keptRooms('host').find((room) => room.code === this.#code);
    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-act]'))
      button.addEventListener('click', () => void this.#act(button.dataset['act'] ?? ''));
    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-export]'))
      button.addEventListener('click', () => void this.#download(button.dataset['export'] === 'csv' ? 'csv' : 'json'));
    part<HTMLElement>(this, '[data-delete]').addEventListener('click', () => void this.#delete());
    void probe().then(async (status) => {
      this.#status = status;
      showStatus(this, status);
      if (!status) return;
      if (!kept)
        return this.#none(
          this.#code
            ? `This browser has no facilitator key for room ${this.#code}. Open the room from the browser that created it, or with its private facilitator link.`
            : 'Open a room first; its console opens here.',
        );
      this.#key = kept.secret;
      const session = await call('/' + this.#code + '/session', { body: { role: 'host' }, token: this.#key });
      if (!session.ok)
        return this.#none(
          session.status === 404 ? `Room ${this.#code} no longer exists (rooms are deleted ${status.lifetimeHours} hours after they open).` : session.error,
        );
      part<HTMLElement>(this, '[data-console]').hidden = false;
      part<HTMLInputElement>(this, '[data-private-link]').value = `${location.origin}/workshops/rooms/host/#code=${this.#code}&key=${this.#key}`;
      this.#stream = followRoom<HostView>(`${API}/${this.#code}/events?role=host`, {
        view: (view) => {
          this.#view = view;
          keepRoom('host', { code: view.room.code, secret: this.#key, title: view.room.title, expiresAt: view.room.expiresAt });
          this.#render();
        },
        state: (state, reason) => {
          part<HTMLElement>(this, '[data-conn]').textContent = CONNECTION[state];
          if (reason === 'gone') {
            forgetRoom('host', this.#code);
            this.#none(`Room ${this.#code} has been deleted.`);
          }
        },
      });
    });
  }

  disconnectedCallback(): void {
    this.#stream?.close();
  }

  #none(text: string): void {
    part<HTMLElement>(this, '[data-console]').hidden = true;
    part<HTMLElement>(this, '[data-none]').hidden = false;
    part<HTMLElement>(this, '[data-none-text]').textContent = text;
  }

  #error(text: string | null): void {
    const box = part<HTMLElement>(this, '[data-error]');
    box.hidden = text === null;
    box.textContent = text ?? '';
  }

  async #act(action: string): Promise<void> {
    const view = this.#view;
    if (!view) return;
    if (action === 'join') {
      this.#showJoin = !this.#showJoin;
      return this.#render();
    }
    const { phase, index, total } = view.room;
    let body: Record<string, unknown>;
    if (action === 'next') body = { action: 'show', index: phase === 'lobby' ? 0 : Math.min(index + 1, total - 1) };
    else if (action === 'prev') body = { action: 'show', index: Math.max(0, index - 1) };
    else if (action === 'reveal') body = { action: 'reveal' };
    else if (action === 'end') body = { action: phase === 'ended' ? 'show' : 'end', index };
    else return;
    this.#showJoin = false;
    const result = await call(`/${this.#code}/control`, { body, token: this.#key });
    this.#error(result.ok ? null : result.error);
  }

  async #remove(participant: string): Promise<void> {
    const result = await call(`/${this.#code}/control`, { body: { action: 'remove', participant }, token: this.#key });
    this.#error(result.ok ? null : result.error);
  }

  async #download(format: 'csv' | 'json'): Promise<void> {
    let response: Response;
    try {
      response = await fetch(`${API}/${this.#code}/export.${format}`, { headers: { Authorization: `Bearer ${this.#key}` }, cache: 'no-store' });
    } catch {
      return this.#error('The room server cannot be reached.');
    }
    if (!response.ok) return this.#error(`The export failed (${response.status}).`);
    const url = URL.createObjectURL(await response.blob());
    const link = element('a', '');
    link.href = url;
    link.download = `stagecraft-room-${this.#code}.${format}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async #delete(): Promise<void> {
    const result = await call(`/${this.#code}`, { method: 'DELETE', token: this.#key });
    if (!result.ok) return this.#error(result.error);
    forgetRoom('host', this.#code);
  }

  #render(): void {
    const view = this.#view;
    if (!view) return;
    const { room } = view;
    part<HTMLElement>(this, '[data-title]').textContent = room.title;
    part<HTMLElement>(this, '[data-code]').textContent = room.code;
    part<HTMLElement>(this, '[data-people]').textContent = plural(view.participants.length, 'participant');
    part<HTMLElement>(this, '[data-expiry]').textContent = `deleted ${expiryText(room.expiresAt)}`;
    const join = room.phase === 'lobby' || this.#showJoin;
    part<HTMLElement>(this, '[data-join]').hidden = !join;
    part<HTMLElement>(this, '[data-present]').hidden = join || (room.phase !== 'question' && room.phase !== 'revealed');
    part<HTMLElement>(this, '[data-results]').hidden = join || room.phase !== 'ended';
    this.#controls(view);
    if (join) this.#renderJoin(view);
    if (room.phase === 'question' || room.phase === 'revealed') this.#renderPresent(view);
    if (room.phase === 'ended') this.#renderResults(view);
    this.#renderBoard(view);
    this.#renderOrder(view);
  }

  #controls(view: HostView): void {
    const { phase, index, total } = view.room;
    const button = (act: string) => part<HTMLButtonElement>(this, `[data-act="${act}"]`);
    button('join').setAttribute('aria-pressed', String(this.#showJoin || phase === 'lobby'));
    button('prev').hidden = phase === 'lobby' || phase === 'ended' || index === 0;
    button('reveal').hidden = phase !== 'question';
    const next = button('next');
    next.hidden = phase === 'ended' || total === 0 || (phase !== 'lobby' && index >= total - 1);
    next.textContent = phase === 'lobby' ? 'Start: question 1' : `Next: question ${index + 2}`;
    button('end').textContent = phase === 'ended' ? `Back to question ${index + 1}` : 'End: show results';
    button('end').hidden = phase === 'ended' && total === 0;
  }

  #joinOrigin(): string {
    const lan = this.#status?.addresses ?? [];
    return isLoopback(location.hostname) && lan.length > 0 ? lan[0]! : location.origin;
  }

  #renderJoin(view: HostView): void {
    const origin = this.#joinOrigin();
    part<HTMLElement>(this, '[data-join-url]').textContent = `${origin.replace(/^https?:\/\//, '')}/workshops/join/`;
    part<HTMLElement>(this, '[data-join-code]').textContent = view.room.code;
    const qr = part<HTMLImageElement>(this, '[data-qr]');
    const src = `${API}/${view.room.code}/qr.svg${origin === location.origin ? '' : `?origin=${encodeURIComponent(origin)}`}`;
    if (qr.getAttribute('src') !== src) qr.src = src;
    qr.alt = `QR code of ${origin}/workshops/join/?code=${view.room.code}`;
    qr.hidden = false;
    const lan = part<HTMLElement>(this, '[data-lan]');
    const loopback = isLoopback(location.hostname);
    lan.hidden = !loopback && location.protocol === 'https:';
    lan.replaceChildren();
    if (loopback && (this.#status?.addresses.length ?? 0) === 0) {
      lan.append(
        element('p', '', 'This server listens on this computer only, so phones and other laptops cannot join. Restart it with '),
        element('code', '', 'npm start -- --host 0.0.0.0'),
      );
    } else if (loopback) {
      lan.append(element('p', '', `Participants join at this computer's address on the room's network (${this.#status?.addresses.join(', ')}).`));
    }
    if (location.protocol !== 'https:') {
      lan.append(
        element(
          'p',
          '',
          'Over plain http on the room’s network, quizzes, the rooms and the analyzer work, but the lessons’ stage runner does not (it needs https); docs/hosting.md shows how to put https in front.',
        ),
      );
    }
    part<HTMLElement>(this, '[data-people-count]').textContent = `(${view.participants.length})`;
    part<HTMLElement>(this, '[data-people-list]').replaceChildren(
      ...view.participants.map((p) => {
        const item = element('li', 'room-person');
        const remove = element('button', 'room-person__remove', 'Remove');
        remove.type = 'button';
        remove.setAttribute('aria-label', `Remove ${p.name} from the room`);
        remove.addEventListener('click', () => void this.#remove(p.id));
        item.append(element('span', 'room-person__name', p.name), remove);
        return item;
      }),
    );
  }

  #renderPresent(view: HostView): void {
    const { question, live, key } = view;
    if (!question || !live || !key) return;
    const holder = part<HTMLElement>(this, '[data-question]');
    if (holder.dataset['id'] !== question.id) {
      holder.dataset['id'] = question.id;
      holder.replaceChildren(questionHead(question, view.room.total, 'h2'));
    }
    part<HTMLElement>(this, '[data-answered]').textContent = `${live.answered} of ${plural(live.of, 'participant')} answered`;
    part<HTMLElement>(this, '[data-distribution]').replaceChildren(distributionList(live.distribution, live.answered, live.revealed));
    part<HTMLElement>(this, '[data-answered-names]').replaceChildren(...live.responses.map((r) => element('li', 'room-answered__name', r.name)));
    part<HTMLElement>(this, '[data-reveal]').replaceChildren(...(live.revealed ? [revealBlock(key, [], 'h3')] : []));
  }

  #renderResults(view: HostView): void {
    const results = view.results;
    if (!results) return;
    part<HTMLElement>(this, '[data-results-summary]').textContent =
      `${plural(results.participants, 'participant')}, ${plural(results.answers, 'answer')}, ${plural(results.ranked.length, 'misconception')} held.`;
    part<HTMLElement>(this, '[data-ranked]').replaceChildren(
      results.ranked.length > 0
        ? rankedList(results.ranked, true)
        : element('p', '', 'No wrong answers: the room held none of the misconceptions asked about.'),
    );
    part<HTMLElement>(this, '[data-lessons]').replaceChildren(results.lessons.length > 0 ? lessonsList(results.lessons) : element('p', '', 'None.'));
  }

  #renderBoard(view: HostView): void {
    part<HTMLElement>(this, '[data-board]').hidden = view.exercises.length === 0;
    if (view.exercises.length === 0) return;
    const table = element('table', 'room-table');
    const head = element('tr', '');
    head.append(element('th', '', 'Participant'), ...view.exercises.map((exercise) => inline('th', '', exercise.title)));
    const thead = element('thead', '');
    thead.append(head);
    const tbody = element('tbody', '');
    const sharing = [...new Set(view.board.map((entry) => entry.participant))];
    for (const participant of sharing) {
      const row = element('tr', '');
      const name = view.board.find((entry) => entry.participant === participant)?.name ?? '';
      const th = element('th', '', name);
      th.scope = 'row';
      row.append(th);
      for (const exercise of view.exercises) {
        const entry = view.board.find((e) => e.participant === participant && e.exercise === exercise.id);
        const cell = element('td', '');
        if (entry) {
          const done = entry.passed.length === entry.goals;
          cell.append(
            element('span', done ? 'room-goals room-goals--done' : 'room-goals', `${entry.passed.length} of ${entry.goals} goals${done ? ' ✓' : ''}`),
          );
          const missing = exercise.goals.filter((goal) => !entry.passed.includes(goal.id)).map((goal) => goal.statement);
          if (missing.length > 0) cell.append(inline('span', 'room-goals__missing', `Stuck on: ${missing[0]}`));
          if (entry.hasDockerfile) {
            const show = element('button', 'room-link-button', 'Dockerfile');
            show.type = 'button';
            show.setAttribute('aria-label', `Show ${name}'s Dockerfile for ${exercise.title}`);
            show.addEventListener('click', () => void this.#showDockerfile(participant, name, exercise.id, exercise.title));
            cell.append(show);
          }
        } else cell.append(element('span', 'muted', '—'));
        row.append(cell);
      }
      tbody.append(row);
    }
    table.append(thead, tbody);
    part<HTMLElement>(this, '[data-board-table]').replaceChildren(sharing.length > 0 ? table : element('p', 'muted', 'Nobody shares their progress yet.'));
  }

  async #showDockerfile(participant: string, name: string, exercise: string, title: string): Promise<void> {
    const result = await call<{ dockerfile: string }>(`/${this.#code}/board/${encodeURIComponent(participant)}/${encodeURIComponent(exercise)}`, {
      token: this.#key,
    });
    const holder = part<HTMLElement>(this, '[data-board-file]');
    if (!result.ok) return void holder.replaceChildren(element('p', 'room-error', result.error));
    const heading = element('h3', '', `${name}: ${title}`);
    const pre = element('pre', 'room-code__pre room-board__file', result.data.dockerfile);
    pre.tabIndex = 0;
    pre.setAttribute('aria-label', `${name}'s Dockerfile`);
    holder.replaceChildren(heading, pre);
  }

  #renderOrder(view: HostView): void {
    part<HTMLElement>(this, '[data-order]').replaceChildren(
      ...view.questions.map((q) => {
        const item = element('li', `room-order__item${q.number - 1 === view.room.index && view.room.phase !== 'lobby' ? ' room-order__item--current' : ''}`);
        const go = element('button', 'room-link-button');
        go.type = 'button';
        go.append(inline('span', '', q.prompt));
        go.addEventListener(
          'click',
          () =>
            void call(`/${this.#code}/control`, { body: { action: 'show', index: q.number - 1 }, token: this.#key }).then((r) =>
              this.#error(r.ok ? null : r.error),
            ),
        );
        item.append(go, element('span', 'room-order__meta', ` ${plural(q.answered, 'answer')}${q.revealed ? ' · revealed' : ''}`));
        return item;
      }),
    );
  }
}

customElements.define('room-host', RoomHost);
