// The stage runner's panel, loaded by <stage-runner> (stage-runner.ts) when the learner
// first presses Run. It draws what a RunnerSession (src/lib/runner-ui/session.ts) reports:
// the steps, the output, the preview of a server, the comparison of two targets — or, where
// WebContainer cannot run, the one-sentence reason and the dry run. This file wires the
// session to the panel and the buttons; the pieces it draws with are beside it (runner-parts.ts,
// step-list.ts, log-view.ts, preview-view.ts, comparison-view.ts), the status sentences in
// src/lib/runner-ui/run-sentences.ts.
//
// The runner itself (run-target.ts, plan-from-analysis.ts, compare.ts) loads with it, and WebContainer
// (sandbox-webcontainer.ts) inside the boot. Every text written here is
// textContent or a DOM node built here: stage names, Dockerfile lines and process output
// are the learner's or a program's, and never become markup.
import { bootTimeout, browserEnvironment, type Unavailable } from '../../runner/capability.ts';
import type { RunEvent, RunRequest, RunResult, Sandbox } from '../../runner/types.ts';
import { buildContext, type RunnerData } from '../../lib/runner-ui/runner-data.ts';
import { chosenTargetLabel, compareLabel, finishedSentence, type SentenceKind } from '../../lib/runner-ui/run-sentences.ts';
import { RunnerSession, type DryRun, type RunnerDeps, type RunnerView } from '../../lib/runner-ui/session.ts';
import type { DockerfileSource } from './stage-runner.ts';
import { renderComparison } from './comparison-view.ts';
import { LogView } from './log-view.ts';
import { previewView } from './preview-view.ts';
import { findParts, type RunnerParts } from './runner-parts.ts';
import { StepList } from './step-list.ts';

/** The runner proper, imported on the first Run. */
async function loadRunner(): Promise<Pick<RunnerDeps, 'planSteps' | 'runTarget' | 'compareTargets'>> {
  const [{ runTarget }, { planSteps }, { compareTargets }] = await Promise.all([
    import('../../runner/run-target.ts'),
    import('../../runner/plan-from-analysis.ts'),
    import('../../runner/compare.ts'),
  ]);
  return { runTarget, planSteps, compareTargets };
}

/** Wires the panel; <stage-runner> calls run() on every press of Run. */
export function mountRunner(root: HTMLElement, data: RunnerData, source: DockerfileSource): { run(): Promise<void> } {
  const parts: RunnerParts = findParts(root);
  const steps = new StepList(parts.steps);
  const log = new LogView(parts.log);
  const preview = previewView(parts.previewSection, parts.preview);
  let session: RunnerSession | null = null;
  let runningTarget = '';

  const chosenLabel = (): string => chosenTargetLabel(parts.target.selectedOptions[0]?.textContent, parts.target.value);
  const say = (text: string, kind: SentenceKind = 'info'): void => {
    parts.status.textContent = text;
    parts.status.dataset['kind'] = kind;
  };

  // ---------- what the session reports ----------
  const view: RunnerView = {
    booting: () => say('Starting Node.js in your browser: it loads from StackBlitz, which can take a few seconds…'),
    unavailable: (reason: Unavailable, dryRun: DryRun) => {
      say(reason.sentence, 'unavailable');
      root.dataset['unavailable'] = reason.kind;
      parts.stepsTitle.textContent = `What building ${chosenLabel()} would do (a dry run: nothing ran)`;
      parts.planError.hidden = dryRun.error === null;
      parts.planError.textContent = dryRun.error ?? '';
      steps.show(dryRun.steps, true);
      parts.stepsSection.hidden = false;
      parts.logSection.hidden = true;
      preview.clear();
    },
    started: (_request: RunRequest, sandbox: Sandbox) => {
      runningTarget = chosenLabel();
      say(`Building ${runningTarget} in ${sandbox.description}…`);
      parts.stepsTitle.textContent = `Steps of ${runningTarget}`;
      parts.planError.hidden = true;
      parts.stepsSection.hidden = false;
      parts.logSection.hidden = false;
      parts.stop.hidden = false;
      log.clear();
      preview.clear();
    },
    event: (event: RunEvent) => {
      switch (event.type) {
        case 'plan':
          steps.show(event.steps, false);
          break;
        case 'step':
          // The runner writes its own lines for steps to the output (as BuildKit does).
          steps.update(event.index, event.step);
          break;
        case 'output':
          log.write(event.chunk);
          break;
        case 'server-ready':
          preview.show(event.port, event.url);
          break;
        case 'done':
          break;
      }
    },
    finished: (result: RunResult | null, error: string | null) => {
      const sentence = finishedSentence(result, error);
      say(sentence.text, sentence.kind);
      const process = result?.process ?? null;
      parts.stop.hidden = process === null;
      void process?.exit.then(
        () => {
          if (!session?.running) parts.stop.hidden = true;
        },
        () => {},
      );
    },
    comparable: (done: string[]) => {
      const label = compareLabel(done);
      parts.compare.hidden = label === null;
      if (label !== null) parts.compare.textContent = label;
    },
  };

  let starting: Promise<RunnerSession> | null = null;
  const startSession = (): Promise<RunnerSession> => {
    starting ??= loadRunner().then(
      (runner) =>
        (session = new RunnerSession(
          {
            ...runner,
            environment: () => browserEnvironment(),
            acquireSandbox: async () => {
              const { bootSandbox } = await import('../../runner/sandbox-webcontainer.ts');
              // data-boot-timeout-ms can only shorten the wait (the end-to-end tests use it).
              return bootSandbox({ timeoutMs: bootTimeout(root.dataset['bootTimeoutMs']) });
            },
          },
          view,
        )),
      (error: unknown) => {
        starting = null;
        throw error;
      },
    );
    return starting;
  };

  // ---------- controls ----------
  const run = async (): Promise<void> => {
    if (session?.running || root.dataset['busy']) return;
    // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
    parts.run.setAttribute('aria-disabled', 'true');
    root.dataset['busy'] = 'true';
    try {
      if (!session) say('Loading the runner…');
      const current = await startSession();
      await current.run({ dockerfile: source.current(), context: buildContext(data), target: parts.target.value || null });
    } catch {
      say('The runner could not be loaded; check your connection and try again.', 'problem');
    } finally {
      parts.run.removeAttribute('aria-disabled');
      delete root.dataset['busy'];
    }
  };

  parts.stop.addEventListener('click', () => {
    if (session?.stop()) say('Stopped.', 'info');
    parts.stop.hidden = true;
    preview.clear();
    parts.run.focus();
  });

  parts.compare.addEventListener('click', async () => {
    if (!session || parts.compare.getAttribute('aria-disabled') === 'true') return;
    parts.compare.setAttribute('aria-disabled', 'true');
    try {
      const comparison = await session.compare();
      if (comparison) renderComparison(parts, comparison);
    } catch (error) {
      say(`The targets could not be compared: ${error instanceof Error ? error.message : String(error)}`, 'problem');
    } finally {
      parts.compare.removeAttribute('aria-disabled');
    }
  });

  return { run };
}
