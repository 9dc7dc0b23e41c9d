// What package.json says about stagecraft: its version, and its home page when it has one.

import { readFileSync } from 'node:fs';

export interface PackageInfo {
  version: string;
  /** An absolute URL (package.json "homepage"), or null when there is none. */
  homepage: string | null;
}

let cached: PackageInfo | undefined;

export function packageInfo(): PackageInfo {
  if (cached) return cached;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown; homepage?: unknown };
  cached = {
    version: typeof pkg.version === 'string' ? pkg.version : 'unknown',
    homepage: typeof pkg.homepage === 'string' && isAbsoluteUrl(pkg.homepage) ? pkg.homepage : null,
  };
  return cached;
}

function isAbsoluteUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}
