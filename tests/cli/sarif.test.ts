// `check --json` with sources and end positions, and `check --format sarif`: SARIF 2.1.0
// that validates against the schema and carries what GitHub code scanning needs.

import { mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/analyzer/rules/index.ts';
import type { JsonDiagnostic } from '../../src/cli/format-json.ts';
import { analyze } from '../../src/analyzer/index.ts';
import { artifactLocation, SARIF_SCHEMA, sarifLog } from '../../src/cli/format-sarif.ts';
import { githubSarifProblems, validateSarifSchema } from '../support/sarif.ts';
import { PROCESS_TEST_TIMEOUT } from '../support/processes.ts';
import { COPY_FROM_LATER, ROOT, runCli, spawnCli, TempDir, THREE_STAGES } from './cli-helpers.ts';

/** A stage name in capitals (a catalogue rule with a BuildKit source) in a two-stage build. */
const MIXED_CASE = `FROM golang:1.23 AS Build
RUN mkdir /out && echo app > /out/app
FROM alpine:3.20
COPY --from=build /out/app /app
`;

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const CATALOGUE = new Set(RULES.map((rule) => rule.meta.id));

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: SarifRegion } }>;
}
interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown?: string };
  helpUri?: string;
  defaultConfiguration: { level: string };
  properties: Record<string, unknown>;
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri?: string; rules: SarifRule[] } };
    originalUriBaseIds?: Record<string, { uri: string }>;
    columnKind?: string;
    results: SarifResult[];
  }>;
}

let dir: TempDir;
let mixedCase: string;
let copyFromLater: string;
let threeStages: string;

beforeAll(() => {
  dir = new TempDir();
  mixedCase = dir.file('Dockerfile', MIXED_CASE);
  copyFromLater = dir.file('copy-from-later.Dockerfile', COPY_FROM_LATER);
  threeStages = dir.file('three.Dockerfile', THREE_STAGES);
});
afterAll(() => dir.remove());

