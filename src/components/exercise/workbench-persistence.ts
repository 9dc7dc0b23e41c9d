// The workbench's saving: the learner's text is saved as they type (an ExerciseSession,
// src/lib/progress/exercise-session.ts, one per tab), restored on the next visit, and never
// lost. This module owns what the learner sees of it:
// - the status sentences about the text (restored, recovered, not saved and why), with the
//   real reason at once: a text over the limit is said so on the keystroke that made it so;
// - the choice when another tab saved the same exercise (a bar above the editor), noticed
//   through the storage event, when the page is shown again, and when a save finds it;
// - saving before the page goes away, and a "leave page?" prompt only when the text could
//   be kept nowhere at all.
// Every text it writes into the page is set with textContent.
import type { Exercise } from '../../exercises/types.ts';
import { element } from '../../lib/dom-parts.ts';
import { completedOn } from '../../lib/progress/exercise-progress.ts';
import { ExerciseSession, type SaveOutcome, type SessionStart } from '../../lib/progress/exercise-session.ts';
import { exerciseTextKey, MAX_EXERCISE_TEXT, type ExerciseText } from '../../lib/progress/exercise-text.ts';
import { $progress, completeExercise, startProgress } from '../../lib/progress/progress-store-with-exercises.ts';
import { browserStorage, type StorageLike } from '../../lib/progress/storage.ts';

const SAVE_DELAY_MS = 400;

const count = (n: number) => n.toLocaleString('en');
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

export interface PersistenceHost {
  exercise: Pick<Exercise, 'id' | 'starter'>;
  /** What the learner edits, as the sentences name it (default: Dockerfile; a bake exercise: bake file). */
  noun?: string;
  /** The conflict bar goes right before this element (the editor). */
  before: HTMLElement;
  text(): string;
  /** Replaces the editor's text as one undoable change. */
  replaceText(text: string): void;
  focus(): void;
  /** Something the status line shows changed. */
  changed(): void;
  announce(message: string): void;
}

export interface Persistence {
  /** The text the editor opens with. */
  readonly startText: string;
  /** The editor's text changed: says at once if it is over the limit, saves a moment later. */
  edited(): void;
  /** Saves now (after "Reset to starter"). */
  saveNow(): void;
  /** Every goal passes: marks the exercise completed, and saves the text with it. */
  completed(): void;
  /** The sentences the status line shows about the text. */
  sentences(): string[];
}

function tabStorage(): StorageLike | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** What the status line says about where the editor's text came from. */
function startNote(start: SessionStart, noun: string): string {
  switch (start.from) {
    case 'saved':
      return `Your ${noun} from your last visit is back. “Reset to starter” brings the original back.`;
    case 'recovered':
      return `Your saved ${noun} was damaged: what could be read of it is in the editor. The damaged copy is kept on the Progress page.`;
    case 'damaged':
      return `Your saved ${noun} could not be read, so the starter is shown. The unreadable copy is kept on the Progress page once you edit.`;
    case 'draft':
      return `This is the ${noun} this tab had before the reload; it had not been saved.`;
    case 'starter':
      return '';
  }
}

