import { analyze } from '../src/analyzer/index.ts';
function ok(text: string, opts = {}) { try { analyze(text, opts); return true; } catch { return false; } }
let lo = 100, hi = 5000;
while (lo < hi) { const m = (lo + hi) >> 1; if (ok(`FROM ${'${A:-'.repeat(m)}x${'}'.repeat(m)}\n`)) lo = m + 1; else hi = m; }
console.log('nested ${A:- first failing depth', lo, 'chars', `FROM ${'${A:-'.repeat(lo)}x${'}'.repeat(lo)}\n`.length);
lo = 100; hi = 5000;
while (lo < hi) { const m = (lo + hi) >> 1; if (ok(`FROM ${'${A:-'.repeat(m)}\n`)) lo = m + 1; else hi = m; }
console.log('unterminated ${A:- first failing depth', lo, 'chars', `FROM ${'${A:-'.repeat(lo)}\n`.length);
lo = 100; hi = 5000;
while (lo < hi) { const m = (lo + hi) >> 1; if (ok(`FROM "${'"'.repeat(0)}${'${A:-"'.repeat(m)}\n`)) lo = m + 1; else hi = m; }
console.log('quoted first failing', lo);
const chain = (n: number) => { let s = 'FROM a AS s0\n'; for (let i = 1; i < n; i++) s += `FROM a AS s${i}\nCOPY --from=s${i - 1} / /\n`; return s; };
lo = 100; hi = 10000;
while (lo < hi) { const m = (lo + hi) >> 1; if (ok(chain(m))) lo = m + 1; else hi = m; }
console.log('chain first failing', lo, 'chars', chain(lo).length);
const base = (n: number) => { let s = 'FROM a AS s0\n'; for (let i = 1; i < n; i++) s += `FROM s${i - 1} AS s${i}\n`; return s; };
lo = 100; hi = 20000;
while (lo < hi) { const m = (lo + hi) >> 1; if (ok(base(m))) lo = m + 1; else hi = m; }
console.log('FROM chain first failing', lo, 'chars', base(lo).length);
