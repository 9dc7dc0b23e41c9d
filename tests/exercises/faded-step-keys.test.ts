// The faded steps' island reads whether a step's exercise has saved text under the key the
// workbench saves it under.
import { describe, expect, it } from 'vitest';
import { savedTextKey } from '../../src/components/lesson/faded-step-keys.ts';
import { exerciseTextKey } from '../../src/lib/progress/exercise-text.ts';

describe('savedTextKey', () => {
  it('is the key the workbench keeps an exercise’s text under', () => {
    expect(savedTextKey('what-is-a-stage-blank-page')).toBe(exerciseTextKey('what-is-a-stage-blank-page'));
  });
});
