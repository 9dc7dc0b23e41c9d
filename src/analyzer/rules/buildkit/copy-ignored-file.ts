// BuildKit linter rule CopyIgnoredFile (experimental in Docker 28.5: recorded in tests/fixtures/checks), frontend/dockerfile/linter/ruleset.go (validateCopySourcePath in dockerfile2llb/convert.go).

import type { Finding, Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { ignoreMatcher } from './support/dockerignore.ts';
import { checkDispatched } from './support/reach.ts';
import { expand } from './support/variables.ts';

/** ADD sources that do not come from the build context. */
function isRemote(source: string): boolean {
  return /^(?:https?|git|ssh):\/\//.test(source) || /^git@/.test(source);
}

export const copyIgnoredFile: Rule = {
  meta: buildCheck({
    id: 'copy-ignored-file',
    severity: 'info',
    messages: {
      ignoredSource: "A COPY or ADD source is a file the build context's .dockerignore excludes.",
    },
    description: 'Attempting to COPY or ADD a file that is excluded by .dockerignore.',
    rationale:
      '.dockerignore removes files from the build context before the build sees them, so a COPY or ADD of an excluded path finds nothing (a build error) or copies a directory without the excluded files. Either the ignore pattern is too broad or the COPY asks for something that should stay out of the image. BuildKit checks each source path as written (the path itself and its parent directories) against the patterns; sources from another stage (`COPY --from`) and heredocs are not in the context and are not checked. Docker does not run this check unless asked to, so the analyzer reports it as information.',
    hint: 'Copy only what the build needs, or add an exception to .dockerignore (e.g. `!config/app.json`).',
    sources: { buildkit: 'CopyIgnoredFile' },
  }),
  check(context) {
    if (context.dockerignore === null) return [];
    const matcher = ignoreMatcher(context.dockerignore);
    if (matcher === null) return [];
    return checkDispatched(
      context,
      (instruction, scope) => {
        const isAdd = instruction.keyword === 'ADD';
        if (!isAdd && (instruction.keyword !== 'COPY' || instruction.flags.some((flag) => flag.name === 'from'))) return [];
        const sources = instruction.json
          ? instruction.json.slice(0, -1).map((value) => ({ raw: value, range: instruction.argsRange }))
          : instruction.words.slice(0, -1);
        const findings: Finding[] = [];
        for (const source of sources) {
          if (source.raw.startsWith('<<')) continue;
          const path = expand(source.raw, scope.env, context.analysis.escape)?.value;
          if (path === undefined || (isAdd && isRemote(path)) || !matcher.excludes(path)) continue;
          findings.push({
            range: source.range,
            messageId: 'ignoredSource',
            message: `Attempting to ${isAdd ? 'Add' : 'Copy'} file ${JSON.stringify(path)} that is excluded by .dockerignore`,
            hint: `.dockerignore excludes ${path}. Add an exception such as \`!${path}\` if the build needs it, or stop copying it.`,
          });
        }
        return findings;
      },
      ['ADD', 'COPY'],
    );
  },
  examples: {
    valid: [
      { code: 'FROM node:22-alpine\nCOPY package.json src/ /app/\n', options: { dockerignore: 'node_modules\n*.log\n' } },
      {
        code: 'FROM node:22-alpine AS deps\nFROM node:22-alpine\nCOPY --from=deps /app/node_modules /app/node_modules\n',
        options: { dockerignore: 'node_modules\n' },
      },
      { code: 'FROM alpine:3.20\nCOPY config/app.json /etc/app.json\n', options: { dockerignore: 'config\n!config/app.json\n' } },
    ],
    invalid: [
      {
        code: 'FROM node:22-alpine\nCOPY node_modules/.bin/tool /usr/local/bin/\nADD logs/app.log secrets.env /tmp/\n',
        options: { dockerignore: '# keep the context small\nnode_modules/\n**/*.log\n/secrets.env\n' },
        findings: [
          {
            line: 2,
            column: 6,
            endLine: 2,
            endColumn: 28,
            messageId: 'ignoredSource',
            message: 'Attempting to Copy file "node_modules/.bin/tool" that is excluded by .dockerignore',
          },
          { line: 3, column: 5, endLine: 3, endColumn: 17, messageId: 'ignoredSource', message: 'Attempting to Add file "logs/app.log"' },
          { line: 3, column: 18, endLine: 3, endColumn: 29, messageId: 'ignoredSource', message: 'Attempting to Add file "secrets.env"' },
        ],
      },
      {
        code: 'FROM alpine:3.20\nCOPY .env /app/\n',
        options: { dockerignore: '.env\n' },
        findings: [{ line: 2, column: 6, endLine: 2, endColumn: 10, messageId: 'ignoredSource' }],
      },
      {
        note: 'Checked after the variable is substituted, against a ** pattern.',
        code: 'FROM alpine:3.20\nARG DOC=docs/README.md\nCOPY ${DOC} /usr/share/doc/\n',
        options: { dockerignore: '**/*.md\n' },
        findings: [{ line: 3, column: 6, endLine: 3, endColumn: 12, messageId: 'ignoredSource' }],
      },
    ],
  },
};
