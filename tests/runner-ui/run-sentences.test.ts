// The stage runner's status sentences (src/lib/runner-ui/run-sentences.ts).
import { describe, expect, it } from 'vitest';
import { chosenTargetLabel, compareLabel, finishedSentence } from '../../src/lib/runner-ui/run-sentences.ts';
import type { RunResult, RunStep, SandboxProcess } from '../../src/runner/types.ts';

const step = (status: RunStep['status'], reason?: string): RunStep => ({
  stage: 0,
  stageLabel: 'build',
  line: 4,
  text: 'RUN npm ci',
  status,
  ...(reason ? { reason } : {}),
});
const result = (ok: boolean, steps: RunStep[], process: SandboxProcess | null = null): RunResult => ({ target: 'prod', ok, root: '/r', steps, process });

describe('run sentences', () => {
  it('names the default target in lower case inside a sentence, a named one as labelled', () => {
    expect(chosenTargetLabel('The last stage (prod)', '')).toBe('the last stage (prod)');
    expect(chosenTargetLabel('Build', 'build')).toBe('Build');
    expect(chosenTargetLabel(undefined, '')).toBe('the last stage');
  });

  it('says where a build failed, with the step’s reason or its text', () => {
    expect(finishedSentence(result(false, [step('done'), step('failed', 'npm is not installed')]), null)).toEqual({
      text: 'Building prod failed at line 4: npm is not installed',
      kind: 'problem',
    });
    expect(finishedSentence(result(false, [step('failed')]), null).text).toBe('Building prod failed at line 4: RUN npm ci');
    expect(finishedSentence(result(false, []), null).text).toBe('Building prod failed; the output says why.');
  });

  it('says a built image’s command is running or has ended', () => {
    const running = { exit: new Promise<number>(() => {}) } as unknown as SandboxProcess;
    expect(finishedSentence(result(true, [step('done')], running), null)).toEqual({ text: 'The prod image is built and its command is running.', kind: 'ok' });
    expect(finishedSentence(result(true, [step('done')]), null)).toEqual({ text: 'The prod image is built; its command has ended.', kind: 'ok' });
  });

  it('says a run stopped, by the learner or by an error', () => {
    expect(finishedSentence(null, 'Stopped.')).toEqual({ text: 'Stopped.', kind: 'problem' });
    expect(finishedSentence(null, 'boot timed out').text).toBe('The run stopped: boot timed out');
    expect(finishedSentence(null, null).text).toBe('The run stopped: unknown error');
  });

  it('offers to compare the last two targets built, once there are two', () => {
    expect(compareLabel(['dev'])).toBeNull();
    expect(compareLabel(['dev', 'prod', 'debug'])).toBe('Compare prod and debug');
  });
});
