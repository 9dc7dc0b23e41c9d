// The participant's side of the exercise board: with their consent, which goals of the
// room's exercises their Dockerfile passes, and (if they choose) the Dockerfile itself.
//
// The Dockerfile is the one this browser keeps for the exercise's workbench (the learner's
// progress, src/lib/progress); goals are evaluated here with the exercise's own goal engine
// (src/exercises/goals.ts, loaded only once the participant opts in, as it brings the
// analyzer). It is re-read when the lesson's tab saves (the storage event) and when this
// page gets the focus back, and sent only when what it would share has changed.
import { element, part } from '../../lib/dom-parts.ts';
import { roomExerciseFiles, type RoomExercise } from '../../lib/rooms/catalog.ts';
import { MAX_SHARED_DOCKERFILE } from '../../lib/rooms/limits.ts';
import { exerciseEntry } from '../../lib/progress/exercise-progress.ts';
import { readProgress } from '../../lib/progress/progress.ts';
import { browserStorage } from '../../lib/progress/storage.ts';
import type { ApiResult } from './room-api.ts';
import { inline, lessonHref } from './room-render.ts';

type Send = (path: string, init: { method?: string; body?: unknown }) => Promise<ApiResult<unknown>>;
type Evaluate = typeof import('../../exercises/goals.ts').evaluate;

/** The goal engine, with the cache goals' (the blanks') checker only when an exercise of the room has cache goals (blanks). */
async function loadEvaluate(exercises: ReadonlyArray<Pick<RoomExercise, 'goals'>>): Promise<Evaluate> {
  const { evaluateGoals, hasBlanks, hasCacheGoals } = await import('../../exercises/goal-engine.ts');
  const checkCache = exercises.some(hasCacheGoals) ? (await import('../../exercises/cache-goals.ts')).checkCacheGoal : null;
  const checkBlanks = exercises.some(hasBlanks) ? (await import('../../exercises/blanks.ts')).checkNoBlanks : null;
  return (exercise, text) => evaluateGoals(exercise, text, checkCache, checkBlanks);
}

/** The learner's saved Dockerfile for an exercise in this browser, or null when there is none. */
export function savedDockerfile(id: string): string | null {
  const entry = exerciseEntry(readProgress(browserStorage()).value, id);
  return entry.status === 'ok' && entry.entry.text !== undefined ? entry.entry.text : null;
}

export class ExerciseBoard {
  readonly #root: HTMLElement;
  readonly #send: Send;
  #exercises: RoomExercise[] = [];
  #evaluate: Evaluate | null = null;
  /** What was last sent per exercise (JSON), so unchanged results are not sent again. */
  readonly #sent = new Map<string, string>();
  readonly #refresh = (): void => void this.#sync();
  /** The sync running or last run: syncs run one after another, each reading the checkboxes
   *  when it starts, so a quick second tick is never overtaken by the first's older answer. */
  #syncing: Promise<void> = Promise.resolve();

  constructor(root: HTMLElement, send: Send) {
    this.#root = root;
    this.#send = send;
    const share = part<HTMLInputElement>(root, '[data-share]');
    const file = part<HTMLInputElement>(root, '[data-share-file]');
    share.addEventListener('change', () => {
      file.disabled = !share.checked;
      if (!share.checked) {
        file.checked = false;
        this.#sent.clear();
        void this.#send('/board', { method: 'DELETE' });
        this.#state('You no longer share your progress.');
      }
      void this.#sync();
    });
    file.addEventListener('change', () => void this.#sync());
    addEventListener('storage', this.#refresh);
    addEventListener('focus', this.#refresh);
  }

  stop(): void {
    removeEventListener('storage', this.#refresh);
    removeEventListener('focus', this.#refresh);
  }

  update(exercises: RoomExercise[], shared: ReadonlyArray<{ exercise: string }>): void {
    const changed = exercises.map((e) => e.id).join() !== this.#exercises.map((e) => e.id).join();
    this.#exercises = exercises;
    // After a reload the server still has what this participant shared: keep sharing.
    const share = part<HTMLInputElement>(this.#root, '[data-share]');
    if (shared.length > 0 && !share.checked && this.#sent.size === 0) {
      share.checked = true;
      part<HTMLInputElement>(this.#root, '[data-share-file]').disabled = false;
    }
    if (changed) void this.#sync();
  }

  #state(text: string): void {
    part<HTMLElement>(this.#root, '[data-board-state]').textContent = text;
  }

  #sync(): Promise<void> {
    // A sync that failed (the goal checker did not load) does not stop the next one.
    this.#syncing = this.#syncing.catch(() => undefined).then(() => this.#syncNow());
    return this.#syncing;
  }

  async #syncNow(): Promise<void> {
    const sharing = part<HTMLInputElement>(this.#root, '[data-share]').checked;
    const withFile = part<HTMLInputElement>(this.#root, '[data-share-file]').checked;
    if (sharing && !this.#evaluate) {
      this.#state('Loading the goal checker…');
      this.#evaluate = await loadEvaluate(this.#exercises);
    }
    const list = part<HTMLElement>(this.#root, '[data-board-list]');
    const items: HTMLElement[] = [];
    let failed: string | null = null;
    for (const exercise of this.#exercises) {
      const text = savedDockerfile(exercise.id);
      const item = element('li', 'room-board-opt__item');
      const link = inline('a', '', exercise.title);
      (link as HTMLAnchorElement).href = `${lessonHref(exercise.lesson)}#wb-${exercise.id}-title`;
      item.append(link);
      if (text === null) {
        item.append(element('span', 'room-board-opt__goals muted', ' — not started in this browser'));
      } else if (this.#evaluate) {
        const evaluation = this.#evaluate({ goals: exercise.goals, files: roomExerciseFiles(exercise) }, text);
        const passed = evaluation.goals.filter((goal) => goal.passed).map((goal) => goal.id);
        item.append(element('span', 'room-board-opt__goals', ` — ${passed.length} of ${evaluation.goals.length} goals pass`));
        if (sharing) {
          const body = { exercise: exercise.id, passed, dockerfile: withFile && text.length <= MAX_SHARED_DOCKERFILE ? text : null };
          const key = JSON.stringify(body);
          if (this.#sent.get(exercise.id) !== key) {
            const result = await this.#send('/board', { body });
            if (result.ok) this.#sent.set(exercise.id, key);
            else failed = result.error;
          }
        }
      } else item.append(element('span', 'room-board-opt__goals muted', ' — saved in this browser'));
      items.push(item);
    }
    list.replaceChildren(...items);
    if (failed) this.#state(`Not shared: ${failed}`);
    else if (sharing)
      this.#state(
        withFile ? 'Shared with the facilitator: your goals and your Dockerfile.' : 'Shared with the facilitator: which goals pass (not your Dockerfile).',
      );
  }
}
