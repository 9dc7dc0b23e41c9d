// The stage runner's panel, loaded by <stage-runner> (stage-runner.ts) when the learner
// first presses Run. It draws what a RunnerSession (src/lib/runner-ui/session.ts) reports:
// the steps, the output, the preview of a server, the comparison of two targets — or, where
// WebContainer cannot run, the one-sentence reason and the dry run.
//
// The runner itself (run-target.ts, plan-from-analysis.ts, compare.ts) loads with it, and WebContainer
// (sandbox-webcontainer.ts) inside the boot. Every text written here is
// textContent or a DOM node built here: stage names, Dockerfile lines and process output
// are the learner's or a program's, and never become markup.
import { bootTimeout, browserEnvironment, type Unavailable } from '../../runner/capability.ts';
import type { RunEvent, RunRequest, RunResult, RunStep, Sandbox, TargetComparison } from '../../runner/types.ts';
import { comparisonRows, firstItems, isPreviewUrl, statusWord } from '../../lib/runner-ui/format.ts';
import { buildContext, type RunnerData } from '../../lib/runner-ui/runner-data.ts';
import { RunnerSession, type DryRun, type RunnerDeps, type RunnerView } from '../../lib/runner-ui/session.ts';
import { MAX_LINES, TerminalText } from '../../lib/runner-ui/terminal.ts';
import type { DockerfileSource } from './stage-runner.ts';
import { element, part } from '../../lib/dom-parts.ts';

function findParts(root: HTMLElement) {
  return {
    target: part<HTMLSelectElement>(root, '[data-runner-target]'),
    run: part<HTMLButtonElement>(root, '[data-runner-run]'),
    stop: part<HTMLButtonElement>(root, '[data-runner-stop]'),
    compare: part<HTMLButtonElement>(root, '[data-runner-compare]'),
    status: part<HTMLElement>(root, '[data-runner-status]'),
    stepsSection: part<HTMLElement>(root, '[data-runner-steps-section]'),
    stepsTitle: part<HTMLElement>(root, '[data-runner-steps-title]'),
    planError: part<HTMLElement>(root, '[data-runner-plan-error]'),
    steps: part<HTMLOListElement>(root, '[data-runner-steps]'),
    logSection: part<HTMLElement>(root, '[data-runner-log-section]'),
    log: part<HTMLPreElement>(root, '[data-runner-log]'),
    previewSection: part<HTMLElement>(root, '[data-runner-preview-section]'),
    preview: part<HTMLElement>(root, '[data-runner-preview]'),
    compareSection: part<HTMLElement>(root, '[data-runner-compare-section]'),
    compareTitle: part<HTMLElement>(root, '[data-runner-compare-title]'),
    comparison: part<HTMLElement>(root, '[data-runner-comparison]'),
  };
}

type Parts = ReturnType<typeof findParts>;

/** The step list: one item per instruction, its status in words, a skipped step's reason. */
class StepList {
  readonly #list: HTMLOListElement;
  #items: HTMLLIElement[] = [];
  #dryRun = false;

  constructor(list: HTMLOListElement) {
    this.#list = list;
  }

  show(steps: readonly RunStep[], dryRun: boolean): void {
    this.#dryRun = dryRun;
    this.#items = steps.map((step) => {
      const item = element('li', 'runner-step');
      this.#fill(item, step);
      return item;
    });
    this.#list.replaceChildren(...this.#items);
  }

  update(index: number, step: RunStep): void {
    const item = this.#items[index];
    if (item) this.#fill(item, step);
  }

  #fill(item: HTMLLIElement, step: RunStep): void {
    item.dataset['status'] = step.status;
    const status = element('span', 'runner-step__status', statusWord(step.status, this.#dryRun));
    const where = element('span', 'runner-step__where', `${step.stageLabel} · line ${step.line}`);
    const text = element('code', 'runner-step__text', step.text);
    const parts: Array<Node | string> = [status, ' ', where, text];
    if (step.reason) parts.push(element('span', 'runner-step__reason', step.reason));
    item.replaceChildren(...parts);
  }
}

/**
 * The output log: finished lines are appended as text nodes (so a screen reader's live
 * region hears only what is new), the line being written is the last node, and at most
 * MAX_LINES lines stay. Drawn once per animation frame, however fast output comes.
 */
class LogView {
  readonly #pre: HTMLPreElement;
  readonly #terminal = new TerminalText();
  readonly #tail = document.createTextNode('');
  /** Finished lines drawn so far (all time), and how many each drawn node holds. */
  #drawn = 0;
  #nodes: Array<{ node: Text; lines: number }> = [];
  #scheduled = false;

