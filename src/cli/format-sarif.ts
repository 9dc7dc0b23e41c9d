// `check --format sarif`: SARIF 2.1.0, the format GitHub code scanning (and most CI
// dashboards) read. One run; tool.driver describes stagecraft and lists every rule of the
// catalogue, plus a generated descriptor for each diagnostic the analyzer itself raised
// (the errors Docker reports, such as `unknown-target`), so every result's ruleId and
// ruleIndex point at a descriptor and GitHub can show a title and help for each alert.
//
// Choices the schema forces (tests/support/sarif-schema-2.1.0.json):
// - reportingDescriptor.helpUri must be an absolute URI. The site has no fixed address,
//   so helpUri is set only when package.json has a "homepage"; the reference page's path
//   (/rules/<id>/) is always in the descriptor's properties as `docsPath`.
// - A relative artifact URI is given with uriBaseId %SRCROOT%, which originalUriBaseIds
//   defines as the directory stagecraft ran in (the path was given relative to it).
// Columns are UTF-16 code units (the analyzer's), and an end column is the column just
// after the last character, as in SARIF.

import { isAbsolute, posix, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Log, ReportingDescriptor, Result, Run } from 'sarif';
import type { Analysis, Diagnostic, DiagnosticSources, Severity } from '../analyzer/index.ts';
import { RULES } from '../analyzer/rules/index.ts';
import type { Rule } from '../analyzer/rules/types.ts';
import { sourceLinks } from '../analyzer/rules/sources.ts';
import { STDIN_NAME } from './read-input.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
/** GitHub shows at most this many characters of a description. */
const DESCRIPTION_LIMIT = 1024;

export interface SarifOptions {
  /** The Dockerfile as the user named it (a path, or `<stdin>`). */
  file: string;
  /** The directory relative paths are relative to. */
  cwd: string;
  version: string;
  /** The site's address, for informationUri and helpUri; null when unknown. */
  homepage: string | null;
}

export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'info' ? 'note' : severity;
}

export function sarifLog(analysis: Analysis, options: SarifOptions): Log {
  const rules: ReportingDescriptor[] = RULES.map((rule) => catalogueDescriptor(rule, options.homepage));
  const index = new Map(rules.map((descriptor, i) => [descriptor.id, i]));
  for (const d of analysis.diagnostics) {
    if (index.has(d.id)) continue;
    index.set(d.id, rules.length);
    rules.push(analyzerDescriptor(d));
  }

  const artifact = artifactLocation(options.file);
  const run: Run = {
    tool: {
      driver: {
        name: 'stagecraft',
        version: options.version,
        ...(/^\d+\.\d+\.\d+/.test(options.version) ? { semanticVersion: options.version } : {}),
        ...(options.homepage ? { informationUri: options.homepage } : {}),
        rules,
      },
    },
    ...(artifact.uriBaseId === SRCROOT
      ? {
          originalUriBaseIds: {
            [SRCROOT]: {
              uri: directoryUri(options.cwd),
              description: { text: 'The directory stagecraft ran in; the Dockerfile path was given relative to it.' },
            },
          },
        }
      : {}),
    columnKind: 'utf16CodeUnits',
    results: analysis.diagnostics.map((d) => result(d, index.get(d.id)!, artifact)),
  };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

function result(d: Diagnostic, ruleIndex: number, artifactLocation: ArtifactLocation): Result {
  const properties: Record<string, unknown> = { hint: d.hint };
  if (d.sources && Object.keys(d.sources).length > 0) properties['sources'] = { ...d.sources };
  if (d.builder) properties['builder'] = d.builder;
  return {
    ruleId: d.id,
    ruleIndex,
    level: sarifLevel(d.severity),
    message: { text: d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation,
          region: {
            startLine: d.range.start.line,
            startColumn: d.range.start.column,
            endLine: d.range.end.line,
            endColumn: d.range.end.column,
          },
        },
      },
    ],
    properties,
  };
}

function catalogueDescriptor(rule: Rule, homepage: string | null): ReportingDescriptor {
  const { meta } = rule;
  const links = sourceLinks(meta.sources);
  const sameAs = links.map((l) => `${l.label} ${l.name} (${l.url})`).join('; ');
  const sameAsMarkdown = links.map((l) => `${l.label} [${l.name}](${l.url})`).join(', ');
  const docsPath = `/rules/${meta.id}/`;
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: limit(meta.description) },
    fullDescription: { text: limit(meta.rationale) },
    help: {
      text: `${meta.hint}${sameAs ? `\n\nSame as ${sameAs}.` : ''}`,
      markdown: `**How to fix it:** ${meta.hint}\n\n**Why it matters:** ${meta.rationale}${sameAsMarkdown ? `\n\nSame as ${sameAsMarkdown}.` : ''}`,
    },
    ...(homepage ? { helpUri: new URL(docsPath.slice(1), withSlash(homepage)).href } : {}),
    defaultConfiguration: { level: sarifLevel(meta.severity) },
    properties: {
      tags: ['dockerfile', ...tagsOf(meta.sources)],
      'problem.severity': problemSeverity(meta.severity),
      docsPath,
      ...(Object.keys(meta.sources).length > 0 ? { sources: { ...meta.sources } } : {}),
    },
  };
}

/** A descriptor for a diagnostic the analyzer core raises (not a catalogue rule). */
function analyzerDescriptor(d: Diagnostic): ReportingDescriptor {
  const what =
    d.severity === 'error'
      ? 'Docker reports this error and refuses the build, or stops it at this line. Stagecraft predicts it from the Dockerfile, without running Docker.'
      : 'Docker accepts the Dockerfile but warns about this, or one of its builders treats it differently from what the file suggests.';
  return {
    id: d.id,
    name: pascalCase(d.id),
    shortDescription: { text: limit(sentence(d.id)) },
    fullDescription: { text: what },
    help: { text: d.hint, markdown: d.hint },
    defaultConfiguration: { level: sarifLevel(d.severity) },
    properties: { tags: ['dockerfile', 'docker'], 'problem.severity': problemSeverity(d.severity) },
  };
}

/** The Dockerfile as a SARIF artifact location. */
export function artifactLocation(file: string): ArtifactLocation {
  if (file === STDIN_NAME) return { uri: 'stdin', description: { text: 'The Dockerfile was read from standard input.' } };
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  const slashed = sep === '\\' ? file.replace(/\\/g, '/') : file;
  const normal = posix.normalize(slashed);
  return { uri: normal.split('/').map(encodeSegment).join('/'), uriBaseId: SRCROOT };
}

function encodeSegment(segment: string): string {
  return segment === '.' || segment === '..' ? segment : encodeURIComponent(segment);
}

function directoryUri(dir: string): string {
  return withSlash(pathToFileURL(dir).href);
}

function withSlash(uri: string): string {
  return uri.endsWith('/') ? uri : `${uri}/`;
}

function tagsOf(sources: DiagnosticSources): string[] {
  return [...(sources.buildkit ? ['buildkit'] : []), ...(sources.hadolint ? ['hadolint'] : [])];
}

function problemSeverity(severity: Severity): 'error' | 'warning' | 'recommendation' {
  return severity === 'info' ? 'recommendation' : severity;
}

/** `stage-name-casing` → `StageNameCasing`. */
function pascalCase(id: string): string {
  return id
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** `unknown-target` → `Unknown target`. */
function sentence(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function limit(text: string): string {
  return text.length <= DESCRIPTION_LIMIT ? text : `${text.slice(0, DESCRIPTION_LIMIT - 1)}…`;
}
