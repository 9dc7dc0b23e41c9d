// What the rule pages and hints say about Docker, held against the analyzer's model of the
// builds and against the engine recordings (tests/fixtures/builds on Docker 26.1,
// tests/fixtures/checks on Docker 28.5), where the texts were corrected for issue #13.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { RULES } from '../../src/analyzer/rules/index.ts';
import { loadRecording } from '../support/check-cases.ts';
import { recordedBuild } from '../support/goldens.ts';

const rationale = (id: string): string => {
  const rule = RULES.find((r) => r.meta.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return String(rule.meta.rationale);
};

const DUPLICATE = 'FROM alpine:3.20 AS deps\nFROM deps AS test\nRUN echo lint\n\nFROM deps AS test\nRUN echo unit\n\nFROM alpine:3.20 AS prod\n';

describe('duplicate-stage-name: the classic builder fails only when a build reaches the second name', () => {
  it('says so in its hint, and the classic plan bears it out for both targets', () => {
    const finding = analyze(DUPLICATE).diagnostics.find((d) => d.id === 'duplicate-stage-name')!;
    expect(finding.range.start.line).toBe(5);
    expect(finding.hint).toContain('the classic builder stops with an error when a build reaches this line');
    expect(finding.hint).not.toContain('refuses the file');
    const reaching = analyze(DUPLICATE, { builder: 'classic' });
    expect(reaching.plan.fails).toBe(true);
    expect(reaching.plan.stoppedAt!.range.start.line).toBe(5);
    const stoppingBefore = analyze(DUPLICATE, { builder: 'classic', target: 'test' });
    expect(stoppingBefore.plan.fails).toBe(false);
    // Recorded on Docker 26.1: the classic builder builds --target test (the first) and fails the default build.
    expect(recordedBuild('duplicate-stage-name-test-target', ['--target', 'test']).classic.ok).toBe(true);
    expect(recordedBuild('duplicate-stage-name-test-target', []).classic.ok).toBe(false);
  });
});

describe('reserved-stage-name: what the names mean, as recorded', () => {
  it('no longer says COPY --from=context reads the build context: Docker reads it as an image name', () => {
    const text = rationale('reserved-stage-name');
    expect(text).toContain('`COPY --from=context` does not read the build context');
    const copy = analyze('FROM alpine:3.20\nCOPY --from=context f.txt /f.txt\n').edges.find((e) => e.kind === 'copy-from');
    expect(copy!.target).toEqual({ kind: 'image', ref: 'context' });
  });

  it('Docker 28.5 reports both reserved names, on their FROM lines', () => {
    const rules = loadRecording('rules')!;
    const invalid = rules.cases.find((c) => c.id === 'reserved-stage-name/invalid/1')!;
    expect(invalid.checks.filter((c) => c.rule === 'ReservedStageName').map((c) => [c.rule, c.line])).toEqual([
      ['ReservedStageName', 1],
      ['ReservedStageName', 2],
    ]);
  });
});

describe('secrets-used-in-arg-or-env: env= on a secret mount is for Docker 28.5, not 26.1', () => {
  it('the hint says which Docker takes env= and what to do on 26.1', () => {
    const finding = analyze('FROM alpine:3.20\nARG GITHUB_TOKEN\n').diagnostics.find((d) => d.id === 'secrets-used-in-arg-or-env')!;
    expect(finding.hint).toContain('RUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN');
    expect(finding.hint).toContain('Docker 28.5 supports `env=` on the mount, Docker 26.1 does not');
    expect(finding.hint).toContain('/run/secrets/github_token');
  });
});

describe('json-args-recommended: who is PID 1 depends on the shell', () => {
  it('does not claim the shell always becomes PID 1', () => {
    const text = rationale('json-args-recommended');
    expect(text).not.toMatch(/the shell becomes PID 1/);
    expect(text).toMatch(/Debian's dash .* does not/);
    expect(text).toMatch(/no shell does for commands joined with `;` or a pipe/);
  });
});
