// The workbench's status line (src/lib/workbench/status-sentences.ts).
import { describe, expect, it } from 'vitest';
import { statusSentences } from '../../src/lib/workbench/status-sentences.ts';

const iso = (date: Date): string => date.toISOString().slice(0, 10);

describe('statusSentences', () => {
  it('says when the exercise was completed, then what saving reports', () => {
    expect(statusSentences({ completed: '2026-11-03T10:00:00.000Z', meetsGoals: true, saving: ['Saved in this browser.'], progressSaved: true }, iso)).toEqual([
      'You completed this exercise on 2026-11-03.',
      'Saved in this browser.',
    ]);
  });

  it('adds that the current text no longer meets every goal, but only when it was checked', () => {
    const completed = '2026-11-03T10:00:00.000Z';
    expect(statusSentences({ completed, meetsGoals: false, saving: [], progressSaved: true }, iso)).toContain(
      'Your current Dockerfile does not meet every goal.',
    );
    // A bake exercise names what its learner edits.
    expect(statusSentences({ completed, meetsGoals: false, saving: [], progressSaved: true, noun: 'bake file' }, iso)).toContain(
      'Your current bake file does not meet every goal.',
    );
    expect(statusSentences({ completed, meetsGoals: null, saving: [], progressSaved: true }, iso)).toEqual(['You completed this exercise on 2026-11-03.']);
  });

  it('says nothing of completion before it, and warns when progress is not kept', () => {
    expect(statusSentences({ completed: null, meetsGoals: false, saving: [], progressSaved: false }, iso)).toEqual([
      'This browser did not let the site save your progress, so it lasts only while this page is open.',
    ]);
    expect(statusSentences({ completed: null, meetsGoals: true, saving: [], progressSaved: true }, iso)).toEqual([]);
  });
});
