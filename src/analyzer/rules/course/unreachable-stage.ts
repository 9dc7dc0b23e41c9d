// A stage no build can need: unnamed (no --target can pick it), not the last stage, and no
// stage that can be built uses it (FROM, COPY --from, RUN --mount from=).

import type { Stage } from '../../model.ts';
import type { Finding, Rule } from '../types.ts';

/** Stages some build can run: the last stage, each named stage (the later of two with
 *  the same name) and everything they depend on. */
function reachableStages(stages: readonly Stage[], deps: ReadonlyMap<number, number[]>): Set<number> {
  const byName = new Map<string, number>();
  for (const stage of stages) if (stage.name) byName.set(stage.name, stage.index);
  const reachable = new Set<number>();
  const visit = (index: number): void => {
    if (reachable.has(index)) return;
    reachable.add(index);
    const uses = deps.get(index);
    if (uses) for (const dep of uses) visit(dep);
  };
  if (stages.length > 0) visit(stages.length - 1);
  for (const index of byName.values()) visit(index);
  return reachable;
}

export const unreachableStage: Rule = {
  meta: {
    id: 'unreachable-stage',
    severity: 'warning',
    messages: {
      unreachable: 'An unnamed stage that is not the last one and that no stage uses: no build can ever run it.',
    },
    description: 'Every stage should be reachable: named, last, or used by another stage.',
    rationale:
      'A build produces its target stage and the stages that stage needs. A stage without a name cannot be chosen with --target; if it is not the last stage and no stage builds FROM it, copies from it (COPY --from=<index>) or mounts it, no build ever needs it. BuildKit skips it, so its commands silently never run; the classic builder runs every stage up to the target and so builds it for nothing. Usually a COPY --from was forgotten or points at the wrong stage.',
    hint: 'Copy from the stage where its output is needed (`COPY --from=<index or name> …`), name it (`AS tools`) to build it with --target, or delete it.',
    sources: {},
  },
  check({ analysis, options }) {
    // Without a build plan (the file does not parse) references are unresolved: say nothing.
    if (analysis.edges.length === 0) return [];
    const deps = new Map<number, number[]>();
    for (const edge of analysis.edges) {
      if (edge.target.kind !== 'stage') continue;
      const list = deps.get(edge.stage);
      if (list) list.push(edge.target.index);
      else deps.set(edge.stage, [edge.target.index]);
    }
    const reachable = reachableStages(analysis.stages, deps);
    const findings: Finding[] = [];
    for (const stage of analysis.stages) {
      if (reachable.has(stage.index) || stage.name !== null || stage.nameAsWritten !== null) continue;
      const builder =
        options.builder === 'classic' ? 'the classic builder still builds it, for nothing, whenever the target comes after it' : 'BuildKit never builds it';
      findings.push({
        range: stage.from.range,
        messageId: 'unreachable',
        message: `Stage ${stage.index} (FROM ${stage.baseText}) is unreachable: it has no name, it is not the last stage and no stage uses it, so ${builder}`,
      });
    }
    return findings;
  },
  examples: {
    valid: [
      { code: 'FROM golang:1.23\nRUN go build -o /out/app .\n\nFROM alpine:3.20\nCOPY --from=0 /out/app /app\n' },
      { code: 'FROM alpine:3.20 AS tools\nRUN apk add --no-cache curl\n\nFROM alpine:3.20\n' },
      { note: 'The last stage is what a plain build makes, named or not.', code: 'FROM alpine:3.20\nRUN echo only\n' },
    ],
    invalid: [
      {
        code: 'FROM golang:1.23\nRUN go build -o /out/app .\n\nFROM node:20 AS assets\nRUN npm run build\n\nFROM alpine:3.20\nCOPY --from=assets /dist /srv\n',
        findings: [{ line: 1, column: 1, endLine: 1, endColumn: 17, messageId: 'unreachable', message: 'Stage 0 (FROM golang:1.23) is unreachable' }],
      },
      {
        code: 'FROM alpine:3.20\nRUN echo unused\n\nFROM alpine:3.20\n',
        options: { builder: 'classic' },
        findings: [{ line: 1, column: 1, endLine: 1, endColumn: 17, messageId: 'unreachable', message: 'the classic builder still builds it' }],
      },
      {
        note: 'Each unused unnamed stage is reported.',
        code: 'FROM alpine:3.20\nRUN echo one\n\nFROM alpine:3.20\nRUN echo two\n\nFROM alpine:3.20\n',
        findings: [
          { line: 1, column: 1, endLine: 1, endColumn: 17, messageId: 'unreachable' },
          { line: 4, column: 1, endLine: 4, endColumn: 17, messageId: 'unreachable' },
        ],
      },
    ],
  },
};
