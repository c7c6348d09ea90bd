// Test fixtures: a Chromium launched with playwright-core from Debian's package (Playwright's
// own browser download is not reachable here) with a fresh --user-data-dir per test, the test
// wallet injected into every page, and the deployed suite's description.
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  // Playwright's own viewport/isMobile/hasTouch options (test.use) apply here too: the phone
  // scenario sets 390×844 with touch and mobile viewport emulation.
  context: async ({ suite, viewport, isMobile, hasTouch, deviceScaleFactor }, use) => {
    const profile = mkdtempSync(join(tmpdir(), 'agora-app-chromium-'));
    const context: BrowserContext = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: viewport ?? { width: 1280, height: 900 },
      isMobile,
      hasTouch,
      deviceScaleFactor,
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

/**
 * Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on the page as it is now and fails on any
 * violation of impact "serious" or "critical", naming the rule and the elements. The full
 * result is kept in test-results/axe/NAME.json.
 */
export async function axeCheck(page: Page, name: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const dir = join(RESULTS, 'axe');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ url: results.url, violations: results.violations, incomplete: results.incomplete.map((r) => ({ id: r.id, impact: r.impact, nodes: r.nodes.map((n) => `${n.target.join(" ")}: ${n.any.map((c) => c.message).join("; ")}`) })), passes: results.passes.map((r) => r.id) }, null, 2));
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = results.violations.filter((v) => !bad.includes(v));
  if (minor.length) console.log(`[axe] ${name}: minor/moderate: ${minor.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`).join(', ')}`);
  const text = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`);
  // Soft: one run reports every page's violations; the test still fails at its end.
  expect.soft(text, `axe on ${name}: serious or critical violations`).toEqual([]);
  return results;
}

/**
 * The page fits the viewport's width: nothing makes it scroll sideways (wide tables scroll
 * inside their own box). On failure, names the elements that stick out.
 */
export async function expectNoHorizontalOverflow(page: Page, name: string) {
  const screen = page.viewportSize()?.width ?? Infinity;
  const m = await page.evaluate((screen) => {
    const width = Math.min(window.innerWidth, screen);
    const outside = [...document.querySelectorAll('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= width + 1) return false;
        // Inside a box that scrolls or clips horizontally: not the page's overflow.
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          if (getComputedStyle(p).overflowX !== 'visible') return false;
        }
        return true;
      })
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, outside };
  }, screen);
  const why = `${name}: the page is wider than the screen (${screen}px): ${m.outside.join(', ')}`;
  expect(m.scrollWidth, why).toBeLessThanOrEqual(m.innerWidth + 1);
  // With isMobile, Chromium widens the layout viewport (innerWidth) to fit wide content, so
  // scrollWidth <= innerWidth alone would pass: innerWidth must stay the screen's width too.
  expect(m.innerWidth, why).toBeLessThanOrEqual(screen + 1);
  return m;
}

export { expect };
