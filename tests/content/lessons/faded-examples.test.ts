// The faded worked examples of what-is-a-stage, named-stages-and-target and
// lean-production-images (issue #20): what each worked Dockerfile is said to do, that every
// line its notes quote is a line of it, and that the three steps of each lesson are in place
// (a worked Dockerfile, an exercise with blanks, a blank page), in order.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/index.ts';
import { findBlanks } from '../../../src/exercises/blanks.ts';
import { loadExercise } from '../../../src/exercises/load.ts';
import { lessonDockerfile } from '../../support/lesson-dockerfiles.ts';
import { lessonSource } from './mdx-source.ts';

/** The part of a lesson from its "Practice" heading on. */
const practice = (slug: string) => lessonSource(slug).split('## Practice: from a worked example to a blank page')[1] ?? '';

/** The Dockerfile lines the notes of step 1 quote first in each list item (`FROM …`: …). */
const quotedLines = (section: string) => [...section.matchAll(/^- `([^`]+)`/gm)].map((m) => m[1]!);

const LESSONS = [
  { slug: 'what-is-a-stage', worked: 'rust-worked', faded: 'what-is-a-stage-faded', blank: 'what-is-a-stage-blank-page' },
  { slug: 'named-stages-and-target', worked: 'python-targets-worked', faded: 'named-stages-faded', blank: 'named-stages-blank-page' },
  { slug: 'lean-production-images', worked: 'ruby-lean-worked', faded: 'lean-images-faded', blank: 'lean-images-blank-page' },
];

describe('faded worked examples', () => {
  for (const lesson of LESSONS) {
    describe(lesson.slug, () => {
      const section = practice(lesson.slug);
      const worked = lessonDockerfile(lesson.slug, lesson.worked).text;

      it('has the three steps in order: the worked Dockerfile, the blanks, the blank page (which opens after the blanks)', () => {
        const positions = [`id="${lesson.worked}"`, `<ExerciseSlot id="${lesson.faded}"`, `<ExerciseSlot id="${lesson.blank}"`].map((needle) => section.indexOf(needle));
        expect(positions.every((p) => p >= 0)).toBe(true);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        expect(section).toContain(`after="${lesson.faded}" exercise="${lesson.blank}"`);
      });

      it('quotes, in its notes, only lines of the worked Dockerfile (and at least its FROMs)', () => {
        const lines = worked.split('\n').map((line) => line.trim());
        const quoted = quotedLines(section);
        expect(quoted.length).toBeGreaterThanOrEqual(4);
        for (const line of quoted) expect(lines.some((l) => l.includes(line)), line).toBe(true);
        for (const from of lines.filter((l) => l.startsWith('FROM '))) expect(quoted).toContain(from);
      });

      it('gives step 2 blanks and step 3 a blank page', () => {
        expect(findBlanks(loadExercise(lesson.faded).starter).length).toBeGreaterThanOrEqual(2);
        const blank = loadExercise(lesson.blank);
        expect(analyze(blank.starter).stages).toEqual([]);
        expect(findBlanks(blank.starter)).toEqual([]);
      });

      it('analyzes the worked Dockerfile with nothing to report on either builder', () => {
        for (const builder of ['buildkit', 'classic'] as const) expect(analyze(worked, { builder }).diagnostics).toEqual([]);
      });
    });
  }

  it('what-is-a-stage: the Rust build runs build, then ships debian:bookworm-slim with only greet copied out of build', () => {
    const a = analyze(lessonDockerfile('what-is-a-stage', 'rust-worked').text);
    expect(a.stages.map((s) => [s.name, s.base])).toEqual([
      ['build', { kind: 'image', ref: 'rust:1.83' }],
      [null, { kind: 'image', ref: 'debian:bookworm-slim' }],
    ]);
    expect(a.plan.stages).toEqual([0, 1]);
    expect(a.edges.filter((e) => e.kind === 'copy-from').map((e) => [e.stage, e.target])).toEqual([[1, { kind: 'stage', index: 0 }]]);
  });

  it('named-stages-and-target: a plain build runs base and prod, --target test runs base and test (BuildKit); prod starts from base, not test', () => {
    const text = lessonDockerfile('named-stages-and-target', 'python-targets-worked').text;
    const names = (target: string | null) => {
      const a = analyze(text, { target });
      return a.plan.stages.map((i) => a.stages[i]!.name);
    };
    expect(names(null)).toEqual(['base', 'prod']);
    expect(names('test')).toEqual(['base', 'test']);
    const a = analyze(text);
    expect(a.stages.map((s) => [s.name, s.base])).toEqual([
      ['base', { kind: 'image', ref: 'python:3.12-slim' }],
      ['test', { kind: 'stage', index: 0 }],
      ['prod', { kind: 'stage', index: 0 }],
    ]);
    // Its two diagrams draw the same file, for the two builds the notes describe.
    expect(lessonDockerfile('named-stages-and-target', 'python-targets-worked-default').text.trim()).toBe(text.trim());
    expect(lessonDockerfile('named-stages-and-target', 'python-targets-worked-test').options.target).toBe('test');
  });

  it('lean-production-images: the Ruby image starts from ruby:3.3-slim, runs as nobody, and copies the gems and /app out of build', () => {
    const a = analyze(lessonDockerfile('lean-production-images', 'ruby-lean-worked').text);
    expect(a.stages.map((s) => s.base)).toEqual([
      { kind: 'image', ref: 'ruby:3.3' },
      { kind: 'image', ref: 'ruby:3.3-slim' },
    ]);
    expect(a.plan.stages).toEqual([0, 1]);
    const copies = a.stages[1]!.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.words.map((w) => w.value).join(' '));
    expect(copies).toEqual(['/usr/local/bundle /usr/local/bundle', '/app /app']);
    expect(a.stages[1]!.instructions.find((i) => i.keyword === 'USER')?.words[0]?.value).toBe('nobody');
  });
});
