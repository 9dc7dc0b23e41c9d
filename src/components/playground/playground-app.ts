// The playground proper, loaded by <dockerfile-playground> (playground.ts). It puts the
// Dockerfile editor (src/lib/workbench/editor.ts) where the sample's code block was and
// keeps every panel in step with the text, the target, the builder, the Docker release and
// the build arguments. The panels are drawn from the same view trees as the server-rendered sample
// (src/lib/playground/views.ts), as DOM nodes: learner and link text is never parsed as HTML.
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
import { keepText, MAX_KEPT_TEXT, readKept, startingText } from '../../lib/playground/kept-text.ts';
import { buildDiagnostics, completeReport, contextLine, pickerTarget, selectedAnalysis, targetChoices, type BuildReport, type Selection } from '../../lib/playground/report.ts';
import { engineOf } from '../../lib/workbench/engines.ts';
import { SAMPLE_DOCKERFILE } from '../../lib/playground/sample.ts';
import { fragmentParams, readSharedDockerfile, shareFragment, unreadableLinkMessage } from '../../lib/playground/share-link.ts';
import { targetPlans, type TargetPlans } from '../../lib/playground/target-plans.ts';
import { formatBytes, MAX_DOCKERFILE_BYTES } from '../../lib/playground/text-check.ts';
import { viewNode, type ViewNode } from '../../lib/playground/view-tree.ts';
import { graphView, imageView, plansView, problemsView } from '../../lib/playground/views.ts';
import { browserStorage } from '../../lib/progress/storage.ts';
import { countProblems } from '../../lib/workbench/diagnostics.ts';
import { createEditor, type DockerfileEditor } from '../../lib/workbench/editor.ts';
import { prewarmAnalyzer } from '../../lib/workbench/prewarm.ts';
import { createRefreshScheduler } from '../../lib/workbench/refresh-scheduler.ts';
import { element, part } from '../../lib/dom-parts.ts';
import { showTargetChoices } from '../../lib/target-chooser.ts';

const SAVE_DELAY_MS = 400;
const ARGS_DELAY_MS = 300;
/** Longer texts are neither analyzed nor kept: a pasted log, not a Dockerfile. */
const MAX_ANALYZED = MAX_DOCKERFILE_BYTES;

function findParts(root: HTMLElement) {
  return {
    status: part<HTMLElement>(root, '[data-status]'),
    offer: part<HTMLElement>(root, '[data-offer]'),
    offerText: part<HTMLElement>(root, '[data-offer-text]'),
    statics: [...root.querySelectorAll<HTMLElement>('[data-static]')],
    jsOnly: [...root.querySelectorAll<HTMLElement>('[data-js-only]')],
    open: part<HTMLButtonElement>(root, '[data-open]'),
    file: part<HTMLInputElement>(root, '[data-file]'),
    share: part<HTMLButtonElement>(root, '[data-share]'),
    previous: part<HTMLButtonElement>(root, '[data-previous]'),
    sample: part<HTMLButtonElement>(root, '[data-sample]'),
    help: part<HTMLElement>(root, '.playground__help'),
    editorBox: part<HTMLElement>(root, '[data-editor]'),
    shareBox: part<HTMLElement>(root, '[data-share-box]'),
    shareUrl: part<HTMLInputElement>(root, '[data-share-url]'),
    target: part<HTMLSelectElement>(root, '[data-target]'),
    builders: [...root.querySelectorAll<HTMLInputElement>('.playground__builder input[type="radio"]')],
    engines: [...root.querySelectorAll<HTMLInputElement>('.playground__engine input[type="radio"]')],
    engineNote: part<HTMLElement>(root, '[data-engines]'),
    args: part<HTMLTextAreaElement>(root, '[data-args]'),
    argsProblems: part<HTMLElement>(root, '[data-args-problems]'),
    problemCount: part<HTMLElement>(root, '[data-problem-count]'),
    context: part<HTMLElement>(root, '[data-context]'),
    problems: part<HTMLElement>(root, '[data-problems]'),
    graph: part<HTMLElement>(root, '[data-graph]'),
    image: part<HTMLElement>(root, '[data-image]'),
    plans: part<HTMLElement>(root, '[data-plans]'),
  };
}

/** The page's URL without the fragment (what a share link is built on). */
const pageUrl = (): string => `${location.origin}${location.pathname}${location.search}`;

