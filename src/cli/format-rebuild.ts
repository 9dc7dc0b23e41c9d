// `stagecraft rebuild` output: a report by stage, or one JSON object.

import type { CachePrediction, StepVerdict } from '../analyzer/cache/index.ts';
import type { Style } from './format-text.ts';

export interface RebuildJson {
  builder: string;
  engine: string;
  target: string | null;
  fails: boolean;
  error: { message: string; line: number } | null;
  steps: Array<{
    index: number;
    stage: string | null;
    line: number;
    instruction: string;
    cached: boolean;
    reason: string;
    outcome: StepVerdict['outcome'];
    assumption?: string;
    assumptionFrom?: number;
  }>;
  /** Stages this build does not build, and why. */
  skipped: Array<{ index: number; stage: string | null; reason: string }>;
}

export function rebuildJson(prediction: CachePrediction): RebuildJson {
  const target = prediction.stages[prediction.target];
  return {
    builder: prediction.builder,
    engine: prediction.engine,
    target: target ? (target.name ?? `stage-${target.index}`) : null,
    fails: prediction.fails,
    error: prediction.error,
    steps: prediction.steps.map((step) => ({
      index: step.stage,
      stage: step.stageName,
      line: step.line,
      instruction: step.text,
      cached: step.cached,
      reason: step.reason,
      outcome: step.outcome,
      ...(step.assumption ? { assumption: step.assumption } : {}),
      ...(step.assumptionFrom === undefined ? {} : { assumptionFrom: step.assumptionFrom }),
    })),
    skipped: prediction.stages.filter((stage) => !stage.built).map((stage) => ({ index: stage.index, stage: stage.name, reason: stage.reason ?? '' })),
  };
}

const OUTCOME: Record<StepVerdict['outcome'], string> = { cached: 'cached', runs: 'RUNS', fails: 'FAILS' };

function clip(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

export function formatRebuild(file: string, prediction: CachePrediction, changes: string, style: Style): string {
  const out: string[] = [];
  const builder = prediction.builder === 'buildkit' ? 'BuildKit' : 'the classic builder';
  out.push(`${style.bold('Rebuild of')} ${file} with ${builder} (Docker ${prediction.engine}), after ${changes}`);
  if (prediction.fails && prediction.steps.length === 0) {
    out.push('', `The build fails before any step runs: ${prediction.error?.message ?? 'see stagecraft check'}`);
    return `${out.join('\n')}\n`;
  }
  const width = Math.min(48, Math.max(20, ...prediction.steps.map((step) => step.text.length)));
  for (const stage of prediction.stages) {
    const name = stage.name ?? `stage ${stage.index}`;
    if (!stage.built) {
      out.push('', `${style.bold(name)}: not built (${stage.reason})`);
      continue;
    }
    out.push('', style.bold(name));
    for (const step of stage.steps) {
      const label = OUTCOME[step.outcome].padEnd(6);
      const outcome = step.outcome === 'cached' ? label : style.severity(step.outcome === 'fails' ? 'error' : 'warning', label);
      out.push(`  line ${String(step.line).padStart(3)}  ${clip(step.text, width)}  ${outcome}  ${step.reason}`);
      if (step.assumption && step.assumptionFrom === undefined) out.push(`${' '.repeat(width + 14)}(${step.assumption})`);
    }
  }
  const runs = prediction.steps.filter((step) => step.outcome === 'runs').length;
  const cached = prediction.steps.filter((step) => step.cached).length;
  out.push(
    '',
    `${runs} ${runs === 1 ? 'step runs' : 'steps run'} again, ${cached} ${cached === 1 ? 'comes' : 'come'} from the cache.${prediction.fails ? ` The build then fails: ${prediction.error?.message ?? ''}` : ''}`,
  );
  return `${out.join('\n')}\n`;
}
