// /workshops/: the agenda planner (src/components/workshops/workshop-planner.ts) in the browser,
// and the page printed as a handout (src/styles/workshops-print.css).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, runAxe } from './support/axe.ts';
import { connectBrowser, expectClean, open, reportedViolations, url, withWatchedPage } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Row {
  time: string;
  minutes: number;
  what: string;
}

async function agenda(page: Page): Promise<Row[]> {
  return page.locator('[data-plan] > li').evaluateAll((rows) =>
    rows.map((row) => ({
      time: row.querySelector('.plan__time')?.textContent ?? '',
      minutes: Number.parseInt(row.querySelector('.plan__minutes')?.textContent ?? '', 10),
      what: row.querySelector('.plan__what')?.textContent ?? '',
    })),
  );
}

const total = (rows: Row[]) => rows.reduce((sum, row) => sum + row.minutes, 0);

/** The lesson ids whose notes are shown. */
const shownNotes = (page: Page) =>
  page.locator('[data-lesson-notes]:not([hidden])').evaluateAll((notes) => notes.map((note) => (note as HTMLElement).dataset['lessonNotes']));

describe('the workshop planner', () => {
  it('fits the chosen lessons into the time chosen, shows their notes, and keeps the choice in the address', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await open(page, '/workshops/');
      // The first render: 90 minutes from 9:00.
      let rows = await agenda(page);
      expect(total(rows)).toBe(90);
      expect(rows[0]).toMatchObject({ time: '9:00', what: expect.stringMatching(/^Welcome/) });

      // 60 minutes, from 13:30, every lesson: what fits is planned, the rest is listed.
      await page.getByRole('radio', { name: '60 minutes' }).check();
      await page.getByLabel('Starts at').fill('13:30');
      for (const box of await page.getByRole('group', { name: 'Lessons' }).getByRole('checkbox').all()) await box.check();
      await expect.poll(async () => total(await agenda(page))).toBe(60);
      rows = await agenda(page);
      expect(rows[0]!.time).toBe('13:30');
      expect(rows.at(-1)!.what).toMatch(/^Wrap-up/);
      expect(rows.at(-1)).toMatchObject({ time: '14:25', minutes: 5 });
      expect(await page.getByRole('heading', { name: /Workshop agenda: 60 minutes, 13:30–14:30/ }).count()).toBe(1);
      const leftOut = page.locator('[data-left-out]');
      expect(await leftOut.isVisible()).toBe(true);
      expect(await leftOut.textContent()).toMatch(/^Left out for time \(set them as homework\): .*Capstone/);
      const planned = rows.filter((row) => /^Exercise: /.test(row.what)).map((row) => row.what.slice('Exercise: '.length));
      const notes = await shownNotes(page);
      expect(notes.length).toBe(planned.length);
      expect(notes[0]).toBe('what-is-a-stage');

      // A lesson's link in the agenda goes to its notes.
      await page.locator('[data-plan] a').first().click();
      expect(new URL(page.url()).hash).toBe('#plan-what-is-a-stage');

      // The address holds the choice: a reload (or a shared link) opens the same agenda.
      const address = new URL(page.url());
      expect(address.searchParams.get('length')).toBe('60');
      expect(address.searchParams.get('start')).toBe('13:30');
      await page.reload({ waitUntil: 'load' });
      expect(await agenda(page)).toEqual(rows);
      expect(await page.getByRole('radio', { name: '60 minutes' }).isChecked()).toBe(true);

      // A day: every lesson fits, with a lunch.
      await page.getByRole('radio', { name: 'A day (7 hours)' }).check();
      await expect.poll(async () => total(await agenda(page))).toBe(420);
      expect((await agenda(page)).filter((row) => row.what === 'Lunch')).toHaveLength(1);
      expect(await leftOut.isVisible()).toBe(false);
      expect((await shownNotes(page)).length).toBe(12);

      // Nothing chosen: still the full length, welcome and wrap-up around open time.
      for (const box of await page.getByRole('group', { name: 'Lessons' }).getByRole('checkbox').all()) await box.uncheck();
      await expect.poll(async () => (await agenda(page)).map((row) => row.what.split(':')[0])).toEqual(['Welcome', 'Open questions and catch-up', 'Wrap-up']);
      expect(total(await agenda(page))).toBe(420);
      expect(await shownNotes(page)).toEqual([]);

      watch.cspViolations.push(...(await reportedViolations(page)));
      expectClean(watch, 'workshop planner');
    });
  });

  it('ignores a hostile or broken address and plans the default', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await open(page, '/workshops/?length=<img src=x onerror=alert(1)>&start=99:99&lessons=%3Cscript%3E,what-is-a-stage');
      const rows = await agenda(page);
      expect(total(rows)).toBe(90);
      expect(rows[0]!.time).toBe('9:00');
      expect(await shownNotes(page)).toEqual(['what-is-a-stage']);
      expect(await page.locator('img[src="x"], main script:not([src])').count()).toBe(0);
      expectClean(watch, 'hostile planner address');
    });
  });

  it('opens a live room with the agenda’s questions and exercises ticked, and follows the agenda', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await open(page, '/workshops/?length=90&start=09:00&lessons=what-is-a-stage,named-stages-and-target');
      const link = page.locator('[data-room-link]');
      await expect
        .poll(async () => new URL((await link.getAttribute('href'))!, url('/')).searchParams.getAll('exercise'))
        .toEqual(['what-is-a-stage', 'named-stages-and-target']);
      // A lesson added to the agenda adds its question and exercise to the link.
      await page.locator('input[name="lessons"][value="build-vs-runtime"]').check();
      await expect
        .poll(async () => new URL((await link.getAttribute('href'))!, url('/')).searchParams.getAll('exercise'))
        .toEqual(['what-is-a-stage', 'build-vs-runtime', 'named-stages-and-target']);
      const questions = new URL((await link.getAttribute('href'))!, url('/')).searchParams.getAll('question');
      expect(questions).toHaveLength(3);

      await Promise.all([page.waitForURL(/\/workshops\/rooms\/\?/), link.click()]);
      const ticked = (name: string) =>
        page.locator(`room-opener input[name="${name}"]:checked`).evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).value));
      await expect.poll(() => ticked('exercise')).toEqual(['what-is-a-stage', 'build-vs-runtime', 'named-stages-and-target']);
      expect((await ticked('question')).sort()).toEqual([...questions].sort());
      await expect.poll(() => page.locator('room-opener [data-count]').textContent()).toMatch(/^3 questions, 3 exercises/);
      expectClean(watch, 'agenda to room');
    });
  });

  it('ticks nothing the room page does not offer when the address is hostile', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await open(page, '/workshops/rooms/?title=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&question=%22%5D%2C*%5Bname%3D&exercise=%3Cscript%3E&exercise=myths');
      await expect
        .poll(() => page.locator('room-opener input[name="exercise"]:checked').evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).value)))
        .toEqual(['myths']);
      expect(await page.locator('room-opener input[name="question"]:checked').count()).toBe(0);
      expect(await page.locator('room-opener input[name="title"]').inputValue()).toBe('<img src=x onerror=alert(1)>');
      expect(await page.locator('img[src="x"], main script:not([src])').count()).toBe(0);
      expectClean(watch, 'hostile room address');
    });
  });

  it('has no axe violations with a lesson left out, light and dark, on a desktop and a phone', async () => {
    for (const theme of ['light', 'dark'] as const) {
      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 375, height: 812 },
      ]) {
        await withWatchedPage(browser, { storedTheme: theme, viewport }, async ({ page, watch }) => {
          await open(page, '/workshops/?length=60&lessons=what-is-a-stage,build-vs-runtime,capstone');
          expect(await page.locator('[data-left-out]').isVisible()).toBe(true);
          const violations = await runAxe(page, 'main');
          expect(violations, `${theme} ${viewport.width}: ${formatViolations(violations)}`).toEqual([]);
          // Nothing wider than the screen on a phone.
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
          expectClean(watch, `workshops ${theme} ${viewport.width}`);
        });
      }
    }
  }, 180_000);
});

