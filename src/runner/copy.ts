// COPY and ADD (local sources) with Docker's rules:
// - sources are relative to the build context's root (or the `--from` stage's root); `..`
//   cannot climb out of it, and a source that is not there fails the step;
// - a folder source copies its contents, not the folder itself; `.` is the whole context;
// - `*`, `?` and `[…]` match within one path segment, and a pattern matching nothing copies
//   nothing (BuildKit allows empty wildcards);
// - the destination is relative to WORKDIR; it is a folder when it ends with `/` (or is `.`),
//   when there are several sources, or when a folder already exists there; otherwise a file
//   source is written under that name;
// - `COPY <<EOF <dest>` writes the heredoc's body as a file named after its delimiter;
// - `--exclude` leaves out matching paths (as .dockerignore patterns, relative to the source).

import { matchEnds, tokenize } from '../analyzer/glob.ts';
import type { Instruction } from '../analyzer/model.ts';
import { ignoreMatcher, type IgnoreMatcher } from '../analyzer/rules/buildkit/support/dockerignore.ts';
import { expand, expandRaw } from '../analyzer/rules/buildkit/support/variables.ts';
import type { BuildContextIndex } from './context-index.ts';
import { basename, cleanPath, hasGlob, resolvePath, underRoot } from './paths.ts';
import { copyTree, isDirectory } from './sandbox-files.ts';
import { StepFailure, StepSkipped } from './step-failure.ts';
import { addSourceNote } from './step-notes.ts';
import type { Sandbox } from './types.ts';

export interface CopyEnvironment {
  sandbox: Sandbox;
  context: BuildContextIndex;
  /** Sandbox path of the stage being built, and its working directory (container path). */
  root: string;
  workdir: string;
  /** Variables the words are expanded with. */
  scope: ReadonlyMap<string, string>;
  escape: string;
  /** `--from=<stage>`: that stage's root and label; null for the build context. */
  from: { root: string; label: string } | null;
  /** A line for the terminal. */
  say(line: string): void;
}

/** Something to copy: a context file or folder, a stage path, or heredoc text. */
type Source =
  | { kind: 'context-file'; path: string }
  | { kind: 'context-folder'; path: string }
  | { kind: 'stage-path'; path: string; folder: boolean }
  | { kind: 'text'; name: string; text: string };

function expandWord(raw: string, environment: CopyEnvironment): string {
  const expanded = expand(raw, environment.scope, environment.escape);
  if (expanded === null) throw new StepFailure(`The variable substitution in ${raw} is malformed, so Docker would fail this step.`);
  return expanded.value;
}

export async function copyInstruction(instruction: Instruction, environment: CopyEnvironment): Promise<void> {
  const raws = instruction.json ?? instruction.words.map((word) => word.raw);
  if (raws.length < 2) throw new StepFailure(`${instruction.keyword} needs a source and a destination.`);
  const destRaw = expandWord(raws.at(-1)!, environment);
  const sourceWords = raws.slice(0, -1);
  const excludes = instruction.flags.filter((flag) => flag.name === 'exclude' && flag.value !== null).map((flag) => flag.value!);
  const exclude = excludes.length > 0 ? ignoreMatcher(excludes) : null;

  const sources: Source[] = [];
  for (const raw of sourceWords) {
    if (raw.startsWith('<<') && !instruction.json) {
      sources.push(heredocSource(instruction, raw, environment));
      continue;
    }
    const source = expandWord(raw, environment);
    // `ADD $URL`: only now is it known whether the source is a download or an archive.
    const skipped = instruction.keyword === 'ADD' && !environment.from ? addSourceNote(source) : null;
    if (skipped !== null) throw new StepSkipped(skipped);
    const found = environment.from ? await stageSources(source, environment) : contextSources(source, environment);
    if (found.length === 0 && !hasGlob(source)) {
      const where = environment.from ? `stage ${environment.from.label}` : 'the build context';
      throw new StepFailure(`"${source}" is not in ${where}, so Docker would fail this step${environment.from ? '' : ' (check the path and .dockerignore)'}.`);
    }
    if (found.length === 0) environment.say(`(no files match ${source}: nothing to copy for it)`);
    sources.push(...found);
  }

  const destination = resolvePath(environment.workdir, destRaw);
  const destPath = underRoot(environment.root, destination);
  const intoFolder = /(?:^|\/)\.?$/.test(destRaw) || sourceWords.length > 1 || (await isDirectory(environment.sandbox, destPath));
  for (const source of sources) await copySource(source, destPath, intoFolder, exclude, environment);
}

