// The playground's two spare texts and how each action moves them: the learner's kept text a
// share link displaced (offered back, not written aside until they edit), and the one
// "previous" text that "Back to previous" swaps with the editor's. Pure transitions, so the
// rules that keep a learner's text from being lost are tested alone
// (tests/playground/text-slots.test.ts); playground-keeping.ts stores the result.

export interface TextSlots {
  /** The kept text a share link displaced, not written aside yet (nothing is written until an edit). */
  displaced: string | null;
  /** What "Back to previous" brings back. */
  previous: string | null;
}

/** Before a write: a share link's visitor who edits makes their own kept text `previous`. */
export function settled(slots: TextSlots): TextSlots {
  return slots.displaced === null ? slots : { displaced: null, previous: slots.displaced };
}

/**
 * The whole text is replaced from outside (a link, a file, the sample): the learner's own
 * kept text has the first claim on the one `previous` slot, then the text the editor held
 * (unless it was blank).
 */
export function setAside(slots: TextSlots, current: string): TextSlots {
  return { displaced: null, previous: slots.displaced ?? (current.trim() === '' ? slots.previous : current) };
}

/** "Back to previous": the text it brings back and the slots after it, or null with nothing to bring back. */
export function swapBack(slots: TextSlots, current: string): { back: string; slots: TextSlots } | null {
  const back = slots.displaced ?? slots.previous;
  return back === null ? null : { back, slots: { displaced: null, previous: current } };
}

/** What the "Back to …" button and the offer above the editor show while the editor holds `text`. */
export interface BackOffer {
  /** The button is shown (there is a different text to go back to). */
  shown: boolean;
  label: string;
  /** The offer above the editor is shown (the displaced text is there to go back to). */
  offerShown: boolean;
  /** The offer's sentence ('' without a displaced text). */
  offer: string;
}

export function backOffer(slots: TextSlots, text: string): BackOffer {
  const back = slots.displaced ?? slots.previous;
  const shown = back !== null && back !== text;
  const fromLink = slots.displaced !== null;
  return {
    shown,
    label: fromLink ? 'Back to your Dockerfile' : 'Back to previous Dockerfile',
    offerShown: shown && fromLink,
    offer: fromLink ? 'Your own Dockerfile from your last visit is still kept in this browser: “Back to your Dockerfile” brings it back.' : '',
  };
}
