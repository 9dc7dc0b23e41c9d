// The playground proper, loaded by <dockerfile-playground> (playground.ts). It puts the
// Dockerfile editor (src/lib/workbench/editor.ts) where the sample's code block was and
// keeps every panel in step with the text, the target, the builder, the Docker release and
// the build arguments. This file holds the state (the text's origin, the selection, the
// refresh pipeline) and wires the controls; its pieces are beside it: the parts
// (playground-parts.ts), the panels (playground-panels.ts, drawn from the same view trees as
// the server-rendered sample, as DOM nodes: learner and link text is never parsed as HTML),
// keeping the text (playground-keeping.ts, src/lib/playground/text-slots.ts), the status line,
// the share button and file opening.
//
// Where the text comes from, and what is never lost:
//   - the page opens with a share link's Dockerfile, else the one kept in this browser,
//     else the sample (src/lib/playground/kept-text.ts);
//   - a share link that cannot be read (damaged, hostile, too big) says why in the status
//     line, and the editor opens with what it would have without it;
//   - opening or dropping a file refuses anything that is not a text file of at most
//     256 KB, with the reason, and keeps the editor as it is;
//   - whatever replaces the whole text (a link, a file, the sample) sets the old text
//     aside: "Back to previous" swaps it back, and Ctrl+Z undoes the replacement too.
import type { Builder } from '../../analyzer/model.ts';
import { parseBuildArgs } from '../../lib/playground/build-args.ts';
import { readDockerfileFile, refusal, shortName, type FileLike } from '../../lib/playground/file-text.ts';
import { readKept, startingText, type Start } from '../../lib/playground/kept-text.ts';
import { buildDiagnostics, completeReportSteps, pickerTarget, selectedAnalysis, type BuildReport, type Selection } from '../../lib/playground/report.ts';
import { sameBuild } from '../../lib/playground/same-build.ts';
import { engineOf } from '../../lib/workbench/engines.ts';
import { SAMPLE_DOCKERFILE } from '../../lib/playground/sample.ts';
import { fragmentParams, readSharedDockerfile, unreadableLinkMessage } from '../../lib/playground/share-link.ts';
import { backOffer } from '../../lib/playground/text-slots.ts';
import { targetPlanSteps, type TargetPlans } from '../../lib/playground/target-plans.ts';
import { MAX_DOCKERFILE_BYTES } from '../../lib/playground/text-check.ts';
import { browserStorage, type StorageLike } from '../../lib/progress/storage.ts';
import { createEditor, type DockerfileEditor } from '../../lib/workbench/editor.ts';
import { prewarmAnalyzer } from '../../lib/workbench/prewarm.ts';
import { createRefreshScheduler } from '../../lib/workbench/refresh-scheduler.ts';
import { element } from '../../lib/dom-parts.ts';
import { rebuildControl } from '../rebuild/rebuild-hosts.ts';
import { wireFileOpening } from './file-drop.ts';
import { keepTextInBrowser } from './playground-keeping.ts';
import { playgroundPanels } from './playground-panels.ts';
import { findPlaygroundParts, type PlaygroundParts } from './playground-parts.ts';
import { pageUrl, wireShareButton } from './share-button.ts';
import { statusLine } from './status-line.ts';

const ARGS_DELAY_MS = 300;
/** Longer texts are neither analyzed nor kept: a pasted log, not a Dockerfile. */
const MAX_ANALYZED = MAX_DOCKERFILE_BYTES;

/** The first sentence the status line says: where the text came from, what could not be read or kept. */
function openingNotes(
  shared: Awaited<ReturnType<typeof readSharedDockerfile>> | null,
  start: Pick<Start, 'from' | 'unreadable'>,
  storage: StorageLike | null,
): string[] {
  const notes: string[] = [];
  if (shared && !shared.ok) notes.push(unreadableLinkMessage(shared.reason, start.from === 'kept' ? 'kept' : 'sample'));
  else if (start.from === 'shared') notes.push('This Dockerfile comes from a share link.');
  if (start.unreadable) {
    notes.push(
      'The Dockerfile kept in this browser could not be read. It is not deleted: before anything new is kept, it is copied aside (as stagecraft:playground:backup in this browser’s storage).',
    );
  }
  if (!storage) notes.push('This browser does not let the site keep your Dockerfile: it lasts only while this page is open.');
  return notes;
}

