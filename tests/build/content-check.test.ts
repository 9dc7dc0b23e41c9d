// The build refuses content that contradicts the analyzer (src/integrations/content-check.ts):
// an exercise solution that fails its goals, a starter that already passes them, a quiz the
// analyzer does not bear out. The course's own content has none.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentContradiction, contentCheck } from '../../src/integrations/content-check.ts';
import { contentContradictions, exerciseContradictions, quizContradictions } from '../../src/build/content-contradictions.ts';

const CONTENT = join(import.meta.dirname, '..', '..', 'content');
const scratch = mkdtempSync(join(tmpdir(), 'stagecraft-content-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A project whose content/ is a copy of the course's, to break; returns its content/ folder. */
function contentCopy(name: string): string {
  const root = join(scratch, name, 'content');
  cpSync(join(CONTENT, 'exercises'), join(root, 'exercises'), { recursive: true });
  cpSync(join(CONTENT, 'quizzes'), join(root, 'quizzes'), { recursive: true });
  return root;
}

/** The integration's hooks, as astro build calls them, on the project that holds `content`. */
function buildStart(content: string): void {
  const integration = contentCheck();
  const hooks = integration.hooks as Record<string, (options: unknown) => void>;
  hooks['astro:config:setup']!({ config: { root: pathToFileURL(join(content, '..') + '/') } });
  hooks['astro:build:start']!({ logger: { info: () => {}, warn: () => {} } });
}

// Each test analyses every exercise and quiz of the course (about 2 s alone; several times that
// on a busy 2-core machine), so the block has its own time limit.
describe('content contradictions', { timeout: 60_000 }, () => {
  it('the course content has none, and the build starts', () => {
    expect(contentContradictions(CONTENT)).toEqual([]);
    expect(() => buildStart(CONTENT)).not.toThrow();
  });

  it('an exercise solution that fails a goal stops the build, naming the goal and why', () => {
    const root = contentCopy('failing-solution');
    const solution = join(root, 'exercises', 'named-stages-and-target', 'solution.Dockerfile');
    const [build, dev, prod] = readFileSync(solution, 'utf8').split('\n\n');
    writeFileSync(solution, `${dev}\n\n${build}\n\n${prod}`);
    const problems = exerciseContradictions(join(root, 'exercises'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^content\/exercises\/named-stages-and-target\/solution\.Dockerfile fails its goal "dev-builds": .*docker\.io\/library\/build:latest/,
    );
    expect(() => buildStart(root)).toThrow(ContentContradiction);
  });

  it('a starter that already meets every goal is reported', () => {
    const root = contentCopy('solved-starter');
    const dir = join(root, 'exercises', 'what-is-a-stage');
    writeFileSync(join(dir, 'starter.Dockerfile'), readFileSync(join(dir, 'solution.Dockerfile')));
    expect(exerciseContradictions(join(root, 'exercises'))).toEqual([
      'content/exercises/what-is-a-stage/starter.Dockerfile already meets every goal: there is nothing to do',
    ]);
  });

  it('a quiz explanation naming other stages than the analyzer computes stops the build', () => {
    const root = contentCopy('bad-explanation');
    const file = join(root, 'quizzes', 'sharing-steps.yaml');
    const yaml = readFileSync(file, 'utf8');
    const wrong = yaml.replace(
      "explanation: BuildKit follows the target's FROM back to `base` and nothing else.",
      'explanation: BuildKit runs `base`, `dev` and `test`.',
    );
    expect(wrong).not.toBe(yaml);
    writeFileSync(file, wrong);
    const problems = quizContradictions(join(root, 'quizzes'));
    expect(problems).toEqual([
      'quiz "sharing-steps", question "target-test-buildkit": the explanation says "runs `base`, `dev` and `test`", but the analyzer has BuildKit run `base`, `test`',
    ]);
    expect(() => buildStart(root)).toThrow(/content contradicts the analyzer \(1\):\n- quiz "sharing-steps"/);
  });
});
