// The data behind the rule reference pages (/rules/ and /rules/<id>/), computed from the
// rule catalogue at build time. Each invalid example is run through analyze(), so the
// findings a page shows are the ones the analyzer reports today, never copied text.
//
// Pure TypeScript without astro:* imports: the pages pass in which lessons exist, and
// Vitest can load this module directly (tests/build/rule-pages.test.ts).

import { analyze } from '../analyzer/index.ts';
import type { AnalyzeOptions, Diagnostic, DiagnosticSources, Severity } from '../analyzer/model.ts';
import { buildkitRules } from '../analyzer/rules/buildkit/index.ts';
import { hadolintRules } from '../analyzer/rules/hadolint/index.ts';
import { RULES, ruleById } from '../analyzer/rules/index.ts';
import type { Rule, RuleCase } from '../analyzer/rules/types.ts';
import { sourceLinks, type SourceLink } from '../analyzer/rules/sources.ts';
import { ruleLesson } from '../lib/rule-lessons.ts';

export type RuleGroupId = 'buildkit' | 'hadolint' | 'course';

export interface RuleGroup {
  id: RuleGroupId;
  title: string;
  intro: string;
}

export const RULE_GROUPS: readonly RuleGroup[] = [
  {
    id: 'buildkit',
    title: 'BuildKit checks',
    intro:
      'Problems Docker itself warns about when BuildKit builds the file, on Docker 27 and newer (`docker build --check` runs only these checks). Docker 26.1 and the classic builder do not run them.',
  },
  {
    id: 'hadolint',
    title: 'hadolint checks',
    intro: 'Best practices from hadolint, the widely used Dockerfile linter.',
  },
  {
    id: 'course',
    title: 'Course checks',
    intro: 'Multi-stage habits this course teaches, which neither Docker nor hadolint checks.',
  },
];

export const SEVERITY_LABELS: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

export interface FindingView {
  id: string;
  severity: Severity;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** The page of the rule that reported it, when it is a catalogue rule. */
  href: string | null;
}

/** How an example is built: `--target prod`, the classic builder … */
export interface ExampleSetting {
  /** What is set: Target, Builder, Build argument. */
  label: string;
  /** The flag or variable, e.g. `--target prod`, `DOCKER_BUILDKIT=0`. */
  value: string;
  /** In words, with `code` spans: "the classic builder (`DOCKER_BUILDKIT=0`)". */
  text: string;
}

export interface ExampleView {
  /** What the example shows, when its case says (`code` spans allowed). */
  note: string | null;
  code: string;
  settings: ExampleSetting[];
  /** The build context's .dockerignore, when the example has one. */
  dockerignore: string | null;
}

export interface InvalidExampleView extends ExampleView {
  /** What this rule reports (its own findings, or the error they were merged into). */
  findings: FindingView[];
  /** Anything else the analyzer reports for the same Dockerfile. */
  others: FindingView[];
}

export interface ValidExampleView extends ExampleView {
  /** What other checks report for this Dockerfile (this rule reports nothing). */
  others: FindingView[];
}

export interface LessonLink {
  slug: string;
  title: string;
  href: string;
}

export interface RuleDoc {
  id: string;
  href: string;
  group: RuleGroupId;
  severity: Severity;
  severityLabel: string;
  description: string;
  rationale: string;
  hint: string;
  perTarget: boolean;
  sources: SourceLink[];
  /** The lesson the rule teaches; null while that lesson is not published. */
  lesson: LessonLink | null;
  lessonSlug: string;
  invalid: InvalidExampleView[];
  valid: ValidExampleView[];
}

export interface RuleDocOptions {
  /** Published lessons: slug → title. Only these get a link. */
  lessons: ReadonlyMap<string, string>;
  /** The site's base path (import.meta.env.BASE_URL); default `/`. */
  base?: string;
}

export function ruleGroup(rule: Rule): RuleGroupId {
  if (buildkitRules.includes(rule)) return 'buildkit';
  if (hadolintRules.includes(rule)) return 'hadolint';
  return 'course';
}

