// The sentences the runner shows next to a step it skips, or runs differently from Docker.
// One place for them, so the dry run, the browser and the CLI say the same thing.

/** Instructions that only set image metadata or container settings the sandbox does not
 *  have: shown as skipped, with what they do in Docker. */
export const METADATA_NOTES: Readonly<Record<string, string>> = {
  USER: 'USER changes the user the container runs as; the sandbox runs everything as one user.',
  EXPOSE: 'EXPOSE only documents a port; the sandbox finds the port the server really opens.',
  LABEL: 'LABEL adds information to the image’s metadata; there is nothing to run.',
  MAINTAINER: 'MAINTAINER records the author in the image’s metadata; there is nothing to run.',
  HEALTHCHECK: 'HEALTHCHECK tells Docker how to test a running container; the sandbox runs no health checks.',
  STOPSIGNAL: 'STOPSIGNAL sets the signal that stops the container; the sandbox stops processes its own way.',
  SHELL: 'SHELL changes the shell of later shell-form commands; the runner reads those without a shell, so it changes nothing here.',
  VOLUME: 'VOLUME marks a folder for a volume when the container runs; the sandbox has no volumes, so the files stay in the stage’s folder.',
  ONBUILD: 'ONBUILD records a step for images built FROM this one later; it does not run in this build.',
};

export function unknownInstructionNote(keyword: string): string {
  return `${keyword} is not an instruction the runner knows, so this step is skipped.`;
}

/** Why a stage's RUN steps cannot run: its base image has no Node.js. */
export function noNodeNote(base: string): string {
  return base === 'scratch'
    ? 'This stage starts FROM scratch, an empty image without Node.js, so its RUN steps are skipped.'
    : `This stage starts FROM ${base}, which has no Node.js, so its RUN steps are skipped.`;
}

/** On the FROM step of a stage whose image has no Node.js. */
export function emptyBaseNote(base: string): string {
  return base === 'scratch'
    ? 'scratch is empty: the stage starts as an empty folder, and only files copied into it end up in it.'
    : `${base} has no Node.js: the stage starts as an empty folder (without the image’s own files), and its RUN steps are skipped.`;
}

export const HEREDOC_RUN_NOTE = 'RUN with a heredoc runs a shell script, which the runner does not interpret, so this step is skipped.';

export function shellFeatureNote(feature: string): string {
  return `This command uses ${feature}, which needs a real shell; the runner runs only Node.js commands joined with &&, so this step is skipped.`;
}

export function imageSourceNote(what: string, image: string): string {
  return `${what} reads from the image ${image}, which the sandbox cannot pull, so this step is skipped.`;
}

export const PARENTS_NOTE = 'COPY --parents (keeping the source folders) is not supported by the runner, so this step is skipped.';
export const REMOTE_ADD_NOTE =
  'ADD of a URL or Git repository downloads it into the image; the runner does not fetch from the network, so this step is skipped.';
export const ARCHIVE_ADD_NOTE = 'ADD unpacks a local archive into the image; the runner does not unpack archives, so this step is skipped.';

const REMOTE = /^(?:https?|git|ssh):\/\/|^git@/;
const ARCHIVE = /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/i;

/** Why the runner skips an ADD of `source` (a URL, a Git repository, an archive), or null when it copies it. */
export function addSourceNote(source: string): string | null {
  if (REMOTE.test(source)) return REMOTE_ADD_NOTE;
  if (ARCHIVE.test(source)) return ARCHIVE_ADD_NOTE;
  return null;
}

export const CHOWN_NOTE = 'The ownership and permission flags (--chown, --chmod) are ignored: the sandbox runs everything as one user.';

export function mountNote(type: string, target: string | null): string {
  const where = target ? ` at ${target}` : '';
  switch (type) {
    case 'cache':
      return `The cache mount${where} is not kept between runs: this step runs without a cache.`;
    case 'secret':
      return `The secret mount${where} is not provided: the sandbox has no build secrets, so this step runs without it.`;
    case 'ssh':
      return 'The SSH agent mount is not provided: the sandbox has no SSH agent, so this step runs without it.';
    case 'tmpfs':
      return `The tmpfs mount${where} is an ordinary folder in the sandbox.`;
    default:
      return `The ${type} mount is not supported by the runner; this step runs without it.`;
  }
}

export const BIND_MOUNT_NOTE = 'Bind-mounted files are copied in for this step and removed after it, as the mount would leave them out of the image.';

export function initWrapperNote(wrapper: string): string {
  return `${wrapper} only forwards signals to the command it starts; the sandbox starts that command directly.`;
}

export function notStartableNote(reason: string): string {
  return `The image's command cannot start in the sandbox: ${reason}`;
}

export const NO_COMMAND_NOTE = 'The image sets no CMD or ENTRYPOINT, so there is nothing to start.';
