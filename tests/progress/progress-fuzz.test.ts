// A seeded, deterministic fuzz of the progress store: random sequences of edits and saves
// in several tabs (ExerciseSession, as the workbench drives it), storage events, the
// learner's choices between tabs, reloads, closed tabs, lesson visits and completions,
// imports and resets, restores of kept copies, full quotas, blocked storage, and corrupt
// bytes written over any stored value. After every step:
//   - no text a save accepted is lost: every saved text is still in this browser's storage
//     (as the exercise's text, or in a kept copy) until the learner saves an edit of it (a
//     save from the tab whose editor it was in), or else a value it was in was corrupted by
//     the fuzz itself, and that corrupted value is kept;
//   - every value the store wrote reads back (nothing is stored that a read refuses);
//   - nothing throws.
// A failure names its seed and step; replay one seed with FUZZ_SEED=<n>.

import { describe, expect, it } from 'vitest';
import {
  ExerciseSession,
  EXERCISE_TEXT_PREFIX,
  markExerciseCompleted,
  MAX_EXERCISE_TEXT,
  PROGRESS_KEY,
  readExerciseText,
  readProgress,
  recordVisit,
} from '../../src/lib/progress/index.ts';
import { listKeptCopies, restoreKeptCopy } from '../../src/lib/progress/kept-copies.ts';
import { importProgress, keepProgressCopy, progressWithTexts, resetProgress, serializeExport } from '../../src/lib/progress/transfer.ts';
import { FakeStorage } from '../support/fake-storage.ts';
import { deriveSeed, Random } from '../../src/shared/random.ts';

const EXERCISES = ['ex-a', 'ex-b', 'ex-c'] as const;
const STARTER = 'FROM alpine:3.20\n';
const SEEDS = process.env['FUZZ_SEED']
  ? [Number(process.env['FUZZ_SEED'])]
  : Array.from({ length: Number(process.env['FUZZ_SEEDS'] ?? 40) }, (_, i) => deriveSeed(0x5eed16, i));
const STEPS = Number(process.env['FUZZ_STEPS'] ?? 150);

interface Tab {
  name: string;
  exercise: string;
  session: ExerciseSession;
  /** sessionStorage of the tab: survives its reloads. */
  own: FakeStorage;
  /** What the editor holds. */
  text: string;
}

class World {
  readonly random: Random;
  readonly local = new FakeStorage();
  readonly tabs: Tab[] = [];
  #tabs = 0;
  #clock = Date.UTC(2026, 2, 1);
  #revs = 0;
  /** Saved texts that must not be lost, with who saved them (for the report). */
  readonly accepted = new Map<string, string>();
  /** Values the fuzz corrupted that held an accepted text: text → corrupted raw values (one must stay). */
  readonly covered = new Map<string, Set<string>>();
  /** Keys the fuzz wrote over, with what it wrote (until the store writes them again). */
  readonly corrupted = new Map<string, string>();
  /** Exports the page would have offered as downloads (no room to keep a copy). */
  readonly downloads: string[] = [];
  readonly log: string[] = [];

  constructor(seed: number) {
    this.random = new Random(seed);
  }

