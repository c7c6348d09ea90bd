// Test fixtures: a Chromium launched with playwright-core from Debian's package (Playwright's
// own browser download is not reachable here) with a fresh --user-data-dir per test, the test
// wallet injected into every page, and the deployed suite's description.
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { installInjector } from './injector';
import { fileURLToPath as toPath } from 'node:url';
const HERE = toPath(new URL('.', import.meta.url));
export { closeInjector } from './injector';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const RESULTS = resolve(HERE, '..', '..', 'test-results');
export const SHOTS = join(RESULTS, 'screenshots');

export interface SuiteInfo {
  url: string;
  deployment: any;
}

export const test = base.extend<{ suite: SuiteInfo }>({
  suite: async ({}, use) => {
    await use(JSON.parse(readFileSync(join(RESULTS, 'suite.json'), 'utf8')));
  },
  context: async ({ suite }, use) => {
    const profile = mkdtempSync(join(tmpdir(), 'agora-app-chromium-'));
    const context: BrowserContext = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
      baseURL: `http://127.0.0.1:${process.env.AGORA_APP_PORT ?? 9972}/`,
    });
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },
  page: async ({ context, suite }, use) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await installInjector(page, suite.url);
    page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
    await use(page);
  },
});

let step = 0;
/** Saves a full-page screenshot as test-results/screenshots/NN-name.png. */
export async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  step += 1;
  const file = join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Saves a screenshot of the region spanning the elements matched by `selectors`. */
export async function shotRegion(page: Page, name: string, selectors: string[]) {
  mkdirSync(SHOTS, { recursive: true });
  const boxes = [];
  for (const sel of selectors) {
    const box = await page.locator(sel).first().boundingBox();
    if (box) boxes.push(box);
  }
  const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
  const x = Math.min(...boxes.map((b) => b.x)) - 8 + scroll.x;
  const y = Math.min(...boxes.map((b) => b.y)) - 8 + scroll.y;
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + 8 + scroll.x;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + 8 + scroll.y;
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, clip: { x: Math.max(0, x), y: Math.max(0, y), width: right - x, height: bottom - y } });
  return file;
}

/** Opens the app, connects the test wallet and selects `name`'s account. */
export async function openAs(page: Page, name: string, hash = '') {
  await page.goto(`./#/${hash}`);
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  const select = page.getByLabel('Account');
  await expect(select).toBeVisible();
  const option = select.locator('option', { hasText: name });
  await select.selectOption(await option.getAttribute('value'));
}

export { expect };