describe('before the session', () => {
  it('says nothing of http on a secure address, and warns when the page is open over plain http on the network', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await open(page, '/workshops/');
      expect(await page.locator('[data-insecure-note]').isVisible()).toBe(false);
      expect(await page.getByRole('heading', { name: 'Before the session' }).isVisible()).toBe(true);
      expect(await page.locator('.workshop-prep').textContent()).toMatch(/https.*reverse proxy with a local certificate/s);
      expectClean(watch, 'workshops on loopback');
    });
    // The same site under a LAN-like http name (not a secure context), its requests answered by the test server.
    await withWatchedPage(browser, async ({ page }) => {
      const lan = 'http://room-laptop.test:8000';
      await page.context().route(`${lan}/**`, async (route) => {
        const response = await route.fetch({ url: url(new URL(route.request().url()).pathname) });
        await route.fulfill({ response });
      });
      await page.goto(`${lan}/workshops/`, { waitUntil: 'load' });
      expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
      const note = page.locator('[data-insecure-note]');
      await note.waitFor();
      expect(await note.textContent()).toMatch(/plain http at room-laptop\.test:8000: from this address the stage runner\s+cannot start/);
      for (const theme of ['light', 'dark'] as const) {
        await page.evaluate((t) => (document.documentElement.dataset['theme'] = t), theme);
        const violations = await runAxe(page, '.workshop-prep');
        expect(violations, `${theme}: ${formatViolations(violations)}`).toEqual([]);
      }
    });
  });
});

