// The room catalog straight from content/ (Node only): what the build writes to
// dist/workshops/rooms/catalog.json, for the room server's tests and the load test, which
// must not depend on a build. Lesson slugs stand in for lesson titles.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadExercises } from '../../exercises/load.ts';
import { loadQuiz } from '../../lib/quiz/load.ts';
import { buildCatalog } from '../../lib/rooms/catalog-build.ts';
import type { RoomCatalog } from '../../lib/rooms/catalog.ts';

export function catalogFromContent(root = process.cwd()): RoomCatalog {
  const dir = join(root, 'content', 'quizzes');
  const quizzes = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => loadQuiz(name.slice(0, -'.yaml'.length), readFileSync(join(dir, name), 'utf8')));
  return buildCatalog(quizzes, loadExercises(join(root, 'content', 'exercises')), new Map());
}
