// <review-due-list>: the "Due for review" section of /progress/. It reads the learner's review
// cards (src/lib/review/store.ts), asks again every question due today (review-question.ts),
// records each answer (a right one moves the card to its next interval, a miss brings it back
// tomorrow: src/lib/review/schedule.ts) and says when the next ones are due.
//
// The questions' text comes from /review/questions.json (src/lib/review/bank.ts), fetched only
// when cards are due. A card whose question the course no longer has (a question removed or
// renamed in content/) is dropped quietly: there is nothing left to ask, and the learner
// cannot act on it. Damaged stored cards: what can be read is used, the damaged original is
// kept under Kept copies, and the section says so. Another tab's answers show here at once
// (the storage event); a question being answered on this page stays until the page reloads.
import { browserStorage } from '../../lib/progress/storage.ts';
import { foldPredictions, readPredictions } from '../../lib/review/predictions-fold.ts';
import { readBank, type ReviewBank } from '../../lib/review/bank.ts';
import { INTERVALS, isDue, LEARNED, localDay, daysBetween, type Card } from '../../lib/review/schedule.ts';
import { REVIEW_KEY } from '../../lib/review/schema.ts';
import { dropCards, readReview, recordAnswer, updateReview } from '../../lib/review/store.ts';
import { questionForm } from './review-question.ts';

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "tomorrow", "in 3 days, on Thu 10 Dec" */
export function whenText(day: string, today: string): string {
  const days = daysBetween(today, day);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = dayFormat.format(new Date(y, m - 1, d));
  if (days <= 0) return 'today';
  return days === 1 ? `tomorrow, ${date}` : `in ${days} days, on ${date}`;
}

class ReviewDueList extends HTMLElement {
  #bank: Promise<ReviewBank | null> | null = null;
  /** The forms on the page, by card id: kept across re-renders (a half-chosen answer survives another tab's write). */
  #forms = new Map<string, HTMLLIElement>();
  /** Cards answered on this page: their forms stay, with the verdict, until the page reloads. */
  #answered = new Set<string>();
  /** Whether this page has folded the stored predictions into the review (once per page). */
  #folded = false;

  connectedCallback(): void {
    for (const node of this.querySelectorAll<HTMLElement>('[data-review-nojs]')) node.hidden = true;
    this.#repair();
    void this.#render();
    window.addEventListener('storage', (event) => {
      if (event.key === REVIEW_KEY || event.key === null) void this.#render();
    });
    // An import, a reset or a restore on this page (progress-page.ts).
    this.addEventListener('review-changed', () => {
      this.#forms.clear();
      this.#answered.clear();
      void this.#render();
    });
  }

