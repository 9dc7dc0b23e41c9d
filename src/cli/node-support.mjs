// Can this Node run the CLI's TypeScript sources? Plain JavaScript (no TypeScript, no
// recent syntax) because bin/stagecraft.mjs imports it before it knows the answer.

/**
 * @param {string} version  process.version, e.g. "v20.11.1"
 * @param {{ typescript?: unknown } | undefined} features  process.features
 * @returns {{ ok: boolean, message: string }}
 */
export function typeStrippingSupport(version, features) {
  var ok;
  if (features && typeof features.typescript !== 'undefined') {
    // Node 22.10+ / 23+: "strip" or "transform" when type stripping is on, false when off.
    ok = Boolean(features.typescript);
  } else {
    var parts = String(version).replace(/^v/, '').split('.');
    var major = Number(parts[0]);
    var minor = Number(parts[1]);
    ok = major >= 24 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
  }
  return {
    ok: ok,
    message: ok
      ? ''
      : 'this Node.js (' +
        version +
        ") cannot run TypeScript (that needs Node 22.18+, 23.6+ or 24+ with type stripping on), so run stagecraft through npm instead: `npx stagecraft ...` uses the project's pinned Node 24.",
  };
}
