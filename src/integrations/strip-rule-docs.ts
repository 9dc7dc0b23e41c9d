// A Vite plugin that leaves each lint rule's documentation out of the browser bundles.
//
// A rule is one module: metadata, a pure check and its valid/invalid examples
// (src/analyzer/rules/types.ts). The reference pages, the CLI and the tests read all of it;
// the browser only runs the checks. The examples, the `rationale` paragraph and the
// one-line `description` were more than a hundred kilobytes of the workbench's editor chunk
// (measured: 118 KB of 548 KB minified), and a bundler cannot tree-shake properties of an
// object. Splitting every rule into two files would break "one rule, one module", so the
// client build drops those three properties instead. Server-side builds (SSR, the
// prerendered pages) and Node keep the full modules.
//
// Only object literals that are recognisably a rule or its metadata are touched: an object
// with both `check` and `examples` loses `examples`; an object with `id`, `severity` and
// `hint` loses `rationale`, `description` and `messages` (what each message id means: the
// findings carry their ids and texts, the browser never reads the list). Everything else passes through unchanged.
import ts from 'typescript';

const RULE_MODULE = /\/src\/analyzer\/rules\/.+\.ts$/;

interface Cut {
  start: number;
  end: number;
}

function propertyNames(object: ts.ObjectLiteralExpression): Set<string> {
  const names = new Set<string>();
  for (const property of object.properties) {
    if (property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) names.add(property.name.text);
  }
  return names;
}

/** The properties of `object` to remove, with the comma that follows each. */
function cutsIn(object: ts.ObjectLiteralExpression, source: ts.SourceFile): Cut[] {
  const names = propertyNames(object);
  const drop = new Set<string>();
  if (names.has('check') && names.has('examples')) drop.add('examples');
  if (names.has('id') && names.has('severity') && names.has('hint')) {
    drop.add('rationale');
    drop.add('description');
    drop.add('messages');
  }
  if (drop.size === 0) return [];
  const text = source.text;
  const cuts: Cut[] = [];
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property) || !drop.has(property.name.getText(source).replace(/^['"]|['"]$/g, ''))) continue;
    let end = property.getEnd();
    // Take the separating comma with it, so the literal stays valid.
    while (end < text.length && /\s/.test(text[end]!)) end++;
    if (text[end] === ',') end++;
    cuts.push({ start: property.getStart(source), end });
  }
  return cuts;
}

/** The module's text without the documentation of the rules it defines. */
export function stripRuleDocs(code: string, fileName = 'rule.ts'): string {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const cuts: Cut[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) cuts.push(...cutsIn(node, source));
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (cuts.length === 0) return code;
  // Cuts never overlap (a rule's examples hold no rule); apply them from the end.
  let out = code;
  for (const cut of cuts.sort((a, b) => b.start - a.start)) out = out.slice(0, cut.start) + out.slice(cut.end);
  return out;
}

export function stripRuleDocsPlugin() {
  return {
    name: 'stagecraft:strip-rule-docs',
    // Before esbuild strips the types: the TypeScript source is what the parser reads.
    enforce: 'pre' as const,
    transform(code: string, id: string, options?: { ssr?: boolean }) {
      if (options?.ssr || !RULE_MODULE.test(id.split('?')[0]!)) return undefined;
      const stripped = stripRuleDocs(code, id);
      return stripped === code ? undefined : { code: stripped, map: null };
    },
  };
}