  /** Damaged stored cards: keep the original aside now (storage.ts) and store what could be read; say so. */
  #repair(): void {
    const read = readReview(browserStorage());
    const notice = this.querySelector<HTMLElement>('[data-review-notice]');
    if (!notice || (read.status !== 'recovered' && read.status !== 'invalid')) return;
    const kept = updateReview(browserStorage(), (review) => review).ok;
    const where = kept ? ' The damaged original is kept under Kept copies below.' : '';
    notice.textContent =
      read.status === 'recovered'
        ? `Some of your review cards were damaged: ${plural(read.dropped, 'card')} could not be read and ${read.dropped === 1 ? 'was' : 'were'} left out; the others are below.${where}`
        : `Your review cards could not be read, so the review starts afresh: questions you miss from now on come back here.${where}`;
    notice.hidden = false;
  }

  #loadBank(): Promise<ReviewBank | null> {
    const url = this.dataset['bank'] ?? '/review/questions.json';
    this.#bank ??= fetch(url)
      .then((response) => (response.ok ? response.json() : null))
      .then(readBank)
      .catch(() => null);
    return this.#bank.then((bank) => {
      if (!bank) this.#bank = null; // The next render tries again.
      return bank;
    });
  }

  async #render(): Promise<void> {
    const list = this.querySelector<HTMLElement>('[data-review-list]');
    const summary = this.querySelector<HTMLElement>('[data-review-summary]');
    if (!list || !summary) return;
    const now = new Date();
    const predictions = readPredictions(browserStorage());
    const cards = Object.entries(readReview(browserStorage()).value.cards);
    const due = cards.filter(([id, card]) => isDue(card, now) && !this.#answered.has(id));
    const shown = [...this.#answered].filter((id) => this.#forms.has(id));
    let bank: ReviewBank | null = null;
    const predicted = Object.keys(predictions.choices).length > 0;
    if (predicted && !this.#folded) {
      // The lessons' wrong predictions join the review (predictions-fold.ts); a bank that cannot load leaves them for the next visit.
      this.#folded = true;
      bank = await this.#loadBank();
      const current = readReview(browserStorage()).value;
      if (bank && foldPredictions(current, predictions, bank) !== current) {
        updateReview(browserStorage(), (review) => foldPredictions(review, predictions, bank!));
        return this.#render();
      }
    }
    if (due.length > 0) {
      bank ??= await this.#loadBank();
      if (!bank) {
        summary.textContent = `${plural(due.length, 'question')} ${due.length === 1 ? 'is' : 'are'} due, but the questions could not be loaded. Check your connection and reload the page.`;
        return;
      }
      const gone = due.filter(([id]) => !Object.hasOwn(bank!.questions, id)).map(([id]) => id);
      // Questions the course no longer has: nothing to ask, so their cards go (once stored, render again without them).
      if (gone.length > 0 && dropCards(browserStorage(), gone).ok) return this.#render();
    }
    const items = [...shown, ...due.map(([id]) => id)].flatMap((id) => {
      const existing = this.#forms.get(id);
      if (existing) return [existing];
      const question = bank && Object.hasOwn(bank.questions, id) ? bank.questions[id] : undefined;
      const card = cards.find(([cardId]) => cardId === id)?.[1];
      if (!question || !card) return [];
      const form = questionForm(question, card.misses, (correct) => this.#answer(id, card, correct));
      this.#forms.set(id, form.item);
      return [form.item];
    });
    list.replaceChildren(...items);
    list.hidden = items.length === 0;
    summary.textContent = this.#summary(cards, now);
  }

  /** Records the answer to card `id`; the sentence says when it comes back. */
  #answer(id: string, card: Card, correct: boolean): string {
    this.#answered.add(id);
    const now = new Date();
    const result = recordAnswer(browserStorage(), id, card.from, correct, now);
    const next = result.value.cards[id];
    const unsaved = result.ok ? '' : ' (This browser did not let the site save it, so it lasts only while this page is open.)';
    const today = localDay(now);
    const sentence =
      next === undefined || next.step >= LEARNED
        ? 'Learned: it comes back only if you miss it again.'
        : correct
          ? `It comes back ${whenText(next.due ?? today, today)} (after ${INTERVALS[next.step]} days).`
          : `It comes back ${whenText(next.due ?? today, today)}.`;
    queueMicrotask(() => {
      const summary = this.querySelector<HTMLElement>('[data-review-summary]');
      if (summary) summary.textContent = this.#summary(Object.entries(readReview(browserStorage()).value.cards), new Date());
    });
    return sentence + unsaved;
  }

  /** "2 questions due now. Next: 1 question tomorrow. 3 learned." */
  #summary(cards: Array<[string, Card]>, now: Date): string {
    if (cards.length === 0) {
      return 'Nothing to review yet. Questions you miss in a quiz, a prediction or a live room come back here after 1 day, then 3, 7 and 21 days while you answer them right.';
    }
    const today = localDay(now);
    const dueNow = cards.filter(([id, card]) => isDue(card, now) && !this.#answered.has(id)).length;
    const waiting = cards.filter(([, card]) => card.step < LEARNED && card.due !== undefined && card.due > today).map(([, card]) => card.due!);
    const learned = cards.filter(([, card]) => card.step >= LEARNED).length;
    const parts: string[] = [dueNow > 0 ? `${plural(dueNow, 'question')} due now.` : 'Nothing due now.'];
    if (waiting.length > 0) {
      const next = waiting.sort()[0]!;
      const onNext = waiting.filter((day) => day === next).length;
      parts.push(`Next: ${plural(onNext, 'question')} ${whenText(next, today)}${waiting.length > onNext ? `, ${waiting.length - onNext} more later` : ''}.`);
    }
    if (learned > 0) parts.push(`${plural(learned, 'question')} learned.`);
    return parts.join(' ');
  }
}

if (!customElements.get('review-due-list')) customElements.define('review-due-list', ReviewDueList);
