// Keeps the playground's text in this browser (src/lib/playground/kept-text.ts): a short
// while after the last edit, at once when the whole text is replaced, and before the page
// goes away. It owns the spare texts (src/lib/playground/text-slots.ts) because a write is
// what turns a share link's displaced text into `previous`. Unchanged text is not written
// again; a text too long to keep, or a browser that refuses, is said once.
import { keepText, MAX_KEPT_TEXT, type KeptRecord } from '../../lib/playground/kept-text.ts';
import { settled, setAside, swapBack, type TextSlots } from '../../lib/playground/text-slots.ts';
import { formatBytes } from '../../shared/format-bytes.ts';
import type { ReadResult, StorageLike } from '../../lib/progress/storage.ts';
import type { StatusLine } from './status-line.ts';

const SAVE_DELAY_MS = 400;

export interface KeepingHost {
  storage: StorageLike | null;
  /** What storage held when the page opened. */
  kept: ReadResult<KeptRecord>;
  slots: TextSlots;
  text(): string;
  status: StatusLine;
  /** The slots changed: the "Back to …" button follows. */
  changed(): void;
}

export interface TextKeeping {
  slots(): TextSlots;
  /** Writes now. */
  save(): void;
  /** Writes after a pause in the typing. */
  scheduleSave(): void;
  /** The whole text is about to be replaced: sets the editor's `current` text aside. */
  setAside(current: string): void;
  /** "Back to previous": the text to bring back (the editor's `current` becomes previous), or null. */
  swapBack(current: string): string | null;
}

export function keepTextInBrowser(host: KeepingHost): TextKeeping {
  const { storage, status } = host;
  let slots = host.slots;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** What storage holds now (as far as this page knows), so unchanged text is not written again. */
  let lastKept = host.kept.status === 'ok' ? { text: host.kept.value.text, previous: host.kept.value.previous } : null;

  const save = (): void => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    const text = host.text();
    if (text.length > MAX_KEPT_TEXT) {
      status.warnOnce(
        'too-long',
        `This Dockerfile is over ${formatBytes(MAX_KEPT_TEXT)}: too long to keep in this browser, so it lasts only while this page is open.`,
      );
      return;
    }
    slots = settled(slots);
    const { previous } = slots;
    if (lastKept?.text === text && lastKept.previous === previous) return;
    const result = keepText(storage, text, previous);
    if (result.ok) lastKept = { text, previous };
    else if (storage)
      status.warnOnce('refused', 'This browser did not let the site keep your Dockerfile (its storage may be full): it lasts only while this page is open.');
    host.changed();
  };

  // Keep the text before the page goes away (tab closed, navigation, app switch on a phone).
  const flush = (): void => {
    if (saveTimer !== undefined) save();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });

  return {
    slots: () => slots,
    save,
    scheduleSave() {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(save, SAVE_DELAY_MS);
    },
    setAside(current) {
      slots = setAside(slots, current);
    },
    swapBack(current) {
      const swap = swapBack(slots, current);
      if (swap === null) return null;
      slots = swap.slots;
      return swap.back;
    },
  };
}
