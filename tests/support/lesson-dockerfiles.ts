// Every Dockerfile the lessons show, so tests can analyze what learners are shown:
//   - each ```dockerfile fence (its meta string, e.g. `title="Dockerfile" id="go-build" {4-5}`);
//   - each <StageDiagram … dockerfile={`…`} /> (id from its id prop; its meta records
//     target and builder, e.g. `target="prod" builder="classic"`).
// lessonDockerfile(slug, id) returns one of them by id.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Builder } from '../../src/analyzer/index.ts';
import { normalizeDockerfile } from '../../src/lib/stage-diagram.ts';

export const LESSONS_DIR = join(import.meta.dirname, '..', '..', 'content', 'lessons');

export interface LessonDockerfile {
  lesson: string;
  /** 1-based position among the lesson's Dockerfiles (fences and diagrams, in file order). */
  index: number;
  /** Where it comes from. */
  kind: 'fence' | 'diagram';
  /** The fence's `id="…"` or the diagram's id prop; null when it has none. */
  id: string | null;
  /** The fence's meta string, e.g. `title="Dockerfile" expect-error`; for a diagram
   *  `target="…" builder="…"` from its props (each only when given). */
  meta: string;
  /** The build a StageDiagram draws (its target, builder and buildArgs props); empty for fences. */
  options: { target?: string; builder?: Builder; buildArgs?: Record<string, string> };
  text: string;
}

const FENCE = /^([ \t]*)(`{3,}|~{3,})dockerfile\b([^\n]*)\n([\s\S]*?)^[ \t]*\2[ \t]*$/gim;
const DIAGRAM = /<StageDiagram\b/g;

/** The value of `name="…"` in a fence's meta string. */
export function metaValue(meta: string, name: string): string | null {
  const match = new RegExp(`(?:^|\\s)${name}=(?:"([^"]*)"|'([^']*)')`).exec(meta);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** A template literal's text as JavaScript evaluates it (escapes resolved; `${` refused). */
export function cookTemplate(raw: string, where: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '$' && raw[i + 1] === '{') throw new Error(`${where}: the dockerfile template literal contains \${; escape it as \\\${`);
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = raw[++i];
    if (next === undefined) break;
    if (next === '\r' && raw[i + 1] === '\n') i++;
    else if (next === '\n' || next === '\r' || next === '\u2028' || next === '\u2029') continue;
    else if (next === 'n') out += '\n';
    else if (next === 't') out += '\t';
    else if (next === 'r') out += '\r';
    else if (next === 'b') out += '\b';
    else if (next === 'f') out += '\f';
    else if (next === 'v') out += '\v';
    else if (next === '0' && !/[0-9]/.test(raw[i + 1] ?? '')) out += '\0';
    else if (next === 'x') {
      out += String.fromCharCode(parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (next === 'u') {
      const braced = /^\{([0-9a-fA-F]+)\}/.exec(raw.slice(i + 1));
      if (braced) {
        out += String.fromCodePoint(parseInt(braced[1]!, 16));
        i += braced[0].length;
      } else {
        out += String.fromCharCode(parseInt(raw.slice(i + 1, i + 5), 16));
        i += 4;
      }
    } else out += next;
  }
  return out;
}

/** Reads a JavaScript string literal ('…' or "…") starting at `start`; returns its value and end. */
function readQuoted(source: string, start: number): { value: string; end: number } {
  const quote = source[start]!;
  let i = start + 1;
  let raw = '';
  while (i < source.length && source[i] !== quote) {
    if (source[i] === '\\') raw += source[i++];
    raw += source[i++];
  }
  return { value: cookTemplate(raw.replaceAll('${', '$\\{'), 'string'), end: i + 1 };
}

/** The end of a balanced {…} expression starting at `start` (which is `{`), skipping strings. */
function expressionEnd(source: string, start: number, where: string): number {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === '"' || c === "'") i = readQuoted(source, i).end - 1;
    else if (c === '`') {
      i++;
      while (i < source.length && source[i] !== '`') i += source[i] === '\\' ? 2 : 1;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  throw new Error(`${where}: unbalanced { in its props`);
}

/** `{ K: 'v', "K2": "v2" }` (string values only) → an object; anything else throws. */
function parseBuildArgs(expression: string, where: string): Record<string, string> {
  const inner = expression.trim().replace(/^\{/, '').replace(/\}$/, '').trim();
  const args: Record<string, string> = {};
  const entry = /\s*(?:([A-Za-z_$][\w$]*)|"([^"]*)"|'([^']*)')\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`((?:[^`\\$]|\\.)*)`)\s*(?:,|$)/y;
  let at = 0;
  while (at < inner.length) {
    entry.lastIndex = at;
    const m = entry.exec(inner);
    if (!m) throw new Error(`${where}: buildArgs must be an object of string literals, e.g. {{ VERSION: '1.23' }}`);
    args[(m[1] ?? m[2] ?? m[3])!] = cookTemplate(m[4] ?? m[5] ?? m[6] ?? '', where);
    at = entry.lastIndex;
  }
  return args;
}

