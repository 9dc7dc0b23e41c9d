// The learner's Dockerfile of each exercise (src/lib/progress/exercise-text.ts and
// exercise-session.ts): saved in a record of its own, restored, never lost — not when the
// text is over the limit, not when storage refuses, not when another tab saves the same
// exercise, not when a record is damaged. Fake storages stand in for localStorage and
// sessionStorage; a "tab" is an ExerciseSession, a reload a new one on the same storages.

import { describe, expect, it } from 'vitest';
import {
  backupKey,
  DRAFT_PREFIX,
  emptyProgress,
  ExerciseSession,
  exerciseTextKey,
  MAX_EXERCISE_TEXT,
  PROGRESS_KEY,
  readExerciseText,
  readProgress,
  recordVisit,
  writeExerciseText,
  type Progress,
} from '../../src/lib/progress/index.ts';
import { FakeStorage } from '../support/fake-storage.ts';

const T1 = new Date('2026-03-01T10:00:00.000Z');
const STARTER = 'FROM alpine\n';

/** A browser: one localStorage, and a sessionStorage per tab. */
class Browser {
  readonly local = new FakeStorage();
  readonly #sessions = new Map<string, FakeStorage>();
  #revs = 0;

  /** Opens (or reloads) exercise `id` in tab `tab`. */
  open(tab: string, id = 'ex', progress: Progress = readProgress(this.local).value): { session: ExerciseSession; text: string; from: string; reason?: string } {
    let own = this.#sessions.get(tab);
    if (!own) this.#sessions.set(tab, (own = new FakeStorage()));
    const session = new ExerciseSession({ local: this.local, session: own }, id, STARTER, { now: () => T1, rev: () => `rev-${++this.#revs}` });
    const start = session.start(progress);
    return { session, text: start.text, from: start.from, ...(start.draftReason ? { reason: start.draftReason } : {}) };
  }

  sessionOf(tab: string): FakeStorage {
    return this.#sessions.get(tab)!;
  }

  /** Every text kept aside for exercise `id`. */
  keptTexts(id = 'ex'): string[] {
    const texts: string[] = [];
    for (const [key, value] of this.local.items) if (key.startsWith(`${exerciseTextKey(id)}:backup`)) texts.push((JSON.parse(value) as { text: string }).text);
    return texts;
  }

  savedText(id = 'ex'): string | null {
    const read = readExerciseText(this.local, id);
    return read.status === 'ok' ? read.record.text : null;
  }
}

describe('saving and restoring the text', () => {
  it('starts from the starter when nothing is saved, and restores the saved text in its own record', () => {
    const browser = new Browser();
    const tab = browser.open('a');
    expect(tab).toMatchObject({ text: STARTER, from: 'starter' });
    const text = 'FROM alpine AS prod\n# </script> ünïcödé 🐳\n';
    expect(tab.session.save(text).kind).toBe('saved');
    expect(browser.local.items.has(PROGRESS_KEY)).toBe(false);
    expect(JSON.parse(browser.local.items.get(exerciseTextKey('ex'))!)).toEqual({ version: 1, text, updated: T1.toISOString(), rev: 'rev-1' });
    expect(browser.open('a')).toMatchObject({ text, from: 'saved' });
  });

  it('going back to the starter stores null, so a later starter shows', () => {
    const browser = new Browser();
    const tab = browser.open('a');
    tab.session.save('FROM x\n');
    tab.session.save(STARTER);
    expect(browser.savedText()).toBeNull();
    expect(browser.open('a')).toMatchObject({ text: STARTER, from: 'starter' });
  });

  it('one exercise’s text cannot take another’s, nor the lessons, with it', () => {
    const browser = new Browser();
    recordVisit(browser.local, 'intro', T1);
    browser.open('a', 'one').session.save('FROM one\n');
    browser.open('a', 'two').session.save('FROM two\n');
    browser.local.items.set(exerciseTextKey('one'), '{"version":1,"text":42');
    expect(browser.open('a', 'two')).toMatchObject({ text: 'FROM two\n', from: 'saved' });
    expect(readProgress(browser.local)).toMatchObject({ status: 'ok', value: { lessons: { intro: { visited: T1.toISOString() } } } });
  });

  it('refuses ids that could reach a prototype', () => {
    const browser = new Browser();
    expect(writeExerciseText(browser.local, '__proto__', 'FROM a\n')).toEqual({ ok: false, reason: 'invalid-id' });
    expect(({} as Record<string, unknown>)['text']).toBeUndefined();
  });
});

