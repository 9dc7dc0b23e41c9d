// Reads a docker-bake.hcl through codemirror-lang-hcl's Lezer grammar of HCL (a maintained parser
// that runs in the browser and Node alike and keeps every node's position), then turns the tree
// into bake's blocks: `variable`, `group` and `target`, each with its attributes as unevaluated
// expressions (resolve.ts evaluates them once the variables are known).
//
// Why this parser: hcl2-parser (HashiCorp's Go parser compiled to JS by GopherJS) is 3.9 MB,
// last released in 2024 and returns JSON without positions; @cdktn/hcl2json is Go compiled to
// WebAssembly and reads files through Node. codemirror-lang-hcl is a Lezer grammar (a few tens of
// KB, pure JS, released 2026), keeps positions for errors, and would highlight a bake file in the
// CodeMirror editors the site already uses.
//
// Evaluated: strings and templates with `${VAR}` interpolation, numbers, true/false/null, lists,
// maps and variable references. Function calls, conditionals, for expressions, attribute access
// (`target.x.tags`) and operators are kept as "unsupported" and reported where they are used.

import { hclLanguage } from 'codemirror-lang-hcl';
import { diagnostic } from '../diagnostic.ts';
import type { Range } from '../model.ts';
import { SourceMap } from '../source.ts';
import type { Attribute, BakeDefinition, BakeDiagnostic, Block, Expr } from './model.ts';

/** A node of the Lezer tree (the type of @lezer/common, which comes with the grammar). */
type SyntaxNode = ReturnType<typeof hclLanguage.parser.parse>['topNode'];

const KINDS = { variable: 'variables', group: 'groups', target: 'targets' } as const;

export function readHcl(text: string, file: number, into: BakeDefinition): void {
  const map = new SourceMap(text);
  const range = (node: { from: number; to: number }) => map.range(node.from, node.to);
  const tree = hclLanguage.parser.parse(text);
  const syntax = firstError(tree.topNode);
  if (syntax) {
    const near = text
      .slice(syntax.from, syntax.from + 20)
      .split('\n')[0]!
      .trim();
    into.diagnostics.push(
      bakeError(
        'bake-syntax',
        `${near ? `unexpected "${near}"` : 'unexpected end of file'} in the HCL`,
        'Check the brackets and quotes around this position: every block is `kind "name" { … }` and every attribute `name = value`.',
        range(syntax),
        file,
      ),
    );
    return;
  }
  const body = tree.topNode.getChild('Body');
  for (const node of body?.getChildren('Block') ?? []) {
    const kind = text.slice(node.getChild('BlockType')!.from, node.getChild('BlockType')!.to);
    const labels = node.getChildren('BlockLabel');
    const into_ = KINDS[kind as keyof typeof KINDS];
    if (!into_) {
      into.diagnostics.push(
        bakeError(
          'bake-unknown-block',
          `unsupported block "${kind}": stagecraft reads variable, group and target blocks`,
          'Bake files describe `target`, `group` and `variable` blocks; check the spelling.',
          range(node.getChild('BlockType')!),
          file,
        ),
      );
      continue;
    }
    if (labels.length !== 1) {
      into.diagnostics.push(
        bakeError(
          'bake-block-label',
          `a ${kind} block needs one name, as in ${kind} "name" { … }`,
          `Give the block its name in quotes: ${kind} "name" { … }.`,
          range(node),
          file,
        ),
      );
      continue;
    }
    const name = stringLabel(text, labels[0]!);
    const block: Block = { name, range: range(labels[0]!), attributes: new Map(), file };
    for (const attribute of node.getChild('Body')?.getChildren('Attribute') ?? []) {
      const attrName = text.slice(attribute.getChild('Identifier')!.from, attribute.getChild('Identifier')!.to);
      const value: Attribute = { name: attrName, value: expression(text, attribute.getChild('Expression')!, range), range: range(attribute) };
      block.attributes.set(attrName, value);
    }
    mergeBlock(into[into_], block);
  }
}

/** A later block of the same kind and name adds to the first, attribute by attribute (as bake merges files). */
export function mergeBlock(blocks: Map<string, Block>, block: Block): void {
  const existing = blocks.get(block.name);
  if (!existing) blocks.set(block.name, block);
  else for (const [key, attribute] of block.attributes) existing.attributes.set(key, attribute);
}

