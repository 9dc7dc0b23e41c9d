import { chromium } from 'playwright-core';
import { serve } from './serve.ts';
const s = await serve({ root: '/tmp/qualitygates-helper-dist' });
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox'] });
const c = await b.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
const p = await c.newPage();
for (const path of ['/rules/secrets-used-in-arg-or-env/', '/rules/maintainer-deprecated/', '/rules/build-tools-in-final-image/', '/workshops/cheat-sheet/']) {
await p.goto(s.url + path, { waitUntil: 'load' });
console.log(path, await p.evaluate(() => {
  const W = document.documentElement.clientWidth;
  const over = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > W + 0.5);
  // innermost offenders: those with no offending children
  return over.filter(e => ![...e.children].some(ch => over.includes(ch))).slice(0, 6).map(e => `${e.localName}.${e.className} <- ${e.parentElement?.localName}.${e.parentElement?.className} right=${Math.round(e.getBoundingClientRect().right)} text=${(e.textContent||'').slice(0,60)}`);
}));
}
await b.close(); await s.close();
