// What DL3006 and DL3007 look at: the image a FROM line pulls, as Docker resolves it.

import type { Stage, Word } from '../../../model.ts';
import { memo } from '../../support/memo.ts';
import type { RuleContext } from '../../types.ts';
import { imageReferenceErrors } from '../../support/image-refs.ts';
import { splitImageRef, stagesByName } from './helpers.ts';

export interface BaseImage {
  stage: Stage;
  word: Word;
  /** Repository without tag or digest. */
  name: string;
  tag: string | null;
  digest: boolean;
  /** `"node"`, or `"${IMAGE}" (node)` when the FROM line uses a variable. */
  shown: string;
}

/** Every FROM that pulls an image (not scratch, not an earlier stage, not a reference Docker rejects). */
export function baseImages(context: RuleContext): readonly BaseImage[] {
  return memo(context, 'base-images', () => readBaseImages(context));
}

function readBaseImages(context: RuleContext): BaseImage[] {
  const { analysis } = context;
  const images: BaseImage[] = [];
  const earlierStage = stagesByName(context);
  const imageReferenceError = imageReferenceErrors(context);
  for (const stage of analysis.stages) {
    const word = stage.from.words[0];
    if (!word || stage.base.kind !== 'image' || stage.baseText === '' || imageReferenceError(stage.baseText) !== null) continue;
    // `FROM Base` after `AS base`: the classic builder finds the stage, BuildKit rejects the name; neither is about tags.
    if (earlierStage(stage.baseText, stage.index)) continue;
    const shown = word.raw === stage.baseText ? `"${word.raw}"` : `"${word.raw}" (${stage.baseText})`;
    const { name, tag, digest } = splitImageRef(stage.baseText);
    images.push({ stage, word, shown, name, tag, digest });
  }
  return images;
}
