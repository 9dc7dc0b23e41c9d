// The course path: every lesson's slug, in order. Lessons live in content/lessons/<slug>.mdx;
// quizzes and the site's rule→lesson map (src/lib/rule-lessons.ts) link to lessons by these
// slugs, and tests keep them in step.

export const LESSON_PATH = [
  'what-is-a-stage',
  'build-vs-runtime',
  'named-stages-and-target',
  'sharing-steps',
  'lean-production-images',
  'advanced-builds',
  'one-dockerfile-every-environment',
  'local-development-with-compose',
  'debugging-stage',
  'myths',
  'pitfalls',
  'capstone',
] as const;

export type LessonSlug = (typeof LESSON_PATH)[number];
