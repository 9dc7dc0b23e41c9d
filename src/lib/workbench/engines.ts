// The Docker release picker shared by the workbench and the playground: today's Docker (28.5)
// by default, 26.1 to compare, because people still run it and the course says "on Docker
// 26.1 …" where it differs. The playground also says whether the two differ on the build on
// show (src/lib/playground/engine-compare.ts); the workbench has no room for that in its
// budget (scripts/check-budgets.ts), so its picker only switches the analysis.
import { DEFAULT_ENGINE, isEngine } from '../../analyzer/engine.ts';
import type { Engine } from '../../analyzer/model.ts';

/** A radio's value as an engine; anything else is today's. */
export const engineOf = (value: string | null | undefined): Engine => (isEngine(value) ? value : DEFAULT_ENGINE);
