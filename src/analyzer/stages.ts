// Splits instructions into stages, evaluates global ARGs and reads each FROM line, the way
// both builders do before building anything.

import { diagnostic } from './diagnostic.ts';
import { type EngineFacts, engineFacts } from './engine.ts';
import { ExpandError, ExpandLimitError, expandWord, isLiteral } from './expand.ts';
import type { Builder, Diagnostic, Stage } from './model.ts';
import type { ParsedInstruction } from './parser/parse.ts';

/** Docker's rule for stage names (after lower-casing). */
export const VALID_STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

/** Arguments BuildKit defines in the global scope without an ARG (for a linux/amd64 host). */
const BUILDKIT_PLATFORM_ARGS: Record<string, string> = {
  BUILDPLATFORM: 'linux/amd64',
  BUILDOS: 'linux',
  BUILDARCH: 'amd64',
  BUILDVARIANT: '',
  TARGETPLATFORM: 'linux/amd64',
  TARGETOS: 'linux',
  TARGETARCH: 'amd64',
  TARGETVARIANT: '',
};

const BUILDKIT_PLATFORM_ENTRIES = Object.entries(BUILDKIT_PLATFORM_ARGS);

export interface StageSetup {
  stages: Stage[];
  /** Global ARG values after build-arg overrides (undefined: declared without a value). */
  globalArgs: Record<string, string | undefined>;
  /** Errors that stop every build before it starts (parse errors). */
  parseErrors: Diagnostic[];
  /** Errors from evaluating a stage's FROM line, by stage index (the build fails on reaching it). */
  fromErrors: Map<number, Diagnostic>;
  /** Global ARG defaults that do not expand (the engines differ on what that does). */
  globalArgErrors: GlobalArgError[];
}

/** A global ARG whose default does not expand, e.g. `ARG V=${X:?X is required}` with X unset. */
export interface GlobalArgError {
  instruction: ParsedInstruction;
  /** A --build-arg gives the ARG its value, so its default is not needed. */
  overridden: boolean;
  error: Diagnostic;
}

function globalArgError(instruction: ParsedInstruction, arg: ArgDeclaration, error: ExpandError, overridden: boolean): GlobalArgError {
  const word = instruction.words.find((w) => w.raw.startsWith(`${arg.key}=`)) ?? instruction.words[0]!;
  return {
    instruction,
    overridden,
    error: diagnostic(
      'bad-substitution',
      'error',
      `failed to process "${arg.rawValue}": ${error.message}`,
      `The default of ${arg.key} does not expand. Check the \${...} expression (a message after :? with spaces must be quoted, e.g. "\${X:?X is required}"), or give ${arg.key} a value with --build-arg.`,
      word.range,
    ),
  };
}

export interface ArgDeclaration {
  key: string;
  /** Raw default as written (quotes kept), or null. */
  rawValue: string | null;
}

/** `ARG a=1 b "c=two words"` → declarations. */
export function argDeclarations(instruction: ParsedInstruction): ArgDeclaration[] {
  return instruction.words.map((word) => {
    const eq = word.raw.indexOf('=');
    return eq === -1 ? { key: word.value, rawValue: null } : { key: word.raw.slice(0, eq), rawValue: word.raw.slice(eq + 1) };
  });
}

/**
 * Reads the stages one instruction at a time, in file order: analyze() hands each instruction
 * on as the parser makes it, while it is still in the processor's cache, instead of going
 * through all of them again afterwards (on a large file, a pass over every instruction costs
 * more than the work it does).
 */
export class StageReader {
  private readonly stages: Stage[] = [];
  private readonly parseErrors: Diagnostic[] = [];
  private readonly fromErrors = new Map<number, Diagnostic>();
  private readonly globalArgErrors: GlobalArgError[] = [];
  private readonly env: Map<string, string>;
  private readonly globalArgs: Record<string, string | undefined> = {};
  private readonly escape: string;
  private readonly buildArgs: Record<string, string>;
  private readonly builder: Builder;
  private readonly facts: EngineFacts;
  /** FROM values already expanded: the global scope is fixed once the first FROM is read,
   *  and most files repeat the same `${BASE}` or image on many FROM lines. */
  private readonly fromValues = new Map<string, string>();

  constructor(escape: string, buildArgs: Record<string, string>, builder: Builder, facts: EngineFacts = engineFacts(undefined)) {
    this.escape = escape;
    this.buildArgs = buildArgs;
    this.builder = builder;
    this.facts = facts;
    this.env = new Map<string, string>(builder === 'buildkit' ? BUILDKIT_PLATFORM_ENTRIES : []);
  }

  add(instruction: ParsedInstruction): void {
    const { stages, env, escape, buildArgs } = this;
    if (instruction.keyword === 'FROM') {
      const stage = readFrom(instruction, stages.length, this.expandFrom, this.parseErrors, this.fromErrors, this.builder, this.facts);
      stages.push(stage);
      instruction.stage = stage.index;
      return;
    }
    if (stages.length === 0) {
      if (instruction.keyword === 'ARG') {
        for (const arg of argDeclarations(instruction)) {
          let value: string | undefined;
          if (arg.rawValue !== null) {
            try {
              value = expandValue(arg.rawValue, env, escape);
            } catch (error) {
              value = arg.rawValue;
              if (error instanceof ExpandError) this.globalArgErrors.push(globalArgError(instruction, arg, error, Object.hasOwn(buildArgs, arg.key)));
            }
          }
          if (Object.hasOwn(buildArgs, arg.key)) value = buildArgs[arg.key];
          this.globalArgs[arg.key] = value;
          if (value !== undefined) env.set(arg.key, value);
        }
        return;
      }
      // Unknown instructions are reported on their own; anything else needs a stage.
      if (isKnownKeyword(instruction.keyword)) {
        this.parseErrors.push(
          diagnostic(
            'instruction-before-from',
            'error',
            'no build stage in current context',
            `Only ARG may come before the first FROM. Move this ${instruction.keyword} into a stage, after a FROM line.`,
            instruction.range,
          ),
        );
      }
      return;
    }
    const stage = stages[stages.length - 1]!;
    instruction.stage = stage.index;
    stage.instructions.push(instruction);
  }

