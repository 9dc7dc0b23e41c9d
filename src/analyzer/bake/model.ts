// The shapes of a bake file as src/analyzer/bake reads it: the definitions of its variables, groups
// and targets (expressions not yet evaluated, with where they are), and a bake target once
// resolved, as `docker buildx bake --print` shows it.

import type { Diagnostic, Range } from '../model.ts';

/** An expression of a bake file, kept unevaluated until the variables are known. */
export type Expr =
  | { kind: 'template'; parts: Array<string | { variable: string; range: Range }>; range: Range }
  | { kind: 'literal'; value: string | number | boolean | null; range: Range }
  | { kind: 'variable'; name: string; range: Range }
  | { kind: 'list'; items: Expr[]; range: Range }
  | { kind: 'map'; entries: Array<{ key: string; value: Expr }>; range: Range }
  /** What stagecraft does not evaluate (function calls, conditionals, for expressions…). */
  | { kind: 'unsupported'; what: string; range: Range };

export interface Attribute {
  name: string;
  value: Expr;
  range: Range;
}

export interface Block {
  name: string;
  /** The block's label (or the service name, the JSON key), for messages about it. */
  range: Range;
  attributes: Map<string, Attribute>;
  /** Which file it comes from (index into the files read). */
  file: number;
}

export interface BakeDefinition {
  variables: Map<string, Block>;
  groups: Map<string, Block>;
  targets: Map<string, Block>;
  /** Problems reading the files: syntax errors, expressions stagecraft does not evaluate. */
  diagnostics: BakeDiagnostic[];
}

/** A diagnostic in a bake file: `file` is the index of the file it is about (null: about the command line). */
export type BakeDiagnostic = Diagnostic & { file: number | null };

export type Output = Record<string, string>;

/** A bake target after variables and inherits, with the fields `--print` shows that decide what is built. */
export interface ResolvedTarget {
  name: string;
  context: string;
  dockerfile: string;
  args?: Record<string, string>;
  tags?: string[];
  /** The Dockerfile stage it builds (`target = "…"`); absent: the Dockerfile's last stage. */
  target?: string;
  output?: Output[];
}

export interface BakeFile {
  name: string;
  text: string;
}
