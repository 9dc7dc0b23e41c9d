// Two targets' images compared (src/runner/compare.ts): a table of what each has (rows from
// src/lib/runner-ui/format.ts comparisonRows), with row and column headers, and what only
// one of them holds, packages and files, the first few named and the rest counted.
import type { TargetComparison } from '../../runner/types.ts';
import { comparisonRows, firstItems } from '../../lib/runner-ui/format.ts';
import { element } from '../../lib/dom-parts.ts';

function comparisonTable(comparison: TargetComparison): HTMLTableElement {
  const { a, b } = comparison;
  const table = element('table', 'runner__compare-table');
  const head = element('tr', '');
  head.append(element('th', '', 'What'), element('th', '', a.target), element('th', '', b.target));
  for (const cell of head.children) cell.setAttribute('scope', 'col');
  const body = element('tbody', '');
  for (const row of comparisonRows(comparison)) {
    const tr = element('tr', '');
    const label = element('th', '', row.label);
    label.scope = 'row';
    tr.append(label, element('td', '', row.a), element('td', '', row.b));
    body.append(tr);
  }
  const thead = element('thead', '');
  thead.append(head);
  table.append(thead, body);
  return table;
}

/** "Packages (3): `a`, `b`, `c`." — the first items as code, the rest counted. */
function itemLine(what: string, items: string[]): HTMLElement {
  const line = element('p', 'runner__only-line');
  if (items.length === 0) {
    line.textContent = `${what}: none.`;
    return line;
  }
  const { shown, more } = firstItems(items);
  line.append(`${what} (${items.length}): `);
  shown.forEach((item, index) => {
    if (index > 0) line.append(', ');
    line.append(element('code', '', item));
  });
  line.append(more > 0 ? ` and ${more} more.` : '.');
  return line;
}

function onlyIn(target: string, packages: string[], files: string[]): HTMLElement {
  const box = element('div', 'runner__only');
  box.append(element('p', 'runner__only-title', `Only in ${target}`));
  box.append(itemLine('Packages', packages), itemLine('Files', files));
  return box;
}

export function renderComparison(
  parts: { compareTitle: HTMLElement; comparison: HTMLElement; compareSection: HTMLElement },
  comparison: TargetComparison,
): void {
  const { a, b } = comparison;
  parts.compareTitle.textContent = `${a.target} and ${b.target} compared`;
  const sides = element('div', 'runner__only-grid');
  sides.append(
    onlyIn(a.target, comparison.packagesOnlyIn.a, comparison.filesOnlyIn.a),
    onlyIn(b.target, comparison.packagesOnlyIn.b, comparison.filesOnlyIn.b),
  );
  parts.comparison.replaceChildren(comparisonTable(comparison), sides);
  parts.compareSection.hidden = false;
}
