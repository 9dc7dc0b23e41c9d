// <drill-session>: the /drills/ page's island. It reads the level and seed from the link
// (or picks a new seed), generates the drill (src/lib/drills/), shows the Dockerfile and the
// question, grades the answer against the analyzer's, and shows the feedback with the stage
// graph of the build asked about. Everything is put in the page with textContent and
// createElement: no generated or linked text is ever parsed as markup.
import { analyze } from '../../analyzer/index.ts';
import { MAX_SEED, type Level } from '../../lib/drills/generate.ts';
import { drillSearch, parseDrillLink } from '../../lib/drills/link.ts';
import { isCorrect, makeDrill, type Drill } from '../../lib/drills/questions.ts';
import { browserScoreStorage, keepLastDrill, readLastDrill, readScore, recordAnswer, scoreText } from '../../lib/drills/score.ts';
import { layoutStageDiagram, stageDiagramTree } from '../../lib/stage-diagram.ts';
import { svgNode } from '../../lib/workbench/svg-dom.ts';

/** The drill a first visit without a link shows. */
const FIRST_SEED = 1;

function newSeed(): number {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return buffer[0]! % (MAX_SEED + 1);
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

class DrillSession extends HTMLElement {
  private drill: Drill | null = null;
  /** Whether this drill's answer has been counted in the score (once per drill). */
  private counted = false;

  private slotOf<T extends HTMLElement>(name: string): T {
    const node = this.querySelector<T>(`[data-${name}]`);
    if (!node) throw new Error(`drill-session: missing [data-${name}]`);
    return node;
  }

  connectedCallback(): void {
    if (this.dataset['state']) return;
    const link = parseDrillLink(location.search);
    this.slotOf('link-problem').textContent = link.problem ?? '';
    this.showScore();
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[name="drill-level"]')) {
      radio.addEventListener('change', () => {
        if (radio.checked) this.start(Number(radio.value) as Level, newSeed(), false);
      });
    }
    this.slotOf<HTMLFormElement>('form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.check();
    });
    this.slotOf('next').addEventListener('click', () => {
      this.slotOf('link-problem').textContent = '';
      this.start(this.drill?.level ?? 1, newSeed(), true);
    });
    // A link's seed reproduces its drill; a link with a level only (?level=3) starts a new drill
    // of that level; a visit without a link resumes the last drill shown in this browser, or
    // shows the first one, so the page is the same on every load until the learner asks for Next.
    const kept = parseDrillLink(readLastDrill(browserScoreStorage()) ?? '');
    if (link.problem !== null) this.start(1, newSeed(), false);
    else if (link.seed !== null) this.start(link.level ?? 1, link.seed, false);
    else if (link.level !== null) this.start(link.level, newSeed(), false);
    else if (kept.problem === null && kept.seed !== null) this.start(kept.level ?? 1, kept.seed, false);
    else this.start(1, FIRST_SEED, false);
    this.dataset['state'] = 'ready';
  }

  private showScore(): void {
    this.slotOf('score').textContent = scoreText(readScore(browserScoreStorage()).score);
  }

  /** Shows the drill for (level, seed); `focus` moves focus to its heading (after Next). */
  private start(level: Level, seed: number, focus: boolean): void {
    const drill = makeDrill(level, seed);
    this.drill = drill;
    this.counted = false;
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[name="drill-level"]')) radio.checked = Number(radio.value) === level;
    const search = drillSearch(level, seed);
    history.replaceState(history.state, '', `${location.pathname}${search}`);
    keepLastDrill(browserScoreStorage(), search);
    const heading = this.slotOf('heading');
    heading.textContent = `Level ${level} drill, seed ${seed}`;
    this.slotOf('loading').hidden = true;
    this.showDockerfile(drill.dockerfile);
    const q = drill.question;
    this.slotOf('prompt').textContent = q.prompt;
    this.slotOf('command').textContent = q.command;
    this.slotOf('hint').textContent = q.multiple ? 'Tick every stage that runs, then Check.' : 'Choose one stage, then Check.';
    const options = this.slotOf('options');
    options.replaceChildren(
      ...q.options.map((option) => {
        const label = element('label', 'drills__option');
        const input = element('input', '');
        input.type = q.multiple ? 'checkbox' : 'radio';
        input.name = 'drill-answer';
        input.value = String(option.index);
        label.append(input, element('span', 'drills__option-label', option.label));
        return label;
      }),
    );
    this.slotOf('form').hidden = false;
    this.slotOf('feedback').replaceChildren();
    const share = this.slotOf<HTMLAnchorElement>('share');
    share.href = search;
    share.textContent = `${location.origin}${location.pathname}${search}`;
    this.slotOf('share-line').hidden = false;
    if (focus) heading.focus();
  }

  private showDockerfile(text: string): void {
    const pre = this.slotOf('dockerfile');
    const code = element('code', '');
    // One span per line (the CSS numbers them), with the line breaks as text between them, so
    // copying the block gives the Dockerfile as it is.
    text
      .replace(/\n$/, '')
      .split('\n')
      .forEach((line, i) => {
        if (i > 0) code.append('\n');
        code.append(element('span', 'drills__line', line));
      });
    pre.replaceChildren(code);
    pre.hidden = false;
  }

  private check(): void {
    const drill = this.drill;
    if (!drill) return;
    const q = drill.question;
    const chosen = [...this.querySelectorAll<HTMLInputElement>('input[name="drill-answer"]:checked')].map((input) => Number(input.value));
    const feedback = this.slotOf('feedback');
    if (chosen.length === 0) {
      feedback.replaceChildren(element('p', 'drills__verdict', q.multiple ? 'Tick at least one stage first.' : 'Choose a stage first.'));
      return;
    }
    const right = isCorrect(q, chosen);
    if (!this.counted) {
      this.counted = true;
      const { score } = recordAnswer(browserScoreStorage(), right);
      this.slotOf('score').textContent = scoreText(score);
    }
    const labels = (indices: readonly number[]) => indices.map((i) => q.options[i]?.label ?? `stage ${i}`).join(', ');
    const verdict = element('p', `drills__verdict drills__verdict--${right ? 'right' : 'wrong'}`, right ? '✓ Right.' : '✗ Not quite.');
    const answer = element('p', 'drills__answer', `${q.multiple ? 'The stages that run' : 'The stage shipped'}: ${labels(q.correct)}.`);
    if (!right) answer.textContent += ` You chose: ${labels(chosen)}.`;
    const notes = element('ul', 'drills__notes');
    notes.append(...q.notes.map((note) => element('li', '', note)));
    feedback.replaceChildren(verdict, answer, notes, this.diagram(drill));
  }

  /** The stage graph of the build the question is about, with its text alternative. */
  private diagram(drill: Drill): HTMLElement {
    const q = drill.question;
    const analysis = analyze(drill.dockerfile, { target: q.target, builder: q.builder, buildArgs: q.buildArgs, rules: false });
    const diagram = layoutStageDiagram(analysis);
    const figure = element('figure', 'stage-diagram drills__diagram');
    // As the lessons' StageDiagram: a focusable image (it scrolls sideways on a phone) named by its caption.
    const scroll = element('div', 'stage-diagram__scroll');
    scroll.setAttribute('role', 'img');
    scroll.tabIndex = 0;
    scroll.setAttribute('aria-labelledby', 'drill-graph-caption');
    scroll.append(svgNode(stageDiagramTree(diagram, `drill-${drill.level}-${drill.seed}`)));
    // The caption names the stages as the options do (`test (line 11)`): the diagram's own
    // summary would name two stages of one name alike.
    const label = (i: number) => q.options[i]?.label ?? `stage ${i}`;
    const ran = new Set(analysis.plan.stages);
    const skipped = q.options.filter((o) => !ran.has(o.index)).map((o) => label(o.index));
    const caption = element(
      'figcaption',
      'stage-diagram__summary',
      `The stage graph of this build with ${q.builder === 'buildkit' ? 'BuildKit' : 'the classic builder'}: it runs ${analysis.plan.stages.map(label).join(', ')}` +
        `${skipped.length > 0 ? `; it skips ${skipped.join(', ')}` : ''}. Solid boxes run, dashed ones are skipped, the thick border is the target; arrows point from a stage to the stages that use it.`,
    );
    caption.id = 'drill-graph-caption';
    figure.append(scroll, caption);
    return figure;
  }
}

if (!customElements.get('drill-session')) customElements.define('drill-session', DrillSession);
