// node scripts/record-compose.ts — how Docker Compose merges the local-development-with-compose
// lesson's files: `docker compose … config --format json` for the lesson's compose.yaml with each
// of its production overrides, passed with -f, and as an automatic compose.override.yaml. Writes
// tests/fixtures/compose/merges.json; tests/content/lessons/local-development-with-compose.test.ts
// holds the lesson to it.
//
// Merging is Compose's own work, done without an engine, so this needs only the Compose plugin
// from Debian's packages: `scripts/oracle/install-compose.sh` puts it in /opt/stagecraft-compose
// (COMPOSE overrides the path to the plugin).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeBlock } from '../tests/content/lessons/mdx-source.ts';
import { lessonDockerfile } from '../tests/support/lesson-dockerfiles.ts';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'tests', 'fixtures', 'compose', 'merges.json');
const LESSON = 'local-development-with-compose';
const COMPOSE = process.env['COMPOSE'] ?? '/opt/stagecraft-compose/usr/libexec/docker/cli-plugins/docker-compose';

/** The fixed override with the alternative the lesson describes in words: `target: !reset null`. */
const RESET_TARGET = () => {
  const fixed = codeBlock(LESSON, 'yaml', 'compose-prod-fixed');
  const reset = fixed.replace('target: production', 'target: !reset null');
  if (reset === fixed) throw new Error('the lesson changed: compose-prod-fixed no longer sets target: production');
  return reset;
};

/** Each merge: which file gets which lesson block (or text), and the files passed with -f (none: Compose's defaults). */
const MERGES: Array<{ id: string; files: Record<string, string | (() => string)>; args: string[] }> = [
  {
    id: 'prod-reset-target',
    files: { 'compose.yaml': 'compose-dev', 'compose.prod.yaml': RESET_TARGET },
    args: ['-f', 'compose.yaml', '-f', 'compose.prod.yaml'],
  },
  {
    id: 'prod-stale',
    files: { 'compose.yaml': 'compose-dev', 'compose.prod.yaml': 'compose-prod-stale' },
    args: ['-f', 'compose.yaml', '-f', 'compose.prod.yaml'],
  },
  {
    id: 'prod-fixed',
    files: { 'compose.yaml': 'compose-dev', 'compose.prod.yaml': 'compose-prod-fixed' },
    args: ['-f', 'compose.yaml', '-f', 'compose.prod.yaml'],
  },
  { id: 'override-automatic', files: { 'compose.yaml': 'compose-dev', 'compose.override.yaml': 'compose-prod-stale' }, args: [] },
  { id: 'override-skipped', files: { 'compose.yaml': 'compose-dev', 'compose.override.yaml': 'compose-prod-stale' }, args: ['-f', 'compose.yaml'] },
];

function compose(args: string[], cwd: string): string {
  const run = spawnSync(COMPOSE, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`${COMPOSE} ${args.join(' ')} failed (scripts/oracle/install-compose.sh installs it):\n${run.stderr}`);
  return run.stdout;
}

const version = compose(['version', '--short'], ROOT).trim();
const merges = [];
for (const merge of MERGES) {
  const dir = mkdtempSync(join(tmpdir(), 'compose-'));
  const project = join(dir, 'api');
  mkdirSync(join(project, 'src'), { recursive: true });
  writeFileSync(join(project, 'Dockerfile'), lessonDockerfile(LESSON, 'node-api').text);
  const files: Record<string, string> = {};
  for (const [name, block] of Object.entries(merge.files)) {
    files[name] = typeof block === 'string' ? codeBlock(LESSON, 'yaml', block) : block();
    writeFileSync(join(project, name), files[name]!);
  }
  const model = JSON.parse(compose([...merge.args, 'config', '--format', 'json'], project).replaceAll(project, '<project>')) as {
    services: Record<string, unknown>;
  };
  merges.push({ id: merge.id, files, args: merge.args, api: model.services['api'] });
  rmSync(dir, { recursive: true });
  console.log(`${merge.id}: ${JSON.stringify((model.services['api'] as { build?: unknown }).build)}`);
}
mkdirSync(join(OUT, '..'), { recursive: true });
writeFileSync(OUT, `${JSON.stringify({ lesson: LESSON, compose: version, merges }, null, 2)}\n`);
console.log(`wrote ${OUT}`);
