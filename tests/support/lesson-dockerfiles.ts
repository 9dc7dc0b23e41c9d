// Every ```dockerfile block in the lessons, so tests can analyze what learners are shown.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LESSONS_DIR = join(import.meta.dirname, '..', '..', 'content', 'lessons');

export interface LessonDockerfile {
  lesson: string;
  /** 1-based position among the lesson's Dockerfile blocks. */
  index: number;
  /** The fence's meta string, e.g. `title="Dockerfile" expect-error`. */
  meta: string;
  text: string;
}

const FENCE = /^(`{3,}|~{3,})dockerfile\b([^\n]*)\n([\s\S]*?)^\1[ \t]*$/gim;

export function lessonDockerfiles(): LessonDockerfile[] {
  const found: LessonDockerfile[] = [];
  for (const file of readdirSync(LESSONS_DIR).filter((f) => f.endsWith('.mdx')).sort()) {
    const source = readFileSync(join(LESSONS_DIR, file), 'utf8');
    let index = 0;
    for (const match of source.matchAll(FENCE)) {
      found.push({ lesson: file.replace(/\.mdx$/, ''), index: ++index, meta: match[2]!.trim(), text: match[3]! });
    }
  }
  return found;
}