export function bakeError(id: string, message: string, hint: string, range: Range, file: number | null): BakeDiagnostic {
  return { ...diagnostic(id, 'error', message, hint, range), file };
}

function firstError(top: SyntaxNode): SyntaxNode | null {
  let found: SyntaxNode | null = null;
  top.cursor().iterate((node) => {
    if (found) return false;
    if (node.type.isError) found = node.node;
    return undefined;
  });
  return found;
}

function stringLabel(text: string, label: SyntaxNode): string {
  const literal = label.getChild('StringLit')?.getChild('TemplateLiteral');
  return literal ? unescape(text.slice(literal.from, literal.to)) : text.slice(label.from, label.to);
}

/** HCL's escapes in a quoted string; `$${` and `%%{` stand for `${` and `%{`. */
function unescape(raw: string): string {
  return raw.replace(/\\(["\\nrt])|\$\$\{|%%\{/g, (all, c: string | undefined) => {
    if (c === undefined) return all.slice(1);
    return ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[c] ?? c;
  });
}

function expression(text: string, node: SyntaxNode, range: (node: SyntaxNode) => Range): Expr {
  const inner = node.name === 'Expression' ? node.firstChild : node;
  if (!inner) return { kind: 'unsupported', what: 'an empty expression', range: range(node) };
  const at = range(inner);
  switch (inner.name) {
    case 'LiteralValue': {
      const lit = inner.firstChild!;
      if (lit.name === 'NumericLit') return { kind: 'literal', value: Number(text.slice(lit.from, lit.to)), range: at };
      if (lit.name === 'BoolLit') return { kind: 'literal', value: text.slice(lit.from, lit.to) === 'true', range: at };
      if (lit.name === 'NullLit') return { kind: 'literal', value: null, range: at };
      const chunk = lit.getChild('TemplateLiteral');
      return { kind: 'literal', value: chunk ? unescape(text.slice(chunk.from, chunk.to)) : '', range: at };
    }
    case 'TemplateExpr':
      return template(text, inner.firstChild!, range);
    case 'VariableExpr':
      return { kind: 'variable', name: text.slice(inner.from, inner.to), range: at };
    case 'CollectionValue': {
      const collection = inner.firstChild!;
      if (collection.name === 'Tuple') return { kind: 'list', items: collection.getChildren('Expression').map((e) => expression(text, e, range)), range: at };
      const entries = collection.getChildren('ObjectElem').map((elem) => {
        const keyExpr = elem.getChild('ObjectKey')!.getChild('Expression')!;
        const key = keyExpr.firstChild?.name === 'LiteralValue' ? stringLabel(text, keyExpr.firstChild) : text.slice(keyExpr.from, keyExpr.to);
        return { key, value: expression(text, elem.getChild('Expression', 'ObjectKey') ?? elem.lastChild!, range) };
      });
      return { kind: 'map', entries, range: at };
    }
    default:
      return { kind: 'unsupported', what: describe(inner.name), range: at };
  }
}

function template(text: string, node: SyntaxNode, range: (node: SyntaxNode) => Range): Expr {
  if (node.name !== 'QuotedTemplate') return { kind: 'unsupported', what: 'a heredoc', range: range(node) };
  const parts: Array<string | { variable: string; range: Range }> = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === 'TemplateLiteral') parts.push(unescape(text.slice(child.from, child.to)));
    else if (child.name === 'TemplateInterpolation') {
      const inner = child.getChild('Expression')?.firstChild;
      if (inner?.name !== 'VariableExpr') return { kind: 'unsupported', what: `the interpolation ${text.slice(child.from, child.to)}`, range: range(child) };
      parts.push({ variable: text.slice(inner.from, inner.to), range: range(inner) });
    } else if (child.name === 'TemplateDirective' || child.name === 'TemplateIf' || child.name === 'TemplateFor') {
      return { kind: 'unsupported', what: 'a template directive (%{ … })', range: range(child) };
    }
  }
  return { kind: 'template', parts, range: range(node) };
}

function describe(nodeName: string): string {
  const names: Record<string, string> = {
    FunctionCall: 'a function call',
    Conditional: 'a conditional (a ? b : c)',
    ForExpr: 'a for expression',
    GetAttr: 'an attribute reference',
    Index: 'an index',
    Operation: 'an operator',
  };
  return names[nodeName] ?? `the expression ${nodeName}`;
}
