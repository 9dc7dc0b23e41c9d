// What Docker 28.5 said about a Dockerfile, from the build-check recordings in
// tests/fixtures/checks/ (`docker buildx build --call=check` on Docker 28.5, which reports the
// build's own error too). Lesson tests use it where a lesson quotes Docker 28.5's words.

import { type CheckGroup, loadRecording, type RecordedCase } from './check-cases.ts';

/** The recorded case of `group` with this Dockerfile text and these docker build arguments. */
export function recorded28(group: CheckGroup, dockerfile: string, args: readonly string[] = []): RecordedCase {
  const recording = loadRecording(group);
  if (!recording) throw new Error(`no Docker 28.5 recording for ${group} (scripts/record-checks.sh ${group})`);
  const found = recording.cases.find((c) => c.dockerfile === dockerfile && c.args.join(' ') === args.join(' '));
  if (!found) throw new Error(`this Dockerfile (${args.join(' ') || 'default target'}) is not recorded in ${group}: run scripts/record-checks.sh --changed`);
  return found;
}

/** Docker 28.5's BuildKit error for a build fixture (tests/fixtures/builds/<name>) with these arguments. */
export function fixtureError28(name: string, args: readonly string[] = []): string {
  const recording = loadRecording('builds');
  const id = args.length ? `${name} ${args.join(' ')}` : name;
  const found = recording?.cases.find((c) => c.id === id);
  if (!found) throw new Error(`build fixture ${id} is not recorded on Docker 28.5`);
  return found.error;
}
