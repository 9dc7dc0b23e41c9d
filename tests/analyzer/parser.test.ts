// The parser reads a Dockerfile the way BuildKit's parser does.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import type { Instruction } from '../../src/analyzer/model.ts';

const at = (i: Instruction) => `${i.range.start.line}:${i.range.start.column}-${i.range.end.line}:${i.range.end.column}`;

describe('parser directives', () => {
  it('reads directives only at the very top', () => {
    const a = analyze('# syntax=docker/dockerfile:1\n# ESCAPE=`\nFROM alpine:3.20\n# check=skip=all\n');
    expect(a.directives.map((d) => [d.name, d.value])).toEqual([
      ['syntax', 'docker/dockerfile:1'],
      ['escape', '`'],
    ]);
    expect(a.escape).toBe('`');
  });

  it('stops looking for directives after a comment, a blank line or an unknown directive', () => {
    expect(analyze('# a comment\n# escape=`\nFROM alpine:3.20\n').escape).toBe('\\');
    expect(analyze('\n# escape=`\nFROM alpine:3.20\n').escape).toBe('\\');
    expect(analyze('# unknowndirective=value\n# escape=`\nFROM alpine:3.20\n').escape).toBe('\\');
  });

  it('uses the escape directive for continuations', () => {
    const a = analyze('# escape=`\nFROM alpine:3.20\nRUN echo a `\n  && echo C:\\path\n');
    expect(a.instructions).toHaveLength(2);
    expect(a.instructions[1]!.argsText).toBe('echo a   && echo C:\\path');
  });

  it('rejects an invalid escape token and a repeated directive', () => {
    expect(analyze('# escape=x\nFROM alpine:3.20\n').diagnostics[0]!.id).toBe('invalid-escape-directive');
    const repeated = analyze('# escape=`\n# escape=\\\nFROM alpine:3.20\n').diagnostics[0]!;
    expect(repeated.message).toBe('only one escape parser directive can be used');
    expect(repeated.range.start.line).toBe(2);
  });
});