/** `/rules/<id>/` under the base path. */
export function ruleHref(id: string, base = '/'): string {
  return `${trimBase(base)}/rules/${id}/`;
}

export function lessonLink(slug: string, lessons: ReadonlyMap<string, string>, base = '/'): LessonLink | null {
  const title = lessons.get(slug);
  return title === undefined ? null : { slug, title, href: `${trimBase(base)}/lessons/${slug}/` };
}

/** Analyzes an example as the rules test does: its options, and its .dockerignore when it has one. */
export function analyzeExample(example: RuleCase): Diagnostic[] {
  const { dockerignore, ...options } = example.options ?? {};
  const analyzeOptions: AnalyzeOptions = { ...options, ...(dockerignore === undefined ? {} : { dockerignore }) };
  return analyze(example.code, analyzeOptions).diagnostics;
}

/** Whether a diagnostic is this rule's: its own id, or an error its finding was merged into. */
export function isRuleFinding(rule: Rule, d: Diagnostic): boolean {
  if (d.id === rule.meta.id) return true;
  const entries = Object.entries(rule.meta.sources) as Array<[keyof DiagnosticSources, string]>;
  return d.severity === 'error' && entries.length > 0 && entries.every(([key, value]) => d.sources?.[key] === value);
}

export function findingView(d: Diagnostic, base = '/'): FindingView {
  return {
    id: d.id,
    severity: d.severity,
    line: d.range.start.line,
    column: d.range.start.column,
    endLine: d.range.end.line,
    endColumn: d.range.end.column,
    message: d.message,
    href: ruleById(d.id) ? ruleHref(d.id, base) : null,
  };
}

export function exampleSettings(example: RuleCase): ExampleSetting[] {
  const options = example.options ?? {};
  const settings: ExampleSetting[] = [];
  const add = (label: string, value: string, text = `\`${value}\``) => settings.push({ label, value, text });
  if (options.target) add('Target', `--target ${options.target}`);
  if (options.builder === 'classic') add('Builder', 'DOCKER_BUILDKIT=0', 'the classic builder (`DOCKER_BUILDKIT=0`)');
  for (const [key, value] of Object.entries(options.buildArgs ?? {})) add('Build argument', `--build-arg ${key}=${value}`);
  return settings;
}

export function ruleDoc(rule: Rule, options: RuleDocOptions): RuleDoc {
  const base = options.base ?? '/';
  const { meta } = rule;
  const lessonSlug = ruleLesson(meta.id) ?? '';
  const view = (example: RuleCase): ExampleView => ({
    note: example.note ?? null,
    code: example.code,
    settings: exampleSettings(example),
    dockerignore: example.options?.dockerignore ?? null,
  });
  return {
    id: meta.id,
    href: ruleHref(meta.id, base),
    group: ruleGroup(rule),
    severity: meta.severity,
    severityLabel: SEVERITY_LABELS[meta.severity],
    description: meta.description,
    rationale: meta.rationale,
    hint: meta.hint,
    perTarget: meta.perTarget ?? false,
    sources: sourceLinks(meta.sources),
    lesson: lessonLink(lessonSlug, options.lessons, base),
    lessonSlug,
    invalid: rule.examples.invalid.map((example) => {
      const diagnostics = analyzeExample(example);
      return {
        ...view(example),
        findings: diagnostics.filter((d) => isRuleFinding(rule, d)).map((d) => findingView(d, base)),
        others: diagnostics.filter((d) => !isRuleFinding(rule, d)).map((d) => findingView(d, base)),
      };
    }),
    valid: rule.examples.valid.map((example) => ({
      ...view(example),
      others: analyzeExample(example)
        .filter((d) => !isRuleFinding(rule, d))
        .map((d) => findingView(d, base)),
    })),
  };
}

/** Every rule in the catalogue, in catalogue order. */
export function ruleDocs(options: RuleDocOptions, rules: readonly Rule[] = RULES): RuleDoc[] {
  return rules.map((rule) => ruleDoc(rule, options));
}

function trimBase(base: string): string {
  return base.replace(/\/+$/, '');
}
