// Which lesson teaches what each lint rule checks: the site's knowledge, not the analyzer's
// (the analyzer knows rules, not the course). The rule pages (/rules/<id>/) link to it; a test
// (tests/course/rule-lessons.test.ts) keeps every rule of the catalogue mapped to a lesson on the
// course path.

import type { LessonSlug } from './course/lesson-path.ts';

/** Rule id → the lesson that teaches it, in the order of the rule catalogue. */
export const RULE_LESSONS: Readonly<Record<string, LessonSlug>> = {
  'stage-name-casing': 'named-stages-and-target',
  'from-as-casing': 'named-stages-and-target',
  'no-empty-continuation': 'pitfalls',
  'consistent-instruction-casing': 'pitfalls',
  'duplicate-stage-name': 'named-stages-and-target',
  'reserved-stage-name': 'named-stages-and-target',
  'json-args-recommended': 'build-vs-runtime',
  'maintainer-deprecated': 'pitfalls',
  'undefined-arg-in-from': 'one-dockerfile-every-environment',
  'workdir-relative-path': 'pitfalls',
  'undefined-var': 'one-dockerfile-every-environment',
  'multiple-instructions-disallowed': 'build-vs-runtime',
  'legacy-key-value-format': 'pitfalls',
  'redundant-target-platform': 'advanced-builds',
  'secrets-used-in-arg-or-env': 'advanced-builds',
  'invalid-default-arg-in-from': 'one-dockerfile-every-environment',
  'from-platform-flag-const-disallowed': 'advanced-builds',
  'expose-proto-casing': 'build-vs-runtime',
  'expose-invalid-format': 'build-vs-runtime',
  'copy-ignored-file': 'lean-production-images',
  'instruction-before-from': 'what-is-a-stage',
  'untagged-base-image': 'build-vs-runtime',
  'latest-base-image': 'build-vs-runtime',
  'copy-from-undefined-stage': 'what-is-a-stage',
  'copy-from-own-stage': 'pitfalls',
  'copy-entire-filesystem': 'lean-production-images',
  'copy-relative-destination': 'sharing-steps',
  'last-user-root': 'lean-production-images',
  'onbuild-forbidden-trigger': 'sharing-steps',
  'build-tools-in-final-image': 'build-vs-runtime',
  'test-tools-in-final-image': 'lean-production-images',
  'dev-dependencies-in-final-image': 'lean-production-images',
  'heavy-final-base': 'lean-production-images',
  'final-stage-runs-as-root': 'lean-production-images',
  'dependency-install-after-copy-all': 'pitfalls',
  'unreachable-stage': 'named-stages-and-target',
  'no-command-in-final-image': 'pitfalls',
};

/** The lesson that teaches a rule, or undefined for an id outside the catalogue. */
export function ruleLesson(ruleId: string): LessonSlug | undefined {
  return Object.hasOwn(RULE_LESSONS, ruleId) ? RULE_LESSONS[ruleId] : undefined;
}