describe('line continuations', () => {
  it('joins continuation lines and keeps positions of each piece', () => {
    const text = 'FROM alpine:3.20\nRUN apk add \\\n    curl \\\n    git\n';
    const run = analyze(text).instructions[1]!;
    expect(run.argsText).toBe('apk add     curl     git');
    expect(at(run)).toBe('2:1-4:8');
    const git = run.words.find((w) => w.value === 'git')!;
    expect([git.range.start.line, git.range.start.column]).toEqual([4, 5]);
    expect(text.slice(git.range.start.offset, git.range.end.offset)).toBe('git');
  });

  it('skips comments and blank lines inside a continuation, warning about the blank one', () => {
    const a = analyze('FROM alpine:3.20\nRUN echo one \\\n  # explain\n\n  && echo two\n');
    expect(a.instructions).toHaveLength(2);
    expect(a.instructions[1]!.argsText).toBe('echo one   && echo two');
    expect(a.instructions[1]!.emptyContinuationLines).toEqual([4]);
    // Docker reports it on the instruction's last line; the hint names the blank one.
    const warning = a.diagnostics.find((d) => d.id === 'no-empty-continuation')!;
    expect(warning.severity).toBe('warning');
    expect(warning.range.start.line).toBe(5);
    expect(warning.hint).toContain('line 4');
  });

  it('treats a trailing escape followed by spaces as a continuation', () => {
    expect(analyze('FROM alpine:3.20\nRUN echo a \\  \n  b\n').instructions[1]!.argsText).toBe('echo a   b');
  });

  it('handles CRLF line endings and a byte-order mark', () => {
    const a = analyze('\uFEFFFROM alpine:3.20 AS base\r\nRUN echo a \\\r\n  b\r\n');
    expect(a.stages[0]!.name).toBe('base');
    expect(a.instructions[1]!.argsText).toBe('echo a   b');
    // Nothing about the file's form (the image itself runs as root, which the course notes).
    expect(a.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('heredocs', () => {
  it('never reads heredoc bodies as instructions', () => {
    const a = analyze('FROM alpine:3.20\nRUN <<EOF\nFROM nope AS fake\nRUN echo body\nEOF\nRUN echo after\n');
    expect(a.stages).toHaveLength(1);
    expect(a.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'RUN']);
    expect(a.instructions[1]!.heredocs[0]).toMatchObject({ name: 'EOF', quoted: false, chomp: false, body: 'FROM nope AS fake\nRUN echo body\n' });
    expect(at(a.instructions[1]!)).toBe('2:1-5:4');
  });

  it('reads several heredocs on one line in order, quoted and tab-stripping forms', () => {
    const a = analyze('FROM alpine:3.20\nCOPY <<A <<"B" /dir/\nfirst\nA\nsecond $HOME\nB\nRUN <<-EOT\n\techo tabbed\n\tEOT\n');
    const [copy, run] = [a.instructions[1]!, a.instructions[2]!];
    expect(copy.heredocs.map((h) => [h.name, h.quoted, h.body])).toEqual([
      ['A', false, 'first\n'],
      ['B', true, 'second $HOME\n'],
    ]);
    expect(run.heredocs[0]).toMatchObject({ name: 'EOT', chomp: true, body: 'echo tabbed\n' });
  });

  it('reports an unterminated heredoc', () => {
    const d = analyze('FROM alpine:3.20\nRUN <<EOF\necho never closed\n').diagnostics[0]!;
    expect(d.id).toBe('unterminated-heredoc');
    expect(d.range.start.line).toBe(2);
  });

  it('does not open heredocs in exec form or in other instructions', () => {
    const a = analyze('FROM alpine:3.20\nRUN ["sh", "-c", "cat <<EOF"]\nENV X=<<EOF\nCMD ["sh"]\n');
    expect(a.instructions.map((i) => i.heredocs.length)).toEqual([0, 0, 0, 0]);
    expect(a.instructions).toHaveLength(4);
  });
});

describe('instructions', () => {
  it('reads keywords case-insensitively and keeps how they were written', () => {
    const a = analyze('from alpine:3.20 as Base\nRun echo hi\n');
    expect(a.instructions.map((i) => [i.keyword, i.keywordText])).toEqual([
      ['FROM', 'from'],
      ['RUN', 'Run'],
    ]);
    expect(a.stages[0]).toMatchObject({ name: 'base', nameAsWritten: 'Base' });
  });

  it('tells exec form from shell form; invalid JSON falls back to shell form', () => {
    const a = analyze(`FROM alpine:3.20\nCMD ["node", "server.js"]\nRUN ["echo", 'x']\nENTRYPOINT [ "a" ] trailing\n`);
    expect(a.instructions[1]!.json).toEqual(['node', 'server.js']);
    expect(a.instructions[2]!.json).toBeNull();
    expect(a.instructions[3]!.json).toEqual(['a']);
  });

  it('rejects a JSON array that holds something other than strings', () => {
    expect(analyze('FROM alpine:3.20\nCMD ["node", 3000]\n').diagnostics[0]!.message).toBe(
      'when using JSON array syntax, arrays must be comprised of strings only',
    );
  });

  it('reads flags with their positions and leaves the arguments after them', () => {
    const copy = analyze('FROM alpine:3.20\nCOPY --from=build --chmod=755 /out/app /usr/local/bin/\n').instructions[1]!;
    expect(copy.flags.map((f) => [f.name, f.value, f.range.start.column])).toEqual([
      ['from', 'build', 6],
      ['chmod', '755', 19],
    ]);
    expect(copy.words.map((w) => w.value)).toEqual(['/out/app', '/usr/local/bin/']);
  });

  it('reports unknown instructions and flags at their position', () => {
    const a = analyze('FROM alpine:3.20\nRUNN echo\nCOPY --form=build /a /b\n');
    expect(a.diagnostics.map((d) => [d.id, d.range.start.line, d.range.start.column])).toEqual([
      ['unknown-instruction', 2, 1],
      ['unknown-flag', 3, 6],
    ]);
    expect(a.diagnostics[0]!.message).toContain('unknown instruction: RUNN');
  });

  it('allows only ARG before the first FROM', () => {
    const a = analyze('ARG V=1\nENV X=1\nFROM alpine:3.20\n');
    expect(a.diagnostics.map((d) => [d.id, d.message])).toEqual([['instruction-before-from', 'no build stage in current context']]);
  });

  it('reports empty files and files without stages', () => {
    expect(analyze('').diagnostics[0]!.id).toBe('empty-dockerfile');
    expect(analyze('# only a comment\n').diagnostics[0]!.message).toBe('file with no instructions');
    expect(analyze('ARG X=1\n').diagnostics[0]!.id).toBe('no-stages');
  });
});
