// The exercise travels to the browser as JSON inside <script type="application/json">
// (src/lib/workbench/embed.ts): nothing in it may end the element or open a comment.

import { describe, expect, it } from 'vitest';
import { embedJson, exerciseFromJson, readEmbeddedJson } from '../../src/lib/workbench/embed.ts';
import type { Exercise } from '../../src/exercises/types.ts';

const HOSTILE = 'FROM alpine AS a\n# </script><script>alert(1)</script> <!-- x --> & \u2028 \u2029 </SCRIPT >';

const exercise: Exercise = {
  id: 'x',
  title: 'Title </script>',
  lesson: 'l',
  task: 'Do <b>it</b>',
  starter: HOSTILE,
  solution: 'FROM scratch',
  files: { '.dockerignore': 'node_modules\n' },
  goals: [{ kind: 'stage-exists', stage: 'a', id: 'g', statement: 'A <stage>', failure: 'f', hints: ['h'] }],
  hints: ['<img src=x onerror=alert(1)>'],
};

describe('embedJson', () => {
  it('writes no character that HTML treats specially inside a script element', () => {
    const json = embedJson(exercise);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json.toLowerCase()).not.toContain('</script');
    expect(json).not.toContain('<!--');
    expect(json).toContain('\\u003c/script\\u003e');
  });

  it('reads back as exactly the same value', () => {
    expect(readEmbeddedJson(embedJson(exercise))).toEqual(exercise);
    expect(JSON.parse(embedJson({ text: HOSTILE }))).toEqual({ text: HOSTILE });
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => embedJson(undefined)).toThrow(TypeError);
  });
});

describe('reading the data block', () => {
  it('gives null for text that is not JSON', () => {
    expect(readEmbeddedJson('{')).toBeNull();
    expect(readEmbeddedJson('')).toBeNull();
  });

  it('accepts an exercise with the fields the workbench uses', () => {
    expect(exerciseFromJson(readEmbeddedJson(embedJson(exercise)))).toEqual(exercise);
  });

  it('rejects anything else, so the server-rendered exercise stays', () => {
    expect(exerciseFromJson(null)).toBeNull();
    expect(exerciseFromJson([])).toBeNull();
    expect(exerciseFromJson({ ...exercise, starter: 3 })).toBeNull();
    expect(exerciseFromJson({ ...exercise, goals: [{ id: 'g' }] })).toBeNull();
    expect(exerciseFromJson({ ...exercise, files: { a: 1 } })).toBeNull();
    expect(exerciseFromJson({ ...exercise, hints: 'one' })).toBeNull();
  });
});
