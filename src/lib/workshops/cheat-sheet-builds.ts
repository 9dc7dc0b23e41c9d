// Which stages each build shown on the cheat sheet runs, on BuildKit and on the classic
// builder, computed by the analyzer (so the printed lists are never written by hand).
import { analyze } from '../../analyzer/index.ts';
import type { CheatSnippet } from './cheat-sheet.ts';

export interface CheatBuild {
  command: string;
  buildkit: string[];
  classic: string[];
}

function stagesRun(snippet: CheatSnippet, target: string | null, builder: 'buildkit' | 'classic'): string[] {
  const analysis = analyze(snippet.dockerfile, { target, builder, buildArgs: snippet.buildArgs ?? {}, rules: false });
  return analysis.plan.stages.map((index) => analysis.stages[index]?.name ?? `stage ${index}`);
}

export function cheatSheetBuilds(snippet: CheatSnippet): CheatBuild[] {
  return snippet.builds.map((target) => ({
    command: target ? `docker build --target ${target} .` : 'docker build .',
    buildkit: stagesRun(snippet, target, 'buildkit'),
    classic: stagesRun(snippet, target, 'classic'),
  }));
}
