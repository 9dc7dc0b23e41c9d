// What the recording engine (../shared/oracle) has that no Dockerfile shows: the images it
// can resolve offline. Any other image is pulled, and the pull fails (no registry is
// reachable) — a run-time failure the analyzer rightly does not report as an error.

import type { Analysis, Edge, Instruction } from '../../src/analyzer/model.ts';

/** The busybox tags start-engine.sh makes (the recording scripts tell a run's own images from them). */
export const LOCAL_IMAGES: ReadonlySet<string> = new Set([
  'alpine:3.20',
  'node:22-alpine',
  'node:22',
  'python:3.12-slim',
  'python:3.12',
  'golang:1.23',
  'debian:bookworm-slim',
  'nginx:alpine',
  'busybox:latest',
]);

function normalise(ref: string): string {
  const lastSlash = ref.lastIndexOf('/');
  return ref.includes('@') || ref.slice(lastSlash + 1).includes(':') ? ref : `${ref}:latest`;
}

export function isLocalImage(ref: string): boolean {
  return LOCAL_IMAGES.has(normalise(ref));
}

/** Edges of the planned stages that make the engine pull an image it does not have, in file order. */
export function failingPulls(analysis: Analysis): Edge[] {
  const planned = new Set(analysis.plan.stages);
  return analysis.edges
    .filter((edge) => planned.has(edge.stage) && edge.target.kind === 'image' && !isLocalImage(edge.target.ref))
    .sort((a, b) => a.range.start.offset - b.range.start.offset);
}

const MARKER = /STAGE-([A-Za-z0-9_.$-]+)/g;

/** The markers a `RUN echo STAGE-x` step prints (record.sh takes every STAGE- word of the
 *  step's line). Each is cut at its first variable: BuildKit logs the expanded command,
 *  the classic builder the raw one, so only the part before `$` is certain. */
export function markersOf(instruction: Instruction): string[] {
  if (instruction.keyword !== 'RUN') return [];
  return [...instruction.argsText.matchAll(MARKER)].map((match) => match[1]!.split('$')[0]!);
}

/** Markers of the RUN steps that start in the planned stages, up to and including the
 *  step at `stopOffset` (the classic builder prints a step's line before it fails). */
export function plannedMarkers(analysis: Analysis, stopOffset = Infinity): string[] {
  const markers: string[] = [];
  for (const index of analysis.plan.stages) {
    for (const instruction of analysis.stages[index]!.instructions) {
      if (instruction.range.start.offset > stopOffset) break;
      markers.push(...markersOf(instruction));
    }
  }
  return [...new Set(markers)];
}

/** A recorded marker matches a predicted one when it starts with it (see markersOf). */
export function sameMarkers(recorded: string[], predicted: string[]): boolean {
  return recorded.length === predicted.length && recorded.every((marker, i) => marker.startsWith(predicted[i]!));
}