interface DiagramProps {
  id?: string;
  dockerfile?: string;
  target?: string;
  builder?: string;
  buildArgs?: Record<string, string>;
}

/** The props of the <StageDiagram … /> starting at `start`, and where it ends. */
function diagramAt(source: string, start: number, where: string): { props: DiagramProps; end: number } {
  const props: Record<string, unknown> = {};
  let i = start + '<StageDiagram'.length;
  for (;;) {
    while (/\s/.test(source[i] ?? '')) i++;
    if (source.startsWith('/>', i) || source[i] === '>') return { props, end: i + (source[i] === '>' ? 1 : 2) };
    const name = /^[A-Za-z_][\w-]*/.exec(source.slice(i))?.[0];
    if (!name) throw new Error(`${where}: cannot read its props near ${JSON.stringify(source.slice(i, i + 30))}`);
    i += name.length;
    if (source[i] !== '=') {
      props[name] = true;
      continue;
    }
    i++;
    if (source[i] === '"' || source[i] === "'") {
      const q = source[i]!;
      const close = source.indexOf(q, i + 1);
      props[name] = source.slice(i + 1, close);
      i = close + 1;
    } else if (source[i] === '{') {
      const end = expressionEnd(source, i, where);
      const expression = source.slice(i + 1, end - 1).trim();
      if (expression.startsWith('`') && expression.endsWith('`')) props[name] = cookTemplate(expression.slice(1, -1), `${where} ${name}`);
      else if (/^(['"]).*\1$/s.test(expression)) props[name] = readQuoted(expression, 0).value;
      else if (name === 'buildArgs') props[name] = parseBuildArgs(expression, where);
      else props[name] = expression;
      i = end;
    } else throw new Error(`${where}: cannot read the value of ${name}`);
  }
}

function lineNumber(source: string, offset: number): number {
  return source.slice(0, offset).split('\n').length;
}

/** The Dockerfiles in one lesson's MDX source, in file order. */
export function dockerfilesIn(lesson: string, source: string): LessonDockerfile[] {
  const found: Array<Omit<LessonDockerfile, 'index'> & { at: number }> = [];
  for (const match of source.matchAll(FENCE)) {
    const indent = match[1]!;
    const meta = match[3]!.trim();
    const body = indent ? match[4]!.replace(new RegExp(`^${indent}`, 'gm'), '') : match[4]!;
    found.push({ at: match.index, lesson, kind: 'fence', id: metaValue(meta, 'id'), meta, options: {}, text: body });
  }
  for (const match of source.matchAll(DIAGRAM)) {
    const where = `content/lessons/${lesson}.mdx:${lineNumber(source, match.index)} <StageDiagram>`;
    const { props } = diagramAt(source, match.index, where);
    if (typeof props.dockerfile !== 'string') throw new Error(`${where}: no dockerfile={\`…\`} prop`);
    const builder = props.builder === 'classic' || props.builder === 'buildkit' ? props.builder : undefined;
    const options: LessonDockerfile['options'] = {};
    if (props.target) options.target = props.target;
    if (builder) options.builder = builder;
    if (props.buildArgs) options.buildArgs = props.buildArgs;
    const meta = [options.target && `target="${options.target}"`, builder && `builder="${builder}"`].filter(Boolean).join(' ');
    found.push({ at: match.index, lesson, kind: 'diagram', id: props.id ?? null, meta, options, text: normalizeDockerfile(props.dockerfile) });
  }
  return found.sort((a, b) => a.at - b.at).map(({ at: _at, ...block }, i) => ({ ...block, index: i + 1 }));
}

function lessonFiles(): string[] {
  return readdirSync(LESSONS_DIR)
    .filter((f) => f.endsWith('.mdx'))
    .sort();
}

export function lessonDockerfiles(): LessonDockerfile[] {
  return lessonFiles().flatMap((file) => dockerfilesIn(file.replace(/\.mdx$/, ''), readFileSync(join(LESSONS_DIR, file), 'utf8')));
}

/** The Dockerfile with this id (a fence's id="…" or a StageDiagram's id) in one lesson. */
export function lessonDockerfile(slug: string, id: string): LessonDockerfile {
  const file = join(LESSONS_DIR, `${slug}.mdx`);
  if (!existsSync(file)) throw new Error(`lessonDockerfile: there is no lesson content/lessons/${slug}.mdx`);
  const blocks = dockerfilesIn(slug, readFileSync(file, 'utf8'));
  const matches = blocks.filter((block) => block.id === id);
  if (matches.length === 1) return matches[0]!;
  const ids = blocks.flatMap((block) => (block.id ? [`"${block.id}"`] : []));
  if (matches.length > 1)
    throw new Error(`lessonDockerfile: content/lessons/${slug}.mdx has ${matches.length} Dockerfiles with id "${id}"; ids must be unique`);
  throw new Error(
    `lessonDockerfile: content/lessons/${slug}.mdx has no Dockerfile with id "${id}" (ids there: ${ids.join(', ') || 'none'}). ` +
      'Give the ```dockerfile fence id="…" in its meta, or the <StageDiagram> an id prop.',
  );
}
