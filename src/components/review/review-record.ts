// Records an answer for the review (src/lib/review/store.ts) from the islands that ask
// questions: a lesson's or a quiz page's quiz (quiz-check.ts, loaded by the first "Check
// answer") and a live room's participant page (room-join.ts, once an answer it sent is
// revealed), so pages that only show questions do not load it (scripts/page-weight.ts counts
// it as loaded on request). A lesson's predictions are not recorded here: /progress/ reads them
// from where predict-reveal.ts keeps them (src/lib/review/predictions-fold.ts), which keeps this
// code out of every lesson's shell.
import { browserStorage } from '../../lib/progress/storage.ts';
import type { CardSource } from '../../lib/review/schedule.ts';
import { recordAnswer } from '../../lib/review/store.ts';

/** A miss makes the question's card due tomorrow; a right answer moves a due card on. False when it could not be saved. */
export function noteAnswer(id: string, from: CardSource, correct: boolean): boolean {
  return recordAnswer(browserStorage(), id, from, correct).ok;
}
