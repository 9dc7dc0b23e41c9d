// The open "What re-runs if I change…" control (imported by rebuild-control.ts when the learner
// opens it): the files of the build context to tick, a field for other paths, a build argument
// and its new value; the answer of the cache model (src/analyzer/cache) for the page's own build
// (target, builder, Docker release, build arguments), as a summary in a live region, one
// sentence per step, marks on the editor's lines and on the stage graph's boxes. It answers again
// whenever the page redraws (the learner edits the Dockerfile or changes the build).
import { analyze } from '../../analyzer/index.ts';
import { predictCache, type CachePrediction } from '../../analyzer/cache/index.ts';
import { element } from '../../lib/dom-parts.ts';
import { showRebuildMarks } from '../../lib/rebuild-view/editor-marks.ts';
import { markGraph } from '../../lib/rebuild-view/graph-marks.ts';
import { argNames, copiedPaths, rebuildInput, rebuildView, typedPaths, type RebuildQuestion, type RebuildView } from '../../lib/rebuild-view/rebuild-view.ts';
import { inlineNodes } from '../../lib/workbench/inline-text.ts';
import type { RebuildHost } from './rebuild-control.ts';

const STATE_WORDS = { runs: 'Re-runs', cached: 'Cached', fails: 'Fails', 'not-built': 'Not built' } as const;

function labelled<T extends HTMLElement>(id: string, text: string, control: T): [HTMLLabelElement, T] {
  const label = element('label', 'rebuild__label', text);
  label.htmlFor = id;
  control.id = id;
  return [label, control];
}

export function mountRebuildPanel(body: HTMLElement, host: RebuildHost): { refresh(): void; close(): void; pause(reason: string): void } {
  const ids = { files: `${host.id}-rebuild-files`, other: `${host.id}-rebuild-other`, arg: `${host.id}-rebuild-arg`, value: `${host.id}-rebuild-value` };

  const filesSet = element('fieldset', 'rebuild__files');
  filesSet.append(element('legend', '', 'Files of the build context that changed'));
  const boxes = element('ul', 'rebuild__choices');
  const noFiles = element('p', 'rebuild__note', 'This Dockerfile names no file of the build context: type the paths below.');
  const [otherLabel, other] = labelled(ids.other, 'Other changed files (paths, separated by commas)', element('input', 'rebuild__input'));
  other.type = 'text';
  other.autocomplete = 'off';
  other.spellcheck = false;
  // A shape, not a file of any one exercise (a Python path in a Node exercise read as a hint).
  other.placeholder = 'e.g. src/main.c, docs/README.md';
  filesSet.append(boxes, noFiles, element('div', 'rebuild__field'));
  filesSet.lastElementChild!.append(otherLabel, other);

  const argSet = element('fieldset', 'rebuild__arg');
  argSet.append(element('legend', '', 'A build argument with a new value'));
  const [argLabel, arg] = labelled(ids.arg, 'Argument', element('select', 'rebuild__input'));
  const [valueLabel, value] = labelled(ids.value, 'New value', element('input', 'rebuild__input'));
  value.type = 'text';
  value.autocomplete = 'off';
  value.spellcheck = false;
  const argField = element('div', 'rebuild__field');
  argField.append(argLabel, arg);
  const valueField = element('div', 'rebuild__field');
  valueField.append(valueLabel, value);
  argSet.append(argField, valueField);

  const answer = element('p', 'rebuild__summary');
  answer.setAttribute('role', 'status');
  const list = element('ul', 'rebuild__list');
  list.setAttribute('aria-label', 'Each step of the build');
  body.replaceChildren(filesSet, argSet, answer, list);

  const ticked = new Set<string>();
  // null: not drawn yet (an empty list is a list to draw).
  let shownFiles: string | null = null;
  let shownArgs: string | null = null;
  let shownList = '';

  const showChoices = (files: string[], args: string[]): void => {
    const fileKey = files.join('\n');
    if (fileKey !== shownFiles) {
      shownFiles = fileKey;
      boxes.replaceChildren(
        ...files.map((path, index) => {
          const item = element('li', 'rebuild__choice');
          const box = element('input', '');
          box.type = 'checkbox';
          box.id = `${ids.files}-${index}`;
          box.value = path;
          box.checked = ticked.has(path);
          const label = element('label', '');
          label.htmlFor = box.id;
          label.append(element('code', '', path));
          item.append(box, label);
          return item;
        }),
      );
      noFiles.hidden = files.length > 0;
    }
    const argKey = args.join('\n');
    if (argKey !== shownArgs) {
      shownArgs = argKey;
      const chosen = arg.value;
      const none = element('option', '', args.length > 0 ? '(none)' : '(no ARG in this Dockerfile)');
      none.value = '';
      arg.replaceChildren(
        none,
        ...args.map((name) => {
          const option = element('option', '', name);
          option.value = name;
          return option;
        }),
      );
      arg.value = args.includes(chosen) ? chosen : '';
      arg.disabled = args.length === 0;
    }
    value.disabled = arg.value === '';
  };

  const question = (): RebuildQuestion => ({
    files: [...ticked, ...typedPaths(other.value)],
    arg: arg.value ? { name: arg.value, value: value.value } : null,
  });

  const show = (view: RebuildView): void => {
    if (answer.textContent !== view.summary) answer.textContent = view.summary;
    const key = JSON.stringify(view.items);
    if (key !== shownList) {
      shownList = key;
      list.replaceChildren(
        ...view.items.map((item) => {
          const li = element('li', `rebuild__step rebuild__step--${item.state}`);
          li.dataset['state'] = item.state;
          li.append(element('span', 'rebuild__state', STATE_WORDS[item.state]), ' ', ...inlineNodes(document, `${item.text}.`));
          return li;
        }),
      );
      list.hidden = view.items.length === 0;
    }
    showRebuildMarks(host.view, view.marks);
    markGraph(host.graph, view.stages);
  };

  let open = true;
  const refresh = (): void => {
    open = true;
    const build = host.build();
    // Only the COPY/ADD paths and the ARG names are read: no rules.
    const analysis = analyze(build.dockerfile, { buildArgs: build.buildArgs, rules: false });
    const files = [...new Set([...build.files.filter((path) => path !== '.dockerignore' && path !== 'Dockerfile'), ...copiedPaths(analysis)])];
    showChoices(files, argNames(analysis));
    const asked = question();
    if (asked.files.length === 0 && asked.arg === null) {
      show(rebuildView(null));
      return;
    }
    let prediction: CachePrediction;
    try {
      prediction = predictCache(rebuildInput(build, asked));
    } catch {
      show({ ...rebuildView(null), summary: 'The cache model could not answer for this Dockerfile.' });
      return;
    }
    show(rebuildView(prediction));
  };

  body.addEventListener('change', (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.type === 'checkbox') {
      if (target.checked) ticked.add(target.value);
      else ticked.delete(target.value);
    }
    refresh();
  });
  body.addEventListener('input', (event) => {
    if (event.target === other || event.target === value) refresh();
  });

  return {
    refresh,
    close() {
      if (!open) return;
      open = false;
      showRebuildMarks(host.view, []);
      markGraph(host.graph, []);
    },
    /** The page cannot analyse its text now (too long): no marks, and the reason instead of an answer. */
    pause(reason: string) {
      show({ ...rebuildView(null), summary: reason });
    },
  };
}