/** The builder, Docker release and build-argument controls; `choose` gets each new selection. */
function wireBuildControls(parts: PlaygroundParts, selection: () => Selection, choose: (next: Selection, argsText?: string) => void): void {
  parts.target.addEventListener('change', () => {
    parts.shareBox.hidden = true;
    choose({ ...selection(), target: parts.target.value });
  });
  for (const radio of parts.builders) {
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      choose({ ...selection(), builder: radio.value === 'classic' ? 'classic' : ('buildkit' satisfies Builder) });
    });
  }
  for (const radio of parts.engines) {
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      // A share link made before says the other engine.
      parts.shareBox.hidden = true;
      choose({ ...selection(), engine: engineOf(radio.value) });
    });
  }
  let argsTimer: ReturnType<typeof setTimeout> | undefined;
  parts.args.addEventListener('input', () => {
    clearTimeout(argsTimer);
    argsTimer = setTimeout(() => {
      const argsText = parts.args.value;
      const parsed = parseBuildArgs(argsText);
      parts.argsProblems.replaceChildren(...parsed.problems.map((problem) => element('li', '', problem)));
      choose({ ...selection(), buildArgs: parsed.args }, argsText);
    }, ARGS_DELAY_MS);
  });
}

export async function mountPlayground(root: HTMLElement): Promise<void> {
  const parts = findPlaygroundParts(root);
  const storage = browserStorage();
  const status = statusLine(parts.status);
  const { say } = status;
  const panels = playgroundPanels(parts, root.dataset['base'] ?? '/');

  // ---------- where the text comes from ----------
  const kept = readKept(storage);
  const initial = fragmentParams(location.hash);
  const shared = initial.dockerfile === null ? null : await readSharedDockerfile(initial.dockerfile);
  const start = startingText(shared?.ok ? shared.text : null, kept, SAMPLE_DOCKERFILE);

  // A link whose Dockerfile cannot be read has no say in the target or the engine either.
  const linkSettings = shared && !shared.ok ? { target: null, engine: null } : initial;
  let selection: Selection = { target: linkSettings.target ?? '', builder: 'buildkit', engine: engineOf(linkSettings.engine), buildArgs: {} };
  let plans: TargetPlans = { plans: [], unnamed: [], omitted: 0 };
  let plansKey = '';
  let argsText = '';

  // ---------- keeping the text, and the offer to go back ----------
  const renderPrevious = (): void => {
    const offer = backOffer(keeping.slots(), editor.text());
    parts.previous.hidden = !offer.shown;
    parts.previous.textContent = offer.label;
    parts.offer.hidden = !offer.offerShown;
    parts.offerText.textContent = offer.offer;
  };
  const keeping = keepTextInBrowser({
    storage,
    kept,
    slots: { displaced: start.displaced, previous: start.previous },
    text: () => editor.text(),
    status,
    changed: renderPrevious,
  });

  // ---------- the refresh pipeline (src/lib/workbench/refresh-scheduler.ts) ----------
  // In the frame after a keystroke: the selected build's analysis, its diagnostics and
  // colours into the editor. When the browser is idle: the targets table (every target,
  // both builders, from the same parse: src/analyzer/parser/parsed-text.ts) and the panels.
  let analysed: { text: string; selection: Selection; part: Pick<BuildReport, 'analysis' | 'diagnostics'> } | null = null;

  const showDiagnostics = (): void => {
    const text = editor.text();
    if (text.length > MAX_ANALYZED) {
      // Refused at once, with the reason (not when the browser is next idle).
      analysed = null;
      editor.showDiagnostics([]);
      panels.notAnalyzed(text.length, MAX_ANALYZED);
      rebuild?.pause('This text is too long to analyse, so nothing is predicted for it.');
      return;
    }
    const start = performance.now();
    const part = buildDiagnostics(text, selectedAnalysis(text, selection));
    // The analysis alone (scripts/bench-browser.ts reads it: the first ones in a page are cold).
    performance.measure('playground:analyse', { start });
    analysed = { text, selection, part };
    editor.showAnalysis(text, part.analysis, part.diagnostics);
  };

  // Steps (src/lib/workbench/refresh-scheduler.ts): the targets table is two analyses per
  // target, the report another analysis and a layout, and a long file's would block typing
  // if made in one go.
  const renderPanels = function* (): Generator<void, void, unknown> {
    const text = editor.text();
    if (analysed === null || analysed.text !== text) showDiagnostics();
    if (analysed === null) {
      editor.showDiagnostics([]);
      panels.notAnalyzed(text.length, MAX_ANALYZED);
      rebuild?.pause('This text is too long to analyse, so nothing is predicted for it.');
      return;
    }
    const key = `${selection.engine}\u0000${argsText}\u0000${text}`;
    if (key !== plansKey) {
      plans = yield* targetPlanSteps(text, selection.buildArgs, undefined, selection.engine);
      plansKey = key;
    }
    selection = { ...selection, target: pickerTarget(plans, selection.target) };
    // The picker named the target another way (the last stage's own name is the default), or
    // another builder, engine or build argument was chosen since the text was analysed.
    if (!sameBuild(selection, analysed.selection)) showDiagnostics();
    yield;
    const report = yield* completeReportSteps(analysed.text, analysed.selection, analysed.part);
    yield;
    panels.show(report, plans, selection);
    rebuild?.refresh();
    renderPrevious();
  };

  const scheduler = createRefreshScheduler({ diagnostics: showDiagnostics, panels: renderPanels });
  /** The analyzer's warm-up while the page is idle (prewarm.ts), until the first edit. */
  let warmUp: { stop(): void } | null = null;
  /** Everything now: a control changed, or the whole text was replaced. */
  const refresh = (): void => scheduler.now();

  /** Drops a share link's fragment from the address bar once the text is no longer the link's. */
  const forgetShareFragment = (): void => {
    if (fragmentParams(location.hash).dockerfile === null) return;
    history.replaceState(history.state, '', pageUrl());
  };

  // ---------- the editor ----------
  const editor: DockerfileEditor = createEditor({
    parent: parts.editorBox,
    text: start.text,
    label: 'Dockerfile editor',
    description: parts.help.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    onChange: () => {
      warmUp?.stop();
      forgetShareFragment();
      parts.shareBox.hidden = true;
      scheduler.changed();
      keeping.scheduleSave();
    },
  });

  // "What re-runs if I change…" (src/components/rebuild/), before the stage graph.
  const rebuild = rebuildControl({
    id: 'pg',
    view: editor.view,
    text: () => editor.text(),
    graph: parts.graph,
    before: parts.graph,
    files: {},
    selection: () => selection,
  });

  /** Replaces the whole text with `text` from outside; the text it replaces is set aside. */
  const replaceWith = (text: string, message: string): void => {
    const current = editor.text();
    if (text === current) {
      say(`${message} It is the same as the text in the editor.`);
      return;
    }
    keeping.setAside(current);
    editor.replaceText(text);
    refresh();
    keeping.save();
    say(`${message} “Back to previous Dockerfile” brings back what the editor held; so does Ctrl+Z (⌘+Z on a Mac).`);
  };

  // ---------- share links ----------
  wireShareButton(parts, () => ({ text: editor.text(), settings: { target: selection.target, engine: selection.engine } }), say);

  /** A share link opened while the page is open (pasted into the address bar): same rules as on load. */
  window.addEventListener('hashchange', async () => {
    const params = fragmentParams(location.hash);
    if (params.dockerfile === null) {
      if (params.target !== null || params.engine !== null) {
        selection = { ...selection, target: params.target ?? selection.target, engine: params.engine ?? selection.engine };
        refresh();
      }
      return;
    }
    const result = await readSharedDockerfile(params.dockerfile);
    if (!result.ok) {
      say(`This share link could not be opened: ${result.reason}. The editor is unchanged.`);
      return;
    }
    selection = { ...selection, target: params.target ?? selection.target, engine: engineOf(params.engine) };
    // replaceWith edits the text, which drops the fragment: put it back, it is what was opened.
    const hash = location.hash;
    replaceWith(result.text, 'Opened the Dockerfile from the share link.');
    history.replaceState(history.state, '', `${pageUrl()}${hash}`);
  });

  // ---------- files: "Open file…" and drag and drop ----------
  const openFile = async (file: FileLike, count: number): Promise<void> => {
    const result = await readDockerfileFile(file);
    if (!result.ok) {
      say(refusal(result));
      return;
    }
    const more = count > 1 ? ` (the first of the ${count} files dropped)` : '';
    replaceWith(result.text, `Opened “${shortName(result.name)}”${more}.`);
  };
  wireFileOpening(root, parts.open, parts.file, (file, count) => void openFile(file, count));

  // ---------- the other controls ----------
  parts.previous.addEventListener('click', () => {
    const back = keeping.swapBack(editor.text());
    if (back === null) return;
    editor.replaceText(back);
    refresh();
    keeping.save();
    say('Your previous Dockerfile is back in the editor. “Back to previous Dockerfile” swaps again.');
  });

  parts.sample.addEventListener('click', () => replaceWith(SAMPLE_DOCKERFILE, 'The sample Dockerfile is in the editor.'));

  wireBuildControls(
    parts,
    () => selection,
    (next, args) => {
      selection = next;
      if (args !== undefined) argsText = args;
      refresh();
    },
  );

  parts.problems.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest<HTMLElement>('button[data-from]') : null;
    if (!button) return;
    editor.reveal(Number(button.dataset['from']), Number(button.dataset['to']));
  });

  // ---------- switch from the static sample to the playground ----------
  for (const node of parts.statics) node.hidden = true;
  for (const node of parts.jsOnly) node.hidden = false;
  refresh();
  warmUp = prewarmAnalyzer();

  const notes = openingNotes(shared, start, storage);
  if (notes.length > 0) say(notes.join(' '));
}
