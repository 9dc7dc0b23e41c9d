// Resolves a bake definition as `docker buildx bake [name…]` does before it builds: variables
// (a default, overridden by an environment variable of the same name), groups (which may name
// groups; `default` when no name is given) and each target's inherits (in order, a later parent
// overriding an earlier one and the target's own attributes overriding them all; args merge key
// by key). What it returns is what `--print` shows, plus where each target's fields come from.

import type { Range } from '../model.ts';
import { bakeError } from './hcl.ts';
import type { BakeDefinition, BakeDiagnostic, Block, Expr, Output, ResolvedTarget } from './model.ts';

export interface BakeOptions {
  /** The names given on the command line (targets or groups); none: `default`. */
  names?: string[];
  /** Environment variables (bake reads a variable's override from the one of the same name). */
  env?: Record<string, string>;
}

export interface Where {
  range: Range;
  file: number | null;
}

export interface BakeResolution {
  /** The groups --print shows: each group met, and `default` for the names asked for. */
  groups: Record<string, { targets: string[] }>;
  targets: ResolvedTarget[];
  /** Where each target's block and its `target` attribute are, for messages about them. */
  where: Record<string, { block: Where; target?: Where }>;
  diagnostics: BakeDiagnostic[];
}

/** How deep inherits may nest before stagecraft stops (far more than any real bake file, well within the stack). */
const MAX_INHERIT_DEPTH = 200;

type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | undefined;

