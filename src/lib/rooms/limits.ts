// The limits of a live workshop room, shared by the server (which enforces them) and the
// room pages (which say them and set maxlength on their fields). Pure.

/** A room and everything in it (names, answers, shared Dockerfiles) is deleted this long after it opens. */
export const ROOM_LIFETIME_HOURS = 24;
export const ROOM_LIFETIME_MS = ROOM_LIFETIME_HOURS * 60 * 60 * 1000;

/** Join codes: six characters without look-alikes (no 0/O, 1/I/L), read aloud or typed from a projector. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;

export const MAX_NAME_LENGTH = 40;
export const MAX_TITLE_LENGTH = 80;
export const MAX_PARTICIPANTS = 300;
export const MAX_ROOM_QUESTIONS = 40;
export const MAX_ROOM_EXERCISES = 6;
/** A shared Dockerfile; the longest solution in the course is under 2,000 characters. */
export const MAX_SHARED_DOCKERFILE = 20_000;
/** Request bodies: the largest legitimate one is a board update with a Dockerfile. */
export const MAX_BODY_BYTES = 32 * 1024;

/** "ABC123" from whatever the participant typed: upper case, spaces and dashes dropped. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, '');
}

export function isCode(code: string): boolean {
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c));
}

/**
 * A display name as the room shows it, or an error in words. Names are plain text: trimmed,
 * inner runs of white space made one space, Unicode NFC; control and format characters
 * (line breaks, bidi overrides, zero-width joiners) are refused rather than dropped, so what
 * the participant typed is what others read.
 */
export function checkName(input: unknown): { ok: true; name: string } | { ok: false; error: string } {
  if (typeof input !== 'string') return { ok: false, error: 'Enter a display name.' };
  const name = input
    .normalize('NFC')
    .trim()
    .replace(/[ \t]+/g, ' ');
  if (name === '') return { ok: false, error: 'Enter a display name.' };
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(name)) return { ok: false, error: 'A display name cannot contain line breaks or invisible characters.' };
  if ([...name].length > MAX_NAME_LENGTH) return { ok: false, error: `A display name has at most ${MAX_NAME_LENGTH} characters.` };
  return { ok: true, name };
}

/** A room title: like a name, longer, and optional (an empty title gets the default). */
export function checkTitle(input: unknown): { ok: true; title: string } | { ok: false; error: string } {
  if (input === undefined || input === null || input === '') return { ok: true, title: 'Workshop room' };
  if (typeof input !== 'string') return { ok: false, error: 'The title must be text.' };
  const title = input.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (title === '') return { ok: true, title: 'Workshop room' };
  if (/[\p{Cc}\p{Cf}]/u.test(title)) return { ok: false, error: 'A title cannot contain invisible characters.' };
  if ([...title].length > MAX_TITLE_LENGTH) return { ok: false, error: `A title has at most ${MAX_TITLE_LENGTH} characters.` };
  return { ok: true, title };
}
