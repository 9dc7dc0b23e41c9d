// The hint for a FROM whose reference Docker rejects ("invalid reference format"), fitted to
// why it is invalid: a learner who wrote `FROM alpine:${ALPINE_VERSION}` without declaring the
// ARG has an empty tag, not a stage name in the wrong case.

/** The variables a reference uses as written: `alpine:${ALPINE_VERSION}` → ['ALPINE_VERSION']. */
function variablesIn(written: string): string[] {
  return [...written.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]!);
}

/**
 * How to fix a FROM reference Docker cannot parse. `resolved` is the reference after global-ARG
 * expansion (what Docker parsed), `written` the word as written in the Dockerfile.
 */
export function fromReferenceHint(resolved: string, written: string): string {
  const variables = variablesIn(written);
  const name = resolved.split('@')[0]!;
  const emptyPart = name.endsWith(':') || resolved.endsWith('@') || resolved === '' || name.startsWith(':') || name.includes('/:');
  if (emptyPart && variables.length > 0) {
    const first = variables[0]!;
    return `Part of the reference came out empty: ${variables.map((v) => `\${${v}}`).join(', ')} has no value here. A FROM line sees only the ARGs declared before the first FROM; declare it there with a default, e.g. \`ARG ${first}=<value>\` (or pass \`--build-arg ${first}=<value>\`).`;
  }
  if (emptyPart) return 'Part of the reference is empty: write the image name and its tag in full, e.g. `FROM alpine:3.20`.';
  if (resolved !== resolved.toLowerCase()) {
    return 'BuildKit matches FROM <stage> exactly against the lower-cased stage names, so write the stage name in lower case (e.g. `FROM base`). Image names must be lower-case too.';
  }
  if (variables.length > 0) {
    return `With its variables expanded the reference reads "${resolved}", which is not an image name. Check the values of ${variables.map((v) => `\${${v}}`).join(', ')}.`;
  }
  return 'Write an image as `name:tag` in lower case (e.g. `FROM node:22-slim`), or the name of a stage defined above this line.';
}