function heredocSource(instruction: Instruction, raw: string, environment: CopyEnvironment): Source {
  const name = raw.replace(/^<<-?/, '').replace(/^["']|["']$/g, '');
  const heredoc = instruction.heredocs.find((h) => h.name === name);
  if (!heredoc) throw new StepFailure(`The heredoc ${name} has no body.`);
  const text = heredoc.quoted ? heredoc.body : (expandRaw(heredoc.body, environment.scope)?.value ?? heredoc.body);
  return { kind: 'text', name, text };
}

/** A path of the context as Docker reads a source: relative to the root, `..` stopped there. */
function contextPath(source: string): string {
  return cleanPath(`/${source}`).slice(1) || '.';
}

function contextSources(source: string, environment: CopyEnvironment): Source[] {
  const path = contextPath(source);
  const { context } = environment;
  if (!hasGlob(path)) {
    if (path === '.' || context.folders.has(path)) return [{ kind: 'context-folder', path }];
    return context.files.has(path) ? [{ kind: 'context-file', path }] : [];
  }
  const pattern = path.split('/');
  const matched = new Map<string, Source>();
  for (const file of context.files.keys()) {
    const parts = file.split('/');
    if (parts.length < pattern.length || !pattern.every((segment, i) => segmentMatches(segment, parts[i]!))) continue;
    const match = parts.slice(0, pattern.length).join('/');
    matched.set(match, parts.length === pattern.length ? { kind: 'context-file', path: match } : { kind: 'context-folder', path: match });
  }
  return [...matched.keys()].sort().map((key) => matched.get(key)!);
}

function segmentMatches(pattern: string, name: string): boolean {
  return matchEnds(tokenize(pattern), name, 0)[name.length] === true;
}

async function stageSources(source: string, environment: CopyEnvironment): Promise<Source[]> {
  const { sandbox, from } = environment;
  const path = cleanPath(`/${source}`);
  if (!hasGlob(path)) {
    const full = underRoot(from!.root, path);
    if (!(await sandbox.exists(full))) return [];
    return [{ kind: 'stage-path', path: full, folder: await isDirectory(sandbox, full) }];
  }
  let current = [from!.root];
  for (const segment of path.slice(1).split('/')) {
    const next: string[] = [];
    for (const folder of current) {
      if (!hasGlob(segment)) {
        next.push(`${folder}/${segment}`);
        continue;
      }
      let entries;
      try {
        entries = await sandbox.readdir(folder);
      } catch {
        continue;
      }
      for (const entry of entries.map((e) => e.name).sort()) if (segmentMatches(segment, entry)) next.push(`${folder}/${entry}`);
    }
    current = next;
  }
  const found: Source[] = [];
  for (const full of current) if (await sandbox.exists(full)) found.push({ kind: 'stage-path', path: full, folder: await isDirectory(sandbox, full) });
  return found;
}

function excluded(exclude: IgnoreMatcher | null, relative: string): boolean {
  return exclude !== null && exclude.excludes(relative);
}

async function copySource(source: Source, destPath: string, intoFolder: boolean, exclude: IgnoreMatcher | null, environment: CopyEnvironment): Promise<void> {
  const { sandbox, context } = environment;
  switch (source.kind) {
    case 'text':
      await sandbox.writeFile(intoFolder ? `${destPath}/${source.name}` : destPath, source.text);
      return;
    case 'context-file':
      if (excluded(exclude, basename(source.path))) return;
      await sandbox.writeFile(intoFolder ? `${destPath}/${basename(source.path)}` : destPath, context.files.get(source.path)!);
      return;
    case 'context-folder': {
      await sandbox.mkdir(destPath);
      const prefix = source.path === '.' ? '' : `${source.path}/`;
      for (const [file, data] of context.files) {
        if (!file.startsWith(prefix)) continue;
        const relative = file.slice(prefix.length);
        if (!excluded(exclude, relative)) await sandbox.writeFile(`${destPath}/${relative}`, data);
      }
      return;
    }
    case 'stage-path': {
      if (!source.folder) {
        if (excluded(exclude, basename(source.path))) return;
        await copyTree(sandbox, source.path, intoFolder ? `${destPath}/${basename(source.path)}` : destPath);
        return;
      }
      const left = await copyTree(sandbox, source.path, destPath, exclude ? (relative) => !exclude.excludes(relative) : undefined);
      for (const link of left) environment.say(`(left out the symlink ${link}: it points to a folder)`);
    }
  }
}