  constructor(pre: HTMLPreElement) {
    this.#pre = pre;
    pre.replaceChildren(this.#tail);
  }

  write(chunk: string): void {
    this.#terminal.write(chunk);
    this.#schedule();
  }

  clear(): void {
    this.#terminal.clear();
    this.#drawn = 0;
    this.#nodes = [];
    this.#tail.data = '';
    this.#pre.replaceChildren(this.#tail);
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    requestAnimationFrame(() => {
      this.#scheduled = false;
      this.#flush();
    });
  }

  #flush(): void {
    const pre = this.#pre;
    const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 8;
    const { lines, dropped, current } = this.#terminal;
    const total = dropped + lines.length;
    const fresh = Math.min(total - this.#drawn, lines.length);
    if (fresh > 0) {
      const node = document.createTextNode(lines.slice(lines.length - fresh).map((line) => `${line}\n`).join(''));
      pre.insertBefore(node, this.#tail);
      this.#nodes.push({ node, lines: fresh });
      let kept = this.#nodes.reduce((sum, entry) => sum + entry.lines, 0);
      while (kept > MAX_LINES && this.#nodes.length > 1) {
        const oldest = this.#nodes.shift()!;
        oldest.node.remove();
        kept -= oldest.lines;
      }
    }
    this.#drawn = total;
    this.#tail.data = current;
    if (atBottom) pre.scrollTop = pre.scrollHeight;
  }
}

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
  const parts: Parts = findParts(root);
  const steps = new StepList(parts.steps);
  const log = new LogView(parts.log);
  let session: RunnerSession | null = null;
  let runningTarget = '';

  /** The chosen target for a sentence: `debug`, or `the last stage (debug)`. */
  const chosenLabel = (): string => {
    const label = parts.target.selectedOptions[0]?.textContent ?? 'The last stage';
    return parts.target.value === '' ? label.charAt(0).toLowerCase() + label.slice(1) : label;
  };
  const say = (text: string, kind: 'info' | 'ok' | 'problem' | 'unavailable' = 'info'): void => {
    parts.status.textContent = text;
    parts.status.dataset['kind'] = kind;
  };

  // ---------- the preview of a server ----------
  const showPreview = (port: number, url: string): void => {
    parts.previewSection.hidden = false;
    const line = element('p', 'runner__preview-line');
    if (isPreviewUrl(url)) {
      const link = element('a', '', 'Open it in a new tab');
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      line.append(`A server is listening on port ${port}. `, link);
      const frame = element('iframe', 'runner__frame');
      frame.title = `Preview of the server on port ${port}`;
      // Its own origin (webcontainer-api.io): scripts and forms run, nothing reaches this page.
      frame.setAttribute('sandbox', 'allow-scripts allow-forms allow-same-origin');
      frame.referrerPolicy = 'no-referrer';
      frame.src = url;
      parts.preview.replaceChildren(line, frame);
    } else {
      line.textContent = `A server is listening on port ${port} (${url}).`;
      parts.preview.replaceChildren(line);
    }
  };
  const clearPreview = (): void => {
    parts.preview.replaceChildren();
    parts.previewSection.hidden = true;
  };

  // ---------- comparison ----------
  const renderComparison = (comparison: TargetComparison): void => {
    const { a, b } = comparison;
    parts.compareTitle.textContent = `${a.target} and ${b.target} compared`;
    const table = element('table', 'runner__compare-table');
    const head = element('tr', '');
    head.append(element('th', '', 'What'), element('th', '', a.target), element('th', '', b.target));
    for (const cell of head.children) cell.setAttribute('scope', 'col');
    const body = element('tbody', '');
    for (const row of comparisonRows(comparison)) {
      const tr = element('tr', '');
      const label = element('th', '', row.label);
      label.scope = 'row';
      tr.append(label, element('td', '', row.a), element('td', '', row.b));
      body.append(tr);
    }
    const thead = element('thead', '');
    thead.append(head);
    table.append(thead, body);

    const only = (target: string, packages: string[], files: string[]): HTMLElement => {
      const box = element('div', 'runner__only');
      box.append(element('p', 'runner__only-title', `Only in ${target}`));
      const list = (what: string, items: string[]): HTMLElement => {
        const line = element('p', 'runner__only-line');
        if (items.length === 0) {
          line.textContent = `${what}: none.`;
          return line;
        }
        const { shown, more } = firstItems(items);
        line.append(`${what} (${items.length}): `);
        shown.forEach((item, index) => {
          if (index > 0) line.append(', ');
          line.append(element('code', '', item));
        });
        line.append(more > 0 ? ` and ${more} more.` : '.');
        return line;
      };
      box.append(list('Packages', packages), list('Files', files));
      return box;
    };
    const sides = element('div', 'runner__only-grid');
    sides.append(only(a.target, comparison.packagesOnlyIn.a, comparison.filesOnlyIn.a), only(b.target, comparison.packagesOnlyIn.b, comparison.filesOnlyIn.b));
    parts.comparison.replaceChildren(table, sides);
    parts.compareSection.hidden = false;
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
      clearPreview();
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
      clearPreview();
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
          showPreview(event.port, event.url);
          break;
        case 'done':
          break;
      }
    },
    finished: (result: RunResult | null, error: string | null) => {
      if (!result) {
        say(error === 'Stopped.' ? 'Stopped.' : `The run stopped: ${error ?? 'unknown error'}`, 'problem');
        parts.stop.hidden = true;
        return;
      }
      if (!result.ok) {
        const failed = result.steps.find((step) => step.status === 'failed');
        say(failed ? `Building ${result.target} failed at line ${failed.line}: ${failed.reason ?? failed.text}` : `Building ${result.target} failed; the output says why.`, 'problem');
      } else {
        say(result.process ? `The ${result.target} image is built and its command is running.` : `The ${result.target} image is built; its command has ended.`, 'ok');
      }
      const process = result.process;
      parts.stop.hidden = process === null;
      void process?.exit.then(
        () => {
          if (!session?.running) parts.stop.hidden = true;
        },
        () => {},
      );
    },
    comparable: (done: string[]) => {
      parts.compare.hidden = done.length < 2;
      if (done.length >= 2) parts.compare.textContent = `Compare ${done[done.length - 2]} and ${done[done.length - 1]}`;
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
    clearPreview();
    parts.run.focus();
  });

  parts.compare.addEventListener('click', async () => {
    if (!session || parts.compare.getAttribute('aria-disabled') === 'true') return;
    parts.compare.setAttribute('aria-disabled', 'true');
    try {
      const comparison = await session.compare();
      if (comparison) renderComparison(comparison);
    } catch (error) {
      say(`The targets could not be compared: ${error instanceof Error ? error.message : String(error)}`, 'problem');
    } finally {
      parts.compare.removeAttribute('aria-disabled');
    }
  });

  return { run };
}
