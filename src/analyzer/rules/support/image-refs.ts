// Image reference checks shared by the rules of one analysis: FROM lines repeat the same few
// references, and several rules validate them.

import { imageReferenceChecker } from '../../image-ref.ts';
import { memo } from './memo.ts';
import type { RuleContext } from '../types.ts';

/** imageReferenceError, remembered for the rest of this analysis. */
export function imageReferenceErrors(context: RuleContext): (ref: string) => string | null {
  return memo(context, 'image-reference-errors', imageReferenceChecker);
}
