// One tab's work on one exercise: what the editor opens with, saving as the learner types,
// and the cases where a save cannot happen. Pure (no DOM): the workbench drives it
// (src/components/exercise/workbench-persistence.ts) and the fuzz test drives it the same
// way with fake storages, tabs and reloads.
//
// The rules, all about never losing the learner's text:
// - A save writes the exercise's own record (exercise-text.ts) only if nobody saved it
//   since this tab read or wrote it (its rev). If another tab did, the save waits and the
//   learner chooses: keep this tab's text (the other tab's is kept aside first) or take the
//   other tab's (this tab's is kept aside). Nothing is overwritten silently.
// - A text that cannot be saved (over MAX_EXERCISE_TEXT, storage full or blocked, a choice
//   pending) is kept as this tab's draft in sessionStorage, so a reload brings it back with
//   the reason; the draft goes once a save succeeds.
// - Leaving the page with a choice pending keeps this tab's text aside in localStorage, so
//   closing the tab loses nothing either (the Progress page offers kept copies back).
import { keepTextAside, readExerciseText, revOf, writeExerciseText, type ExerciseText, type TextWriteFailure } from './exercise-text.ts';
import { startingText, type StartingText } from './exercise-progress.ts';
import type { Progress } from './schema.ts';
import type { StorageLike } from './storage.ts';

export const DRAFT_PREFIX = 'stagecraft:draft:';

/** Why the editor's text is not saved. */
export type UnsavedReason = Exclude<TextWriteFailure, 'invalid-id'> | 'invalid-id';

interface Draft {
  version: 1;
  text: string;
  /** The rev of the saved record this draft was based on (null: none). */
  baseRev: string | null;
  reason: UnsavedReason;
}

const REASONS: readonly UnsavedReason[] = ['too-long', 'conflict', 'not-kept', 'refused', 'unavailable', 'invalid-id'];

function readDraft(storage: StorageLike | null, id: string): Draft | null {
  try {
    const raw = storage?.getItem(`${DRAFT_PREFIX}${id}`) ?? null;
    if (raw === null) return null;
    const value = JSON.parse(raw) as Partial<Draft> | null;
    if (value?.version !== 1 || typeof value.text !== 'string' || !(value.baseRev === null || typeof value.baseRev === 'string')) return null;
    const reason = REASONS.includes(value.reason as UnsavedReason) ? (value.reason as UnsavedReason) : 'refused';
    return { version: 1, text: value.text, baseRev: value.baseRev, reason };
  } catch {
    return null;
  }
}

function writeDraft(storage: StorageLike | null, id: string, draft: Draft | null): boolean {
  try {
    const key = `${DRAFT_PREFIX}${id}`;
    if (draft === null) {
      storage?.removeItem?.(key);
      return true;
    }
    if (!storage) return false;
    const value = JSON.stringify(draft);
    storage.setItem(key, value);
    return storage.getItem(key) === value;
  } catch {
    return false;
  }
}

export interface SessionStart {
  text: string;
  /** draft: this tab's unsaved text from before a reload (see `draftReason`). */
  from: StartingText['from'] | 'draft';
  draftReason?: UnsavedReason;
}

export type SaveOutcome =
  | { kind: 'saved'; record: ExerciseText }
  | { kind: 'unchanged' }
  /** Not saved; `draftKept`: this tab keeps it for a reload. `other`: the other tab's save (conflict). */
  | { kind: 'unsaved'; reason: UnsavedReason; draftKept: boolean; other?: ExerciseText };

export interface SessionOptions {
  now?: () => Date;
  /** New revs (tests pass their own). */
  rev?: () => string;
}

export class ExerciseSession {
  readonly id: string;
  readonly #local: StorageLike | null;
  readonly #session: StorageLike | null;
  readonly #starter: string;
  readonly #now: () => Date;
  readonly #rev: (() => string) | undefined;
  /** The rev of the saved record this tab's text is based on (null: nothing saved). */
  #knownRev: string | null = null;
  /** The text as last saved or loaded. */
  #lastSaved: string;
  /** Another tab's save, waiting for the learner's choice. */
  #conflict: ExerciseText | null = null;

  constructor(storages: { local: StorageLike | null; session: StorageLike | null }, id: string, starter: string, options: SessionOptions = {}) {
    this.id = id;
    this.#local = storages.local;
    this.#session = storages.session;
    this.#starter = starter;
    this.#lastSaved = starter;
    this.#now = options.now ?? (() => new Date());
    this.#rev = options.rev;
  }

  /** The text as last saved or loaded: what the editor's changes are based on. */
  get savedText(): string {
    return this.#lastSaved;
  }

  /** Another tab's save waiting for the learner's choice, or null. */
  get conflict(): ExerciseText | null {
    return this.#conflict;
  }

