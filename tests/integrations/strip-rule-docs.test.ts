import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { stripRuleDocs, stripRuleDocsPlugin } from '../../src/integrations/strip-rule-docs.ts';

const RULES = join(process.cwd(), 'src', 'analyzer', 'rules');
const ruleFiles = readdirSync(RULES, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(RULES, f));

/** Names of the properties of every object literal in a module. */
function propertyNames(code: string): string[] {
  const source = ts.createSourceFile('m.ts', code, ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node)) names.push(node.name.getText(source));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

describe('stripRuleDocs (rule documentation left out of browser bundles)', () => {
  it('removes examples, rationale, description and messages from every rule module, and keeps the check', () => {
    let stripped = 0;
    for (const file of ruleFiles) {
      const code = readFileSync(file, 'utf8');
      const out = stripRuleDocs(code, file);
      const diagnostics = ts.transpileModule(out, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext } }).diagnostics ?? [];
      expect(
        diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
        file,
      ).toEqual([]);
      if (!/^export const \w+: Rule = \{/m.test(code)) continue;
      stripped++;
      const names = propertyNames(out);
      expect(names, file).not.toContain('examples');
      expect(names, file).not.toContain('rationale');
      expect(names, file).not.toContain('messages');
      expect(names, file).toContain('hint');
      expect(names, file).toContain('severity');
      expect(out.length, file).toBeLessThan(code.length);
    }
    // Every rule of the catalogue is a module with examples.
    expect(stripped).toBeGreaterThanOrEqual(37);
    // TypeScript parses and transpiles some 40 modules here: a second on an idle machine,
    // more than 14 s on a busy 2-core one.
  }, 60_000);

  it('leaves objects that are not rules alone', () => {
    const code = "export const x = { examples: [1], rationale: 'r', description: 'd' };\nexport const y = { id: 'a', hint: 'h', description: 'kept' };\n";
    expect(stripRuleDocs(code)).toBe(code);
  });

  it('runs only on client builds of rule modules', () => {
    const plugin = stripRuleDocsPlugin();
    const code =
      "export const r = { meta: { id: 'x', severity: 'warning', hint: 'h', rationale: 'long' }, check() { return []; }, examples: { valid: [], invalid: [] } };";
    expect(plugin.transform(code, '/p/src/analyzer/rules/x.ts', { ssr: true })).toBeUndefined();
    expect(plugin.transform(code, '/p/src/lib/x.ts')).toBeUndefined();
    const out = plugin.transform(code, '/p/src/analyzer/rules/x.ts?v=1');
    expect(out?.code).toBe("export const r = { meta: { id: 'x', severity: 'warning', hint: 'h', }, check() { return []; }, };");
  });
});