  /** expandValue in the global scope (it throws as expandValue does; only values are kept). */
  private readonly expandFrom = (text: string): string => {
    let value = this.fromValues.get(text);
    if (value === undefined) this.fromValues.set(text, (value = expandValue(text, this.env, this.escape)));
    return value;
  };

  result(): StageSetup {
    return {
      stages: this.stages,
      globalArgs: this.globalArgs,
      parseErrors: this.parseErrors,
      fromErrors: this.fromErrors,
      globalArgErrors: this.globalArgErrors,
    };
  }
}

/** expandWord's value; a literal word (most FROM lines) is its own value. */
function expandValue(text: string, env: ReadonlyMap<string, string>, escape: string): string {
  return isLiteral(text, escape) ? text : expandWord(text, env, escape).value;
}

function isKnownKeyword(keyword: string): boolean {
  return /^(ADD|ARG|CMD|COPY|ENTRYPOINT|ENV|EXPOSE|HEALTHCHECK|LABEL|MAINTAINER|ONBUILD|RUN|SHELL|STOPSIGNAL|USER|VOLUME|WORKDIR)$/.test(keyword);
}

function readFrom(
  instruction: ParsedInstruction,
  index: number,
  expand: (text: string) => string,
  parseErrors: Diagnostic[],
  fromErrors: Map<number, Diagnostic>,
  builder: Builder,
  facts: EngineFacts,
): Stage {
  const words = instruction.words;
  const stage: Stage = {
    index,
    name: null,
    nameAsWritten: null,
    nameRange: null,
    baseText: words[0]?.raw ?? '',
    base: { kind: 'image', ref: words[0]?.raw ?? '' },
    platform: null,
    from: instruction,
    instructions: [instruction],
  };

  const hasAs = words.length === 3 && words[1]!.value.toLowerCase() === 'as';
  if (hasAs) {
    const nameWord = words[2]!;
    stage.nameAsWritten = nameWord.raw;
    stage.nameRange = nameWord.range;
    const name = nameWord.raw.toLowerCase();
    if (VALID_STAGE_NAME.test(name)) stage.name = name;
    else
      parseErrors.push(
        diagnostic(
          'invalid-stage-name',
          'error',
          `invalid name for build stage: "${nameWord.raw}", name can't start with a number or contain symbols`,
          'A stage name starts with a letter and uses only letters, digits, "-", "_" and ".", e.g. `AS build`.',
          nameWord.range,
        ),
      );
  } else if (words.length !== 1) {
    parseErrors.push(
      diagnostic(
        'from-arguments',
        'error',
        'FROM requires either one or three arguments',
        'Write `FROM <image>` or `FROM <image> AS <name>`.',
        instruction.argsRange,
      ),
    );
    return stage;
  }

  const platformFlag = instruction.flags.find((flag) => flag.name === 'platform');
  if (platformFlag?.value) {
    try {
      stage.platform = expand(platformFlag.value);
    } catch {
      stage.platform = platformFlag.value;
    }
    if (stage.platform === '') {
      // containerd's platform parser on an empty string; the classic builder quotes the
      // expanded value, BuildKit the flag as written. Typical cause: $BUILDPLATFORM,
      // which only BuildKit defines.
      const shown = builder === 'classic' ? '' : platformFlag.value;
      fromErrors.set(
        index,
        diagnostic(
          'invalid-platform',
          'error',
          `failed to parse platform ${shown}: "" is an invalid OS component of "": OSAndVersion specifier component must match "${facts.osVersionPattern}": invalid argument`,
          builder === 'classic' && /\$\{?(BUILD|TARGET)(PLATFORM|OS|ARCH|VARIANT)\b/.test(platformFlag.value)
            ? `${platformFlag.value} is defined by BuildKit only; the classic builder expands it to nothing. Build with BuildKit, or declare it with ARG before the first FROM.`
            : `--platform=${platformFlag.value} expands to nothing. Give the variable a value, e.g. --platform=linux/amd64.`,
          platformFlag.range,
        ),
      );
    }
  }

  const baseWord = words[0]!;
  try {
    const expanded = expand(baseWord.raw);
    stage.baseText = expanded;
    if (expanded === '') {
      fromErrors.set(
        index,
        diagnostic(
          'blank-base-name',
          'error',
          `base name (${baseWord.raw}) should not be blank`,
          'The FROM reference expanded to nothing. Give the ARG it uses a default before the first FROM, or pass --build-arg.',
          baseWord.range,
        ),
      );
    }
  } catch (error) {
    if (error instanceof ExpandLimitError) {
      parseErrors.push(
        diagnostic(
          'analyzer-limit',
          'error',
          `the analyzer cannot follow this FROM line: ${error.message}`,
          'Simplify the FROM reference; a base name this deeply nested cannot be checked here.',
          baseWord.range,
        ),
      );
      return stage;
    }
    if (!(error instanceof ExpandError)) throw error;
    fromErrors.set(
      index,
      diagnostic(
        'bad-substitution',
        'error',
        `failed to process "${baseWord.raw}": ${error.message}`,
        'Check the ${...} expression: supported forms are ${VAR}, ${VAR:-default}, ${VAR:+alt}, ${VAR#prefix}, ${VAR%suffix} and ${VAR/from/to}.',
        baseWord.range,
      ),
    );
  }
  return stage;
}