export function mountPersistence(host: PersistenceHost): Persistence {
  const { exercise } = host;
  startProgress();
  const storages = { local: browserStorage(), session: tabStorage() };
  let session = new ExerciseSession(storages, exercise.id, exercise.starter);
  const start = session.start($progress.get());
  const noun = host.noun ?? 'Dockerfile';
  let note = startNote(start, noun);
  let unsaved: Extract<SaveOutcome, { kind: 'unsaved' }> | null =
    start.from === 'draft' ? { kind: 'unsaved', reason: start.draftReason ?? 'refused', draftKept: true } : null;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;

  // ---------- another tab's save: the learner chooses ----------
  const bar = element('div', 'workbench__conflict');
  bar.setAttribute('role', 'alert');
  bar.hidden = true;
  const barText = element('p', 'workbench__conflict-text');
  const keepMine = element('button', 'wb-button', 'Keep this tab’s text');
  const takeTheirs = element('button', 'wb-button wb-button--secondary', 'Use the other tab’s text');
  keepMine.type = 'button';
  takeTheirs.type = 'button';
  const actions = element('div', 'workbench__conflict-actions');
  actions.append(keepMine, takeTheirs);
  bar.append(barText, actions);
  host.before.before(bar);

  const showConflict = (other: ExerciseText | null): void => {
    bar.hidden = other === null;
    if (other === null) return;
    const when = new Date(other.updated);
    barText.textContent =
      `This exercise was saved in another tab${Number.isNaN(when.getTime()) ? '' : ` at ${timeFormat.format(when)}`}, with a different ${noun}. ` +
      'Which one do you want here? The other one is kept on the Progress page either way. Until you choose, this tab does not save.';
  };

  const report = (outcome: SaveOutcome): void => {
    if (outcome.kind === 'unsaved') unsaved = outcome;
    else if (outcome.kind === 'saved' || session.conflict === null) unsaved = null;
    showConflict(session.conflict);
    host.changed();
  };

  const save = (): void => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    report(session.save(host.text()));
  };

  keepMine.addEventListener('click', () => {
    report(session.keepMine(host.text()));
    if (session.conflict === null) host.announce('This tab’s text is saved; the other tab’s is kept on the Progress page.');
    host.focus();
  });
  takeTheirs.addEventListener('click', () => {
    const taken = session.takeTheirs(host.text());
    host.replaceText(taken.text);
    unsaved = null;
    note = taken.keptAside
      ? 'The other tab’s text is in the editor; this tab’s is kept on the Progress page (Ctrl+Z also brings it back).'
      : 'The other tab’s text is in the editor; Ctrl+Z brings this tab’s back.';
    showConflict(null);
    host.changed();
    host.announce('The editor holds the other tab’s text now.');
    host.focus();
  });

  const notice = (): void => {
    const other = session.notice(host.text());
    if (other === null) return;
    unsaved = { kind: 'unsaved', reason: 'conflict', draftKept: false, other };
    showConflict(other);
    host.changed();
  };
  window.addEventListener('storage', (event) => {
    if (event.key === exerciseTextKey(exercise.id) || event.key === null) notice();
  });

  // ---------- leaving the page ----------
  const leave = (): void => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    const outcome = session.leave(host.text());
    if (outcome.kind === 'unsaved') unsaved = outcome;
  };
  window.addEventListener('pagehide', leave);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') leave();
    else notice();
  });
  // Asks before leaving only when the text is kept nowhere (not saved, no draft for a reload).
  window.addEventListener('beforeunload', (event) => {
    if (unsaved !== null && !unsaved.draftKept && unsaved.reason !== 'conflict') event.preventDefault();
  });

  showConflict(session.conflict);

  // A damaged record: what can still be read of it needs the recovery code, which pages load
  // only when they need it. Once it is here, the recovered text replaces the starter, unless
  // the learner has started typing.
  if (start.from === 'damaged') {
    void import('../../lib/progress/progress-recovery.ts').then(
      () => {
        if (host.text() !== start.text || session.conflict !== null) return;
        const again = new ExerciseSession(storages, exercise.id, exercise.starter);
        const restart = again.start($progress.get());
        if (restart.from !== 'recovered') return;
        session = again;
        host.replaceText(restart.text);
        note = startNote(restart, noun);
        host.changed();
      },
      () => {},
    );
  }

  return {
    startText: start.text,
    edited() {
      if (note) note = '';
      const length = host.text().length;
      // The real reason at once, before the save a moment later keeps it as a draft.
      if (length > MAX_EXERCISE_TEXT && unsaved?.reason !== 'too-long') {
        unsaved = { kind: 'unsaved', reason: 'too-long', draftKept: false };
        host.changed();
      } else if (length <= MAX_EXERCISE_TEXT && unsaved?.reason === 'too-long') {
        unsaved = null;
        host.changed();
      }
      clearTimeout(saveTimer);
      saveTimer = setTimeout(save, SAVE_DELAY_MS);
    },
    saveNow: save,
    completed() {
      if (completedOn($progress.get(), exercise.id) === null) completeExercise(exercise.id);
      save();
    },
    sentences() {
      const sentences = note ? [note] : [];
      if (unsaved !== null) sentences.push(unsavedSentence(unsaved, host.text().length, noun));
      return sentences;
    },
  };
}

/** Why the editor's text is not saved, and where it is kept meanwhile. */
function unsavedSentence(unsaved: Extract<SaveOutcome, { kind: 'unsaved' }>, length: number, noun: string): string {
  const kept = unsaved.draftKept ? ' It is kept in this tab, so a reload brings it back.' : ' It lasts only while this page is open.';
  switch (unsaved.reason) {
    case 'too-long':
      return (
        `Your ${noun} is ${count(length)} characters, over the ${count(MAX_EXERCISE_TEXT)}-character limit for an exercise, so it is not saved as your work ` +
        `(your last saved ${noun} stays as it was): shorten it to save it.${unsaved.draftKept ? ' Until then it is kept in this tab, so a reload brings it back.' : ''}`
      );
    case 'conflict':
      return 'You saved this exercise in another tab too: choose above the editor which text to keep. Until then this tab does not save.';
    case 'not-kept':
      return `Your saved ${noun} is damaged, and this browser has no room to keep a copy of it, so it was not replaced: delete kept copies on the Progress page to make room.${kept}`;
    case 'unavailable':
      return 'This browser does not let the site store anything (private mode or blocked storage), so your work is not saved.' + kept;
    case 'refused':
    case 'invalid-id':
      return 'This browser did not let the site save your work (its storage may be full: the Progress page lists kept copies you can delete).' + kept;
  }
}