  now(): Date {
    this.#clock += 1000 * this.random.range(1, 120);
    return new Date(this.#clock);
  }

  text(): string {
    const r = this.random;
    const lines = r.range(0, 6);
    let text = STARTER;
    for (let i = 0; i < lines; i++)
      text += r.pick(['RUN echo "', 'COPY . /app', 'FROM node:22 AS b', '# é 🐳 \\', 'ENV A=$B\n', '\u0001"\\u00e9']) + r.int(1000) + '\n';
    // Now and then a paste over the limit.
    if (r.chance(0.04)) text += 'RUN echo "pasted line" && true\n'.repeat(Math.ceil((MAX_EXERCISE_TEXT + 10) / 30));
    return text;
  }

  open(exercise: string = this.random.pick(EXERCISES), own = new FakeStorage(), name = `t${++this.#tabs}`): Tab {
    const session = new ExerciseSession({ local: this.local, session: own }, exercise, STARTER, { now: () => this.now(), rev: () => `r${++this.#revs}` });
    const start = session.start(readProgress(this.local).value);
    const tab = { name, exercise, session, own, text: start.text };
    this.tabs.push(tab);
    return tab;
  }

  /**
   * A save (or a save on leaving) from `tab`: when it is stored, the text the tab's editor
   * was based on is superseded by the learner's edit of it.
   */
  save(tab: Tab, save: () => { kind: string }): void {
    const base = tab.session.savedText;
    if (save().kind !== 'saved') return;
    this.accepted.delete(base);
    // A text the fuzz changed (a flipped byte that left valid JSON) was this tab's base: edited too.
    for (const [text, raws] of this.covered) if (raws.has(base)) this.accepted.delete(text);
    this.accepted.set(tab.text, `${tab.name}/${tab.exercise}`);
  }

  /** "Keep this tab's text": stored over the other tab's, which is kept aside (and stays needed). */
  keep(tab: Tab): void {
    if (tab.session.keepMine(tab.text).kind === 'saved') this.accepted.set(tab.text, `${tab.name}/${tab.exercise}`);
  }

  /** Every value in localStorage (what "this browser keeps"). */
  values(): string[] {
    return [...this.local.items.values()];
  }

  /** Whether `value` holds `text`: the text itself, or a corrupted value that stands for it. */
  holds(value: string, text: string): boolean {
    if (value.includes(JSON.stringify(text))) return true;
    const raws = this.covered.get(text);
    return (
      raws !== undefined && [...raws].some((raw) => value === raw || value.includes(JSON.stringify(raw)) || (raw !== STARTER && textsIn(value).includes(raw)))
    );
  }

  findable(text: string): boolean {
    // The starter is stored as null ("back to the starter"): it is never lost.
    if (text === STARTER) return true;
    // A value holding it may have been corrupted by the fuzz: that value must still be kept.
    return [...this.values(), ...this.downloads].some((value) => this.holds(value, text));
  }
}

/** Every `text` string in a JSON value (none when it is not JSON). */
function textsIn(raw: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'text' && typeof inner === 'string') found.push(inner);
      else walk(inner);
    }
  };
  try {
    walk(JSON.parse(raw));
  } catch {
    // Not JSON: only the raw value stands for what it held.
  }
  return found;
}

