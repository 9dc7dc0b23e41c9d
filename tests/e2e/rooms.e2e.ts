// Live rooms in Chromium, as a facilitator and a room of participants use them: the
// facilitator opens a room from /workshops/rooms/, three participants (two phones, one
// laptop) join with the code, answer, see the reveal; the room server is killed and started
// again in the middle of a question, and every page carries on by itself (an answer sent
// while it was down is delivered once it is back); the results and the CSV export. axe-core
// on every state of the new pages; screenshots at desktop and phone width, light and dark.
// Also: a static copy of the site (no room server) says that live rooms need `npm start`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serve } from '../../scripts/serve.ts';
import { startServerProcess, stopServerProcess, type ServerProcess } from '../../scripts/room-server-process.ts';
import type { RoomCatalog } from '../../src/lib/rooms/catalog.ts';
import { connectBrowser, DESKTOP, expectClean, newContext, PHONE, settle, watchedPage, type PageWatch } from './support/browser.ts';
import { formatViolations, runAxe } from './support/axe.ts';
import { DIST, PROJECT_ROOT } from './support/env.ts';

let browser: Browser;
let server: ServerProcess | undefined;
let data: string;
const contexts: BrowserContext[] = [];
const SHOTS = join(PROJECT_ROOT, 'screenshots');

beforeAll(async () => {
  browser = await connectBrowser();
  data = mkdtempSync(join(tmpdir(), 'stagecraft-e2e-room-'));
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await stopServerProcess(server);
  rmSync(data, { recursive: true, force: true });
});

const catalog = JSON.parse(readFileSync(join(DIST, 'workshops', 'rooms', 'catalog.json'), 'utf8')) as RoomCatalog;

async function page(options: Parameters<typeof newContext>[1]): Promise<{ page: Page; watch: PageWatch }> {
  const context = await newContext(browser, options);
  contexts.push(context);
  return watchedPage(context);
}

async function axe(p: Page, what: string): Promise<void> {
  const violations = await runAxe(p);
  expect(violations, `${what}:\n${formatViolations(violations)}`).toEqual([]);
}

/** Errors other than the refused connections of the restart window. */
function clean(watch: PageWatch, what: string): void {
  watch.consoleErrors = watch.consoleErrors.filter((e) => !/ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|ERR_CONNECTION_RESET|Failed to load resource/.test(e));
  expectClean(watch, what);
}

const text = async (p: Page, selector: string) => (await p.locator(selector).first().textContent()) ?? '';

