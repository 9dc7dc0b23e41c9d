// Does a predict-build question's explanation say what the analyzer computed? The answer key
// comes from the analyzer, but the explanation is prose an author wrote; when the Dockerfile
// or the analyzer changes, the two can drift, and a learner then reads "BuildKit runs `base`
// and `test`" under an answer key of base, dev and test. So the explanation's claims about
// which stages a build runs are read and compared with the computed outcome, and a
// contradiction stops the site build (compute.ts throws a QuizError).
//
// What is read: a verb of running (runs, builds, executes, "builders run", "would run"),
// optionally "only", then a list of stage names in backticks joined by commas and "and"
// (`deps`, the first `test` and `prod`): the build runs exactly those; "would also run" a list:
// it runs those among others; "skips" a list: it runs none of them. The claim is about the
// classic builder when its sentence names the classic builder and not BuildKit, about BuildKit
// when it names BuildKit and not the classic builder, and about the question's own builder
// otherwise ("both builders": both). A sentence about another build (another --target, a condition) or that names both
// builders is not read, nor a list that goes on in words: too ambiguous to check.

import type { Builder } from '../../analyzer/model.ts';

export interface StageClaim {
  builder: Builder;
  /** exact: the build runs these and no other; includes: …these among others; excludes: none of these. */
  kind: 'exact' | 'includes' | 'excludes';
  /** Lower-cased stage names, as listed. */
  names: string[];
  /** The words the claim was read from, for the error message. */
  text: string;
}

/** A stage name in a list: `build`, or the first `test` when a name is used twice. */
const NAME = /^(?:the\s+(?:first|second|last|other)\s+)?`([A-Za-z0-9_.${}-]+)`/;
/** Between the names of a list. */
const SEPARATOR = /^(?:\s*,\s*(?:and\s+|then\s+)?|\s+(?:and|then)\s+(?:then\s+)?)/;
/** The verbs that start a claim: "runs", "builds only", "both builders run", "would (also) run", "skips". */
const VERB = /\b(?:(runs|builds|executes)|builders\s+(?:run|build)|would\s+(also\s+)?(?:run|build)|(skips))\s+(?:only\s+)?(?=(?:the\s+\w+\s+)?`)/g;

/** The stage names listed at the start of `text`, and what follows them; null when the list goes
 *  on in words ("`deps` and the lint stage") or is a stage's name in a phrase ("`build` stage"). */
function readList(text: string): { names: string[]; rest: string } | null {
  const names: string[] = [];
  let rest = text;
  for (;;) {
    const name = NAME.exec(rest);
    if (!name) return null;
    names.push(name[1]!.toLowerCase());
    rest = rest.slice(name[0].length);
    const separator = SEPARATOR.exec(rest);
    if (!separator || !NAME.test(rest.slice(separator[0].length))) break;
    rest = rest.slice(separator[0].length);
  }
  if (/^\s*(?:stage|target)s?\b/.test(rest) || /^\s+(?:and|or)\s+(?:the\s+)?\w+\s+stages?\b/.test(rest)) return null;
  return { names, rest };
}

/** Sentences: split after . ! ? followed by a space and a capital, a backtick or a parenthesis. */
function sentences(text: string): string[] {
  return text.replace(/\s+/g, ' ').split(/(?<=[.!?])\s+(?=[A-Z(`])/);
}

/** Which builder a sentence speaks of: the one it names, the question's when it names none. */
function builderOf(sentence: string, questionBuilder: Builder): Builder | null {
  const classic = /\bclassic\b|DOCKER_BUILDKIT=0/i.test(sentence);
  const buildkit = /\bBuildKit\b/.test(sentence);
  if (classic && buildkit) return null;
  if (classic) return 'classic';
  if (buildkit) return 'buildkit';
  return questionBuilder;
}

/** The claims an explanation makes about which stages the question's build runs, on either builder. */
export function stageClaims(explanation: string, questionBuilder: Builder): StageClaim[] {
  const claims: StageClaim[] = [];
  for (const sentence of sentences(explanation)) {
    // Another build (another --target, a condition) is not this build.
    if (/\bif\b|--target\s+\S+|\bwithout\b/i.test(sentence)) continue;
    const builder = builderOf(sentence, questionBuilder);
    if (builder === null) continue;
    const builders: Builder[] = /\bboth builders\b/i.test(sentence) ? ['buildkit', 'classic'] : [builder];
    for (const match of sentence.matchAll(VERB)) {
      const list = readList(sentence.slice(match.index + match[0].length));
      if (!list) continue;
      // "would run `a` too", "also runs `a`": among others.
      const among = match[2] !== undefined || /^\s*(?:too|as well)\b/.test(list.rest);
      const kind = match[3] ? 'excludes' : among ? 'includes' : 'exact';
      const text = sentence.slice(match.index, sentence.length - list.rest.length);
      for (const one of builders) claims.push({ builder: one, kind, names: list.names, text });
    }
  }
  return claims;
}

/**
 * The first claim that names other stages than the build runs, as a sentence for the error;
 * null when every claim agrees. `runs` gives, per builder, the names of the stages it runs.
 */
export function explanationContradiction(explanation: string, questionBuilder: Builder, runs: Record<Builder, ReadonlyArray<string | null>>): string | null {
  for (const claim of stageClaims(explanation, questionBuilder)) {
    const actual = new Set(runs[claim.builder].filter((name): name is string => name !== null));
    const said = new Set(claim.names);
    const holds =
      claim.kind === 'exact'
        ? said.size === actual.size && [...said].every((name) => actual.has(name))
        : claim.kind === 'includes'
          ? [...said].every((name) => actual.has(name))
          : [...said].every((name) => !actual.has(name));
    if (!holds) {
      const builderName = claim.builder === 'buildkit' ? 'BuildKit' : 'the classic builder';
      return `the explanation says "${claim.text}", but the analyzer has ${builderName} run ${[...actual].map((n) => `\`${n}\``).join(', ') || 'no stage'}`;
    }
  }
  return null;
}
