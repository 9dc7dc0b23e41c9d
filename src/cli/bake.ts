// `stagecraft bake [file] [target…]`: what `docker buildx bake` would build, without Docker: the
// bake file's targets for the names given (or its `default` group), and for each the Dockerfile,
// the stage it builds and the stages BuildKit runs for it (src/analyzer/bake). Like bake, it reads
// docker-bake.hcl, docker-bake.json or a compose file from the current folder when no file is
// given (-f FILE picks one, and may repeat), and takes variable overrides from the environment.
//
//   text    one block per target: its Dockerfile and stage, the stages it runs, its tags/output;
//           then the errors and warnings as `file:line:column  severity  message` + a hint line.
//   --json  {"groups","targets":[{"name","dockerfile","stage","stages","fails","tags","output"}],
//            "diagnostics":[{"id","severity","message","hint","file","line","column"}]}
// Exit 0 when every target can build, 1 when bake would fail, 2 on usage errors.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeBake, type BakeAnalysis, type BakeDiagnostic, type BakeFile, DEFAULT_BAKE_FILES } from '../analyzer/bake/index.ts';
import { printable } from '../runner/printable.ts';
import { pickStyle, type Style } from './format-text.ts';
import type { CliIO } from './main.ts';
import { describeParseError } from './args.ts';

export const BAKE_SYNOPSIS = 'usage: stagecraft bake [bake-file] [target…] [-f FILE]… [--json]';

export const BAKE_USAGE = `Usage: stagecraft bake [bake-file] [target…] [-f FILE]… [--json]

Which Dockerfile stages docker buildx bake builds for each bake target, without
running Docker. Reads the bake file given (HCL, JSON, or a compose file), else
the files bake itself looks for in the current folder (${DEFAULT_BAKE_FILES.join(', ')}).
With no target, the "default" group. Variables take their value from the
environment, as bake's do (TAG=1.2 stagecraft bake).

Options:
  -f, --file <file>  A bake file; repeat to read several (later ones override)
  --json             Print one JSON object instead of a report
  -h, --help         Show help

Exits 0 when every target can build, 1 when bake would fail, 2 on usage errors.

Examples:
  npx stagecraft bake
  npx stagecraft bake docker-bake.hcl test prod
`;

const MAX_BYTES = 1024 * 1024;

/** A usage mistake: bakeCommand prints it with the synopsis under it (main() would escape the line breaks). */
class BakeUsageError extends Error {}

function usageError(message: string): BakeUsageError {
  return new BakeUsageError(message);
}

function readText(path: string, shown: string): string {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw usageError(`cannot read ${shown}: no such file`);
  }
  if (!stat.isFile()) throw usageError(`cannot read ${shown}: not a file`);
  if (stat.size > MAX_BYTES) throw usageError(`${shown} is over 1 MB`);
  return readFileSync(path, 'utf8');
}

const looksLikeFile = (arg: string) => /\.(hcl|json|ya?ml)$/i.test(arg) || arg.includes('/');

/** Runs `stagecraft bake …` (argv after the word `bake`). */
export async function bakeCommand(argv: readonly string[], io: CliIO, cwd: string = process.cwd()): Promise<number> {
  try {
    return bake(argv, io, cwd);
  } catch (error) {
    if (!(error instanceof BakeUsageError)) throw error;
    io.stderr.write(`stagecraft: ${printable(error.message)}\n${BAKE_SYNOPSIS}\n(run "stagecraft bake --help" for details)\n`);
    return 2;
  }
}

