// The course path: every lesson's slug, in order. Lessons live in content/lessons/<slug>.mdx;
// rules and quizzes link to lessons by these slugs, and a test keeps the two in step.

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
