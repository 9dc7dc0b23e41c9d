import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { highlightTokens, highlightTokensIn, type Token } from '../../src/lib/workbench/highlight.ts';
import { generateDockerfile } from '../../scripts/bench/generate.ts';

/** The tokens as `kind:text` pairs, in order. */
function tokens(text: string): string[] {
  return highlightTokens(text, analyze(text, { rules: false })).map((t: Token) => `${t.kind}:${text.slice(t.from, t.to)}`);
}

describe('highlightTokens (colours from the analyzer parse)', () => {
  it('colours keywords, AS, stage names, flags, variables and strings', () => {
    const text = 'FROM node:22 AS build\nARG PORT=80\nCOPY --from=build /app /srv\nCMD ["node", "$PORT"]\nRUN echo ${PORT} $HOME\n';
    expect(tokens(text)).toEqual([
      'keyword:FROM',
      'keyword:AS',
      'stage-name:build',
      'keyword:ARG',
      'keyword:COPY',
      'flag:--from=build',
      'keyword:CMD',
      'string:["node", "$PORT"]',
      'keyword:RUN',
      'variable:${PORT}',
      'variable:$HOME',
    ]);
  });

  it('does not colour variables inside single quotes', () => {
    expect(tokens("FROM alpine\nRUN echo '$HOME'\n")).toEqual(['keyword:FROM', 'keyword:RUN', "string:'$HOME'"]);
  });

  it('treats parser directives and comments as BuildKit does, also inside continuations', () => {
    const text = '# syntax=docker/dockerfile:1\n# a comment\nFROM alpine\nRUN echo a \\\n  # dropped by BuildKit\n  b\n';
    expect(tokens(text)).toEqual([
      'directive:# syntax=docker/dockerfile:1',
      'comment:# a comment',
      'keyword:FROM',
      'keyword:RUN',
      'comment:# dropped by BuildKit',
    ]);
  });

  it('colours a heredoc body as text, not as instructions or comments', () => {
    const text = 'FROM alpine\nRUN <<EOF\n# not a comment\nFROM not-an-instruction\nEOF\nCMD ["sh"]\n';
    const kinds = tokens(text);
    expect(kinds).toContain('heredoc:# not a comment\nFROM not-an-instruction\nEOF');
    expect(kinds.filter((k) => k.startsWith('keyword:'))).toEqual(['keyword:FROM', 'keyword:RUN', 'keyword:CMD']);
    expect(kinds.some((k) => k.startsWith('comment:'))).toBe(false);
  });

  it('returns sorted ranges that never overlap, for any text', () => {
    for (const text of ['', '\\', 'FROM', 'RUN <<A <<B\na\nA\nb\nB\n', 'FROM a AS\nCOPY --from= $ ${', '#\n# escape=`\nFROM x']) {
      const list = highlightTokens(text, analyze(text, { rules: false }));
      for (let i = 0; i < list.length; i++) {
        expect(list[i]!.from).toBeLessThan(list[i]!.to);
        expect(list[i]!.to).toBeLessThanOrEqual(text.length);
        if (i > 0) expect(list[i]!.from).toBeGreaterThanOrEqual(list[i - 1]!.to);
      }
    }
  });

  it('colours a part of the text as the whole text colours it (the editor colours what it has drawn)', () => {
    const texts = [
      generateDockerfile(300).text,
      '# syntax=docker/dockerfile:1\nFROM alpine AS a\nRUN <<EOF\n# not a comment\nFROM x\nEOF\n# a comment\nRUN echo a \\\n  # dropped\n  $B\nCOPY --from=a / /\n',
    ];
    for (const text of texts) {
      const analysis = analyze(text, { rules: false });
      const whole = highlightTokens(text, analysis);
      const key = (t: Token) => `${t.from}:${t.to}:${t.kind}`;
      const all = new Set(whole.map(key));
      for (let from = 0; from < text.length; from += Math.max(7, Math.floor(text.length / 37))) {
        const to = Math.min(text.length, from + 40 + (from % 300));
        const part = highlightTokensIn(text, analysis, from, to);
        // Nothing the whole text would not colour so, and everything it colours in the part.
        for (const token of part) expect(all.has(key(token)), `${key(token)} in ${from}–${to}`).toBe(true);
        const inPart = new Set(part.map(key));
        for (const token of whole.filter((t) => t.to >= from && t.from <= to)) expect(inPart.has(key(token)), `${key(token)} in ${from}–${to}`).toBe(true);
      }
    }
  });
});
