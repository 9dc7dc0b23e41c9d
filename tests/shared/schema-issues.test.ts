import { describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import { describeIssues } from '../../src/shared/schema-issues.ts';

describe('describeIssues', () => {
  it('names each problem by its path, one line each, and the root as (top level)', () => {
    const schema = z.object({ questions: z.array(z.object({ answer: z.string() })) });
    const nested = schema.safeParse({ questions: [{ answer: 'ok' }, { answer: 3 }] });
    const root = schema.safeParse('not an object');
    expect(nested.success || root.success).toBe(false);
    expect(describeIssues(nested.error!.issues)).toMatch(/^questions\.1\.answer: .+$/);
    expect(describeIssues(root.error!.issues)).toMatch(/^\(top level\): .+$/);
  });

  it('lists every problem, not only the first', () => {
    const result = z.object({ a: z.string(), b: z.number() }).safeParse({});
    expect(
      describeIssues(result.error!.issues)
        .split('\n')
        .map((line) => line.split(':')[0]),
    ).toEqual(['a', 'b']);
  });
});
