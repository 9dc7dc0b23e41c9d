// Reading the parts of a lesson's MDX source that tests/support/lesson-dockerfiles.ts does not
// cover: non-Dockerfile code blocks (compose.yaml) and the string props of components, so the
// lesson tests of one-dockerfile-every-environment, local-development-with-compose and
// debugging-stage can check what a diagram or a quiz claims.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LESSONS_DIR } from '../../support/lesson-dockerfiles.ts';

export function lessonSource(slug: string): string {
  return readFileSync(join(LESSONS_DIR, `${slug}.mdx`), 'utf8');
}

/** The body of the fenced code block in `lang` whose meta has `id="<id>"`. */
export function codeBlock(slug: string, lang: string, id: string): string {
  const fence = new RegExp('^(`{3,})' + lang + '\\b([^\\n]*)\\n([\\s\\S]*?)^\\1[ \\t]*$', 'gm');
  const found = [...lessonSource(slug).matchAll(fence)].filter((m) => new RegExp(`\\bid="${id}"`).test(m[2]!));
  if (found.length !== 1) throw new Error(`${slug}: expected one \`\`\`${lang} block with id="${id}", found ${found.length}`);
  return found[0]![3]!;
}

/** Every fenced code block in `lang`, with its meta. */
export function codeBlocks(slug: string, lang: string): Array<{ meta: string; text: string }> {
  const fence = new RegExp('^(`{3,})' + lang + '\\b([^\\n]*)\\n([\\s\\S]*?)^\\1[ \\t]*$', 'gm');
  return [...lessonSource(slug).matchAll(fence)].map((m) => ({ meta: m[2]!.trim(), text: m[3]! }));
}

/** The non-blank lines of the ```text block in `source` (a lesson or a part of one) whose body starts with `first`. */
export function textBlockStartingWith(source: string, first: string): string[] {
  const block = [...source.matchAll(/^```text\n([\s\S]*?)^```$/gm)].map((m) => m[1]!).find((body) => body.startsWith(first));
  if (block === undefined) throw new Error(`no \`\`\`text block starting "${first}"`);
  return block.split('\n').filter(Boolean);
}

/** The opening tag of the component `name` whose id prop is `id` (up to its `>` or `/>`). */
export function componentTag(slug: string, name: string, id: string): string {
  const tags = [...lessonSource(slug).matchAll(new RegExp(`<${name}\\b([\\s\\S]*?)(/?)>`, 'g'))]
    .map((m) => m[1]!)
    .filter((attrs) => new RegExp(`\\bid="${id}"`).test(attrs));
  if (tags.length !== 1) throw new Error(`${slug}: expected one <${name} id="${id}">, found ${tags.length}`);
  return tags[0]!;
}

/** A string prop (`name="value"`) of a component, or null when it is not set. */
export function stringProp(slug: string, component: string, id: string, prop: string): string | null {
  // Props before the dockerfile template literal, or after it: drop the literal first.
  const tag = componentTag(slug, component, id).replace(/\{`[\s\S]*?`\}/g, '{}');
  return new RegExp(`\\b${prop}="([^"]*)"`).exec(tag)?.[1] ?? null;
}

/** A PredictReveal's options (plain single-quoted strings) and the index of its answer. */
export function predictReveal(slug: string, id: string): { options: string[]; answer: number } {
  const tag = componentTag(slug, 'PredictReveal', id);
  const list = /\boptions=\{\[([\s\S]*?)\]\}/.exec(tag)?.[1];
  const answer = /\banswer=\{(\d+)\}/.exec(tag)?.[1];
  if (list === undefined || answer === undefined) throw new Error(`${slug}: PredictReveal ${id} has no options or answer`);
  const options = [...list.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!.replace(/\\'/g, "'"));
  return { options, answer: Number(answer) };
}