export function resolveBake(definition: BakeDefinition, options: BakeOptions = {}): BakeResolution {
  const diagnostics: BakeDiagnostic[] = [...definition.diagnostics];
  const env = options.env ?? {};
  const variables = new Map<string, Value>();
  const evaluating = new Set<string>();

  function variable(name: string, range: Range, file: number): Value {
    if (variables.has(name)) return variables.get(name);
    const block = definition.variables.get(name);
    if (!block) {
      diagnostics.push(
        bakeError('bake-unknown-variable', `there is no variable named "${name}"`, `Declare it: variable "${name}" { default = "…" }.`, range, file),
      );
      return undefined;
    }
    if (env[name] !== undefined) return remember(name, env[name]);
    if (evaluating.has(name)) {
      diagnostics.push(
        bakeError('bake-variable-cycle', `variable "${name}" refers to itself`, 'Give the variable a default that does not depend on itself.', range, file),
      );
      return undefined;
    }
    evaluating.add(name);
    const def = block.attributes.get('default');
    const value = def ? evaluate(def.value, block.file) : '';
    evaluating.delete(name);
    return remember(name, value ?? '');
  }
  const remember = (name: string, value: Value) => (variables.set(name, value), value);

  function evaluate(expr: Expr, file: number): Value {
    switch (expr.kind) {
      case 'literal':
        return expr.value;
      case 'variable':
        return variable(expr.name, expr.range, file);
      case 'template':
        return expr.parts.map((part) => (typeof part === 'string' ? part : String(variable(part.variable, part.range, file) ?? ''))).join('');
      case 'list':
        return expr.items.map((item) => evaluate(item, file));
      case 'map':
        return Object.fromEntries(expr.entries.map(({ key, value }) => [key, evaluate(value, file)]));
      case 'unsupported':
        diagnostics.push(
          bakeError(
            'bake-unsupported-expression',
            `stagecraft does not evaluate ${expr.what}`,
            'Stagecraft reads strings, ${VAR} interpolation, lists, maps and variables; docker buildx bake --print shows what bake makes of the rest.',
            expr.range,
            file,
          ),
        );
        return undefined;
    }
  }

  const stringList = (block: Block, key: string): string[] | undefined => {
    const attribute = block.attributes.get(key);
    if (!attribute) return undefined;
    const value = evaluate(attribute.value, block.file);
    return Array.isArray(value) ? value.map((v) => String(v ?? '')) : value === undefined || value === null ? undefined : [String(value)];
  };

  // Groups, from the names asked for down to targets.
  const groups: Record<string, { targets: string[] }> = {};
  const targetNames: string[] = [];
  const asked = options.names?.length ? options.names : ['default'];
  function expand(name: string, from: Where): void {
    const group = definition.groups.get(name);
    if (group) {
      if (groups[name]) return;
      const members = stringList(group, 'targets') ?? [];
      groups[name] = { targets: members };
      const at = group.attributes.get('targets');
      for (const member of members) expand(member, { range: at?.range ?? group.range, file: group.file });
    } else if (definition.targets.has(name)) {
      if (!targetNames.includes(name)) targetNames.push(name);
    } else diagnostics.push(bakeError('bake-unknown-target', `failed to find target ${name}`, hintForUnknown(definition), from.range, from.file));
  }
  const commandLine: Where = { range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } }, file: null };
  for (const name of asked) expand(name, commandLine);
  // buildx 0.29 prints the default group sorted: the names asked for, or the file's default group.
  groups['default'] = { targets: [...(asked.length === 1 && asked[0] === 'default' && groups['default'] ? groups['default'].targets : asked)].sort() };

  // Targets, through their inherits.
  const resolved = new Map<string, Fields>();
  const inProgress = new Set<string>();
  const where: BakeResolution['where'] = {};
  function resolve(name: string, chain: string[]): Fields {
    const done = resolved.get(name);
    if (done) return done;
    const block = definition.targets.get(name)!;
    inProgress.add(name);
    const out: Fields = {};
    const inherits = block.attributes.get('inherits');
    for (const parent of stringList(block, 'inherits') ?? []) {
      if (inProgress.has(parent)) {
        diagnostics.push({
          ...bakeError(
            'bake-inherits-cycle',
            `inheritance cycle: ${[...chain, name, parent].join(' → ')}; bake skips the inherit that closes it`,
            `Remove "${parent}" from the inherits of "${name}": a target cannot inherit from a target that inherits from it.`,
            inherits!.range,
            block.file,
          ),
          severity: 'warning',
        });
      } else if (!definition.targets.has(parent)) {
        diagnostics.push(
          bakeError(
            'bake-unknown-target',
            `failed to find target ${parent}`,
            `"${name}" inherits from "${parent}", which no target block defines. ${hintForUnknown(definition)}`,
            inherits!.range,
            block.file,
          ),
        );
      } else if (chain.length >= MAX_INHERIT_DEPTH) {
        diagnostics.push(
          bakeError(
            'bake-inherits-too-deep',
            `inherits nest more than ${MAX_INHERIT_DEPTH} targets deep from "${chain[0]}"; stagecraft stops there`,
            'Inherit from fewer levels of targets: a shared target or two is what bake files usually need.',
            inherits!.range,
            block.file,
          ),
        );
      } else merge(out, resolve(parent, [...chain, name]));
    }
    merge(out, ownFields(block));
    inProgress.delete(name);
    resolved.set(name, out);
    return out;
  }

  function ownFields(block: Block): Fields {
    const out: Fields = {};
    unsupportedFeatures(block);
    const text = (key: string) => {
      const attribute = block.attributes.get(key);
      const value = attribute ? evaluate(attribute.value, block.file) : undefined;
      return value === undefined || value === null ? undefined : String(value);
    };
    const [context, dockerfile, target] = [text('context'), text('dockerfile'), text('target')];
    if (context !== undefined) out.context = context;
    if (dockerfile !== undefined) out.dockerfile = dockerfile;
    if (target !== undefined) {
      out.target = target;
      out.whereTarget = { range: block.attributes.get('target')!.value.range, file: block.file };
    }
    const args = block.attributes.get('args');
    if (args) {
      const value = evaluate(args.value, block.file);
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        out.args = Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === null || v === undefined ? [] : [[k, String(v)]])));
      }
    }
    const tags = stringList(block, 'tags');
    if (tags) out.tags = tags;
    const output = block.attributes.get('output');
    if (output) {
      const value = evaluate(output.value, block.file);
      out.output = (Array.isArray(value) ? value : [value]).flatMap((o) =>
        typeof o === 'string' ? [parseOutput(o)] : o && typeof o === 'object' && !Array.isArray(o) ? [o as Output] : [],
      );
    }
    return out;
  }

  /** What bake does with a target that stagecraft does not model, said where it stands rather than answered wrongly. */
  function unsupportedFeatures(block: Block): void {
    const matrix = block.attributes.get('matrix');
    if (matrix) {
      diagnostics.push(
        bakeError(
          'bake-unsupported-matrix',
          `stagecraft does not expand the matrix of target "${block.name}"`,
          'Bake makes one target per combination of the matrix; docker buildx bake --print lists them.',
          matrix.range,
          block.file,
        ),
      );
    }
    const contexts = block.attributes.get('contexts');
    const linked = contexts ? evaluate(contexts.value, block.file) : undefined;
    if (linked && typeof linked === 'object' && Object.values(linked).some((v) => typeof v === 'string' && v.startsWith('target:'))) {
      diagnostics.push({
        ...bakeError(
          'bake-unsupported-target-context',
          `target "${block.name}" uses another bake target as a build context; stagecraft does not count that target's stages`,
          'Bake builds the linked target first; run stagecraft bake on that target too to see its stages.',
          contexts!.range,
          block.file,
        ),
        severity: 'warning',
      });
    }
  }

  for (const name of targetNames) resolve(name, []);
  const targets = targetNames
    .slice()
    .sort()
    .map((name): ResolvedTarget => {
      const fields = resolved.get(name)!;
      const block = definition.targets.get(name)!;
      where[name] = { block: { range: block.range, file: block.file }, ...(fields.whereTarget ? { target: fields.whereTarget } : {}) };
      const out: ResolvedTarget = { name, context: fields.context ?? '.', dockerfile: fields.dockerfile ?? 'Dockerfile' };
      if (fields.args && Object.keys(fields.args).length > 0) out.args = fields.args;
      if (fields.tags) out.tags = fields.tags;
      if (fields.target !== undefined) out.target = fields.target;
      if (fields.output) out.output = fields.output;
      return out;
    });
  return { groups, targets, where, diagnostics };
}

/** Copies `from` over `into`: args key by key, every other field whole. Also carries where `target` was set. */
/** A target's fields while inherits are merged; `whereTarget` travels with `target`. */
type Fields = Partial<ResolvedTarget> & { whereTarget?: Where };

function merge(into: Fields, from: Fields): void {
  for (const [key, value] of Object.entries(from) as Array<[keyof ResolvedTarget | 'whereTarget', unknown]>) {
    if (key === 'args') into.args = { ...into.args, ...(value as Record<string, string>) };
    else (into as Record<string, unknown>)[key] = value;
  }
}

/** `type=cacheonly` or `type=local,dest=out` as --print shows it: an object of its key=value pairs. */
export function parseOutput(text: string): Output {
  const out: Output = {};
  for (const pair of text.split(',')) {
    const [key, ...rest] = pair.split('=');
    if (key?.trim()) out[key.trim()] = rest.join('=').trim();
  }
  return out;
}

function hintForUnknown(definition: BakeDefinition): string {
  const names = [...definition.targets.keys(), ...definition.groups.keys()].filter((n) => !n.startsWith('_'));
  return names.length > 0 ? `Targets and groups in the bake file: ${names.join(', ')}.` : 'The bake file defines no target.';
}