describe('a text over the limit (a 106 KB paste)', () => {
  const PASTE = 'FROM alpine\n' + 'RUN echo "a line of a big paste" && true\n'.repeat(2500);

  it('is refused as too long (not as a storage failure), the saved text stays, and a reload brings the paste back', () => {
    expect(PASTE.length).toBeGreaterThan(MAX_EXERCISE_TEXT);
    const browser = new Browser();
    const tab = browser.open('a');
    tab.session.save('FROM saved\n');
    expect(tab.session.save(PASTE)).toEqual({ kind: 'unsaved', reason: 'too-long', draftKept: true });
    expect(browser.savedText()).toBe('FROM saved\n');
    expect(browser.open('a')).toEqual(expect.objectContaining({ text: PASTE, from: 'draft', reason: 'too-long' }));
  });

  it('once shortened, it is saved and the draft goes', () => {
    const browser = new Browser();
    const tab = browser.open('a');
    tab.session.save(PASTE);
    expect(tab.session.save('FROM short\n').kind).toBe('saved');
    expect([...browser.sessionOf('a').items.keys()].filter((key) => key.startsWith(DRAFT_PREFIX))).toEqual([]);
    expect(browser.open('a')).toMatchObject({ text: 'FROM short\n', from: 'saved' });
  });
});

describe('storage that refuses', () => {
  it('keeps the text as this tab’s draft and says why; the next save that works clears it', () => {
    const browser = new Browser();
    const tab = browser.open('a');
    browser.local.failWrites = true;
    expect(tab.session.save('FROM z\n')).toEqual({ kind: 'unsaved', reason: 'refused', draftKept: true });
    expect(browser.open('a')).toMatchObject({ text: 'FROM z\n', from: 'draft', reason: 'refused' });
    browser.local.failWrites = false;
    const again = browser.open('a');
    expect(again.session.save(again.text).kind).toBe('saved');
    expect(browser.savedText()).toBe('FROM z\n');
  });

  it('a full quota: the same', () => {
    const browser = new Browser();
    browser.local.quota = 100;
    expect(browser.open('a').session.save('FROM z\n' + '#'.repeat(200))).toMatchObject({ kind: 'unsaved', reason: 'refused' });
  });

  it('no storage at all: says so', () => {
    const session = new ExerciseSession({ local: null, session: null }, 'ex', STARTER);
    session.start(emptyProgress());
    expect(session.save('FROM z\n')).toEqual({ kind: 'unsaved', reason: 'unavailable', draftKept: false });
  });
});

