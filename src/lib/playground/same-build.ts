// Whether two playground selections ask for the same build: the same target, builder, Docker
// release and build arguments. The playground analyses the text again only when they differ.
import type { Selection } from './report.ts';

export function sameBuild(a: Selection, b: Selection): boolean {
  return a.target === b.target && a.builder === b.builder && a.engine === b.engine && JSON.stringify(a.buildArgs) === JSON.stringify(b.buildArgs);
}
