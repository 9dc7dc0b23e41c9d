// Progress kept in the learner's browser. See schema.ts for the stored shape, storage.ts
// for the never-throw, never-lose rules, and progress-store.ts (progress-store-with-exercises.ts with the exercises'
// writes) for the islands' shared store.
export * from './schema.ts';
export * from './storage.ts';
export * from './storage-keys.ts';
export * from './progress.ts';
import './progress-recovery.ts';
export * from './predictions.ts';
export * from './quiz-progress.ts';
export * from './exercise-progress.ts';
export * from './exercise-text.ts';
export * from './exercise-session.ts';
export * from './recover.ts';
export * from './salvage.ts';
export * from './migrate.ts';
