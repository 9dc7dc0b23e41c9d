// Schema problems as lines a content author can act on. Shared by every content loader
// (exercises, answer tables, quizzes, the workshop discussion file), so their messages read alike.

/** Zod issues as "questions.3.options.1.lesson: message" lines ("(top level)" for the root). */
export function describeIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`).join('\n');
}
