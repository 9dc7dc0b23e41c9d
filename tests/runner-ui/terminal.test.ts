// The output log's text model (src/lib/runner-ui/terminal.ts): what a terminal would show,
// as plain lines.
import { describe, expect, it } from 'vitest';
import { TerminalText } from '../../src/lib/runner-ui/terminal.ts';

describe('TerminalText', () => {
  it('splits output into lines across chunks', () => {
    const t = new TerminalText();
    t.write('added 3 pack');
    t.write('ages\nlisten');
    expect(t.lines).toEqual(['added 3 packages']);
    expect(t.current).toBe('listen');
    t.write('ing on 3000\r\n');
    expect(t.lines).toEqual(['added 3 packages', 'listening on 3000']);
    expect(t.current).toBe('');
  });

  it('drops colours and cursor movements, also when split across chunks', () => {
    const t = new TerminalText();
    t.write('\u001b[1m\u001b[32mok\u001b[39m\u001b[22m \u001b]0;npm ci\u0007done\u001b[');
    t.write('2K\n');
    expect(t.lines).toEqual(['ok done']);
  });

  it('lets a carriage return redraw the line (a spinner), keeping the line until more comes', () => {
    const t = new TerminalText();
    t.write('⠋ installing\r');
    expect(t.current).toBe('⠋ installing');
    t.write('⠙ installing\r');
    t.write('⠹ installing');
    expect(t.current).toBe('⠹ installing');
    t.write('\rinstalled\n');
    expect(t.lines).toEqual(['installed']);
  });

  it("follows npm's progress line: back to column 1, erase the line, go on", () => {
    const t = new TerminalText();
    t.write('\u001b[1G\u001b[0K⠙ reify\r');
    expect(t.current).toBe('⠙ reify');
    t.write('\u001b[1G\u001b[0K');
    expect(t.current).toBe('');
    t.write('\nadded 4 packages in 1s\n');
    expect(t.lines).toEqual(['', 'added 4 packages in 1s']);
    t.write('abc\u001b[K\n');
    expect(t.lines.at(-1)).toBe('abc');
  });

  it('removes control characters but keeps tabs', () => {
    const t = new TerminalText();
    t.write('a\tb\u0007\u0000c\n');
    expect(t.lines).toEqual(['a\tbc']);
  });

  it('keeps the last lines only, and says how many it dropped', () => {
    const t = new TerminalText(3);
    for (let i = 1; i <= 5; i++) t.write(`line ${i}\n`);
    expect(t.lines).toEqual(['line 3', 'line 4', 'line 5']);
    expect(t.dropped).toBe(2);
    expect(t.text()).toBe('… 2 earlier lines not shown\nline 3\nline 4\nline 5');
  });

  it('notes start on a line of their own', () => {
    const t = new TerminalText();
    t.write('partial');
    t.note('▶ build: RUN npm ci');
    expect(t.lines).toEqual(['partial', '▶ build: RUN npm ci']);
    t.clear();
    expect(t.text()).toBe('');
  });

  it('keeps markup as text (the panel writes it with textContent)', () => {
    const t = new TerminalText();
    t.write('<img src=x onerror=alert(1)>\n');
    expect(t.lines).toEqual(['<img src=x onerror=alert(1)>']);
  });
});
