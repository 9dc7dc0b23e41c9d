// Two checks of a SARIF log, used by tests/cli/sarif.test.ts:
//
// - validateSarifSchema: the full SARIF 2.1.0 JSON schema, with Ajv. The schema
//   (sarif-schema-2.1.0.json beside this file) is the OASIS 2.1.0 schema as SchemaStore
//   publishes it ("2.1.0-rtm.5", JSON Schema draft-04), vendored from the npm package
//   @microsoft/jest-sarif@1.0.0-beta.0 (lib/schemas/sarif-2.1.0-rtm.5.json, MIT).
// - githubSarifProblems: what GitHub code scanning requires on top of the schema
//   (docs.github.com, "SARIF support for code scanning"): $schema and version, a driver
//   name and rules, descriptors with id, shortDescription.text, fullDescription.text and
//   help.text (non-empty, at most 1024 characters for the descriptions), and results with
//   message.text and a location with an artifact URI and a full region.

import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';

const schema = JSON.parse(readFileSync(new URL('./sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;

function isUri(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

function isUriReference(text: string): boolean {
  if (/[\s<>"{}|\\^`]/.test(text)) return false;
  try {
    new URL(text, 'http://example.invalid/base/');
    return true;
  } catch {
    return false;
  }
}

// unicodeRegExp false: the schema's `language` pattern has a stray `]`, which only
// non-Unicode regular expressions accept (as a literal).
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
ajv.addFormat('uri', isUri);
ajv.addFormat('uri-reference', isUriReference);
ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));
const validate = ajv.compile(schema);

/** Schema violations as `path message` lines; empty when the log is valid SARIF 2.1.0. */
export function validateSarifSchema(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

type Json = Record<string, unknown>;

const text = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const obj = (value: unknown): Json | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);
const positive = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 1;

/** What GitHub code scanning needs to show each result as an alert; empty when all is there. */
export function githubSarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  const root = obj(log);
  if (!root) return ['the log is not an object'];
  if (!text(root['$schema'])) problems.push('$schema is missing');
  if (root['version'] !== '2.1.0') problems.push('version is not "2.1.0"');
  const runs = root['runs'];
  if (!Array.isArray(runs) || runs.length === 0) return [...problems, 'runs is missing or empty'];

  runs.forEach((runValue, r) => {
    const run = obj(runValue);
    const driver = obj(obj(run?.['tool'])?.['driver']);
    if (!driver) return void problems.push(`runs[${r}].tool.driver is missing`);
    if (!text(driver['name'])) problems.push(`runs[${r}].tool.driver.name is missing`);
    const rules = driver['rules'];
    if (!Array.isArray(rules)) return void problems.push(`runs[${r}].tool.driver.rules is missing`);
    const ids = new Set<string>();
    rules.forEach((ruleValue, i) => {
      const rule = obj(ruleValue);
      const at = `runs[${r}].tool.driver.rules[${i}]`;
      if (!rule || !text(rule['id'])) return void problems.push(`${at}.id is missing`);
      if (ids.has(rule['id'])) problems.push(`${at}.id ${rule['id']} is not unique`);
      ids.add(rule['id']);
      for (const field of ['shortDescription', 'fullDescription', 'help'] as const) {
        const value = obj(rule[field])?.['text'];
        if (!text(value)) problems.push(`${at}.${field}.text is missing`);
        else if (field !== 'help' && value.length > 1024) problems.push(`${at}.${field}.text is longer than 1024 characters`);
      }
      if (typeof rule['name'] === 'string' && rule['name'].length > 255) problems.push(`${at}.name is longer than 255 characters`);
      const level = obj(rule['defaultConfiguration'])?.['level'];
      if (level !== undefined && !['note', 'warning', 'error'].includes(level as string)) problems.push(`${at}.defaultConfiguration.level is ${String(level)}`);
    });

    const results = run?.['results'];
    if (!Array.isArray(results)) return void problems.push(`runs[${r}].results is missing`);
    results.forEach((resultValue, i) => {
      const result = obj(resultValue);
      const at = `runs[${r}].results[${i}]`;
      if (!result) return void problems.push(`${at} is not an object`);
      const ruleId = result['ruleId'];
      if (!text(ruleId)) problems.push(`${at}.ruleId is missing`);
      if (result['ruleIndex'] !== undefined) {
        const indexed = obj(rules[result['ruleIndex'] as number]);
        if (!indexed || indexed['id'] !== ruleId) problems.push(`${at}.ruleIndex does not point at rule ${String(ruleId)}`);
      }
      if (result['level'] !== undefined && !['none', 'note', 'warning', 'error'].includes(result['level'] as string))
        problems.push(`${at}.level is ${String(result['level'])}`);
      if (!text(obj(result['message'])?.['text'])) problems.push(`${at}.message.text is missing`);
      const locations = result['locations'];
      if (!Array.isArray(locations) || locations.length === 0) return void problems.push(`${at}.locations is missing`);
      if (locations.length > 10) problems.push(`${at} has more than 10 locations`);
      const physical = obj(obj(locations[0])?.['physicalLocation']);
      if (!text(obj(physical?.['artifactLocation'])?.['uri'])) problems.push(`${at}.locations[0].physicalLocation.artifactLocation.uri is missing`);
      const region = obj(physical?.['region']);
      for (const field of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) {
        if (!positive(region?.[field])) problems.push(`${at}.locations[0].physicalLocation.region.${field} is missing`);
      }
    });
  });
  return problems;
}
