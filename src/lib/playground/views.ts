// The playground's panels as view trees (src/lib/playground/view-tree.ts): the problems
// list, the stage graph, the final image and the table of every target's plan. The same
// functions draw the sample at build time and the learner's Dockerfile in the browser.
// Every learner-controlled string (stage names, image references, messages quoting the
// text) goes in as a text child, which both renderers escape or keep as text.
import type { EdgeKind, Severity } from '../../analyzer/model.ts';
import { ruleById } from '../../analyzer/rules/index.ts';
import { textParts } from '../code-spans.ts';
import { EDGE_KIND_LABELS, stageDiagramTree, type StageDiagram } from '../stage-diagram.ts';
import { SEVERITY_WORDS, sentence } from '../workbench/diagnostics.ts';
import { describeCopy, summaryRows, type FinalImage } from '../workbench/summary.ts';
import type { ListedDiagnostic } from './report.ts';
import type { BuilderRun, TargetPlan, TargetPlans } from './target-plans.ts';
import { plansSummary } from './target-plans.ts';
import { fromSvg, h, type ViewNode } from './view-tree.ts';

/** The problems list shows this many; the editor marks them all. */
export const MAX_LISTED_PROBLEMS = 100;

export const GRAPH_SUMMARY_ID = 'pg-graph-summary';

const SEVERITY_ICONS: Record<Severity, string> = { error: '✕', warning: '!', info: 'i' };

/** The site's severity badge (src/components/SeverityBadge.astro). */
function severityBadge(severity: Severity): ViewNode {
  return h(
    'span',
    { class: `severity severity--${severity}` },
    h('span', { class: 'severity__icon', 'aria-hidden': 'true' }, SEVERITY_ICONS[severity]),
    SEVERITY_WORDS[severity],
  );
}

/** Prose with its `code` spans as <code> children (text children, escaped by both renderers). */
function codeSpans(text: string): Array<string | ViewNode> {
  return textParts(text).map((part) => (part.code ? h('code', {}, part.text) : part.text));
}

/** `/rules/<id>/` under the site's base path ('/' or '/docs/'). */
export function ruleHref(id: string, base: string): string {
  return `${base.replace(/\/?$/, '/')}rules/${id}/`;
}

/**
 * One problem: where (a button that puts the editor's cursor there), severity, message,
 * the rule's page when a rule reported it, and the hint.
 */
function problemItem(d: ListedDiagnostic, base: string): ViewNode {
  const rule = ruleById(d.id);
  return h(
    'li',
    { class: `pg-problem pg-problem--${d.severity}` },
    h(
      'button',
      { type: 'button', class: 'pg-problem__at', 'data-from': d.from, 'data-to': d.to },
      h('span', { 'aria-hidden': 'true' }, `${d.line}:${d.column}`),
      h('span', { class: 'visually-hidden' }, `Go to line ${d.line}, column ${d.column}`),
    ),
    ' ',
    severityBadge(d.severity),
    ' ',
    h(
      'span',
      { class: 'pg-problem__message' },
      ...codeSpans(sentence(d.message)),
      rule ? ' ' : null,
      rule ? h('a', { class: 'pg-problem__rule', href: ruleHref(d.id, base) }, h('span', { class: 'visually-hidden' }, 'Rule '), d.id) : null,
    ),
    d.hint ? h('p', { class: 'pg-problem__hint' }, 'Hint: ', ...codeSpans(sentence(d.hint))) : null,
  );
}

export function problemsView(diagnostics: readonly ListedDiagnostic[], base: string): ViewNode {
  if (diagnostics.length === 0) return h('p', { class: 'pg-none' }, 'No problems found for this target and builder.');
  const items = diagnostics.slice(0, MAX_LISTED_PROBLEMS).map((d) => problemItem(d, base));
  if (diagnostics.length > MAX_LISTED_PROBLEMS)
    items.push(h('li', { class: 'pg-problem' }, `…and ${diagnostics.length - MAX_LISTED_PROBLEMS} more, marked in the editor.`));
  return h('ul', { class: 'pg-problems__list' }, ...items);
}

const EDGE_KINDS: EdgeKind[] = ['from', 'copy-from', 'mount-from'];

/** The stage graph of the selected build, its text alternative and the arrows' legend. */
export function graphView(diagram: StageDiagram): ViewNode {
  const kinds = EDGE_KINDS.filter((kind) => diagram.edges.some((e) => e.kind === kind));
  return h(
    'figure',
    { class: 'stage-diagram pg-graph' },
    // The SVG is aria-hidden; the summary it is labelled by says the same in words.
    h(
      'div',
      { class: 'stage-diagram__scroll', role: 'img', tabindex: 0, 'aria-labelledby': GRAPH_SUMMARY_ID },
      fromSvg(stageDiagramTree(diagram, 'playground')),
    ),
    h(
      'figcaption',
      { class: 'stage-diagram__caption' },
      h('p', { class: 'stage-diagram__summary', id: GRAPH_SUMMARY_ID }, diagram.summary),
      diagram.failure
        ? h(
            'div',
            { class: 'stage-diagram__failure' },
            h('p', {}, diagram.failure),
            diagram.errors.length > 1 ? h('ul', {}, ...diagram.errors.map((error) => h('li', {}, error))) : null,
          )
        : null,
      kinds.length > 0
        ? h(
            'ul',
            { class: 'stage-diagram__legend', 'aria-label': 'Arrows' },
            ...kinds.map((kind) =>
              h(
                'li',
                {},
                h(
                  'svg',
                  { class: 'stage-diagram__key', width: 36, height: 10, viewBox: '0 0 36 10', 'aria-hidden': 'true', focusable: 'false' },
                  h('line', { class: `stage-diagram__edge stage-diagram__edge--${kind}`, x1: 1, y1: 5, x2: 35, y2: 5 }),
                ),
                EDGE_KIND_LABELS[kind],
              ),
            ),
          )
        : null,
    ),
  );
}

