// A workshop day computed from the lessons' `minutes`: the lessons, in course order, packed
// into sessions of about 60–90 minutes with breaks between them. Pure, tested in
// tests/site/workshops.test.ts.
//
// Each lesson becomes a block: its own minutes (working through it together) plus time to
// discuss it and for its checkpoint (the lesson quiz, and the exercise when it has one); a
// welcome block opens the day and a wrap-up closes it. The blocks, in order, are split into
// the fewest sessions that keep every session within `maxSession`; among those splits the
// one with the least time below `minSession` wins, then the most even one. The break nearest
// the middle of the teaching time is the long one (lunch) when the day has four or more
// sessions.

export interface AgendaLesson {
  id: string;
  title: string;
  /** The lesson's own estimate (frontmatter `minutes`). */
  minutes: number;
  /** Whether the lesson has an exercise (its checkpoint then takes longer). */
  exercise?: boolean;
}

export interface AgendaOptions {
  /** Minutes of discussion after each lesson. */
  discussionMinutes?: number;
  /** Minutes for each lesson's checkpoint: its quiz. */
  checkpointMinutes?: number;
  /** Extra checkpoint minutes for a lesson with an exercise (comparing solutions). */
  exerciseCheckpointMinutes?: number;
  /** A first block to welcome people and check that everyone's setup works (0: none). */
  welcomeMinutes?: number;
  /** A last block for a recap, questions and feedback (0: none). */
  wrapUpMinutes?: number;
  /**
   * The shortest session the day aims for. The split favours even sessions, so every
   * session falls between minSession and maxSession whenever the lessons allow it.
   */
  minSession?: number;
  /** No session lasts longer than this, unless one lesson alone does. */
  maxSession?: number;
  breakMinutes?: number;
  /** The break nearest the middle of the day, when there are at least `longBreakFrom` sessions. */
  longBreakMinutes?: number;
  longBreakFrom?: number;
  /** When the day starts, in minutes after midnight (9:00 = 540). */
  start?: number;
}

export const DEFAULT_AGENDA_OPTIONS: Required<AgendaOptions> = {
  discussionMinutes: 5,
  checkpointMinutes: 5,
  exerciseCheckpointMinutes: 0,
  welcomeMinutes: 20,
  wrapUpMinutes: 10,
  minSession: 60,
  maxSession: 90,
  breakMinutes: 15,
  longBreakMinutes: 45,
  longBreakFrom: 4,
  start: 9 * 60,
};

export interface AgendaBlock {
  kind: 'welcome' | 'lesson' | 'wrap-up';
  /** The lesson slug, or the kind for the welcome and wrap-up blocks. */
  id: string;
  title: string;
  /** Minutes after midnight. */
  start: number;
  end: number;
  /** For a lesson: its own minutes, discussion and checkpoint (0 for welcome and wrap-up). */
  lessonMinutes: number;
  discussionMinutes: number;
  checkpointMinutes: number;
}

export interface AgendaSession {
  kind: 'session';
  /** 1-based. */
  number: number;
  start: number;
  end: number;
  minutes: number;
  blocks: AgendaBlock[];
}

export interface AgendaBreak {
  kind: 'break';
  start: number;
  end: number;
  minutes: number;
  long: boolean;
}

export interface Agenda {
  /** Sessions and breaks in time order, starting and ending with a session. */
  timeline: Array<AgendaSession | AgendaBreak>;
  sessions: AgendaSession[];
  breaks: AgendaBreak[];
  /** Minutes in sessions (lessons, discussion, checkpoints). */
  teachingMinutes: number;
  /** From the first session's start to the last one's end, breaks included. */
  totalMinutes: number;
  start: number;
  end: number;
}

/**
 * Splits `sizes` into `groups` contiguous runs, or null when no split keeps every run within
 * `max` (a single block longer than `max` is allowed alone). Among the splits, the one with
 * the least time below `min` wins, then the most even one (least sum of squared lengths).
 */
