// The metadata of a rule that is one of Docker's own build checks: its page says which Docker
// runs the check and how to turn it off, in the same words on every such page.

import type { RuleMeta } from '../../types.ts';

/** Build checks Docker 28.5 runs only when the Dockerfile asks (`# check=experimental=…`). */
const EXPERIMENTAL = new Set(['CopyIgnoredFile']);

/** Build checks that older Docker, and the classic builder, print as a parser warning of their
 *  own (recorded on 26.1 with both builders and on 28.5's classic builder). */
const PARSER_WARNINGS = new Set(['NoEmptyContinuation']);

/** `meta` with the rationale completed by when Docker reports the check and how to skip it. */
export function buildCheck(meta: RuleMeta & { sources: { buildkit: string } }): RuleMeta {
  // The browser bundles leave the rationale out (src/integrations/strip-rule-docs.ts).
  if (typeof meta.rationale !== 'string') return meta;
  const name = meta.sources.buildkit;
  const text = EXPERIMENTAL.has(name)
    ? `\`${name}\` is one of the build checks of Docker 27 and newer, but an experimental one: Docker 28.5 runs it only when the Dockerfile asks for it with the directive \`# check=experimental=${name}\` (then BuildKit builds report it, and \`docker build --check\` lists it). Docker 26.1 and the classic builder have no build checks. The name to give \`# check=skip=\` is \`${name}\`.`
    : PARSER_WARNINGS.has(name)
      ? `This is \`${name}\`, one of the build checks Docker 27 and newer run on every BuildKit build (BuildKit is the default builder; \`docker build --check\` runs only the checks and lists what they find). Docker 26.1, with either builder, and the classic builder of newer Docker have no build checks but print the same problem as a warning of their own, \`Empty continuation line found in: …\`. To turn the check off for one Dockerfile, start it with the directive \`# check=skip=${name}\` (the classic builder's warning stays).`
      : `This is \`${name}\`, one of the build checks Docker 27 and newer run on every BuildKit build (BuildKit is the default builder; \`docker build --check\` runs only the checks and lists what they find). Docker 26.1 and the classic builder have no build checks, so they build the file without a word. To turn this check off for one Dockerfile, start it with the directive \`# check=skip=${name}\`.`;
  return { ...meta, rationale: `${meta.rationale} ${text}` };
}