export async function mountPlayground(root: HTMLElement): Promise<void> {
  const parts = findParts(root);
  const base = root.dataset['base'] ?? '/';
  const storage = browserStorage();

  // ---------- where the text comes from ----------
  const kept = readKept(storage);
  const initial = fragmentParams(location.hash);
  const shared = initial.dockerfile === null ? null : await readSharedDockerfile(initial.dockerfile);
  const start = startingText(shared?.ok ? shared.text : null, kept, SAMPLE_DOCKERFILE);

  // A link whose Dockerfile cannot be read has no say in the target or the engine either.
  const linkSettings = shared && !shared.ok ? { target: null, engine: null } : initial;
  let selection: Selection = { target: linkSettings.target ?? '', builder: 'buildkit', engine: engineOf(linkSettings.engine), buildArgs: {} };
  /** The kept text a share link displaced, not written aside yet (nothing is written until an edit). */
  let displaced = start.displaced;
  /** What "Back to previous" brings back. */
  let previous = start.previous;
  let plans: TargetPlans = { plans: [], unnamed: [], omitted: 0 };
  let plansKey = '';
  let argsText = '';
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let argsTimer: ReturnType<typeof setTimeout> | undefined;
  /** What storage holds now (as far as this page knows), so unchanged text is not written again. */
  let lastKept = kept.status === 'ok' ? { text: kept.value.text, previous: kept.value.previous } : null;

  // ---------- status line and the offer to go back ----------
  const say = (message: string): void => {
    // Emptied first, so the same sentence twice is announced twice.
    parts.status.textContent = '';
    requestAnimationFrame(() => {
      parts.status.textContent = message;
    });
  };

  const warned = new Set<string>();
  const warnOnce = (what: string, message: string): void => {
    if (warned.has(what)) return;
    warned.add(what);
    say(message);
  };

  const renderPrevious = (): void => {
    const back = displaced ?? previous;
    const shown = back !== null && back !== editor.text();
    parts.previous.hidden = !shown;
    parts.previous.textContent = displaced !== null ? 'Back to your Dockerfile' : 'Back to previous Dockerfile';
    parts.offer.hidden = !(shown && displaced !== null);
    parts.offerText.textContent =
      displaced !== null ? 'Your own Dockerfile from your last visit is still kept in this browser: “Back to your Dockerfile” brings it back.' : '';
  };

  // ---------- keeping the text ----------
  const save = (): void => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    const text = editor.text();
    if (text.length > MAX_KEPT_TEXT) {
      warnOnce('too-long', `This Dockerfile is over ${formatBytes(MAX_KEPT_TEXT)}: too long to keep in this browser, so it lasts only while this page is open.`);
      return;
    }
    // A share link's visitor who edits: their own kept text becomes `previous` now.
    if (displaced !== null) {
      previous = displaced;
      displaced = null;
    }
    if (lastKept?.text === text && lastKept.previous === previous) return;
    const result = keepText(storage, text, previous);
    if (result.ok) lastKept = { text, previous };
    else if (storage) warnOnce('refused', 'This browser did not let the site keep your Dockerfile (its storage may be full): it lasts only while this page is open.');
    renderPrevious();
  };
  const scheduleSave = (): void => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, SAVE_DELAY_MS);
  };

  // ---------- rendering ----------
  const shown = new WeakMap<HTMLElement, string>();
  const renderPanel = (container: HTMLElement, tree: ViewNode): void => {
    const key = JSON.stringify(tree);
    if (shown.get(container) === key) return;
    shown.set(container, key);
    container.replaceChildren(viewNode(tree));
  };
  const notAnalyzed = (length: number): void => {
    const note: ViewNode = { tag: 'p', attrs: [['class', 'pg-none']], children: [`Not analysed: the text is ${formatBytes(length)}, and the playground analyses Dockerfiles of up to ${formatBytes(MAX_ANALYZED)}.`] };
    editor.showDiagnostics([]);
    parts.problemCount.textContent = '';
    for (const container of [parts.problems, parts.graph, parts.image, parts.plans]) renderPanel(container, note);
  };

  const renderTargets = (): void => showTargetChoices(parts.target, targetChoices(plans, selection.target), selection.target);

  // ---------- the refresh pipeline (src/lib/workbench/refresh-scheduler.ts) ----------
  // In the frame after a keystroke: the selected build's analysis, its diagnostics and
  // colours into the editor. When the browser is idle: the targets table (every target,
  // both builders, from the same parse: src/analyzer/parser/parsed-text.ts) and the panels.
  const sameBuild = (a: Selection, b: Selection): boolean =>
    a.target === b.target && a.builder === b.builder && a.engine === b.engine && JSON.stringify(a.buildArgs) === JSON.stringify(b.buildArgs);
  let analysed: { text: string; selection: Selection; part: Pick<BuildReport, 'analysis' | 'diagnostics'> } | null = null;

  const showDiagnostics = (): void => {
    const text = editor.text();
    if (text.length > MAX_ANALYZED) {
      analysed = null;
      editor.showDiagnostics([]);
      return;
    }
    const part = buildDiagnostics(text, selectedAnalysis(text, selection));
    analysed = { text, selection, part };
    editor.showAnalysis(text, part.analysis, part.diagnostics);
  };

  const renderPanels = (): void => {
    const text = editor.text();
    if (analysed === null || analysed.text !== text) showDiagnostics();
    if (analysed === null) {
      notAnalyzed(text.length);
      return;
    }
    const key = `${selection.engine}\u0000${argsText}\u0000${text}`;
    if (key !== plansKey) {
      plans = targetPlans(text, selection.buildArgs, undefined, selection.engine);
      plansKey = key;
    }
    selection = { ...selection, target: pickerTarget(plans, selection.target) };
    // The picker named the target another way (the last stage's own name is the default), or
    // another builder, engine or build argument was chosen since the text was analysed.
    if (!sameBuild(selection, analysed.selection)) showDiagnostics();
    const build = completeReport(analysed.text, analysed.selection, analysed.part);
    renderTargets();
    parts.problemCount.textContent = `(${countProblems(build.diagnostics)})`;
    parts.context.textContent = contextLine(plans, selection.target, selection.builder, selection.engine);
    parts.engineNote.textContent = build.engines.text;
    parts.engineNote.dataset['differs'] = String(build.engines.differs);
    for (const radio of parts.engines) radio.checked = radio.value === selection.engine;
    renderPanel(parts.problems, problemsView(build.diagnostics, base));
    renderPanel(parts.graph, graphView(build.diagram));
    renderPanel(parts.image, imageView(build.image));
    renderPanel(parts.plans, plansView(plans, 'pg-plans-title'));
    renderPrevious();
  };

  const scheduler = createRefreshScheduler({ diagnostics: showDiagnostics, panels: renderPanels });
  /** The analyzer's warm-up while the page is idle (prewarm.ts), until the first edit. */
  let warmUp: { stop(): void } | null = null;
  /** Everything now: a control changed, or the whole text was replaced. */
  const refresh = (): void => scheduler.now();
  const scheduleRefresh = (): void => scheduler.changed();

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
      scheduleRefresh();
      scheduleSave();
    },
  });

  /** Replaces the whole text with `text` from outside; the text it replaces is set aside. */
  const replaceWith = (text: string, message: string): void => {
    const current = editor.text();
    if (text === current) {
      say(`${message} It is the same as the text in the editor.`);
      return;
    }
    // The learner's own kept text has the first claim on the one `previous` slot.
    previous = displaced ?? (current.trim() === '' ? previous : current);
    displaced = null;
    editor.replaceText(text);
    refresh();
    save();
    say(`${message} “Back to previous Dockerfile” brings back what the editor held; so does Ctrl+Z (⌘+Z on a Mac).`);
  };

  // ---------- share links ----------
  parts.share.addEventListener('click', async () => {
    const link = await shareFragment(editor.text(), { target: selection.target, engine: selection.engine });
    if (!link.ok) {
      parts.shareBox.hidden = true;
      say(link.reason);
      return;
    }
    const href = `${pageUrl()}${link.fragment}`;
    parts.shareUrl.value = href;
    parts.shareBox.hidden = false;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(href);
      say('Share link copied. It is also below, to select and copy by hand.');
    } catch {
      parts.shareUrl.focus();
      parts.shareUrl.select();
      say('The browser did not let the page copy the link: it is below, selected; copy it with Ctrl+C (⌘+C on a Mac).');
    }
  });
  parts.shareUrl.addEventListener('focus', () => parts.shareUrl.select());

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
  const openFile = async (file: FileLike, count = 1): Promise<void> => {
    const result = await readDockerfileFile(file);
    if (!result.ok) {
      say(refusal(result));
      return;
    }
    const more = count > 1 ? ` (the first of the ${count} files dropped)` : '';
    replaceWith(result.text, `Opened “${shortName(result.name)}”${more}.`);
  };

  parts.open.addEventListener('click', () => parts.file.click());
  parts.file.addEventListener('change', () => {
    const file = parts.file.files?.[0];
    // Cleared, so choosing the same file again is a change too.
    parts.file.value = '';
    if (file) void openFile(file);
  });

  const carriesFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false;
  // On the window, in the capture phase: before CodeMirror, which would insert a dropped
  // file's content unchecked, and before the browser, which would leave the page to show it.
  window.addEventListener(
    'dragover',
    (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      root.dataset['dragging'] = 'true';
    },
    { capture: true },
  );
  const endDrag = (): void => {
    delete root.dataset['dragging'];
  };
  window.addEventListener('dragleave', (event) => {
    // Leaving the window (no element to go to) ends it; moving between elements does not.
    if (event.relatedTarget === null) endDrag();
  });
  window.addEventListener(
    'drop',
    (event) => {
      endDrag();
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.stopPropagation();
      const files = event.dataTransfer?.files;
      const file = files?.[0];
      if (file) void openFile(file, files.length);
    },
    { capture: true },
  );

  // ---------- the other controls ----------
  parts.previous.addEventListener('click', () => {
    const back = displaced ?? previous;
    if (back === null) return;
    const current = editor.text();
    displaced = null;
    previous = current;
    editor.replaceText(back);
    refresh();
    save();
    say('Your previous Dockerfile is back in the editor. “Back to previous Dockerfile” swaps again.');
  });

  parts.sample.addEventListener('click', () => replaceWith(SAMPLE_DOCKERFILE, 'The sample Dockerfile is in the editor.'));

  parts.target.addEventListener('change', () => {
    selection = { ...selection, target: parts.target.value };
    parts.shareBox.hidden = true;
    refresh();
  });
  for (const radio of parts.builders) {
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      selection = { ...selection, builder: radio.value === 'classic' ? 'classic' : ('buildkit' satisfies Builder) };
      refresh();
    });
  }
  for (const radio of parts.engines) {
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      selection = { ...selection, engine: engineOf(radio.value) };
      // A share link made before says the other engine.
      parts.shareBox.hidden = true;
      refresh();
    });
  }

  parts.args.addEventListener('input', () => {
    clearTimeout(argsTimer);
    argsTimer = setTimeout(() => {
      argsText = parts.args.value;
      const parsed = parseBuildArgs(argsText);
      selection = { ...selection, buildArgs: parsed.args };
      parts.argsProblems.replaceChildren(...parsed.problems.map((problem) => element('li', '', problem)));
      refresh();
    }, ARGS_DELAY_MS);
  });

  parts.problems.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest<HTMLElement>('button[data-from]') : null;
    if (!button) return;
    editor.reveal(Number(button.dataset['from']), Number(button.dataset['to']));
  });

  // Keep the text before the page goes away (tab closed, navigation, app switch on a phone).
  const flush = (): void => {
    if (saveTimer !== undefined) save();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });

  // ---------- switch from the static sample to the playground ----------
  for (const node of parts.statics) node.hidden = true;
  for (const node of parts.jsOnly) node.hidden = false;
  refresh();
  warmUp = prewarmAnalyzer();

  const notes: string[] = [];
  if (shared && !shared.ok) notes.push(unreadableLinkMessage(shared.reason, start.from === 'kept' ? 'kept' : 'sample'));
  else if (start.from === 'shared') notes.push('This Dockerfile comes from a share link.');
  if (start.unreadable) {
    notes.push(
      'The Dockerfile kept in this browser could not be read. It is not deleted: before anything new is kept, it is copied aside (as stagecraft:playground:backup in this browser’s storage).',
    );
  }
  if (!storage) notes.push('This browser does not let the site keep your Dockerfile: it lasts only while this page is open.');
  if (notes.length > 0) say(notes.join(' '));
}
