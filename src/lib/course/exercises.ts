// The course's exercises as the lessons place them: every `<ExerciseSlot id="…" title="…" />`
// in a lesson's MDX source, in lesson order. The progress page and the workshop agenda list
// exercises from here, so they follow the lessons whatever the workbench does with each one.
//
// Pure (no astro:* imports): pass in the lessons with their raw MDX body.

export interface LessonSource {
  id: string;
  body?: string | undefined;
}

export interface CourseExercise {
  /** The ExerciseSlot id, which is also the exercise's key in the learner's progress. */
  id: string;
  title: string;
  /** The slug of the lesson that holds it. */
  lesson: string;
  /** A step of a faded worked example (inside `<FadedStep>`): practice for a learner on their
   *  own, which a workshop's agenda and room preset leave out (an agenda plans one exercise
   *  block per lesson, for the lesson's own exercises). */
  practice: boolean;
}

const SLOT = /<ExerciseSlot\b([^>]*?)\/?>/g;
const FADED_STEP = /<FadedStep\b[\s\S]*?<\/FadedStep>/g;
const ATTRIBUTE = /\b(id|title)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The exercises of `lessons`, in their order (a lesson may hold several). */
export function courseExercises(lessons: readonly LessonSource[]): CourseExercise[] {
  const exercises: CourseExercise[] = [];
  for (const lesson of lessons) {
    const body = lesson.body ?? '';
    const steps = [...body.matchAll(FADED_STEP)].map((step) => [step.index, step.index + step[0].length] as const);
    for (const slot of body.matchAll(SLOT)) {
      const attributes: Record<string, string> = {};
      for (const match of (slot[1] ?? '').matchAll(ATTRIBUTE)) attributes[match[1]!] = match[2] ?? match[3] ?? '';
      const practice = steps.some(([start, end]) => slot.index > start && slot.index < end);
      if (attributes['id'] && attributes['title']) exercises.push({ id: attributes['id'], title: attributes['title'], lesson: lesson.id, practice });
    }
  }
  return exercises;
}
