// The metadata of a rule that is one of Docker's own build checks: its page says which Docker
// runs the check and how to turn it off, in the same words on every such page.

import type { RuleMeta } from '../types.ts';

/** Build checks Docker 28.5 runs only when the Dockerfile asks (`# check=experimental=…`). */
const EXPERIMENTAL = new Set(['CopyIgnoredFile']);

/** `meta` with the rationale completed by when Docker reports the check and how to skip it. */
export function buildCheck(meta: RuleMeta & { sources: { buildkit: string } }): RuleMeta {
  // The browser bundles leave the rationale out (src/integrations/strip-rule-docs.ts).
  if (typeof meta.rationale !== 'string') return meta;
  const name = meta.sources.buildkit;
  const when = EXPERIMENTAL.has(name)
    ? `Docker 27 and newer have this build check, \`${name}\`, but it is experimental: Docker 28.5 runs it only when the Dockerfile asks for it with \`# check=experimental=${name}\` (then every build reports it, and \`docker build --check\` lists it). Docker 26.1 has no build checks.`
    : `This is \`${name}\`, one of the build checks Docker 27 and newer run on every build (\`docker build --check\` runs only the checks and lists what they find). Docker 26.1 has no build checks, so it builds the file without a word.`;
  const skip = `To turn the check off for one Dockerfile, start the file with the directive \`# check=skip=${name}\`.`;
  return { ...meta, rationale: `${meta.rationale} ${when} ${skip}` };
}
