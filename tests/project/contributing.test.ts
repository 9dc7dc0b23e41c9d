// CONTRIBUTING.md stays true to the code it describes: its example quiz (one question of each
// kind) is a valid quiz whose answers the analyzer computes, and every file or folder of the
// repository it names exists. The README links it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQuiz } from '../../src/lib/quiz/load.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const guide = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8');

describe('CONTRIBUTING.md', () => {
  it('shows one valid question of each kind the quiz schema has', () => {
    const block = /\*\*One of each kind\*\*[\s\S]*?```yaml\n([\s\S]*?)```/.exec(guide);
    expect(block, 'the ```yaml block after "**One of each kind**"').not.toBeNull();
    const quiz = loadQuiz('contributing-example', block![1]!);
    expect(quiz.questions.map((q) => q.kind).sort()).toEqual(['find-the-line', 'multiple', 'predict-build', 'predict-cache', 'single', 'true-false']);
  });

  it('names only files and folders that exist', () => {
    // The example quiz's files are its build context, not the repository's.
    const prose = guide.replace(/```yaml\n[\s\S]*?```/g, '');
    const paths = [...prose.matchAll(/`((?:src|tests|scripts|content|docs|bin|\.ci)\/[^`\s]*)`/g)]
      .map((match) => match[1]!.replace(/[:,.]$/, ''))
      // Placeholders (<slug>, <id>, **) name a kind of file, not one file.
      .filter((path) => !/[<*…]/.test(path));
    expect(paths.length).toBeGreaterThan(40);
    const missing = [...new Set(paths)].filter((path) => !existsSync(join(ROOT, path)));
    expect(missing).toEqual([]);
  });

  it('is linked from the README', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('](CONTRIBUTING.md)');
  });
});
