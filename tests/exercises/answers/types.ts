// The shape of an exercise's answer table (like ESLint's valid/invalid cases): Dockerfiles a
// learner might write, each with what the goals must say about it.

export interface CorrectAnswer {
  /** What makes this solution different from the others. */
  name: string;
  dockerfile: string;
}

export interface WrongAnswer {
  /** The mistake, as a learner would make it. */
  name: string;
  dockerfile: string;
  /** Exactly the goals that must fail (in the exercise's order). */
  fails: string[];
  /** What the detail of the first failing goal must say. */
  detail?: RegExp;
  /** What the hint of the first error the editor shows (docker build .) must say. */
  problemHint?: RegExp;
}

export interface AnswerTable {
  correct: CorrectAnswer[];
  wrong: WrongAnswer[];
}

/**
 * A Dockerfile from an indented template literal: the common indentation and the first newline
 * go. Read raw, so a backslash continuation is written as in the Dockerfile; write `\${X}` for
 * a Dockerfile variable.
 */
export function dockerfile(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values)
    .replaceAll('\\${', '${')
    .replace(/^\n/, '');
  const indent = Math.min(...text.split('\n').filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length));
  return `${text
    .split('\n')
    .map((line) => line.slice(indent))
    .join('\n')
    .trimEnd()}\n`;
}
