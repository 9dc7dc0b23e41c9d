// A file the learner opens ("Open file…") or drops on the playground, read as Dockerfile
// text or refused with a reason. The size is checked before a single byte is read, so
// dropping a video by mistake costs nothing. The content decides what is text, not the
// media type: a Dockerfile has no extension (browsers give it no type at all), and
// operating systems guess types from extensions (a .ts file is "video/mp2t").
// Pure apart from reading the Blob.
import { MAX_DOCKERFILE_BYTES, textFromBytes, TOO_LARGE } from './text-check.ts';

/** The part of a File (a Blob with a name) this needs; tests pass a plain object. */
export interface FileLike {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type FileText = { ok: true; name: string; text: string } | { ok: false; name: string; reason: string };

/** What the status line says when a file is refused: `Could not open “x.png”: it holds NUL bytes…`. */
export function refusal(result: Extract<FileText, { ok: false }>): string {
  return `Could not open “${shortName(result.name)}”: ${result.reason}. Your Dockerfile in the editor is unchanged.`;
}

/** A file name short enough for a status line. */
export function shortName(name: string): string {
  return name.length <= 60 ? name : `${name.slice(0, 57)}…`;
}

export async function readDockerfileFile(file: FileLike): Promise<FileText> {
  const name = file.name || 'the file';
  if (file.size > MAX_DOCKERFILE_BYTES) return { ok: false, name, reason: TOO_LARGE(file.size) };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { ok: false, name, reason: 'the browser could not read it' };
  }
  const checked = textFromBytes(bytes);
  return checked.ok ? { ok: true, name, text: checked.text } : { ok: false, name, reason: checked.reason };
}
