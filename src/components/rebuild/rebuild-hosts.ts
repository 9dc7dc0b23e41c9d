// Where "What re-runs if I change…" sits in each island, and what it asks of it: the workbench
// (the exercise's files/ are the build context; no build arguments) and the playground (no
// folder: the files come from the Dockerfile's COPY/ADD and what the learner types; its build
// arguments are the previous build's). Kept here so the islands gain two lines each.
import type { EditorView } from '@codemirror/view';
import type { Builder, Engine } from '../../analyzer/model.ts';
import { mountRebuildControl, type RebuildControl } from './rebuild-control.ts';

interface PageBuild {
  target: string;
  builder: Builder;
  engine?: Engine;
  buildArgs?: Record<string, string>;
}

interface Island {
  id: string;
  view: EditorView;
  text(): string;
  /** The stage graph's SVG container. */
  graph: HTMLElement;
  /** The control goes just before this element. */
  before: Element;
  /** The build context's files (path → text); .dockerignore among them when there is one. */
  files: Readonly<Record<string, string>>;
  selection(): PageBuild;
}

export function rebuildControl(island: Island): RebuildControl {
  const dockerignore = island.files['.dockerignore'];
  const control = mountRebuildControl({
    id: island.id,
    view: island.view,
    graph: island.graph,
    build: () => {
      const selection = island.selection();
      return {
        dockerfile: island.text(),
        files: Object.keys(island.files),
        ...(dockerignore === undefined ? {} : { dockerignore }),
        target: selection.target || null,
        builder: selection.builder,
        engine: selection.engine ?? '28.5',
        buildArgs: selection.buildArgs ?? {},
      };
    },
  });
  island.before.before(control.element);
  return control;
}
