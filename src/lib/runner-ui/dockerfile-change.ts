// How the workbench tells the stage runner what the learner's Dockerfile is now: a
// `stagecraft:dockerfile-change` event on the <dockerfile-workbench> element, sent when the
// editor mounts and after each (debounced) change. The runner listens from the moment it
// is on the page; until the first event it uses the starter it carries itself.
export const DOCKERFILE_CHANGE = 'stagecraft:dockerfile-change';

export interface DockerfileChange {
  text: string;
  /** False when the workbench did not analyse the text (over its size limit): the runner's
   *  target chooser then keeps its options instead of analysing the text itself. */
  analysed: boolean;
}

export function dockerfileChangeEvent(text: string, analysed = true): CustomEvent<DockerfileChange> {
  return new CustomEvent<DockerfileChange>(DOCKERFILE_CHANGE, { detail: { text, analysed } });
}

/** Whether the change's text was analysed (an event without the field counts as analysed). */
export function changeWasAnalysed(event: Event): boolean {
  const detail = (event as CustomEvent<unknown>).detail;
  return !(typeof detail === 'object' && detail !== null && (detail as { analysed?: unknown }).analysed === false);
}

/** The text an event carries, or null when it is not a well-formed change event. */
export function changedText(event: Event): string | null {
  const detail = (event as CustomEvent<unknown>).detail;
  return typeof detail === 'object' && detail !== null && typeof (detail as { text?: unknown }).text === 'string' ? (detail as DockerfileChange).text : null;
}
