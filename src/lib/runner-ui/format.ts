// Words and numbers the runner panel shows, kept out of the DOM code so tests read them.
import type { StepStatus, TargetComparison } from '../../runner/types.ts';

/** A step's status in words (colour only repeats it). A dry run's pending steps "would run". */
export function statusWord(status: StepStatus, dryRun: boolean): string {
  switch (status) {
    case 'pending':
      return dryRun ? 'Would run' : 'Waiting';
    case 'running':
      return 'Running';
    case 'done':
      return 'Done';
    case 'skipped':
      return 'Skipped';
    case 'failed':
      return 'Failed';
  }
}

/** 0 B, 812 B, 14.2 KB, 3.4 MB (powers of 1024, as `du -h` counts). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes) || 0)} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export interface ComparisonRow {
  label: string;
  a: string;
  b: string;
}

/** The comparison table: files, size on disk and packages, per target. */
export function comparisonRows(comparison: TargetComparison): ComparisonRow[] {
  const { a, b } = comparison;
  return [
    { label: 'Files', a: count(a.files, 'file', 'files'), b: count(b.files, 'file', 'files') },
    { label: 'Size on disk', a: formatBytes(a.bytes), b: formatBytes(b.bytes) },
    { label: 'Packages in node_modules', a: count(a.packages.length, 'package', 'packages'), b: count(b.packages.length, 'package', 'packages') },
  ];
}

/** At most `max` items, and how many more there are. */
export function firstItems<T>(items: readonly T[], max = 30): { shown: T[]; more: number } {
  return { shown: items.slice(0, max), more: Math.max(0, items.length - max) };
}

/**
 * True for a WebContainer preview address (https, on webcontainer-api.io): only those are
 * framed, matching the runner pages' frame-src (src/security-headers.ts). Anything else is
 * shown as text.
 */
export function isPreviewUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname.endsWith('.webcontainer-api.io') && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
