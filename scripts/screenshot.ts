// Screenshots of site pages at desktop and phone sizes, in light and dark.
//
//   npx node scripts/screenshot.ts / /lessons/what-is-a-stage/
//
// Needs a running site (`npm start` serves http://localhost:4321; override with
// BASE_URL) and a system Chromium (CHROMIUM_PATH, default /usr/bin/chromium):
// playwright-core downloads no browser. PNGs go to screenshots/.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

interface Viewport {
  name: string;
  width: number;
  height: number;
  isMobile: boolean;
}

const VIEWPORTS: Viewport[] = [
  { name: 'desktop', width: 1280, height: 800, isMobile: false },
  { name: 'phone', width: 375, height: 812, isMobile: true },
];
const SCHEMES = ['light', 'dark'] as const;

const baseUrl = process.env['BASE_URL'] ?? 'http://localhost:4321';
const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const outDir = process.env['SCREENSHOT_DIR'] ?? 'screenshots';
const fullPage = process.env['FULL_PAGE'] !== '0';

/** "/" → "home", "/lessons/what-is-a-stage/" → "lessons-what-is-a-stage". */
function fileStem(urlPath: string): string {
  const stem = urlPath
    .replace(/[?#].*$/, '')
    .replace(/^\/+|\/+$/g, '')
    .replace(/[^a-z0-9]+/gi, '-');
  return stem === '' ? 'home' : stem.toLowerCase();
}

async function main(): Promise<void> {
  const paths = process.argv.slice(2);
  if (paths.length === 0) {
    console.error('usage: node scripts/screenshot.ts <url-path>...   e.g. / /lessons/what-is-a-stage/');
    process.exitCode = 2;
    return;
  }
  await mkdir(outDir, { recursive: true });

  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    for (const viewport of VIEWPORTS) {
      for (const colorScheme of SCHEMES) {
        const context = await browser.newContext({
          viewport: { width: viewport.width, height: viewport.height },
          deviceScaleFactor: 1,
          isMobile: viewport.isMobile,
          hasTouch: viewport.isMobile,
          colorScheme,
        });
        const page = await context.newPage();
        page.on('pageerror', (error) => console.error(`page error on ${page.url()}: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() === 'error') console.error(`console error on ${page.url()}: ${message.text()}`);
        });
        for (const urlPath of paths) {
          const url = new URL(urlPath, baseUrl).href;
          const response = await page.goto(url, { waitUntil: 'networkidle' });
          if (!response?.ok()) throw new Error(`${url} answered ${response?.status() ?? 'nothing'}`);
          const file = join(outDir, `${fileStem(urlPath)}-${viewport.name}-${colorScheme}.png`);
          await page.screenshot({ path: file, fullPage });
          console.log(file);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
}

await main();
