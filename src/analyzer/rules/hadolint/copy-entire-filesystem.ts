// hadolint DL3067: COPY --from=<stage> / / copies a stage's whole filesystem.

import type { Instruction } from '../../model.ts';
import { rootImage } from '../support/stage-chain.ts';
import { copyFromStage } from '../course/support/copy.ts';
import type { Finding, Rule } from '../types.ts';
import { type CopyContext, copyArguments, copyContexts, span } from './support/helpers.ts';

/** Some argument is `/` (as copyArguments would read it). */
function hasRootArgument(instruction: Instruction): boolean {
  return instruction.json ? instruction.json.includes('/') : instruction.words.some((word) => word.value === '/');
}

export const copyEntireFilesystem: Rule = {
  meta: {
    id: 'copy-entire-filesystem',
    severity: 'warning',
    messages: {
      wholeFilesystem: 'COPY --from copies the whole filesystem (/) of another stage or image.',
    },
    description: 'COPY --from should not copy the whole filesystem of a stage.',
    rationale:
      'The point of a separate build stage is that its compilers, caches, package databases and source code stay behind. `COPY --from=build / /` brings all of that into the final stage, so the image is as large as the build stage and ships everything an attacker could use, while the smaller base it starts from is hidden under it. Copy the few paths the program needs instead; if a stage really needs everything another stage has, build it FROM that stage.',
    hint: 'Copy only what the image needs, e.g. `COPY --from=build /out/app /usr/local/bin/app`; to start from everything a stage has, write `FROM build` instead.',
    sources: { hadolint: 'DL3067' },
  },
  check(context) {
    const { analysis } = context;
    const findings: Finding[] = [];
    for (const copy of copyContexts(context)) {
      const from = copy.instruction.flags.find((flag) => flag.name === 'from');
      // Most COPY --from copy a path: only a `/` among the arguments needs them read.
      if (!from?.value || !hasRootArgument(copy.instruction)) continue;
      const { sources, dest } = copyArguments(copy.instruction);
      const root = sources.find((source) => source.value === '/');
      if (!root || !dest || !intoRoot(copy, dest.value)) continue;
      // A stage built FROM scratch holds only what was put in it (an artifact stage), so
      // copying its root is the point of it, not an accident.
      const source = copyFromStage(context, copy.instruction);
      if (source && rootImage(analysis, source.index) === null) continue;
      findings.push({
        range: span(root.range, dest.range),
        messageId: 'wholeFilesystem',
        message: `Do not copy an entire filesystem from another stage: this copies everything in "${from.value}" (its toolchain, caches and package databases) over this stage's filesystem.`,
        hint: `Copy only the paths the image needs, e.g. \`COPY --from=${from.value} /out/app /usr/local/bin/app\`; to start from everything "${from.value}" has, write \`FROM ${from.value}\` instead.`,
      });
    }
    return findings;
  },
  examples: {
    valid: [
      { code: 'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app\nCOPY --from=build / /rootfs\n' },
      { code: 'FROM golang:1.23 AS build\nFROM alpine:3.20\nWORKDIR /srv\nCOPY --from=build / .\n' },
      {
        note: 'An artifact stage built FROM scratch holds only what was put in it.',
        code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM scratch AS dist\nCOPY --from=build /out/app /app\nFROM alpine:3.20\nCOPY --from=dist / /\n',
      },
    ],
    invalid: [
      {
        code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build / /\n',
        findings: [{ line: 4, column: 19, endLine: 4, endColumn: 22, messageId: 'wholeFilesystem', message: 'copies everything in "build"' }],
      },
      {
        code: 'FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=build "/" ./\n',
        findings: [{ line: 3, column: 19, endLine: 3, endColumn: 25, messageId: 'wholeFilesystem' }],
      },
      {
        note: 'Copying the root of an image is the same mistake.',
        code: 'FROM alpine:3.20\nCOPY --from=busybox:1.36 / /\n',
        findings: [{ line: 2, column: 26, endLine: 2, endColumn: 29, messageId: 'wholeFilesystem' }],
      },
    ],
  },
};

/** Whether `dest` is the root directory: `/`, or `.` where the working directory is `/`. */
function intoRoot({ workdir, fromScratch }: CopyContext, dest: string): boolean {
  if (dest === '/') return true;
  if (dest !== '.' && dest !== './') return false;
  // Without a WORKDIR the directory is the base image's; only scratch is known to use `/`.
  if (!workdir) return fromScratch;
  return workdir.words.length === 1 && /^\/+$/.test(workdir.words[0]!.value);
}
