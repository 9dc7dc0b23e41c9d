// Whether a build succeeds, judged for the learner: the analyzer's prediction, plus the pulls
// that are almost certainly mistakes.
//
// The analyzer says what Docker does. When a FROM or a --from names no earlier stage, Docker
// reads it as an image and pulls it; whether that pull works depends on a registry the
// analyzer cannot see, so for the analyzer the build "starts". An exercise cannot leave it
// there: `FROM build` above the stage called build, or `--from=biuld`, make Docker pull
// docker.io/library/build (BuildKit: "failed to resolve source metadata for …"), which is not
// the stage the learner meant. So the goal engine counts a pull of a name that is a later stage
// of this file (in any case), or one or two edits from an earlier one, as a failing build, and
// says which image Docker would try to pull. (A stage name in another case in FROM is already
// an error on BuildKit: image names must be lower case.)
//
// Pure: no DOM, no Node APIs.

import type { Analysis, Edge, Stage } from '../analyzer/model.ts';
import { distance } from '../analyzer/suggest.ts';

export type BuildOutcome =
  | { builds: true }
  | {
      builds: false;
      /** Why, in Docker's words where it has them, with the line: one or two sentences. */
      reason: string;
    };

const BUILDS: BuildOutcome = { builds: true };

/** The outcome of the analyzed build (its target, on its builder). */
export function buildOutcome(analysis: Analysis): BuildOutcome {
  if (analysis.stages.length === 0) {
    return { builds: false, reason: 'The Dockerfile has no stage: Docker needs at least one FROM line.' };
  }
  if (analysis.plan.fails || analysis.target.index < 0) {
    const error = analysis.diagnostics.find((d) => d.severity === 'error');
    if (!error) return { builds: false, reason: 'Docker would not build this target.' };
    const stopped = analysis.plan.stoppedAt?.range.start.line;
    const line = stopped ?? error.range.start.line;
    const where = stopped === undefined ? `Docker refuses the file before running any step (line ${line})` : `Docker stops at line ${line}`;
    return { builds: false, reason: `${where}: ${sentence(error.message)}` };
  }
  const run = new Set(analysis.plan.stages);
  for (const edge of analysis.edges) {
    if (!run.has(edge.stage) || edge.target.kind !== 'image') continue;
    const stage = analysis.stages[edge.stage];
    const mistake = stage ? mistakenPull(analysis, stage, edge, edge.target.ref) : null;
    if (mistake) return { builds: false, reason: mistake };
  }
  return BUILDS;
}

/** What a stage's FROM, COPY --from or RUN --mount from= is called in a sentence. */
function referenceText(edge: Edge, ref: string): string {
  switch (edge.kind) {
    case 'from':
      return `FROM ${ref}`;
    case 'copy-from':
      return `COPY --from=${edge.text}`;
    default:
      return `RUN --mount from=${edge.text}`;
  }
}

/** Docker Hub's full name for a short image reference (`build` → docker.io/library/build:latest). */
export function pulledImage(ref: string): string {
  const name = ref.split('@')[0]!;
  const lastSlash = name.lastIndexOf('/');
  const tagged = name.lastIndexOf(':') > lastSlash;
  const withTag = tagged || ref.includes('@') ? ref : `${ref}:latest`;
  const first = name.split('/')[0]!;
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasRegistry) return withTag;
  return name.includes('/') ? `docker.io/${withTag}` : `docker.io/library/${withTag}`;
}

/**
 * Why pulling `ref` is not what the author meant, or null when it may well be a real image:
 * a name with a tag, a digest or a registry path is taken at its word.
 */
function mistakenPull(analysis: Analysis, stage: Stage, edge: Edge, ref: string): string | null {
  if (/[:@/$]/.test(ref)) return null;
  const name = ref.toLowerCase();
  const image = pulledImage(name);
  const what = referenceText(edge, edge.kind === 'from' ? ref : edge.text);
  const later = analysis.stages.find((s) => s.index > stage.index && s.name === name);
  if (later) {
    return `${what} names stage "${later.name}", which comes later (line ${later.from.range.start.line}). A stage sees only the stages above it, so Docker would try to pull the image ${image} instead.`;
  }
  const near = analysis.stages.find((s) => s.index < stage.index && s.name !== null && nearMiss(name, s.name))?.name;
  if (near) {
    return `${what} names no stage (did you mean "${near}"?), so Docker would try to pull the image ${image} instead.`;
  }
  return null;
}

/** A misspelling of a stage name: one edit away, or two for names of four letters or more
 *  (`biuld`, `tset`); shorter names are too close to real images (`go`, `gcc`). */
function nearMiss(name: string, stageName: string): boolean {
  // Distances of 3 and more all read as 3: only 1 and 2 count here.
  const edits = distance(name, stageName, 3);
  return edits > 0 && (edits === 1 || (edits === 2 && Math.min(name.length, stageName.length) >= 4));
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