function bake(argv: readonly string[], io: CliIO, cwd: string): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { file: { type: 'string', short: 'f', multiple: true }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(BAKE_USAGE);
    return 0;
  }
  const paths = [...(values.file ?? [])];
  const names = [...positionals];
  if (paths.length === 0 && names[0] !== undefined && looksLikeFile(names[0])) paths.push(names.shift()!);
  if (paths.length === 0) paths.push(...DEFAULT_BAKE_FILES.filter((name) => existsSync(join(cwd, name))));
  if (paths.length === 0) throw usageError(`no bake file: give one, or run it where ${DEFAULT_BAKE_FILES.join(', ')} is`);

  const files: BakeFile[] = paths.map((path) => ({ name: path, text: readText(resolve(cwd, path), path) }));
  // Bake resolves contexts from the folder of the (first) bake file.
  const folder = dirname(resolve(cwd, paths[0]!));
  const readFile = (path: string) => {
    const full = resolve(folder, path);
    return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : null;
  };
  const env = Object.fromEntries(Object.entries(io.env ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const analysis = analyzeBake(files, readFile, { names, env });
  const failed = analysis.diagnostics.some((d) => d.severity === 'error') || analysis.plans.some((plan) => plan.fails);
  io.stdout.write(
    values.json ? `${JSON.stringify(bakeJson(analysis, files), null, 2)}\n` : bakeText(analysis, files, names, pickStyle(io.stdout.isTTY, io.env ?? {})),
  );
  return failed ? 1 : 0;
}

function allDiagnostics(analysis: BakeAnalysis): BakeDiagnostic[] {
  return [...analysis.diagnostics, ...analysis.plans.flatMap((plan) => plan.diagnostics)];
}

function place(d: BakeDiagnostic, files: BakeFile[]): string {
  return d.file === null ? 'command line' : `${files[d.file]!.name}:${d.range.start.line}:${d.range.start.column}`;
}

export function bakeText(analysis: BakeAnalysis, files: BakeFile[], names: string[], style: Style): string {
  const lines = [
    `${style.bold('docker buildx bake')} ${names.map(printable).join(' ') || '(the default group)'}  from ${files.map((f) => printable(basename(f.name))).join(', ')}`,
    '',
  ];
  for (const plan of analysis.plans) {
    const target = analysis.targets.find((t) => t.name === plan.name)!;
    lines.push(
      `${style.bold(printable(plan.name))}: ${printable(plan.dockerfilePath)}, stage ${printable(plan.stage ?? '?')}${target.target === undefined ? ' (the last)' : ''}`,
    );
    lines.push(`  runs: ${plan.stages.length > 0 ? plan.stages.map(printable).join(' → ') : 'nothing (the build fails)'}`);
    const outputs = (target.output ?? []).map((o) =>
      Object.entries(o)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    );
    if (target.tags?.length) lines.push(`  tags: ${target.tags.map(printable).join(', ')}`);
    if (outputs.length)
      lines.push(
        `  output: ${outputs.map(printable).join('; ')}${outputs.some((o) => o.includes('cacheonly')) ? ' (no image: the result stays in the build cache)' : ''}`,
      );
    for (const error of plan.dockerfileErrors)
      lines.push(
        `  ${printable(plan.dockerfilePath)}:${error.range.start.line}:${error.range.start.column}  ${style.severity('error', 'error')}  ${printable(error.message)}`,
      );
  }
  const diagnostics = allDiagnostics(analysis);
  if (diagnostics.length > 0) lines.push('');
  for (const d of diagnostics)
    lines.push(`${place(d, files)}  ${style.severity(d.severity, d.severity)}  ${printable(d.message)}`, `  hint: ${printable(d.hint)}`);
  return `${lines.join('\n')}\n`;
}

export function bakeJson(analysis: BakeAnalysis, files: BakeFile[]) {
  return {
    groups: analysis.groups,
    targets: analysis.plans.map((plan) => {
      const target = analysis.targets.find((t) => t.name === plan.name)!;
      return {
        name: plan.name,
        dockerfile: plan.dockerfilePath,
        stage: plan.stage,
        stages: plan.stages,
        fails: plan.fails,
        tags: target.tags ?? [],
        output: target.output ?? [],
      };
    }),
    diagnostics: allDiagnostics(analysis).map((d) => ({
      id: d.id,
      severity: d.severity,
      message: d.message,
      hint: d.hint,
      file: d.file === null ? null : files[d.file]!.name,
      line: d.file === null ? null : d.range.start.line,
      column: d.file === null ? null : d.range.start.column,
    })),
  };
}