describe('a live room in Chromium', () => {
  // One long journey (each step needs the state the last one left): its own, generous timeout,
  // as every wait inside has its own.
  it('runs from the picker to the results, across a server restart in the middle of a question', { timeout: 600_000 }, async () => {
    server = await startServerProcess({ root: DIST, dataDir: data });
    const base = server.url;
    const at = (path: string) => new URL(path, base).href;
    const myth = catalog.quizzes.find((q) => q.id === 'myth-buster')!;
    const single = myth.questions.find((id) => catalog.questions[id]!.kind === 'single' || catalog.questions[id]!.kind === 'true-false')!;
    const predict = catalog.quizzes.flatMap((q) => q.questions).find((id) => catalog.questions[id]!.kind === 'predict-build')!;

    // The facilitator opens a room.
    const host = await page({ viewport: DESKTOP, colorScheme: 'light' });
    await host.page.goto(at('/workshops/rooms/'));
    await settle(host.page);
    await host.page.locator('[data-room-status][data-state="on"]').waitFor();
    await axe(host.page, 'open a room');
    await host.page.fill('input[name="title"]', 'Onboarding, day 1');
    await host.page.check(`input[value="${single}"]`);
    await host.page.check(`input[value="${predict}"]`);
    await host.page.check('input[name="exercise"][value="what-is-a-stage"]');
    expect(await text(host.page, '[data-count]')).toBe('2 questions, 1 exercise');
    await host.page.click('[data-open]');
    await host.page.waitForURL(/\/workshops\/rooms\/host\/#code=/);
    await settle(host.page);
    await host.page.locator('[data-code]:not(:empty)').waitFor();
    const code = await text(host.page, '[data-code]');
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    // The key is in this browser's storage only, not in the address bar or the page's text.
    const key = await host.page.evaluate(() => JSON.parse(localStorage.getItem('stagecraft:rooms:hosted') ?? '[]')[0].secret as string);
    expect(host.page.url()).not.toContain(key);
    expect(await host.page.locator('body').innerText()).not.toContain(key);
    await host.page.locator('[data-qr]:visible').waitFor();
    expect(await text(host.page, '[data-join-code]')).toBe(code);

    // Three participants join: two phones (one dark), a laptop.
    const people = await Promise.all([
      page({ viewport: PHONE, isMobile: true, hasTouch: true, colorScheme: 'dark', storedTheme: 'dark' }),
      page({ viewport: DESKTOP, colorScheme: 'light' }),
      page({ viewport: PHONE, isMobile: true, hasTouch: true, colorScheme: 'light' }),
    ]);
    const names = ['Ada', 'Grace <b>Hopper</b>', 'Linus'];
    for (const [i, person] of people.entries()) {
      await person.page.goto(at(`/workshops/join/?code=${code}`));
      await settle(person.page);
      if (i === 0) await axe(person.page, 'join form');
      await person.page.fill('input[name="name"]', names[i]!);
      await person.page.locator('[data-join]:enabled').click();
      await person.page.locator('[data-wait]:visible').waitFor();
    }
    await axe(people[0]!.page, 'participant in the lobby (dark)');
    await host.page.locator('.room-person').nth(2).waitFor();
    // Names are text, never markup.
    expect(await host.page.locator('[data-people-list]').innerText()).toContain('Grace <b>Hopper</b>');
    expect(await host.page.locator('[data-people-list] b').count()).toBe(0);
    await axe(host.page, 'join screen');
    await host.page.screenshot({ path: join(SHOTS, 'rooms-host-join-desktop-light.png'), fullPage: true });

    // The exercise board: Grace has solved the room's exercise in this browser (her saved
    // workbench text) and opts in, with her Dockerfile; the facilitator sees her goals pass.
    const solution = readFileSync(join(PROJECT_ROOT, 'content', 'exercises', 'what-is-a-stage', 'solution.Dockerfile'), 'utf8');
    const grace = people[1]!.page;
    await grace.evaluate((text) => {
      const now = new Date().toISOString();
      localStorage.setItem(
        'stagecraft:progress',
        JSON.stringify({ version: 1, lessons: {}, exercises: { 'what-is-a-stage': { text, updated: now } }, quizzes: {} }),
      );
    }, solution);
    await grace.check('[data-share]');
    await grace.check('[data-share-file]');
    await expect.poll(() => text(grace, '[data-board-state]'), { timeout: 30_000 }).toContain('your goals and your Dockerfile');
    const goals = catalog.exercises['what-is-a-stage']!.goals.length;
    await expect.poll(() => text(host.page, '.room-goals'), { timeout: 15_000 }).toBe(`${goals} of ${goals} goals ✓`);
    await host.page.click('[data-board-table] .room-link-button');
    await expect.poll(() => text(host.page, '.room-board__file'), { timeout: 15_000 }).toBe(solution);

    // Question 1: everyone answers; the facilitator sees the answers arrive; the reveal reaches everyone.
    await host.page.click('[data-act="next"]');
    for (const person of people) await person.page.locator('[data-question-head] h1').waitFor();
    for (const person of people) {
      await person.page.locator('.room-option').first().click();
      await person.page.click('[data-send]');
      await expect.poll(() => text(person.page, '[data-answer-state]'), { timeout: 15_000 }).toContain('Answer sent');
    }
    await expect.poll(() => text(host.page, '[data-answered]'), { timeout: 15_000 }).toBe('3 of 3 participants answered');
    await axe(people[1]!.page, 'participant answering');
    await host.page.click('[data-act="reveal"]');
    for (const person of people) await person.page.locator('.room-verdict').waitFor();
    await host.page.locator('.room-reveal').waitFor();
    // A participant whose answer was wrong gets the question for review on /progress/ (the
    // quiz question's own card); one who was right gets none.
    for (const person of people) {
      const wrong = (await person.page.locator('.room-verdict--wrong').count()) === 1;
      const reviewCards = () =>
        person.page.evaluate(() => {
          const cards = (JSON.parse(localStorage.getItem('stagecraft:review') ?? '{"cards":{}}') as { cards: Record<string, { from: string }> }).cards;
          return Object.entries(cards).map(([id, card]) => `${card.from} ${id}`);
        });
      // Question ids are kebab-case and `/`: nothing in them is special in a regular expression.
      const asked = new RegExp(`^room (?:${single}|${predict})$`);
      await expect.poll(reviewCards).toEqual(wrong ? [expect.stringMatching(asked)] : []);
    }
    await axe(host.page, 'facilitator after the reveal');
    await axe(people[0]!.page, 'participant after the reveal (dark)');
    await people[0]!.page.screenshot({ path: join(SHOTS, 'rooms-player-reveal-phone-dark.png'), fullPage: true });

    // Question 2 is shown; then the server dies before anyone has answered it.
    await host.page.click('[data-act="next"]');
    for (const person of people) await expect.poll(() => text(person.page, '.room-question__number'), { timeout: 15_000 }).toContain('Question 2 of 2');
    await host.page.screenshot({ path: join(SHOTS, 'rooms-host-present-desktop-light.png'), fullPage: true });
    await people[2]!.page.screenshot({ path: join(SHOTS, 'rooms-player-question-phone-light.png'), fullPage: true });
    const port = server.port;
    server.child.kill('SIGKILL');
    await server.exited;
    for (const p of [host, ...people]) await expect.poll(() => text(p.page, '[data-conn]'), { timeout: 15_000 }).toBe('reconnecting…');
    // Ada answers while the server is down: the page keeps the answer and says it is not sent yet.
    await people[0]!.page.locator('.room-option').first().click();
    await people[0]!.page.click('[data-send]');
    await expect.poll(() => text(people[0]!.page, '[data-answer-state]'), { timeout: 15_000 }).toContain('Not sent yet');

    server = await startServerProcess({ root: DIST, dataDir: data, port });
    for (const p of [host, ...people]) await expect.poll(() => text(p.page, '[data-conn]'), { timeout: 30_000 }).toBe('live');
    await expect.poll(() => text(people[0]!.page, '[data-answer-state]'), { timeout: 30_000 }).toContain('Answer sent');
    for (const person of people.slice(1)) {
      await person.page.locator('.room-option').nth(1).click();
      await person.page.click('[data-send]');
      await expect.poll(() => text(person.page, '[data-answer-state]'), { timeout: 15_000 }).toContain('Answer sent');
    }
    await expect.poll(() => text(host.page, '[data-answered]'), { timeout: 15_000 }).toBe('3 of 3 participants answered');
    await host.page.click('[data-act="reveal"]');
    for (const person of people) await person.page.locator('.room-verdict').waitFor();
    await host.page.emulateMedia({ colorScheme: 'dark' });
    await host.page.screenshot({ path: join(SHOTS, 'rooms-host-reveal-desktop-dark.png'), fullPage: true });
    await host.page.emulateMedia({ colorScheme: 'light' });

    // The results, for the facilitator and for each participant; the CSV export.
    await host.page.click('[data-act="end"]');
    await host.page.locator('[data-results]:visible').waitFor();
    for (const person of people) await person.page.locator('[data-score]:visible').waitFor();
    expect(await text(people[0]!.page, '[data-score]')).toMatch(/^You answered 2 of 2 questions/);
    await axe(host.page, 'facilitator results');
    await axe(people[2]!.page, 'participant results');
    await people[1]!.page.screenshot({ path: join(SHOTS, 'rooms-player-results-desktop-light.png'), fullPage: true });
    await host.page.screenshot({ path: join(SHOTS, 'rooms-host-results-desktop-light.png'), fullPage: true });
    const [download] = await Promise.all([host.page.waitForEvent('download'), host.page.click('[data-export="csv"]')]);
    const saved = join(data, 'export.csv');
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toBe(`stagecraft-room-${code}.csv`);
    const csv = readFileSync(saved, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('participant,question number,question,answer,correct,misconceptions,answered at');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1 + 6);

    for (const [i, p] of [host, ...people].entries()) clean(p.watch, i === 0 ? 'facilitator' : `participant ${i}`);
  });
});

describe('the room pages as first opened', () => {
  it.each(['light', 'dark'] as const)('have no axe violations and run cleanly (%s)', { timeout: 300_000 }, async (theme) => {
    const { page: p, watch } = await page({ viewport: DESKTOP, colorScheme: theme, storedTheme: theme });
    for (const path of ['/workshops/', '/workshops/rooms/', '/workshops/rooms/host/', '/workshops/join/']) {
      await p.goto(new URL(path, inject('baseUrl')).href, { timeout: 120_000 });
      await settle(p);
      await p.locator('[data-room-status][data-state="on"], .workshop-live').first().waitFor();
      await axe(p, `${path} (${theme})`);
    }
    expectClean(watch, `room pages (${theme})`);
  });
});

describe('a static copy of the site', () => {
  it('says on the room pages that live rooms need npm start, and offers no join or open button that cannot work', { timeout: 60_000 }, async () => {
    const staticServer = await serve({ root: DIST, port: 0 });
    try {
      const { page: p } = await page({ viewport: PHONE, isMobile: true });
      for (const path of ['/workshops/join/?code=ABCDEF', '/workshops/rooms/']) {
        await p.goto(new URL(path, staticServer.url).href);
        await settle(p);
        await p.locator('[data-room-status][data-state="off"]').waitFor();
        expect(await text(p, '[data-status-text]')).toContain('npm start');
        expect(await p.locator('[data-join], [data-open]').first().isDisabled()).toBe(true);
      }
    } finally {
      await staticServer.close();
    }
  });
});