  /** The text the editor opens with (`progress`: for texts an earlier version kept there). */
  start(progress: Progress): SessionStart {
    const read = readExerciseText(this.#local, this.id);
    const saved = startingText(read, progress, this.id, this.#starter);
    this.#knownRev = revOf(read);
    this.#lastSaved = saved.text;
    const draft = readDraft(this.#session, this.id);
    if (draft === null || draft.text === saved.text) {
      if (draft !== null) writeDraft(this.#session, this.id, null);
      return saved;
    }
    // Saved by another tab since this draft was made: the learner chooses, as with a live tab.
    if (read.status === 'ok' && draft.baseRev !== read.record.rev) this.#conflict = read.record;
    return { text: draft.text, from: 'draft', draftReason: this.#conflict ? 'conflict' : draft.reason };
  }

  #stored(text: string): string | null {
    return text === this.#starter ? null : text;
  }

  #unsaved(text: string, reason: UnsavedReason, other?: ExerciseText): SaveOutcome {
    const draftKept = writeDraft(this.#session, this.id, { version: 1, text, baseRev: this.#knownRev, reason });
    return other ? { kind: 'unsaved', reason, draftKept, other } : { kind: 'unsaved', reason, draftKept };
  }

  #write(text: string, expectedRev: string | null): SaveOutcome {
    const written = writeExerciseText(this.#local, this.id, this.#stored(text), {
      expectedRev,
      now: this.#now(),
      ...(this.#rev ? { rev: this.#rev() } : {}),
    });
    if (written.ok) {
      this.#knownRev = written.record.rev;
      this.#lastSaved = text;
      this.#conflict = null;
      writeDraft(this.#session, this.id, null);
      return { kind: 'saved', record: written.record };
    }
    if (written.reason === 'conflict') {
      if (written.other) {
        // The same text is no conflict: take its rev and carry on.
        if ((written.other.text ?? this.#starter) === text) {
          this.#knownRev = written.other.rev;
          this.#lastSaved = text;
          writeDraft(this.#session, this.id, null);
          return { kind: 'unchanged' };
        }
        this.#conflict = written.other;
        return this.#unsaved(text, 'conflict', written.other);
      }
      // The record was removed or damaged since (not another tab's save): write over it
      // (a damaged one is kept aside by writeExerciseText).
      return this.#write(text, revOf(readExerciseText(this.#local, this.id)));
    }
    return this.#unsaved(text, written.reason);
  }

  /** Saves the editor's `text` unless another tab's save is waiting for the learner's choice. */
  save(text: string): SaveOutcome {
    if (this.#conflict) return this.#unsaved(text, 'conflict', this.#conflict);
    if (text === this.#lastSaved && readDraft(this.#session, this.id) === null) return { kind: 'unchanged' };
    return this.#write(text, this.#knownRev);
  }

  /**
   * Looks at the stored record (after a storage event, or when the page is shown again):
   * another tab's save of a different text becomes a conflict (returned); null otherwise.
   */
  notice(text: string): ExerciseText | null {
    if (this.#conflict) return this.#conflict;
    const read = readExerciseText(this.#local, this.id);
    if (read.status !== 'ok' || read.record.rev === this.#knownRev) return null;
    if ((read.record.text ?? this.#starter) === text) {
      this.#knownRev = read.record.rev;
      this.#lastSaved = text;
      return null;
    }
    this.#conflict = read.record;
    return read.record;
  }

  /** The learner keeps this tab's text: the other tab's is kept aside, then this one is saved. */
  keepMine(text: string): SaveOutcome {
    const other = this.#conflict;
    if (other === null) return this.save(text);
    if (other.text !== null && other.text !== text && !keepTextAside(this.#local, this.id, other.text, this.#now())) {
      return this.#unsaved(text, 'not-kept', other);
    }
    this.#conflict = null;
    this.#knownRev = other.rev;
    return this.#write(text, other.rev);
  }

  /**
   * The learner takes the other tab's text: this tab's is kept aside (when it differs), and
   * the other's becomes this tab's. Returns the text for the editor, and whether this tab's
   * could be kept aside (if not, it is still in the editor's undo history).
   */
  takeTheirs(text: string): { text: string; keptAside: boolean } {
    const other = this.#conflict;
    if (other === null) return { text, keptAside: true };
    const theirs = other.text ?? this.#starter;
    const keptAside = text === theirs || text === this.#starter || keepTextAside(this.#local, this.id, text, this.#now());
    this.#conflict = null;
    this.#knownRev = other.rev;
    this.#lastSaved = theirs;
    writeDraft(this.#session, this.id, null);
    return { text: theirs, keptAside };
  }

  /**
   * The page is going away (closed, reloaded, hidden): saves `text`, or, when a choice is
   * pending, keeps it aside so that closing the tab loses nothing.
   */
  leave(text: string): SaveOutcome {
    if (this.#conflict === null) return this.save(text);
    const outcome = this.#unsaved(text, 'conflict', this.#conflict);
    const theirs = this.#conflict.text ?? this.#starter;
    if (text !== theirs && text !== this.#lastSaved) keepTextAside(this.#local, this.id, text, this.#now());
    return outcome;
  }
}
