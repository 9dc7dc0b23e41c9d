// hadolint DL3022: COPY --from names a stage defined further up, or an image by tag.

import type { Stage } from '../../model.ts';
import { stageIndexOf, stageLabel } from '../../references.ts';
import type { Finding, Rule } from '../types.ts';
import { copyFromReferences, laterStageNamed, stagesByName } from './support/helpers.ts';

const MESSAGE = 'COPY --from should reference a previously defined FROM alias';

export const copyFromUndefinedStage: Rule = {
  meta: {
    id: 'copy-from-undefined-stage',
    severity: 'warning',
    messages: {
      noStageIndex: 'COPY --from names a stage index the file does not have.',
      laterStage: 'COPY --from names a stage defined after this one.',
      variableName: 'COPY --from holds a variable, which Docker does not expand there, so it reads the text as an image name.',
      noSuchStage: 'COPY --from names no stage above this one, so Docker pulls an image of that name.',
    },
    description: 'COPY --from should name a stage defined above it.',
    rationale:
      'A stage can copy only from a stage that comes before it in the file. BuildKit refuses a COPY --from that points at a later stage, and the classic builder, which only knows the stages it has already built, reads the name as an image and tries to pull it. A name that is no stage at all is always read as an image: a typo in a stage name then turns into a pull of some unrelated image from Docker Hub, and an image without a tag is whatever :latest is that day.',
    hint: 'Define the stage above the COPY with `FROM <image> AS <name>`, or, to copy from an image on purpose, give it a tag, e.g. `--from=nginx:1.27`.',
    sources: { hadolint: 'DL3022' },
  },
  check(context) {
    const { analysis } = context;
    const findings: Finding[] = [];
    const earlierStage = stagesByName(context);
    const nextNamed = laterStageNamed(context);
    for (const { stage, ref } of copyFromReferences(context)) {
      // hadolint lets any reference with a `:` through: an image with a tag or digest.
      const problem = ref.text.includes(':') ? null : problemOf(analysis.stages, earlierStage, nextNamed, stage, ref.text);
      if (problem) findings.push({ range: ref.range, messageId: problem.messageId, message: `${MESSAGE}: ${problem.message}`, hint: problem.hint });
    }
    return findings;
  },
  examples: {
    valid: [
      {
        code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\nCOPY --from=0 /etc/ssl/certs /etc/ssl/certs\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/\n',
      },
      { code: 'FROM golang:1.23 AS Build\nFROM alpine:3.20\nCOPY --from=BUILD /out/app /app\n' },
      { note: 'Any reference with a tag is an image.', code: 'FROM alpine:3.20\nCOPY --from=ghcr.io/example/tools:1.2 /bin/tool /usr/local/bin/tool\n' },
    ],
    invalid: [
      {
        code: 'FROM alpine:3.20\nCOPY --from=biuld /out/app /app\n',
        findings: [{ line: 2, column: 6, endLine: 2, endColumn: 18, messageId: 'noSuchStage', message: 'no stage before this one is called "biuld"' }],
      },
      {
        note: 'Neither builder reaches the stage for this target, so only the rule speaks.',
        code: 'FROM golang:1.23 AS build\nFROM alpine:3.20 AS tools\nCOPY --from=helper /bin/tool /bin/tool\nFROM alpine:3.20 AS helper\n',
        options: { builder: 'classic', target: 'build' },
        findings: [{ line: 3, column: 6, endLine: 3, endColumn: 19, messageId: 'laterStage', message: 'stage "helper" is defined after this one (line 4)' }],
      },
      {
        note: 'Built: BuildKit refuses it, and the finding joins that error.',
        code: 'FROM alpine:3.20 AS app\nCOPY --from=build /out/app /app\nFROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM app\n',
        findings: [{ line: 2, column: 6, endLine: 2, endColumn: 18, messageId: 'laterStage', message: 'cannot copy from stage "build"' }],
      },
      {
        code: 'FROM golang:1.23\nFROM alpine:3.20\nCOPY --from=2 /out/app /app\n',
        options: { builder: 'classic' },
        findings: [{ line: 3, column: 6, endLine: 3, endColumn: 14, messageId: 'noStageIndex' }],
      },
      {
        note: '--from is not expanded: the build fails on the image name "$SRC".',
        code: 'ARG SRC=build\nFROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=$SRC /out/app /app\n',
        findings: [{ line: 4, column: 6, endLine: 4, endColumn: 17, messageId: 'variableName' }],
      },
    ],
  },
};

/** What is wrong with a --from reference: the finding's message id and the end of its text. */
interface Problem {
  messageId: string;
  message: string;
  hint: string;
}

function problemOf(
  stages: Stage[],
  earlierStage: ReturnType<typeof stagesByName>,
  nextNamed: ReturnType<typeof laterStageNamed>,
  stage: Stage,
  text: string,
): Problem | null {
  const index = stageIndexOf(text);
  if (index !== null) {
    // An earlier index is fine; the stage's own index is copy-from-own-stage.
    if (index >= 0 && index <= stage.index) return null;
    const later = stages[index];
    if (later) return laterStage(stage, later, 'the classic builder stops with "index out of bounds"');
    return {
      messageId: 'noStageIndex',
      message: `there is no stage ${text} (this file has ${stages.length}, numbered 0 to ${stages.length - 1}), so both builders refuse it.`,
      hint: 'Name the stage you mean (`FROM <image> AS build`) and copy with `--from=build`; a name does not shift when stages are added.',
    };
  }
  const name = text.toLowerCase();
  if (stage.name === name || earlierStage(text, stage.index)) return null;
  const later = nextNamed(name, stage.index);
  if (later) {
    return laterStage(stage, later, `the classic builder, which only knows the stages it has already built, tries to pull an image called "${text}" instead`);
  }
  return {
    messageId: text.includes('$') ? 'variableName' : 'noSuchStage',
    message: text.includes('$')
      ? `no stage is called "${text}": Docker does not expand variables in --from, so it reads "${text}" as an image name.`
      : `no stage before this one is called "${text}", so Docker reads it as an image name and pulls "${text}" (with no tag, that is :latest).`,
    hint: text.includes('$')
      ? 'Write the stage name itself, or pick the stage with a global ARG in a FROM line (`ARG VARIANT=prod`, `FROM build-${VARIANT} AS chosen`, then `--from=chosen`).'
      : `If you meant a stage, define it above with \`FROM <image> AS ${name}\` (check the spelling). To copy from an image on purpose, pin its tag, e.g. \`--from=${text}:<version>\`.`,
  };
}

function laterStage(stage: Stage, later: Stage, classic: string): Problem {
  return {
    messageId: 'laterStage',
    message: `stage "${stageLabel(later)}" is defined after this one (line ${later.from.range.start.line}). BuildKit refuses to copy from a later stage, and ${classic}.`,
    hint: `Move stage "${stageLabel(later)}" above stage "${stageLabel(stage)}", so the stage you copy from is defined first.`,
  };
}
