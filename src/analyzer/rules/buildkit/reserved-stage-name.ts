// BuildKit linter rule ReservedStageName, frontend/dockerfile/linter/ruleset.go (validateStageNames in dockerfile2llb/convert.go).

import type { Rule } from '../types.ts';
import { buildCheck } from './build-check.ts';
import { onFirstLine } from './positions.ts';
import { reach } from './reach.ts';

/** Names BuildKit gives a meaning of its own: the empty image and the build context. */
const RESERVED = new Set(['context', 'scratch']);

export const reservedStageName: Rule = {
  meta: buildCheck({
    id: 'reserved-stage-name',
    severity: 'warning',
    description: 'Reserved words should not be used as stage names.',
    rationale:
      '`scratch` is the empty image and `context` is the name BuildKit gives the build context (`COPY --from=context`, named contexts). A stage called `scratch` or `context` competes with those meanings, so `FROM scratch` or `--from=context` may not refer to what a reader expects.',
    hint: 'Choose another stage name, e.g. `AS empty` or `AS sources`.',
    lesson: 'named-stages-and-target',
    sources: { buildkit: 'ReservedStageName' },
  }),
  check(context) {
    if (!reach(context).file) return [];
    return context.analysis.stages
      .filter((stage) => stage.name !== null && RESERVED.has(stage.name))
      .map((stage) => ({
        range: onFirstLine(stage.from, stage.nameRange ?? stage.from.range),
        message: `Stage name should not use the same name as reserved stage "${stage.name}"`,
      }));
  },
  examples: {
    valid: [{ code: 'FROM scratch AS empty\nFROM alpine:3.20 AS sources\n' }],
    invalid: [
      {
        code: 'FROM alpine:3.20 AS scratch\nFROM alpine:3.20 AS Context\n',
        findings: [
          { line: 1, column: 21, endLine: 1, endColumn: 28, message: 'Stage name should not use the same name as reserved stage "scratch"' },
          { line: 2, column: 21, message: 'reserved stage "context"' },
        ],
      },
    ],
  },
};
