// The workbench's hints panel, in the browser: the hints of the goals still failing (first
// the first failing one), revealed one at a time, and the exercise's own ladder when those run
// out (src/lib/workbench/hint-plan.ts decides; this draws). Hints are Markdown-light prose:
// `code` spans become <code>, everything else is text.
import { element } from '../../lib/dom-parts.ts';
import type { Exercise, GoalResult } from '../../exercises/types.ts';
import { hintPlan, NO_HINTS_SHOWN, revealNext, type HintPlan, type HintState } from '../../lib/workbench/hint-plan.ts';
import { inlineNodes } from '../../lib/workbench/inline-text.ts';

export interface HintPanelParts {
  /** Where the revealed hints go, one group per goal. */
  groups: HTMLElement;
  /** One sentence: what the next hint is about. */
  progress: HTMLElement;
  next: HTMLButtonElement;
}

export interface HintPanel {
  /** Redraw for the goals' current state (after each analysis). */
  update(goals: readonly GoalResult[]): void;
}

export function mountHintPanel(parts: HintPanelParts, exercise: Pick<Exercise, 'hints'>): HintPanel {
  let state: HintState = NO_HINTS_SHOWN;
  let goals: readonly GoalResult[] = [];
  let plan: HintPlan = hintPlan(goals, exercise.hints, state);
  let shown = '';

  const draw = (): void => {
    plan = hintPlan(goals, exercise.hints, state);
    parts.next.textContent = plan.label;
    parts.next.hidden = plan.next === null;
    parts.progress.replaceChildren(...inlineNodes(document, plan.progress));
    // Rebuilt only when the hints shown change: typing that moves no goal leaves the list (and
    // a screen reader's place in it) alone.
    const key = JSON.stringify(plan.groups);
    if (key === shown) return;
    shown = key;
    parts.groups.replaceChildren(
      ...plan.groups.map((group) => {
        const box = element('div', 'workbench__hint-group');
        box.dataset['hintGoal'] = group.goalId ?? '';
        const title = element('p', 'workbench__hint-about');
        title.append(...inlineNodes(document, group.title));
        const list = element('ol', 'workbench__hint-list');
        for (const hint of group.hints) {
          const item = element('li', 'workbench__hint');
          item.append(...inlineNodes(document, hint));
          list.append(item);
        }
        box.append(title, list);
        return box;
      }),
    );
  };

  parts.next.addEventListener('click', () => {
    const before = plan.next;
    if (!before) return;
    state = revealNext(plan, state);
    draw();
    // The newest hint takes focus when the button has gone (no hint left), so focus is not lost.
    if (parts.next.hidden) {
      const newest = parts.groups.querySelector<HTMLElement>(`[data-hint-goal="${CSS.escape(before.goalId ?? '')}"] .workbench__hint:last-child`);
      if (newest) {
        newest.tabIndex = -1;
        newest.focus();
      }
    }
  });

  draw();
  return {
    update(next) {
      goals = next;
      draw();
    },
  };
}
