// What the course knows about common base images: how to read a reference, which images
// start as root, and which default command an image runs when the Dockerfile sets none.
// Only facts we can state for every tag of an image are listed; anything else is unknown
// and the rules stay silent about it.

export interface ImageName {
  /** Lower-cased repository, Docker Hub prefixes removed: `node`, `gcr.io/distroless/static-debian12`. */
  repository: string;
  /** The tag, or null when none is written (Docker then pulls `latest`). */
  tag: string | null;
}

const HUB_PREFIXES = ['docker.io/', 'index.docker.io/', 'registry-1.docker.io/', 'public.ecr.aws/docker/', 'mirror.gcr.io/'];

/** `docker.io/library/node:20-slim@sha256:…` → `{ repository: 'node', tag: '20-slim' }`. */
export function parseImage(ref: string): ImageName {
  let name = ref.split('@')[0]!;
  let tag: string | null = null;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  name = name.toLowerCase();
  const prefix = HUB_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) name = name.slice(prefix.length);
  if (name.startsWith('library/')) name = name.slice('library/'.length);
  return { repository: name, tag };
}

/** `node:20-slim` as a reader writes it (the tag shown only when given). */
export function imageText(image: ImageName): string {
  return image.tag === null ? image.repository : `${image.repository}:${image.tag}`;
}

/** Docker Hub official images that start as root: none sets a USER of its own. */
const ROOT_IMAGES = new Set([
  'alpine',
  'busybox',
  'debian',
  'ubuntu',
  'fedora',
  'centos',
  'rockylinux',
  'almalinux',
  'amazonlinux',
  'oraclelinux',
  'archlinux',
  'node',
  'python',
  'pypy',
  'ruby',
  'golang',
  'rust',
  'php',
  'perl',
  'erlang',
  'elixir',
  'openjdk',
  'eclipse-temurin',
  'amazoncorretto',
  'ibm-semeru-runtimes',
  'sapmachine',
  'maven',
  'gradle',
  'buildpack-deps',
  'nginx',
  'httpd',
  'tomcat',
]);

/**
 * True when the image is known to start its processes as root: the official images above,
 * Google's distroless images except the `nonroot` tags, Microsoft's .NET images except the
 * chiseled ones (which run as `app`) and Red Hat's UBI base images. Images we know nothing
 * about (your own base, a vendor's) are not claimed either way.
 */
export function startsAsRoot(image: ImageName): boolean {
  const tag = image.tag ?? 'latest';
  if (/(^|[-_.])nonroot([-_.]|$)/.test(tag)) return false;
  if (ROOT_IMAGES.has(image.repository)) return true;
  if (image.repository.startsWith('gcr.io/distroless/')) return true;
  if (image.repository.startsWith('mcr.microsoft.com/dotnet/')) return !/chiseled|distroless/.test(tag);
  return (
    /^registry\.access\.redhat\.com\/ubi\d+\/ubi(-minimal|-micro|-init)?$/.test(image.repository) ||
    /^registry\.access\.redhat\.com\/ubi\d+$/.test(image.repository)
  );
}

export interface DefaultCommand {
  /** The command as the image's Dockerfile sets it. */
  command: string;
  /** What it starts: an interactive prompt, which exits at once when `docker run` gives it
   *  no terminal (no `-it`). */
  what: string;
}

/** Language images whose default command is their interactive prompt. (OS images such as
 *  alpine or debian default to a shell too, but are so often run with an explicit command
 *  (`docker run img app …`) that they are left out.) */
const DEFAULT_COMMANDS: Record<string, DefaultCommand> = {
  node: { command: 'node', what: 'the interactive Node.js REPL' },
  python: { command: 'python3', what: 'the interactive Python prompt' },
  ruby: { command: 'irb', what: 'the interactive Ruby shell' },
};

/** The CMD an official language image sets, when it is an interactive prompt. */
export function defaultCommand(image: ImageName): DefaultCommand | null {
  // python:2 ran `python2`; every current tag runs `python3`.
  if (image.repository === 'python' && /^2(\.|$|-)/.test(image.tag ?? '')) return null;
  return DEFAULT_COMMANDS[image.repository] ?? null;
}