/** One random step. */
function step(world: World): void {
  const r = world.random;
  const tab = world.tabs.length > 0 ? r.pick(world.tabs) : null;
  const op = r.weighted<string>([
    [30, 'edit'],
    [10, 'notice'],
    [8, 'choose'],
    [6, 'reload'],
    [4, 'close'],
    [5, 'open'],
    [5, 'quota'],
    [5, 'corrupt'],
    [5, 'visit'],
    [2, 'reset'],
    [2, 'import'],
    [3, 'restore'],
  ]);
  world.log.push(`${op}${tab ? ` ${tab.name}/${tab.exercise}` : ''}`);
  switch (op) {
    case 'edit': {
      if (!tab) return;
      tab.text = world.text();
      world.save(tab, () => tab.session.save(tab.text));
      return;
    }
    case 'notice':
      // The storage event reaches every other tab on the exercise.
      for (const other of world.tabs) other.session.notice(other.text);
      return;
    case 'choose': {
      if (!tab || tab.session.conflict === null) return;
      if (r.chance(0.5)) world.keep(tab);
      else tab.text = tab.session.takeTheirs(tab.text).text;
      return;
    }
    case 'reload': {
      if (!tab) return;
      world.save(tab, () => tab.session.leave(tab.text));
      world.tabs.splice(world.tabs.indexOf(tab), 1);
      world.open(tab.exercise, tab.own, tab.name);
      return;
    }
    case 'close': {
      if (!tab) return;
      world.save(tab, () => tab.session.leave(tab.text));
      world.tabs.splice(world.tabs.indexOf(tab), 1);
      return;
    }
    case 'open':
      if (world.tabs.length < 4) world.open();
      return;
    case 'quota': {
      const local = world.local;
      local.failWrites = r.chance(0.15);
      local.quota = r.chance(0.5) ? Infinity : local.used() + r.range(0, 3000);
      return;
    }
    case 'corrupt': {
      const keys = [...world.local.items.keys()];
      if (keys.length === 0) return;
      const key = r.pick(keys);
      const before = world.local.items.get(key)!;
      const after = r.weighted<() => string>([
        [3, () => `${before}${r.pick(['x', '}', '\u0000', ',"a":'])}`],
        [3, () => before.slice(0, r.int(before.length))],
        [
          2,
          () => {
            const at = r.int(before.length);
            return `${before.slice(0, at)}${r.pick(['"', '\\', '\n', '{'])}${before.slice(at + 1)}`;
          },
        ],
        [1, () => r.pick(['garbage', '<img src=x>', 'null', '[]'])],
      ])();
      world.local.items.set(key, after);
      world.corrupted.set(key, after);
      for (const text of world.accepted.keys()) {
        // It held the text, or a corrupted value that stands for it: the new value stands for it too.
        if (!world.holds(before, text)) continue;
        const raws = world.covered.get(text) ?? new Set<string>();
        raws.add(after);
        // Still JSON after the flip: the texts it holds now (changed, maybe) stand for the text too.
        for (const changed of textsIn(after)) raws.add(changed);
        world.covered.set(text, raws);
      }
      return;
    }
    case 'visit':
      if (r.chance(0.5)) recordVisit(world.local, r.pick(['intro', 'myths', 'cache']), world.now());
      else markExerciseCompleted(world.local, r.pick(EXERCISES), world.now());
      return;
    case 'reset':
    case 'import': {
      // The Progress page: a copy first (or a download when there is no room), then replace.
      const exported = serializeExport(progressWithTexts(world.local), world.now());
      const kept = keepProgressCopy(world.local, op, world.now());
      if (!kept.kept) world.downloads.push(kept.text);
      if (op === 'reset') resetProgress(world.local);
      else importProgress(world.local, exported);
      return;
    }
    case 'restore': {
      const copies = listKeptCopies(world.local).filter((copy) => copy.restorable);
      if (copies.length > 0) restoreKeptCopy(world.local, r.pick(copies).key);
      return;
    }
  }
}

/** Keys the store writes: each must read back as a usable value unless the fuzz corrupted it. */
function unreadable(world: World): string[] {
  const bad: string[] = [];
  for (const key of world.local.items.keys()) {
    if (world.corrupted.get(key) === world.local.items.get(key) || key.includes(':backup')) continue;
    if (key === PROGRESS_KEY && readProgress(world.local).status !== 'ok') bad.push(key);
    if (key.startsWith(EXERCISE_TEXT_PREFIX) && readExerciseText(world.local, key.slice(EXERCISE_TEXT_PREFIX.length)).status !== 'ok') bad.push(key);
  }
  return bad;
}

describe('the progress store under a random stream of everything at once', () => {
  it.each(SEEDS.map((seed) => [seed]))('seed %i: loses no accepted text, stores nothing a read refuses', { timeout: 120_000 }, (seed) => {
    const world = new World(seed);
    // A learner with progress in the old single-record format.
    world.local.setItem(
      PROGRESS_KEY,
      JSON.stringify({
        version: 1,
        lessons: { intro: { visited: '2026-02-01T00:00:00.000Z' } },
        exercises: { 'ex-a': { text: 'FROM legacy\n', updated: '2026-02-01T00:00:00.000Z' } },
        quizzes: {},
      }),
    );
    world.accepted.set('FROM legacy\n', 'legacy/ex-a');
    world.open();
    for (let i = 0; i < STEPS; i++) {
      step(world);
      const where = () => `seed ${seed}, step ${i}: ${world.log.slice(-6).join(' | ')}`;
      const lost = [...world.accepted].filter(([text]) => !world.findable(text)).map(([text, who]) => `${who}: ${JSON.stringify(text.slice(0, 60))}`);
      if (lost.length > 0 && process.env['FUZZ_DEBUG']) console.log(where(), JSON.stringify([...world.local.items], null, 1).slice(0, 4000));
      expect(lost, `lost text (${where()})`).toEqual([]);
      expect(unreadable(world), `stored but unreadable (${where()})`).toEqual([]);
    }
    expect(world.log).toHaveLength(STEPS);
  });
});