function split(sizes: number[], groups: number, min: number, max: number): number[][] | null {
  let best: { cuts: number[]; shortfall: number; squares: number } | null = null;
  const cuts: number[] = [];
  const consider = (shortfall: number, squares: number): void => {
    if (best === null || shortfall < best.shortfall || (shortfall === best.shortfall && squares < best.squares)) {
      best = { cuts: [...cuts], shortfall, squares };
    }
  };
  const search = (from: number, left: number, shortfall: number, squares: number): void => {
    let sum = 0;
    // Leave at least one block for each group after this one.
    for (let end = from + 1; end <= sizes.length - (left - 1); end++) {
      sum += sizes[end - 1]!;
      if (sum > max && end - from > 1) break;
      if (left === 1 && end < sizes.length) continue;
      const nextShortfall = shortfall + Math.max(0, min - sum);
      const nextSquares = squares + sum * sum;
      if (left === 1) {
        consider(nextShortfall, nextSquares);
      } else {
        cuts.push(end);
        search(end, left - 1, nextShortfall, nextSquares);
        cuts.pop();
      }
    }
  };
  search(0, groups, 0, 0);
  const found = best as { cuts: number[] } | null;
  if (found === null) return null;
  const bounds = [0, ...found.cuts, sizes.length];
  return bounds.slice(1).map((end, i) => Array.from({ length: end - bounds[i]! }, (_, k) => bounds[i]! + k));
}

/** The workshop day for `lessons` (in the order given). */
export function planAgenda(lessons: readonly AgendaLesson[], options: AgendaOptions = {}): Agenda {
  const o = { ...DEFAULT_AGENDA_OPTIONS, ...options };
  if (o.maxSession < o.minSession) throw new RangeError(`maxSession (${o.maxSession}) is shorter than minSession (${o.minSession})`);
  for (const lesson of lessons) {
    if (!Number.isInteger(lesson.minutes) || lesson.minutes < 1) throw new RangeError(`lesson "${lesson.id}" has minutes ${lesson.minutes}; expected a positive whole number`);
  }

  type Item = Omit<AgendaBlock, 'start' | 'end'> & { size: number };
  const items: Item[] = [];
  const frame = (kind: 'welcome' | 'wrap-up', title: string, minutes: number) =>
    ({ kind, id: kind, title, size: minutes, lessonMinutes: 0, discussionMinutes: 0, checkpointMinutes: 0 }) satisfies Item;
  if (lessons.length > 0 && o.welcomeMinutes > 0) items.push(frame('welcome', 'Welcome and setup', o.welcomeMinutes));
  for (const lesson of lessons) {
    const checkpoint = o.checkpointMinutes + (lesson.exercise ? o.exerciseCheckpointMinutes : 0);
    items.push({
      kind: 'lesson',
      id: lesson.id,
      title: lesson.title,
      size: lesson.minutes + o.discussionMinutes + checkpoint,
      lessonMinutes: lesson.minutes,
      discussionMinutes: o.discussionMinutes,
      checkpointMinutes: checkpoint,
    });
  }
  if (lessons.length > 0 && o.wrapUpMinutes > 0) items.push(frame('wrap-up', 'Wrap-up and questions', o.wrapUpMinutes));

  const sizes = items.map((item) => item.size);
  const teaching = sizes.reduce((a, b) => a + b, 0);
  let groups: number[][] = [];
  for (let n = Math.max(1, Math.ceil(teaching / o.maxSession)); n <= items.length; n++) {
    const found = split(sizes, n, o.minSession, o.maxSession);
    if (found) {
      groups = found;
      break;
    }
  }

  // The long break goes where the teaching time before it is nearest half of the day's.
  let longAfter = -1;
  if (groups.length >= o.longBreakFrom) {
    let before = 0;
    let bestDistance = Infinity;
    for (let g = 0; g < groups.length - 1; g++) {
      before += groups[g]!.reduce((sum, i) => sum + sizes[i]!, 0);
      const distance = Math.abs(before - teaching / 2);
      if (distance < bestDistance) {
        bestDistance = distance;
        longAfter = g;
      }
    }
  }

  const timeline: Agenda['timeline'] = [];
  let clock = o.start;
  groups.forEach((group, g) => {
    const sessionStart = clock;
    const blocks = group.map((i): AgendaBlock => {
      const { size, ...item } = items[i]!;
      const block = { ...item, start: clock, end: clock + size };
      clock = block.end;
      return block;
    });
    timeline.push({ kind: 'session', number: g + 1, start: sessionStart, end: clock, minutes: clock - sessionStart, blocks });
    if (g < groups.length - 1) {
      const long = g === longAfter;
      const minutes = long ? o.longBreakMinutes : o.breakMinutes;
      timeline.push({ kind: 'break', start: clock, end: clock + minutes, minutes, long });
      clock += minutes;
    }
  });

  return {
    timeline,
    sessions: timeline.filter((item): item is AgendaSession => item.kind === 'session'),
    breaks: timeline.filter((item): item is AgendaBreak => item.kind === 'break'),
    teachingMinutes: teaching,
    totalMinutes: clock - o.start,
    start: o.start,
    end: clock,
  };
}

/** 545 → "09:05". */
export function clockTime(minutes: number): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** 95 → "1 h 35 min", 60 → "1 h", 45 → "45 min". */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
