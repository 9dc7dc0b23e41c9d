// The Docker release picker's radios, rendered at build time by Workbench.astro and
// Playground.astro (the islands read only the checked value, with engineOf in engines.ts).
import { DEFAULT_ENGINE, ENGINES } from '../../analyzer/engine.ts';
import type { Engine } from '../../analyzer/model.ts';

export interface EngineChoice {
  value: Engine;
  label: string;
  checked: boolean;
}

/** Today's engine first, marked and checked. */
export const ENGINE_CHOICES: readonly EngineChoice[] = ENGINES.map((value) => ({
  value,
  label: value === DEFAULT_ENGINE ? `Docker ${value} (today)` : `Docker ${value}`,
  checked: value === DEFAULT_ENGINE,
}));
