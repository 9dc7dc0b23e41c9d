// <predict-reveal>: turns a PredictReveal (PredictReveal.astro, which describes the
// markup) into a choice, a "Reveal" and a verdict, and remembers the choice
// (src/lib/progress/predictions.ts). The lesson page loads it with the lesson's other
// islands in one script (src/pages/lessons/[slug].astro).
import { readPrediction, writePrediction } from '../../lib/progress/predictions.ts';
import { browserStorage } from '../../lib/progress/storage.ts';

const letter = (i: number) => String.fromCharCode(65 + i);

class PredictReveal extends HTMLElement {
  #ready = false;

  connectedCallback(): void {
    if (this.#ready) return;
    const id = this.dataset['id'] ?? '';
    const answer = Number(this.dataset['answer']);
    const form = this.querySelector('form');
    const radios = [...this.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    const reveal = this.querySelector<HTMLButtonElement>('.predict__reveal');
    const again = this.querySelector<HTMLButtonElement>('.predict__again');
    const hint = this.querySelector<HTMLElement>('.predict__hint');
    const verdict = this.querySelector<HTMLElement>('.predict__verdict');
    const details = this.querySelector('details');
    const staticPart = this.querySelector<HTMLElement>('.predict__static');
    if (!form || !reveal || !again || !verdict || !details || !staticPart) return;
    if (!Number.isInteger(answer) || radios.length === 0) return;
    this.#ready = true;

    const chosen = (): number | null => {
      const checked = radios.findIndex((radio) => radio.checked);
      return checked >= 0 ? checked : null;
    };
    const sync = (): void => {
      reveal.disabled = chosen() === null;
    };
    /** The options, verdict and explanation of `choice`; focus on "Try again" when the learner just revealed it. */
    const show = (choice: number, announce: boolean): void => {
      const right = choice === answer;
      const answerText = radios[answer]?.closest('label')?.querySelector('.predict__text')?.textContent?.trim() ?? '';
      radios.forEach((radio, i) => {
        radio.disabled = true;
        const label = radio.closest('label');
        const mark = label?.querySelector<HTMLElement>('[data-mark]');
        label?.classList.toggle('predict__option--answer', i === answer);
        label?.classList.toggle('predict__option--wrong', i === choice && !right);
        if (mark) mark.textContent = i === answer ? (i === choice ? 'Your choice, right' : 'Right answer') : i === choice ? 'Your choice' : '';
      });
      verdict.dataset['verdict'] = right ? 'right' : 'wrong';
      verdict.textContent = right
        ? `Right: ${letter(choice)} is the answer.`
        : `Not quite: you chose ${letter(choice)}. The answer is ${letter(answer)}: ${answerText}`;
      reveal.hidden = true;
      if (hint) hint.hidden = true;
      again.hidden = false;
      details.hidden = false;
      details.open = true;
      if (announce) again.focus();
    };
    const reset = (): void => {
      for (const radio of radios) {
        radio.disabled = false;
        radio.checked = false;
        const label = radio.closest('label');
        label?.classList.remove('predict__option--answer', 'predict__option--wrong');
        const mark = label?.querySelector<HTMLElement>('[data-mark]');
        if (mark) mark.textContent = '';
      }
      verdict.textContent = '';
      delete verdict.dataset['verdict'];
      details.open = false;
      details.hidden = true;
      reveal.hidden = false;
      if (hint) hint.hidden = false;
      again.hidden = true;
      sync();
      radios[0]?.focus();
    };

    staticPart.hidden = true;
    form.hidden = false;
    details.hidden = true;
    this.classList.add('predict--enhanced');

    form.addEventListener('change', sync);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const choice = chosen();
      if (choice === null) return;
      writePrediction(browserStorage(), id, choice);
      show(choice, true);
    });
    again.addEventListener('click', () => {
      writePrediction(browserStorage(), id, null);
      reset();
    });

    const saved = readPrediction(browserStorage(), id);
    const radio = saved ? radios[saved.choice] : undefined;
    if (saved && radio) {
      radio.checked = true;
      show(saved.choice, false);
    } else sync();
  }
}

if (!customElements.get('predict-reveal')) customElements.define('predict-reveal', PredictReveal);