describe('the handout', () => {
  it('prints the agenda and the notes of its lessons, without the site header, theme button, form or live-room box', async () => {
    await withWatchedPage(browser, { storedTheme: 'dark' }, async ({ page, watch }) => {
      await open(page, '/workshops/?length=120&start=14:00&lessons=named-stages-and-target,myths');
      await page.emulateMedia({ media: 'print' });
      for (const selector of [
        '.site-header',
        '.theme-toggle',
        '.skip-link',
        '.site-footer',
        '.planner__controls',
        '.workshop-live',
        '.workshop-prep',
        '[data-print]',
      ]) {
        const count = await page.locator(selector).count();
        for (let i = 0; i < count; i++) expect(await page.locator(selector).nth(i).isVisible(), selector).toBe(false);
      }
      expect(await page.locator('[data-plan]').isVisible()).toBe(true);
      expect(total(await agenda(page))).toBe(120);
      expect(await page.getByRole('heading', { name: 'Workshop agenda: 2 hours, 14:00–16:00' }).isVisible()).toBe(true);
      expect(await shownNotes(page)).toEqual(['named-stages-and-target', 'myths']);
      expect(await page.locator('#plan-what-is-a-stage').isVisible()).toBe(false);
      for (const id of ['named-stages-and-target', 'myths']) {
        const notes = page.locator(`#plan-${id}`);
        expect(await notes.isVisible()).toBe(true);
        for (const heading of ['Talking points', 'Live-room question', 'Exercise: common mistakes', 'Discussion']) {
          expect(await notes.getByRole('heading', { name: heading }).count(), `${id}: ${heading}`).toBe(1);
        }
        expect(await notes.locator('.workshop-lesson__mistakes li').count()).toBeGreaterThan(0);
      }
      // Black on white on paper, whatever the theme on screen.
      const colors = await page.evaluate(() => ({
        body: getComputedStyle(document.body).backgroundColor,
        text: getComputedStyle(document.querySelector('.plan__what')!).color,
      }));
      expect(colors).toEqual({ body: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)' });
      // A PDF is made (Chromium's print path), of a few pages.
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expectClean(watch, 'handout');
    });
  });
});