/** The final image of the selected target: base, user, entrypoint, cmd, and what it copies in. */
export function imageView(image: FinalImage): ViewNode {
  const copies = image.status === 'ok' ? image.copies : [];
  return h(
    'div',
    { class: 'pg-image' },
    h('dl', { class: 'pg-facts' }, ...summaryRows(image).flatMap((row) => [h('dt', {}, row.term), h('dd', {}, row.detail)])),
    h('p', { class: 'pg-subhead' }, 'Copied from other stages or images (', h('code', {}, 'COPY --from'), ')'),
    copies.length > 0
      ? h('ul', { class: 'pg-copies' }, ...copies.map((copy) => h('li', {}, describeCopy(copy))))
      : h(
          'p',
          { class: 'pg-none' },
          image.status === 'ok' ? 'Nothing: this image copies no files out of other stages or images.' : 'Nothing: there is no final image.',
        ),
  );
}

const BUILDER_LABELS = { buildkit: 'BuildKit', classic: 'Classic builder' } as const;

function runCell(run: BuilderRun): ViewNode {
  const parts: Array<ViewNode | null> = [];
  if (run.runs.length > 0) {
    parts.push(
      h(
        'ol',
        { class: 'pg-stages', 'aria-label': 'Stages run, in order' },
        ...run.runs.map((label) => (label === run.stoppedIn && run.fails ? h('li', { class: 'pg-stages__failed' }, label, ' (fails)') : h('li', {}, label))),
      ),
    );
  } else if (run.fails) {
    parts.push(h('p', { class: 'pg-refused' }, 'Runs nothing: Docker refuses the build.'));
  }
  if (run.skips.length > 0) parts.push(h('p', { class: 'pg-skips' }, `Not run: ${run.skips.join(', ')}`));
  if (run.error) parts.push(h('p', { class: 'pg-error' }, `Error (line ${run.error.line}): ${sentence(run.error.message)}`));
  // data-label names the column where phones show each row as a card (playground.css).
  return h('td', { role: 'cell', class: run.fails ? 'pg-cell pg-cell--fails' : 'pg-cell', 'data-label': BUILDER_LABELS[run.builder] }, ...parts);
}

function planRow(plan: TargetPlan): ViewNode {
  return h(
    'tr',
    { role: 'row', 'data-differs': plan.differs ? 'true' : null },
    h(
      'th',
      { scope: 'row', role: 'rowheader', class: 'pg-target' },
      h('code', { class: 'pg-target__name' }, plan.label),
      plan.isDefault ? h('span', { class: 'pg-tag' }, 'default') : null,
      plan.differs ? h('span', { class: 'pg-tag pg-tag--differs' }, 'builders differ') : null,
    ),
    runCell(plan.buildkit),
    runCell(plan.classic),
  );
}

/** Every target with both builders: a summary sentence, the table, and what it leaves out. */
export function plansView(plans: TargetPlans, titleId: string): ViewNode {
  if (plans.plans.length === 0) return h('p', { class: 'pg-none' }, 'Nothing to build yet: the Dockerfile has no stage (see the problems above).');
  return h(
    'div',
    { class: 'pg-plans' },
    h('p', { class: 'pg-plans__summary' }, plansSummary(plans)),
    h(
      'div',
      { class: 'pg-plans__scroll' },
      h(
        'table',
        // Explicit roles: on phones the rows become cards (display: block), and the table
        // must still read as one (as the rules table does, src/pages/rules/index.astro).
        { class: 'pg-plans__table data-table', role: 'table', 'aria-labelledby': titleId },
        h(
          'thead',
          { role: 'rowgroup' },
          h(
            'tr',
            { role: 'row' },
            h('th', { scope: 'col', role: 'columnheader' }, 'Target'),
            h('th', { scope: 'col', role: 'columnheader' }, BUILDER_LABELS.buildkit),
            h('th', { scope: 'col', role: 'columnheader' }, BUILDER_LABELS.classic),
          ),
        ),
        h('tbody', { role: 'rowgroup' }, ...plans.plans.map(planRow)),
      ),
    ),
    plans.unnamed.length > 0
      ? h(
          'p',
          { class: 'pg-note' },
          `Not a target: ${plans.unnamed.join(', ')} (no name, so --target cannot pick ${plans.unnamed.length === 1 ? 'it' : 'them'}; the default builds only the last stage).`,
        )
      : null,
    plans.omitted > 0
      ? h(
          'p',
          { class: 'pg-note' },
          `…and ${plans.omitted} more ${plans.omitted === 1 ? 'target' : 'targets'}, left out to keep the page quick. Pick one as the target above to see what it runs.`,
        )
      : null,
  );
}
