// Reads a docker-bake.json: the same blocks as the HCL form, as JSON objects. Bake evaluates its
// strings as HCL templates, so "shop:${TAG}" interpolates TAG here too. JSON.parse keeps no
// positions: a block's range is where its quoted name first appears after its section's key.

import type { Range } from '../model.ts';
import { SourceMap } from '../source.ts';
import { bakeError, mergeBlock } from './hcl.ts';
import type { BakeDefinition, Block, Expr } from './model.ts';

const SECTIONS = { variable: 'variables', group: 'groups', target: 'targets' } as const;

export function readJson(text: string, file: number, into: BakeDefinition): void {
  const map = new SourceMap(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec(String(error))?.[1];
    const offset = at === undefined ? 0 : Number(at);
    into.diagnostics.push(
      bakeError(
        'bake-syntax',
        `invalid JSON: ${(error as Error).message}`,
        'A JSON bake file is one object with "target", "group" and "variable" keys.',
        map.range(offset, offset + 1),
        file,
      ),
    );
    return;
  }
  if (!isObject(data)) {
    into.diagnostics.push(
      bakeError('bake-syntax', 'a JSON bake file must be an object', 'Write { "target": { "name": { … } } }.', map.range(0, text.length), file),
    );
    return;
  }
  for (const [section, kind] of Object.entries(SECTIONS)) {
    const blocks = data[section];
    if (!isObject(blocks)) continue;
    const sectionAt = text.indexOf(`"${section}"`);
    for (const [name, body] of Object.entries(blocks)) {
      const range = nameRange(text, map, name, sectionAt);
      const block: Block = { name, range, attributes: new Map(), file };
      for (const [key, value] of Object.entries(isObject(body) ? body : {})) block.attributes.set(key, { name: key, value: jsonExpr(value, range), range });
      mergeBlock(into[kind], block);
    }
  }
}

function nameRange(text: string, map: SourceMap, name: string, from: number): Range {
  const quoted = JSON.stringify(name);
  const at = text.indexOf(quoted, Math.max(0, from));
  return at === -1 ? map.range(0, 0) : map.range(at, at + quoted.length);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonExpr(value: unknown, range: Range): Expr {
  if (typeof value === 'string') return templateOf(value, range);
  if (Array.isArray(value)) return { kind: 'list', items: value.map((v) => jsonExpr(v, range)), range };
  if (isObject(value)) return { kind: 'map', entries: Object.entries(value).map(([key, v]) => ({ key, value: jsonExpr(v, range) })), range };
  return { kind: 'literal', value: value as number | boolean | null, range };
}

/** A string as an HCL template: `${NAME}` interpolates, `$${` is a literal `${`. */
export function templateOf(value: string, range: Range): Expr {
  const parts: Array<string | { variable: string; range: Range }> = [];
  let last = 0;
  for (const match of value.matchAll(/\$\$\{|\$\{\s*([A-Za-z_][\w-]*)\s*\}|\$\{[^}]*\}/g)) {
    parts.push(value.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[0] === '$${') parts.push('${');
    else if (match[1]) parts.push({ variable: match[1], range });
    else return { kind: 'unsupported', what: `the interpolation ${match[0]}`, range };
  }
  parts.push(value.slice(last));
  return { kind: 'template', parts: parts.filter((p) => p !== ''), range };
}
