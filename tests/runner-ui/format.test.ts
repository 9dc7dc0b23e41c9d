// Words, numbers and targets the runner panel shows (src/lib/runner-ui/format.ts,
// targets.ts, runner-data.ts, dockerfile-change.ts).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { changedText, changeWasAnalysed, dockerfileChangeEvent, DOCKERFILE_CHANGE } from '../../src/lib/runner-ui/dockerfile-change.ts';
import { comparisonRows, firstItems, formatBytes, isPreviewUrl, statusWord } from '../../src/lib/runner-ui/format.ts';
import { buildContext, runnerDataFromJson } from '../../src/lib/runner-ui/runner-data.ts';
import { keptChoice, runTargets } from '../../src/lib/runner-ui/targets.ts';
import { embedJson, readEmbeddedJson } from '../../src/lib/workbench/embed.ts';

describe('statusWord', () => {
  it('says every status in words; a dry run\'s pending steps "would run"', () => {
    expect(statusWord('pending', false)).toBe('Waiting');
    expect(statusWord('pending', true)).toBe('Would run');
    expect(statusWord('running', false)).toBe('Running');
    expect(statusWord('done', false)).toBe('Done');
    expect(statusWord('skipped', true)).toBe('Skipped');
    expect(statusWord('failed', false)).toBe('Failed');
  });
});

describe('formatBytes', () => {
  it('counts in powers of 1024', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(14_540)).toBe('14.2 KB');
    expect(formatBytes(3.4 * 1024 * 1024)).toBe('3.4 MB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
    expect(formatBytes(Number.NaN)).toBe('0 B');
  });
});

describe('comparisonRows and firstItems', () => {
  it('shows files, size on disk and packages for each target', () => {
    const rows = comparisonRows({
      a: { target: 'dev', files: 1, bytes: 2048, packages: ['express', 'tsx'] },
      b: { target: 'prod', files: 12, bytes: 1024 * 1024, packages: ['express'] },
      packagesOnlyIn: { a: ['tsx'], b: [] },
      filesOnlyIn: { a: [], b: [] },
    });
    expect(rows).toEqual([
      { label: 'Files', a: '1 file', b: '12 files' },
      { label: 'Size on disk', a: '2.0 KB', b: '1.0 MB' },
      { label: 'Packages in node_modules', a: '2 packages', b: '1 package' },
    ]);
  });

  it('cuts long lists and counts the rest', () => {
    expect(firstItems(['a', 'b', 'c'], 2)).toEqual({ shown: ['a', 'b'], more: 1 });
    expect(firstItems(['a'], 2)).toEqual({ shown: ['a'], more: 0 });
  });
});

describe('isPreviewUrl', () => {
  it('frames only https WebContainer previews', () => {
    expect(isPreviewUrl('https://abc--3000--1234.local-corp.webcontainer-api.io')).toBe(true);
    expect(isPreviewUrl('https://abc--3000--1234.local-corp.webcontainer-api.io/path?q=1')).toBe(true);
    expect(isPreviewUrl('http://abc.local-corp.webcontainer-api.io')).toBe(false);
    expect(isPreviewUrl('https://webcontainer-api.io.evil.example')).toBe(false);
    expect(isPreviewUrl('https://user:pw@abc.webcontainer-api.io')).toBe(false);
    expect(isPreviewUrl('http://localhost:3000')).toBe(false);
    expect(isPreviewUrl('javascript:alert(1)')).toBe(false);
    expect(isPreviewUrl('not a url')).toBe(false);
  });
});

describe('runTargets', () => {
  it('offers the last stage, then every named stage once', () => {
    const targets = runTargets(analyze('FROM node:22 AS build\nFROM build AS Dev\nFROM node:22-slim\nFROM build AS dev2\n'));
    expect(targets).toEqual([
      { value: '', label: 'The last stage (dev2)' },
      { value: 'build', label: 'build' },
      { value: 'dev', label: 'Dev' },
      { value: 'dev2', label: 'dev2' },
    ]);
    expect(runTargets(analyze('FROM node:22\n'))[0]).toEqual({ value: '', label: 'The last stage (stage 0)' });
    expect(runTargets(analyze(''))).toEqual([{ value: '', label: 'The last stage' }]);
  });

  it('keeps a stage name that is markup as a plain label, and offers no invalid name as a target', () => {
    const targets = runTargets(analyze('FROM node:22 AS <img/src=x/onerror=alert(1)>\n'));
    expect(targets).toEqual([{ value: '', label: 'The last stage (<img/src=x/onerror=alert(1)>)' }]);
  });

  it('keeps the chosen target while it exists', () => {
    const targets = runTargets(analyze('FROM node:22 AS build\nFROM build AS dev\n'));
    expect(keptChoice(targets, 'dev')).toBe('dev');
    expect(keptChoice(targets, 'prod')).toBe('');
  });
});

describe('runner data and change events', () => {
  it('round-trips through a data block and refuses broken blocks', () => {
    const data = {
      exercise: 'x',
      starter: 'FROM node:22\n</script><script>alert(1)</script>',
      context: { 'package.json': '{}', 'package-lock.json': '{"lockfileVersion":3}' },
    };
    const read = runnerDataFromJson(readEmbeddedJson(embedJson(data)));
    expect(read).toEqual(data);
    expect(embedJson(data)).not.toContain('</script>');
    expect(buildContext(read!)).toEqual(data.context);
    expect(buildContext(read!)).not.toBe(read!.context);
    expect(runnerDataFromJson(null)).toBeNull();
    expect(runnerDataFromJson({ exercise: 'x', starter: 'FROM a', context: { a: 1 } })).toBeNull();
    expect(runnerDataFromJson({ exercise: 'x', starter: 3, context: {} })).toBeNull();
  });

  it('carries the text in a stagecraft:dockerfile-change event', () => {
    const event = dockerfileChangeEvent('FROM node:22\n');
    expect(event.type).toBe(DOCKERFILE_CHANGE);
    expect(changedText(event)).toBe('FROM node:22\n');
    expect(changedText(new CustomEvent(DOCKERFILE_CHANGE, { detail: { text: 3 } }))).toBeNull();
    expect(changedText(new Event(DOCKERFILE_CHANGE))).toBeNull();
  });

  it('says whether the workbench analysed the text (not when it was over the limit)', () => {
    expect(changeWasAnalysed(dockerfileChangeEvent('FROM node:22\n'))).toBe(true);
    expect(changeWasAnalysed(dockerfileChangeEvent('x'.repeat(10), false))).toBe(false);
    expect(changedText(dockerfileChangeEvent('FROM a', false))).toBe('FROM a');
    // An event from an older page, without the field, is treated as analysed.
    expect(changeWasAnalysed(new CustomEvent(DOCKERFILE_CHANGE, { detail: { text: 'FROM a' } }))).toBe(true);
  });
});
