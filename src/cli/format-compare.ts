// `stagecraft run --compare`: the comparison of two targets' final roots as a short table
// and the lists of what only one of them has.

import type { TargetComparison } from '../runner/types.ts';

export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? '(none)' : items.join(', ');
}

export function formatComparison(comparison: TargetComparison): string {
  const { a, b } = comparison;
  const width = Math.max(a.target.length, b.target.length, 8);
  const row = (label: string, x: string, y: string) => `  ${label.padEnd(10)}${x.padStart(width)}  ${y.padStart(width)}\n`;
  return (
    `\nCompare ${a.target} and ${b.target} (the files each final stage holds):\n` +
    row('', a.target, b.target) +
    row('files', String(a.files), String(b.files)) +
    row('size', formatSize(a.bytes), formatSize(b.bytes)) +
    row('packages', String(a.packages.length), String(b.packages.length)) +
    `  Packages only in ${a.target}: ${list(comparison.packagesOnlyIn.a)}\n` +
    `  Packages only in ${b.target}: ${list(comparison.packagesOnlyIn.b)}\n` +
    `  Files only in ${a.target} (outside node_modules): ${list(comparison.filesOnlyIn.a)}\n` +
    `  Files only in ${b.target} (outside node_modules): ${list(comparison.filesOnlyIn.b)}\n`
  );
}
