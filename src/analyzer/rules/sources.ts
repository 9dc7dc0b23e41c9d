// Where a rule's equivalents are documented: BuildKit's build checks and hadolint's
// rules. Rule metadata, pure like the rest of the analyzer, so the rule pages and the CLI's
// SARIF report both take it from here (the CLI imports nothing from src/lib).

import type { DiagnosticSources } from '../model.ts';

export type SourceKind = 'buildkit' | 'hadolint';

export interface SourceLink {
  kind: SourceKind;
  /** The name the other tool uses: `StageNameCasing`, `DL3006`. */
  name: string;
  /** Who owns the name, for prose: "BuildKit check", "hadolint rule". */
  label: string;
  url: string;
}

/** `StageNameCasing` → `stage-name-casing`, `JSONArgsRecommended` → `json-args-recommended`. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** Docker's reference page for a build check, e.g. …/build-checks/stage-name-casing/. */
export function buildkitCheckUrl(check: string): string {
  return `https://docs.docker.com/reference/build-checks/${kebabCase(check)}/`;
}

/** hadolint's wiki page for a rule, e.g. …/wiki/DL3006. */
export function hadolintRuleUrl(code: string): string {
  return `https://github.com/hadolint/hadolint/wiki/${encodeURIComponent(code)}`;
}

/** The rule's sources as links, BuildKit first. */
export function sourceLinks(sources: DiagnosticSources | undefined): SourceLink[] {
  const links: SourceLink[] = [];
  if (sources?.buildkit) {
    links.push({ kind: 'buildkit', name: sources.buildkit, label: 'BuildKit check', url: buildkitCheckUrl(sources.buildkit) });
  }
  if (sources?.hadolint) {
    links.push({ kind: 'hadolint', name: sources.hadolint, label: 'hadolint rule', url: hadolintRuleUrl(sources.hadolint) });
  }
  return links;
}
