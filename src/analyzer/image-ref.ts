// Image reference validation with Docker's grammar (github.com/distribution/reference),
// so the analyzer predicts "invalid reference format" errors — for example `COPY
// --from=$STAGE`, which Docker never expands and then reads as an image name.

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])`;
const NAME = `(?:${HOST}(?::[0-9]+)?/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const HEX64 = /^[a-f0-9]{64}$/;

/** Docker Hub's short names: `node` is `docker.io/library/node`. */
function remoteName(name: string): string {
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const hasDomain = slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  let remainder = hasDomain ? name.slice(slash + 1) : name;
  const domain = hasDomain ? first : 'docker.io';
  if ((domain === 'docker.io' || domain === 'index.docker.io') && !remainder.includes('/')) remainder = `library/${remainder}`;
  const tagSep = remainder.indexOf(':');
  return tagSep === -1 ? remainder : remainder.slice(0, tagSep);
}

/** Why Docker rejects `ref` as an image reference, in its own words; null when valid. */
export function imageReferenceError(ref: string): string | null {
  if (HEX64.test(ref)) return `invalid repository name (${ref}), cannot specify 64-byte hexadecimal strings`;
  const remote = remoteName(ref.split('@')[0]!);
  if (remote.toLowerCase() !== remote) return `invalid reference format: repository name (${remote}) must be lowercase`;
  const match = REFERENCE.exec(ref);
  if (!match) {
    if (ref === '') return 'invalid reference format: repository name must have at least one component';
    if (REFERENCE.test(ref.toLowerCase())) return 'invalid reference format: repository name must be lowercase';
    return 'invalid reference format';
  }
  if (match[1]!.length > 255) return 'invalid reference format: repository name must not be more than 255 characters';
  return null;
}

/** imageReferenceError with a memo for one analysis: many FROM lines and --from values
 *  repeat the same few references. Make a new one per analysis (nothing is kept between them). */
export function imageReferenceChecker(): (ref: string) => string | null {
  const memo = new Map<string, string | null>();
  return (ref) => {
    let problem = memo.get(ref);
    if (problem === undefined) memo.set(ref, (problem = imageReferenceError(ref)));
    return problem;
  };
}