describe('two tabs on the same exercise', () => {
  it('a save over the other tab’s is not made silently: the learner chooses', () => {
    const browser = new Browser();
    const a = browser.open('a');
    const b = browser.open('b');
    expect(a.session.save('FROM a\n').kind).toBe('saved');
    const outcome = b.session.save('FROM b\n');
    expect(outcome).toMatchObject({ kind: 'unsaved', reason: 'conflict', other: { text: 'FROM a\n' } });
    expect(browser.savedText()).toBe('FROM a\n');
    // Further edits wait too.
    expect(b.session.save('FROM b2\n')).toMatchObject({ kind: 'unsaved', reason: 'conflict' });
  });

  it('the storage event (notice) finds the other tab’s save before this tab saves', () => {
    const browser = new Browser();
    const a = browser.open('a');
    const b = browser.open('b');
    a.session.save('FROM a\n');
    expect(b.session.notice(STARTER)).toMatchObject({ text: 'FROM a\n' });
    // The same text in both tabs is no conflict.
    const c = browser.open('c');
    a.session.save('FROM same\n');
    expect(c.session.notice('FROM same\n')).toBeNull();
  });

  it('"keep this tab’s": saved, and the other tab’s text kept aside', () => {
    const browser = new Browser();
    const a = browser.open('a');
    const b = browser.open('b');
    a.session.save('FROM a\n');
    b.session.save('FROM b\n');
    expect(b.session.keepMine('FROM b\n').kind).toBe('saved');
    expect(browser.savedText()).toBe('FROM b\n');
    expect(browser.keptTexts()).toEqual(['FROM a\n']);
    // And now tab a is the one that must choose.
    expect(a.session.save('FROM a2\n')).toMatchObject({ reason: 'conflict', other: { text: 'FROM b\n' } });
  });

  it('"use the other tab’s": this tab’s text kept aside, the other’s in the editor', () => {
    const browser = new Browser();
    const a = browser.open('a');
    const b = browser.open('b');
    a.session.save('FROM a\n');
    b.session.save('FROM b\n');
    expect(b.session.takeTheirs('FROM b\n')).toEqual({ text: 'FROM a\n', keptAside: true });
    expect(browser.keptTexts()).toEqual(['FROM b\n']);
    expect(b.session.save('FROM a, edited in b\n').kind).toBe('saved');
  });

  it('closing a tab with the choice pending keeps its text aside; a reload asks again', () => {
    const browser = new Browser();
    const a = browser.open('a');
    const b = browser.open('b');
    a.session.save('FROM a\n');
    b.session.save('FROM b\n');
    b.session.leave('FROM b, more\n');
    expect(browser.keptTexts()).toContain('FROM b, more\n');
    expect(browser.savedText()).toBe('FROM a\n');
    const reloaded = browser.open('b');
    expect(reloaded).toMatchObject({ text: 'FROM b, more\n', from: 'draft', reason: 'conflict' });
    expect(reloaded.session.conflict).toMatchObject({ text: 'FROM a\n' });
    // Leaving twice keeps one copy.
    b.session.leave('FROM b, more\n');
    expect(browser.keptTexts().filter((text) => text === 'FROM b, more\n')).toHaveLength(1);
  });
});

describe('a damaged text record', () => {
  it('a stray byte appended: the whole text is recovered, and the damaged record kept aside before the first save', () => {
    const browser = new Browser();
    browser.open('a').session.save('FROM kept\nRUN echo 1\n');
    const damaged = `${browser.local.items.get(exerciseTextKey('ex'))!}x`;
    browser.local.items.set(exerciseTextKey('ex'), damaged);
    const tab = browser.open('a');
    expect(tab).toMatchObject({ text: 'FROM kept\nRUN echo 1\n', from: 'recovered' });
    expect(tab.session.save('FROM kept\nRUN echo 2\n').kind).toBe('saved');
    expect(browser.local.items.get(backupKey(exerciseTextKey('ex')))).toBe(damaged);
  });

  it('cut short: the beginning of the text is recovered', () => {
    const browser = new Browser();
    browser.local.items.set(exerciseTextKey('ex'), '{"version":1,"text":"FROM alpine\\nRUN echo first\\nRUN ech');
    expect(browser.open('a')).toMatchObject({ text: 'FROM alpine\nRUN echo first\nRUN ech', from: 'recovered' });
  });

  it('nothing readable: the starter, and the record is kept aside before it is replaced (never overwritten if it cannot be)', () => {
    const browser = new Browser();
    browser.local.items.set(exerciseTextKey('ex'), 'garbage');
    const tab = browser.open('a');
    expect(tab).toMatchObject({ text: STARTER, from: 'damaged' });
    browser.local.refuse = `${exerciseTextKey('ex')}:backup`;
    expect(tab.session.save('FROM new\n')).toMatchObject({ kind: 'unsaved', reason: 'not-kept' });
    expect(browser.local.items.get(exerciseTextKey('ex'))).toBe('garbage');
    browser.local.refuse = null;
    expect(tab.session.save('FROM new\n').kind).toBe('saved');
    expect(browser.local.items.get(backupKey(exerciseTextKey('ex')))).toBe('garbage');
  });
});
