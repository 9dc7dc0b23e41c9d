// Can this browser run the stage runner's sandbox (WebContainer, sandbox-webcontainer.ts)?
// Pure functions over what the browser reports, so every answer is unit-tested
// (tests/runner-ui/capability.test.ts) and the runner panel can say, in ONE sentence a
// learner understands, why it shows a dry run instead of a real one.
//
// WebContainer runs Node.js in the page on SharedArrayBuffer and WebAssembly, which browsers
// give only to a secure, cross-origin isolated page (COOP same-origin + COEP, set for the
// runner's pages in src/security-headers.ts). It loads its runtime from StackBlitz
// (stackblitz.com) inside a third-party iframe that needs its own storage and service worker.

/** What the page can learn about its browser before booting (see browserEnvironment()). */
export interface BrowserEnvironment {
  /** window.crossOriginIsolated; undefined in browsers too old to know the concept. */
  crossOriginIsolated: boolean | undefined;
  /** window.isSecureContext (https, or localhost). */
  isSecureContext: boolean;
  /** typeof SharedArrayBuffer === 'function' (hidden by browsers unless isolated). */
  hasSharedArrayBuffer: boolean;
  hasWebAssembly: boolean;
  /** ReadableStream, for the processes' output. */
  hasStreams: boolean;
  /** navigator.onLine: false means certainly offline; true means only "maybe online". */
  onLine: boolean;
}

export type UnavailableKind = 'unsupported-browser' | 'insecure-context' | 'not-isolated' | 'offline' | 'storage-blocked' | 'boot-timeout' | 'boot-failed';

/** Why the runner cannot run here: a kind for tests and styling, and the sentence shown. */
export interface Unavailable {
  kind: UnavailableKind;
  sentence: string;
}

/** Give up on booting after this long: with StackBlitz unreachable the boot never settles. */
export const DEFAULT_BOOT_TIMEOUT_MS = 20_000;

const seconds = (ms: number): string => {
  const s = Math.max(1, Math.round(ms / 1000));
  return s === 1 ? '1 second' : `${s} seconds`;
};

/** The sentence for each kind (boot-timeout and boot-failed take a detail). */
export function unavailable(kind: UnavailableKind, detail?: { timeoutMs?: number; message?: string }): Unavailable {
  switch (kind) {
    case 'unsupported-browser':
      return { kind, sentence: 'This browser cannot run Node.js inside a web page; a current Chrome, Edge or Firefox on a computer can.' };
    case 'insecure-context':
      return { kind, sentence: 'Running Node.js in the page needs a secure connection, and this page was not loaded over https.' };
    case 'not-isolated':
      return { kind, sentence: 'This page was served without the cross-origin isolation headers (COOP and COEP) that running Node.js in the page needs.' };
    case 'offline':
      return { kind, sentence: 'You are offline, and running Node.js in the page needs a connection to StackBlitz, which provides it.' };
    case 'storage-blocked':
      return {
        kind,
        sentence:
          'This browser blocks the third-party cookies and storage that StackBlitz needs to run Node.js in the page (allow them for stackblitz.com and webcontainer-api.io to run it).',
      };
    case 'boot-timeout':
      return {
        kind,
        sentence: `Node.js in the page did not start within ${seconds(detail?.timeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS)}, most likely because StackBlitz, which provides it, cannot be reached from here.`,
      };
    case 'boot-failed': {
      const message = oneLine(detail?.message ?? '');
      return { kind, sentence: message ? `Node.js in the page could not start (StackBlitz said: “${message}”).` : 'Node.js in the page could not start.' };
    }
  }
}

/** A boot error message made short and single-line for the sentence (it is shown as text). */
function oneLine(message: string): string {
  const flat = message
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/, '');
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}

/**
 * Why the runner cannot even try to boot here, or null when it can. Checked in this order:
 * an old browser, an insecure page, a page without isolation, a browser that withholds
 * SharedArrayBuffer even so, and being offline.
 */
export function capabilityProblem(env: BrowserEnvironment): Unavailable | null {
  if (env.crossOriginIsolated === undefined || !env.hasWebAssembly || !env.hasStreams) return unavailable('unsupported-browser');
  if (!env.isSecureContext) return unavailable('insecure-context');
  if (!env.crossOriginIsolated) return unavailable('not-isolated');
  if (!env.hasSharedArrayBuffer) return unavailable('unsupported-browser');
  if (!env.onLine) return unavailable('offline');
  return null;
}

/** The error a boot that took too long is rejected with (sandbox-webcontainer.ts). */
export class BootTimeoutError extends Error {
  override name = 'BootTimeoutError';
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`WebContainer did not boot within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** Storage, cookies and service workers refused to the third-party iframe. */
const STORAGE_BLOCKED = /third.?party|cookie|storage|service ?worker|SecurityError|access is denied|denied access/i;
const NETWORK = /network|failed to fetch|load failed|ERR_|offline|internet/i;
const UNSUPPORTED = /SharedArrayBuffer|Atomics|WebAssembly|not supported|unsupported/i;

/** The sentence for a boot that failed with `error` (anything a promise may reject with). */
export function bootFailure(error: unknown, env: Pick<BrowserEnvironment, 'onLine'>): Unavailable {
  if (error instanceof BootTimeoutError) return env.onLine ? unavailable('boot-timeout', { timeoutMs: error.timeoutMs }) : unavailable('offline');
  const message = error instanceof Error ? `${error.name}: ${error.message}` : typeof error === 'string' ? error : '';
  if (!env.onLine) return unavailable('offline');
  if (STORAGE_BLOCKED.test(message)) return unavailable('storage-blocked');
  if (UNSUPPORTED.test(message)) return unavailable('unsupported-browser');
  if (NETWORK.test(message)) return unavailable('offline');
  return unavailable('boot-failed', { message: error instanceof Error ? error.message : message });
}

/**
 * The boot timeout to use: the default, or a smaller one asked for by the page (the
 * end-to-end tests set data-boot-timeout-ms on <stage-runner>). Never longer than the
 * default, so the knob can only make a learner wait less.
 */
export function bootTimeout(requested: string | null | undefined, fallback = DEFAULT_BOOT_TIMEOUT_MS): number {
  const value = Number(requested);
  if (!requested || !Number.isFinite(value) || value <= 0) return fallback;
  return Math.min(Math.round(value), fallback);
}

/** What this browser reports; only the runner's app calls it (it reads globals). */
export function browserEnvironment(scope: typeof globalThis = globalThis): BrowserEnvironment {
  const g = scope as typeof globalThis & { crossOriginIsolated?: boolean; isSecureContext?: boolean };
  return {
    crossOriginIsolated: typeof g.crossOriginIsolated === 'boolean' ? g.crossOriginIsolated : undefined,
    isSecureContext: g.isSecureContext === true,
    hasSharedArrayBuffer: typeof g.SharedArrayBuffer === 'function',
    hasWebAssembly: typeof g.WebAssembly === 'object',
    hasStreams: typeof g.ReadableStream === 'function',
    onLine: typeof g.navigator?.onLine === 'boolean' ? g.navigator.onLine : true,
  };
}
