import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '#lib/local-cloud/web-server.ts';
import { REPO_ROOT } from '#lib/paths.ts';
import { startTestCloud, type TestCloud } from '#test/support/local-cloud.ts';

// Debian's Chromium, installed by .ci/run; a test tool's own browser download cannot work here.
const CHROMIUM = '/usr/bin/chromium';
const RESULTS = join(REPO_ROOT, 'test-results');
// Without the background-networking flags Chromium keeps dialling Google's hosts on a closed network.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let testCloud: TestCloud;
let browser: Browser;
let distDir: string;

beforeAll(async () => {
  // A fresh build of the current source, not whatever web/dist holds from an earlier run.
  distDir = mkdtempSync(join(tmpdir(), 'party-planner-web-'));
  await ensureWebBuild(distDir);
  testCloud = await startTestCloud({ web: { port: 0, distDir } });
  // Playwright gives every launch() a new, empty profile directory of its own.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  mkdirSync(RESULTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await testCloud?.stop();
  if (distDir) rmSync(distDir, { recursive: true, force: true });
});

async function addIdea(page: Page, text: string): Promise<void> {
  const field = page.getByLabel('Add an idea');
  await field.fill(text);
  // Keyboard only: Enter submits the form.
  await field.press('Enter');
  await expect
    .poll(() => page.locator('.inputs li .content', { hasText: text }).count(), { timeout: 10_000 })
    .toBe(1);
  await expect.poll(() => field.inputValue()).toBe('');
}

describe.skipIf(!existsSync(CHROMIUM))('the page in Chromium', () => {
  it('creates a party, fills the plan from three ideas, and cascades a removal', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));

    await page.goto(testCloud.cloud.endpoints.web);
    await page.getByRole('button', { name: 'Start planning a party' }).click();
    await page.waitForURL(/#party=[^&]+&token=/);
    await expect
      .poll(() => page.locator('#connection').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('open');
    const share = await page.getByLabel('Anyone with this link').inputValue();
    expect(share).toMatch(/#party=.+&token=.+/);

    await addIdea(page, 'jungle theme party for 75 guests');
    await addIdea(page, 'budget $1500');
    await addIdea(page, 'nut-free chocolate cake');

    const progress = page.getByRole('progressbar');
    await expect.poll(() => progress.getAttribute('aria-valuenow'), { timeout: 30_000 }).toBe('100');
    for (const card of ['theme', 'venue', 'cake'])
      await expect.poll(() => page.locator(`[data-card="${card}"]`).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.locator('.budget-chart .stated').count()).toBe(1);
    expect(await page.locator('.timeline li').count()).toBeGreaterThan(5);
    await page.screenshot({ path: join(RESULTS, 'party-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(RESULTS, 'party-desktop.png'), fullPage: true });

    await page.getByRole('button', { name: 'Remove “jungle theme party for 75 guests”' }).click();
    await expect.poll(() => page.locator('[data-card="theme"]').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.locator('.inputs li .content').count()).toBe(2);
    // The cake was themed; it is planned again without the jungle, and a late themed result must not win.
    await testCloud.cloud.idle();
    await expect
      .poll(() => page.locator('[data-card="cake"]').textContent(), { timeout: 15_000 })
      .not.toMatch(/jungle/i);
    // Focus stays in the list for keyboard users instead of falling back to the page.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('remove');
    await testCloud.cloud.idle();
    await page.screenshot({ path: join(RESULTS, 'party-after-removal.png'), fullPage: true });

    // Reloading the share link shows the same party from the status route.
    await page.reload();
    await expect.poll(() => page.locator('.inputs li .content').count(), { timeout: 10_000 }).toBe(2);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 120_000);
});