async function checkJson(args: string[]): Promise<{ status: number | null; diagnostics: JsonDiagnostic[] }> {
  const result = await runCli(['check', ...args, '--json']);
  return { status: result.status, diagnostics: (JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics };
}

async function sarif(args: string[], input?: string): Promise<{ status: number | null; log: SarifLog; stdout: string }> {
  const result = await runCli(['check', ...args, '--format', 'sarif'], input === undefined ? {} : { stdin: input });
  expect(result.stderr).toBe('');
  return { status: result.status, log: JSON.parse(result.stdout) as SarifLog, stdout: result.stdout };
}

describe('check --json', () => {
  it('gives every diagnostic its sources and end position', async () => {
    const { status, diagnostics } = await checkJson([mixedCase]);
    expect(status).toBe(0);
    const casing = diagnostics.find((d) => d.id === 'stage-name-casing');
    expect(casing).toEqual({
      id: 'stage-name-casing',
      severity: 'warning',
      message: "Stage name 'Build' should be lowercase",
      hint: expect.stringContaining('AS build'),
      line: 1,
      column: 21,
      endLine: 1,
      endColumn: 26,
      sources: { buildkit: 'StageNameCasing' },
      // Docker 28.5 with BuildKit reports this check itself.
      engineReports: true,
    });
    for (const d of diagnostics) {
      expect(Object.keys(d)).toEqual(expect.arrayContaining(['id', 'severity', 'message', 'hint', 'line', 'column', 'endLine', 'endColumn', 'sources']));
    }
  });

  it('gives {} as the sources of a diagnostic with no equivalent', async () => {
    const { status, diagnostics } = await checkJson([threeStages, '--target', 'nope']);
    expect(status).toBe(1);
    expect(diagnostics.find((d) => d.id === 'unknown-target')).toMatchObject({ severity: 'error', sources: {} });
  });

  it('--format json is --json', async () => {
    const json = await runCli(['check', mixedCase, '--json']);
    const format = await runCli(['check', mixedCase, '--format', 'json']);
    const upper = await runCli(['check', mixedCase, '--format', 'JSON', '--json']);
    expect(format).toEqual(json);
    expect(upper).toEqual(json);
  });

  it('plan --json keeps its shape, with sources on each diagnostic', async () => {
    const result = await runCli(['plan', threeStages, '--target', 'nope', '--json']);
    const plan = JSON.parse(result.stdout) as { errors: JsonDiagnostic[] };
    expect(Object.keys(plan)).toEqual(['engine', 'builder', 'target', 'stages', 'errors', 'warnings']);
    expect(plan.errors[0]).toMatchObject({ id: 'unknown-target', sources: {} });
    expect(plan.errors[0]).not.toHaveProperty('severity');
  });
});

describe('check --format sarif', () => {
  it('is SARIF 2.1.0: valid against the schema and complete for GitHub code scanning', async () => {
    for (const args of [[mixedCase], [threeStages, '--target', 'nope'], [copyFromLater], [copyFromLater, '--builder', 'classic'], [dir.file('empty', '')]]) {
      const { log } = await sarif(args);
      expect(validateSarifSchema(log), args.join(' ')).toEqual([]);
      expect(githubSarifProblems(log), args.join(' ')).toEqual([]);
    }
  });

  it('has one run, by stagecraft at the package version, listing every catalogue rule', async () => {
    const { log } = await sarif([mixedCase]);
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const { driver } = log.runs[0]!.tool;
    expect(driver.name).toBe('stagecraft');
    expect(driver.version).toBe(VERSION);
    expect(log.runs[0]!.columnKind).toBe('utf16CodeUnits');
    const ids = driver.rules.map((rule) => rule.id);
    expect(ids.slice(0, RULES.length)).toEqual(RULES.map((rule) => rule.meta.id));
    for (const rule of RULES) {
      const descriptor = driver.rules.find((d) => d.id === rule.meta.id)!;
      expect(descriptor.shortDescription.text).toBe(rule.meta.description);
      if (rule.meta.rationale.length <= 1024) expect(descriptor.fullDescription.text).toBe(rule.meta.rationale);
      else expect(descriptor.fullDescription.text).toHaveLength(1024);
      expect(descriptor.help.text).toContain(rule.meta.hint);
      expect(descriptor.help.markdown).toContain(rule.meta.hint);
      expect(descriptor.defaultConfiguration.level).toBe(rule.meta.severity === 'info' ? 'note' : rule.meta.severity);
      expect(descriptor.properties['docsPath']).toBe(`/rules/${rule.meta.id}/`);
      // helpUri must be absolute (the schema says format "uri"): package.json has no
      // "homepage", so there is no site address to give (with one, see the next test).
      expect(descriptor.helpUri).toBeUndefined();
    }
  });

  it('links every rule to its page on the site when the site has an address (package.json "homepage")', () => {
    const log = sarifLog(analyze(MIXED_CASE), {
      file: 'Dockerfile',
      cwd: ROOT,
      version: VERSION,
      homepage: 'https://stagecraft.example/course',
    }) as unknown as SarifLog;
    const { driver } = log.runs[0]!.tool;
    expect(driver.rules.filter((rule) => RULES.some((r) => r.meta.id === rule.id)).map((rule) => rule.helpUri)).toEqual(
      RULES.map((rule) => `https://stagecraft.example/course/rules/${rule.meta.id}/`),
    );
    expect(validateSarifSchema(log)).toEqual([]);
  });

  it('reports the same findings, at the same places, as check --json', async () => {
    for (const args of [[mixedCase], [threeStages, '--target', 'nope'], [copyFromLater], [copyFromLater, '--builder', 'classic']]) {
      const { diagnostics } = await checkJson(args);
      const { log } = await sarif(args);
      const run = log.runs[0]!;
      expect(run.results).toHaveLength(diagnostics.length);
      run.results.forEach((result, i) => {
        const d = diagnostics[i]!;
        expect(result.ruleId).toBe(d.id);
        expect(result.level).toBe(d.severity === 'info' ? 'note' : d.severity);
        expect(result.message.text).toBe(d.message);
        expect(result.locations[0]!.physicalLocation.region).toEqual({ startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn });
        // Catalogue rules are in driver.rules; the analyzer's own diagnostics get a generated descriptor.
        const rules = run.tool.driver.rules;
        if (CATALOGUE.has(d.id)) expect(rules.map((r) => r.id)).toContain(d.id);
        expect(rules[result.ruleIndex!]!.id).toBe(d.id);
      });
    }
  });

  it('describes an error the analyzer raises itself (not a catalogue rule)', async () => {
    const { status, log } = await sarif([threeStages, '--target', 'nope']);
    expect(status).toBe(1);
    const run = log.runs[0]!;
    const result = run.results.find((r) => r.ruleId === 'unknown-target')!;
    expect(result.level).toBe('error');
    const descriptor = run.tool.driver.rules[result.ruleIndex!]!;
    expect(descriptor).toMatchObject({ id: 'unknown-target', shortDescription: { text: 'Unknown target' }, defaultConfiguration: { level: 'error' } });
    expect(descriptor.help.text).toContain('--target');
  });

  it('keeps the exit codes: 0 without errors, 1 with one', async () => {
    expect((await sarif([mixedCase])).status).toBe(0);
    expect((await sarif([copyFromLater])).status).toBe(1);
    expect((await sarif([copyFromLater, '--builder', 'classic'])).status).toBe(0);
  });

  it('names a relative path as given, against %SRCROOT% (the directory it ran in)', async () => {
    const rel = relative(process.cwd(), mixedCase);
    const { log } = await sarif([rel]);
    const run = log.runs[0]!;
    expect(run.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({
      uri: rel.split('/').map(encodeURIComponent).join('/'),
      uriBaseId: '%SRCROOT%',
    });
    expect(run.originalUriBaseIds?.['%SRCROOT%']?.uri).toBe(`${pathToFileURL(process.cwd()).href.replace(/\/$/, '')}/`);
  });

  it('names an absolute path as a file: URI, with no base', async () => {
    const { log } = await sarif([mixedCase]);
    const run = log.runs[0]!;
    expect(run.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: pathToFileURL(mixedCase).href });
    expect(run.originalUriBaseIds).toBeUndefined();
  });

  it('encodes what a URI cannot hold, and drops a leading ./', () => {
    expect(artifactLocation('./Dockerfile')).toEqual({ uri: 'Dockerfile', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('my app/Dockerfile.dev')).toEqual({ uri: 'my%20app/Dockerfile.dev', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('../svc/#1/Dockerfile')).toEqual({ uri: '../svc/%231/Dockerfile', uriBaseId: '%SRCROOT%' });
  });

  it('reads standard input too', async () => {
    const { status, log } = await sarif(['-'], MIXED_CASE);
    expect(status).toBe(0);
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('stdin');
    expect(validateSarifSchema(log)).toEqual([]);
  });

  it(
    'runs through the launcher',
    () => {
      const sub = join(dir.path, 'svc');
      mkdirSync(sub, { recursive: true });
      const result = spawnCli(['check', relative(ROOT, dir.file('svc/Dockerfile', MIXED_CASE)), '--format', 'sarif']);
      expect(result.status).toBe(0);
      const log = JSON.parse(result.stdout) as SarifLog;
      expect(githubSarifProblems(log)).toEqual([]);
      expect(validateSarifSchema(log)).toEqual([]);
    },
    PROCESS_TEST_TIMEOUT,
  ); // starts Node with the CLI (tests/support/processes.ts)
});

describe('the validators', () => {
  it('reject what GitHub or the schema would reject', async () => {
    const { stdout } = await sarif([threeStages, '--target', 'nope']);
    const broken = (change: (log: SarifLog) => void): SarifLog => {
      const log = JSON.parse(stdout) as SarifLog;
      change(log);
      return log;
    };
    // A relative helpUri is not a "uri" in the schema: that is why stagecraft omits it.
    expect(validateSarifSchema(broken((log) => (log.runs[0]!.tool.driver.rules[0]!.helpUri = '/rules/x/')))).not.toEqual([]);
    expect(validateSarifSchema(broken((log) => (log.version = '2.0.0')))).not.toEqual([]);
    expect(
      githubSarifProblems(broken((log) => delete (log.runs[0]!.results[0]!.locations[0]!.physicalLocation.region as Partial<SarifRegion>).endColumn)),
    ).toEqual(['runs[0].results[0].locations[0].physicalLocation.region.endColumn is missing']);
    expect(githubSarifProblems(broken((log) => (log.runs[0]!.results[0]!.ruleIndex = 0)))).toEqual([
      'runs[0].results[0].ruleIndex does not point at rule unknown-target',
    ]);
    expect(githubSarifProblems(broken((log) => (log.runs[0]!.tool.driver.rules[0]!.help = { text: '' })))).toEqual([
      'runs[0].tool.driver.rules[0].help.text is missing',
    ]);
  });
});

describe('--format usage errors (exit 2)', () => {
  it.each([
    [['check', 'Dockerfile', '--format', 'xml'], /^stagecraft: --format must be text, json or sarif, not "xml"$/],
    [['check', 'Dockerfile', '--format'], /^stagecraft: --format needs a value$/],
    [['check', 'Dockerfile', '--json', '--format', 'sarif'], /^stagecraft: --json asks for JSON but --format asks for sarif/],
    [['plan', 'Dockerfile', '--format', 'sarif'], /^stagecraft: plan has no SARIF output/],
  ])('%j', async (args, message) => {
    const result = await runCli(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toMatch(message);
    expect(result.stderr).toMatch(/^usage: stagecraft /m);
  });

  it('--format text is the default report', async () => {
    expect(await runCli(['check', mixedCase, '--format', 'text'])).toEqual(await runCli(['check', mixedCase]));
  });
});
