import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#lib/paths.ts';
import { startTestCloud, type TestCloud } from '#test/support/local-cloud.ts';
import { ensureWebBuild, pageConfig } from '#web/build.ts';
import { NOT_UNDERSTOOD } from '#web/src/understood.ts';

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
  testCloud = await startTestCloud({ web: { port: 0, distDir, config: pageConfig } });
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

    // Only spaces: a short message instead of nothing, the spaces gone, and the message gone on typing.
    const field = page.getByLabel('Add an idea');
    await field.fill('   ');
    await field.press('Enter');
    expect(await page.locator('#input-hint').textContent()).toBe('Type an idea first');
    expect(await field.inputValue()).toBe('');
    expect(await page.locator('.inputs li[data-input-id]').count()).toBe(0);
    await field.pressSequentially('j');
    expect(await page.locator('#input-hint').textContent()).toBe('');
    await field.fill('');

    await addIdea(page, 'jungle theme party for 75 guests');
    await addIdea(page, 'budget $1500');
    await addIdea(page, 'nut-free chocolate cake');

    const progress = page.getByRole('progressbar');
    await expect.poll(() => progress.getAttribute('aria-valuenow'), { timeout: 30_000 }).toBe('100');
    for (const card of ['theme', 'venue', 'cake'])
      await expect.poll(() => page.locator(`[data-card="${card}"]`).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.locator('.budget-chart .stated').count()).toBe(1);
    expect(await page.locator('.timeline li').count()).toBeGreaterThan(5);
    // Words, not catalog ids; and "within" is a caution, never a success.
    expect((await page.locator('#cards').textContent()) ?? '').not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    for (const details of await page.locator('#cards .options .meta').allTextContents())
      expect(details).not.toMatch(/(^|· )other( ·|$)/);
    const status = page.locator('.budget-status');
    expect(await status.textContent()).not.toMatch(/within budget/i);
    if ((await status.getAttribute('data-tone')) === 'caution')
      expect(await status.textContent()).toMatch(/dearer ones would go over/);
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
    // Opened later, with nothing happening since: the activity box says why it is empty.
    await expect.poll(() => page.locator('.timeline-empty').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.locator('.timeline-empty').textContent()).toMatch(/Activity from now on appears here/);
    await page.screenshot({ path: join(RESULTS, 'party-reopened.png'), fullPage: true });

    // One long word, which the plan echoes in a question, wraps instead of widening the page.
    const longWord = 'z'.repeat(300);
    await addIdea(page, longWord);
    await testCloud.cloud.idle();
    await expect
      .poll(() =>
        page.locator('main').evaluate((main, word) => main.textContent?.split(word).length ?? 0, longWord),
      )
      .toBeGreaterThan(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 120_000);

  it('sends five ideas typed in a row, in order, and a second browser sees them with what was understood', async () => {
    const contexts: BrowserContext[] = [];
    const errors: string[] = [];
    const openPage = async (url: string) => {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        deviceScaleFactor: 1,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(url);
      return page;
    };
    const live = (page: Page) =>
      expect
        .poll(() => page.locator('#connection').getAttribute('data-state'), { timeout: 15_000 })
        .toBe('open');

    const host = await openPage(testCloud.cloud.endpoints.web);
    await host.getByRole('button', { name: 'Start planning a party' }).click();
    await host.waitForURL(/#party=[^&]+&token=/);
    await live(host);

    // Every add is held back a little, so that each idea below is typed while the one before is in flight.
    const posts: { input_id: string; content: string }[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    await host.route('**/api/v1/event-driven/input', async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      posts.push(JSON.parse(request.postData() ?? '{}'));
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 250));
      try {
        await route.continue();
        await request.response();
      } finally {
        inFlight -= 1;
      }
    });

    const ideas = [
      { text: 'jungle theme party for 75 guests', chips: ['75 guests', 'jungle'] },
      { text: 'budget $1,500', chips: ['$1,500'] },
      { text: 'nut-free chocolate cake', chips: ['nut-free'] },
      { text: 'it is her 60th birthday', chips: ['age 60', 'birthday'] },
      { text: 'hmm, something fun', chips: [NOT_UNDERSTOOD] },
    ];
    const field = host.getByLabel('Add an idea');
    for (const idea of ideas) {
      await field.fill(idea.text);
      await field.press('Enter');
    }
    // All five are listed at once, in order, most of them still on their way; the box is free again.
    const contents = (page: Page, selector = '.inputs li .content') =>
      page.locator(selector).allTextContents();
    expect(await contents(host)).toEqual(ideas.map((idea) => idea.text));
    expect(await host.locator('.inputs li.pending').count()).toBeGreaterThan(0);
    expect(await field.inputValue()).toBe('');
    // Typing while requests are in flight: no answer may clear it.
    await field.fill('a draft I have not sent');
    await host.screenshot({ path: join(RESULTS, 'ideas-pending.png'), fullPage: true });

    await expect
      .poll(() => contents(host, '.inputs li[data-state="added"] .content'), { timeout: 20_000 })
      .toEqual(ideas.map((idea) => idea.text));
    expect(await host.locator('.inputs li.pending').count()).toBe(0);
    expect(await field.inputValue()).toBe('a draft I have not sent');
    expect(posts.map((post) => post.content)).toEqual(ideas.map((idea) => idea.text));
    expect(new Set(posts.map((post) => post.input_id)).size).toBe(ideas.length);
    expect(maxInFlight).toBe(1);

    // A second browser opens the shared link and finds all five, in order, with their chips.
    const share = await host.getByLabel('Anyone with this link').inputValue();
    const guest = await openPage(share);
    await live(guest);
    for (const page of [host, guest]) {
      await expect
        .poll(() => contents(page, '.inputs li[data-state="added"] .content'), { timeout: 15_000 })
        .toEqual(ideas.map((idea) => idea.text));
      const rows = page.locator('.inputs li[data-state="added"]');
      for (const [index, idea] of ideas.entries()) {
        const chips = await rows.nth(index).locator('.chip').allInnerTexts();
        for (const chip of idea.chips) expect(chips.some((text) => text.endsWith(chip))).toBe(true);
      }
    }
    // Both eventually show the same plan.
    for (const page of [host, guest])
      await expect
        .poll(() => page.getByRole('progressbar').getAttribute('aria-valuenow'), { timeout: 45_000 })
        .toBe('100');
    await testCloud.cloud.idle();
    for (const page of [host, guest])
      await expect.poll(() => page.locator('#agents-running').textContent()).toBe('All agents idle');
    await host.screenshot({ path: join(RESULTS, 'ideas-host.png'), fullPage: true });
    await guest.setViewportSize({ width: 390, height: 844 });
    await guest.screenshot({ path: join(RESULTS, 'ideas-guest-phone.png'), fullPage: true });

    // A rejected idea stays on the page, marked failed, until it is retried or discarded.
    await host.unroute('**/api/v1/event-driven/input');
    let reject = true;
    await host.route('**/api/v1/event-driven/input', (route) => {
      if (route.request().method() !== 'POST' || !reject) return route.continue();
      return route.fulfill({
        status: 400,
        contentType: 'application/json',
        headers: { 'access-control-allow-origin': '*' },
        body: JSON.stringify({ error: { code: 'invalid_request', message: 'Rejected for the test' } }),
      });
    });
    for (const text of ['a rooftop for the evening', 'a magician please']) {
      await field.fill(text);
      await field.press('Enter');
    }
    const failed = host.locator('.inputs li[data-state="failed"]');
    await expect.poll(() => failed.count(), { timeout: 10_000 }).toBe(2);
    expect(await failed.first().textContent()).toContain('Rejected for the test');
    await host.screenshot({ path: join(RESULTS, 'ideas-failed.png'), fullPage: true });
    reject = false;
    await host.getByRole('button', { name: 'Retry “a rooftop for the evening”' }).click();
    await host.getByRole('button', { name: 'Discard “a magician please”' }).click();
    await expect
      .poll(() => contents(guest, '.inputs li[data-state="added"] .content'), { timeout: 15_000 })
      .toEqual([...ideas.map((idea) => idea.text), 'a rooftop for the evening']);
    await expect.poll(() => host.locator('.inputs li.pending').count()).toBe(0);
    expect(errors.filter((error) => !error.includes('400'))).toEqual([]);
    for (const context of contexts) await context.close();
  }, 150_000);
});

describe.skipIf(!existsSync(CHROMIUM))("the functions' own roles", () => {
  // Last in the file: every call that the page made the functions make went through IAM.
  it('allowed every call the functions made', () => {
    expect(testCloud.accessDenials()).toEqual([]);
  });
});
