// Why the stage runner cannot run here, in one sentence (src/runner/capability.ts).
import { describe, expect, it } from 'vitest';
import {
  BootTimeoutError,
  bootFailure,
  bootTimeout,
  browserEnvironment,
  capabilityProblem,
  DEFAULT_BOOT_TIMEOUT_MS,
  unavailable,
  type BrowserEnvironment,
  type UnavailableKind,
} from '../../src/runner/capability.ts';

const CAPABLE: BrowserEnvironment = {
  crossOriginIsolated: true,
  isSecureContext: true,
  hasSharedArrayBuffer: true,
  hasWebAssembly: true,
  hasStreams: true,
  onLine: true,
};

/** One sentence: a capital, one full stop (or closing punctuation) at the end, no line break. */
function expectOneSentence(sentence: string): void {
  expect(sentence).toMatch(/^[A-Z]/);
  expect(sentence).toMatch(/[.)]$/);
  expect(sentence).not.toMatch(/\n/);
  // No second sentence: no ". X" inside (quoted error text is trimmed of its full stop).
  expect(sentence.slice(0, -1)).not.toMatch(/[.!?]\s+[A-Z]/);
}

describe('capabilityProblem', () => {
  it('is null when the browser has everything', () => {
    expect(capabilityProblem(CAPABLE)).toBeNull();
  });

  it.each<[string, Partial<BrowserEnvironment>, UnavailableKind]>([
    ['a browser that does not know cross-origin isolation', { crossOriginIsolated: undefined }, 'unsupported-browser'],
    ['no WebAssembly', { hasWebAssembly: false }, 'unsupported-browser'],
    ['no streams', { hasStreams: false }, 'unsupported-browser'],
    ['plain http', { isSecureContext: false, crossOriginIsolated: false }, 'insecure-context'],
    ['no COOP/COEP', { crossOriginIsolated: false, hasSharedArrayBuffer: false }, 'not-isolated'],
    ['isolated but no SharedArrayBuffer', { hasSharedArrayBuffer: false }, 'unsupported-browser'],
    ['offline', { onLine: false }, 'offline'],
  ])('%s → %s', (_, change, kind) => {
    const problem = capabilityProblem({ ...CAPABLE, ...change });
    expect(problem?.kind).toBe(kind);
    expectOneSentence(problem!.sentence);
  });

  it('says an old browser is old before it says the page is not isolated', () => {
    expect(capabilityProblem({ ...CAPABLE, crossOriginIsolated: undefined, isSecureContext: false })?.kind).toBe('unsupported-browser');
  });
});

describe('bootFailure', () => {
  it('a timeout says how long it waited, and blames the connection to StackBlitz', () => {
    const reason = bootFailure(new BootTimeoutError(1500), { onLine: true });
    expect(reason.kind).toBe('boot-timeout');
    expect(reason.sentence).toContain('2 seconds');
    expect(reason.sentence).toContain('StackBlitz');
    expectOneSentence(reason.sentence);
    expect(bootFailure(new BootTimeoutError(20_000), { onLine: true }).sentence).toContain('20 seconds');
  });

  it('a timeout while offline is "offline"', () => {
    expect(bootFailure(new BootTimeoutError(20_000), { onLine: false }).kind).toBe('offline');
  });

  it.each<[string, unknown, UnavailableKind]>([
    ['blocked storage', new DOMException('Failed to register a ServiceWorker: The operation is insecure.', 'SecurityError'), 'storage-blocked'],
    ['blocked cookies', new Error('Third-party cookies are blocked'), 'storage-blocked'],
    ['no SharedArrayBuffer', new Error('SharedArrayBuffer is not defined'), 'unsupported-browser'],
    ['network', new TypeError('Failed to fetch'), 'offline'],
    ['anything else', new Error('Unable to create more instances'), 'boot-failed'],
    ['a string', 'boom', 'boot-failed'],
    ['nothing', undefined, 'boot-failed'],
  ])('%s → %s', (_, error, kind) => {
    const reason = bootFailure(error, { onLine: true });
    expect(reason.kind).toBe(kind);
    expectOneSentence(reason.sentence);
  });

  it('quotes an unknown error on one line, shortened, without its full stop', () => {
    const reason = bootFailure(new Error(`Unable to\ncreate more instances.${' x'.repeat(200)}`), { onLine: true });
    expect(reason.sentence).toMatch(/^Node\.js in the page could not start \(StackBlitz said: “Unable to create more instances/);
    expect(reason.sentence.length).toBeLessThan(220);
    expectOneSentence(reason.sentence);
  });

  it('every kind has a sentence', () => {
    for (const kind of ['unsupported-browser', 'insecure-context', 'not-isolated', 'offline', 'storage-blocked', 'boot-timeout', 'boot-failed'] as const) {
      expectOneSentence(unavailable(kind).sentence);
    }
  });
});

describe('bootTimeout', () => {
  it('defaults to 20 seconds', () => {
    expect(DEFAULT_BOOT_TIMEOUT_MS).toBe(20_000);
    expect(bootTimeout(undefined)).toBe(20_000);
    expect(bootTimeout(null)).toBe(20_000);
    expect(bootTimeout('')).toBe(20_000);
  });

  it('can only be lowered', () => {
    expect(bootTimeout('1500')).toBe(1500);
    expect(bootTimeout('600000')).toBe(20_000);
    expect(bootTimeout('-5')).toBe(20_000);
    expect(bootTimeout('soon')).toBe(20_000);
  });
});

describe('browserEnvironment', () => {
  it('reads what the global scope reports', () => {
    const scope = {
      crossOriginIsolated: true,
      isSecureContext: true,
      SharedArrayBuffer,
      WebAssembly,
      ReadableStream,
      navigator: { onLine: false },
    } as unknown as typeof globalThis;
    expect(browserEnvironment(scope)).toEqual({ ...CAPABLE, onLine: false });
  });

  it('treats a scope without the isolation flag as an old browser', () => {
    const scope = { WebAssembly, ReadableStream } as unknown as typeof globalThis;
    const env = browserEnvironment(scope);
    expect(env.crossOriginIsolated).toBeUndefined();
    expect(capabilityProblem(env)?.kind).toBe('unsupported-browser');
  });
});
