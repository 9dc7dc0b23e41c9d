// The build-cache model: which steps of a build come from the cache after a change, and why.
// Pure TypeScript like the rest of the analyzer, shared by the CLI (`stagecraft rebuild`), the
// course's quiz computation and (later) the workbench.

export { predictCache } from './predict.ts';
export { cacheChoices } from './choices.ts';
export { editedLines } from './edits.ts';
export { makesStep } from './walk.ts';
export type * from './types.ts';
export { CACHE_ENGINES } from './types.ts';
