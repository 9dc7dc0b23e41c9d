// The quiz engine: pure TypeScript, no DOM.
//   load.ts      YAML → validated quiz (the schema is src/content/quiz-schema.ts)
//   compute.ts   answers: by hand for choice and true/false, by the analyzer for
//                predict-build and find-the-line
//   grade.ts     grading a response, and which explanations it calls for
//   session.ts   answering a question in a round (round.ts: rounds, score, missed
//                questions and the retry set)
//   shuffle.ts   seeded shuffling
// The <quiz-form> island imports round.ts and shuffle.ts directly, and grade.ts and
// session.ts once the learner first checks an answer (quiz-check.ts), so the
// analyzer and the schema stay out of the browser bundle.
export * from './command.ts';
export * from './compute.ts';
export * from './grade.ts';
export * from './load.ts';
export * from './session.ts';
export * from './shuffle.ts';
export * from './text.ts';
