// Reads a compose file as bake does: each service with a `build` section is a target of the
// service's name (context, dockerfile, target, args; its `image` becomes the tag), and the
// `default` group holds them all. js-yaml keeps no positions: a service's range is its key's line.

import yaml from 'js-yaml';
import { SourceMap } from '../source.ts';
import { bakeError, mergeBlock } from './hcl.ts';
import type { BakeDefinition, Block, Expr } from './model.ts';

export function readCompose(text: string, file: number, into: BakeDefinition): void {
  const map = new SourceMap(text);
  let data: unknown;
  try {
    data = yaml.load(text);
  } catch (error) {
    const mark = (error as { mark?: { position?: number } }).mark;
    const at = mark?.position ?? 0;
    into.diagnostics.push(
      bakeError(
        'bake-syntax',
        `invalid YAML: ${(error as { reason?: string }).reason ?? String(error)}`,
        'Check the indentation around this line.',
        map.range(at, at + 1),
        file,
      ),
    );
    return;
  }
  const services = (data as { services?: unknown } | null)?.services;
  if (typeof services !== 'object' || services === null) return;
  const names: Expr[] = [];
  for (const [name, service] of Object.entries(services as Record<string, Record<string, unknown> | null>)) {
    if (!service || service['build'] === undefined) continue;
    const keyAt = new RegExp(`^[ \\t]+${name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}:`, 'm').exec(text);
    const range = keyAt ? map.range(keyAt.index + keyAt[0].length - name.length - 1, keyAt.index + keyAt[0].length - 1) : map.range(0, 0);
    const build = typeof service['build'] === 'string' ? { context: service['build'] } : (service['build'] as Record<string, unknown>);
    const block: Block = { name, range, attributes: new Map(), file };
    const set = (key: string, value: Expr) => block.attributes.set(key, { name: key, value, range });
    const literal = (value: unknown): Expr => ({ kind: 'literal', value: String(value), range });
    set('context', literal(build['context'] ?? '.'));
    if (build['dockerfile'] !== undefined) set('dockerfile', literal(build['dockerfile']));
    if (build['target'] !== undefined) set('target', literal(build['target']));
    if (build['args'] !== undefined)
      set('args', { kind: 'map', entries: argsOf(build['args']).map(([key, value]) => ({ key, value: literal(value) })), range });
    if (typeof service['image'] === 'string') set('tags', { kind: 'list', items: [literal(service['image'])], range });
    mergeBlock(into.targets, block);
    names.push(literal(name));
  }
  names.sort((a, b) => String((a as { value: string }).value).localeCompare(String((b as { value: string }).value)));
  if (names.length > 0 && !into.groups.has('default')) {
    into.groups.set('default', {
      name: 'default',
      range: map.range(0, 0),
      attributes: new Map([['targets', { name: 'targets', value: { kind: 'list', items: names, range: map.range(0, 0) }, range: map.range(0, 0) }]]),
      file,
    });
  }
}

/** Compose's args: a map, or a list of KEY=VALUE. */
function argsOf(args: unknown): Array<[string, string]> {
  if (Array.isArray(args)) return args.map((entry) => String(entry).split(/=(.*)/s).slice(0, 2) as [string, string]);
  return Object.entries((args ?? {}) as Record<string, unknown>).map(([key, value]) => [key, String(value ?? '')]);
}
