// axe-core in a page: its source is evaluated in the page through the DevTools protocol
// (not a <script> element, which the site's CSP would rightly block), then axe.run().
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, Result, RunOptions } from 'axe-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = Result;

/** Every axe rule that is not experimental: WCAG 2.0–2.2 A and AA, and best practices. */
const OPTIONS: RunOptions = { resultTypes: ['violations'] };

/** axe's violations for the page as it is now (optionally only inside `selector`). */
export async function runAxe(page: Page, selector?: string): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    async ([options, context]) => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResults> } }).axe;
      return axe.run(context ?? document, options);
    },
    [OPTIONS, selector ?? null] as const,
  );
  return results.violations;
}

/** One line per offending node: rule, impact, what axe says, where. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `  [${violation.id}/${violation.impact ?? '?'}] ${node.failureSummary?.replace(/\s+/g, ' ') ?? violation.help} — ${node.target.join(' ')} ${node.html.slice(0, 140)}`,
      ),
    )
    .join('\n');
}
