import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { loadSample } from './helpers';

test('settings shows storage usage and quota, and whether storage is persistent', async ({ page }) => {
  await loadSample(page);
  await page.goto('/settings');
  await expect(page.getByTestId('storage-usage')).toHaveText(/^[\d.]+ (B|KB|MB|GB) used of [\d.]+ (KB|MB|GB|TB) available$/);
  await expect(page.getByTestId('storage-persisted')).toHaveText(/Storage (is persistent|is not persistent yet)/);
});

for (const [name, viewport] of [['a 10-inch tablet in portrait', { width: 800, height: 1280 }], ['a 10-inch tablet in landscape', { width: 1280, height: 800 }], ['a phone', { width: 390, height: 844 }]] as const) {
  test(`every screen fits ${name} without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await loadSample(page);
    await page.getByTestId('device-row').first().click();
    const detail = new URL(page.url()).pathname;
    for (const path of ['/', '/devices', detail, '/devices/new', '/scan', '/audit', '/labels', '/panels', '/panels/new', '/settings']) {
      await page.goto(path);
      await expect(page.locator('h1')).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await expect(page.getByTestId('net-status')).toBeInViewport();
  });
}

const SIZES = [['a phone', { width: 390, height: 844 }], ['a 10-inch tablet in portrait', { width: 800, height: 1280 }], ['a 10-inch tablet in landscape', { width: 1280, height: 800 }]] as const;
// The header's own entries, and one of each group under More (Service desk, Survey).
const MENU = ['/', '/devices', '/scan', '/incidents', '/labels', '/panels', '/settings', '/kb', '/network'];

/** The menu entry for `href` the technician can see, opening the phone's menu first if there is one. */
async function menuEntry(page: Page, href: string): Promise<Locator> {
  const toggle = page.getByTestId('menu-toggle');
  if (await toggle.isVisible()) {
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }
  const entry = page.locator(`header nav a[href="${href}"]`);
  const more = page.getByTestId('more-toggle');
  if (!(await entry.isVisible()) && (await more.isVisible()) && (await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  return entry.filter({ visible: true });
}

async function expectOnScreen(page: Page, el: Locator, what: string): Promise<void> {
  const box = (await el.boundingBox())!;
  const view = page.viewportSize()!;
  expect(box, what).not.toBeNull();
  expect(box.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what}: right edge`).toBeLessThanOrEqual(view.width);
  expect(box.y + box.height, `${what}: bottom edge`).toBeLessThanOrEqual(view.height);
}

for (const lang of ['zh-CN', 'en'] as const) {
  for (const [name, viewport] of SIZES) {
    test(`${lang} on ${name}: a compact header, and every menu entry on screen on one line`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.addInitScript((l) => localStorage.setItem('assetwalk.lang', l), lang);
      await page.goto('/devices');
      await expect(page.locator('main h1')).toBeVisible();

      // The header leaves at least three quarters of the screen to the work.
      const header = (await page.locator('header').first().boundingBox())!;
      expect(header.height).toBeLessThanOrEqual(Math.floor(viewport.height * 0.25));

      // The scan button and the sync state stay in reach without opening anything.
      await expectOnScreen(page, page.getByTestId('header-scan'), 'scan button');
      await expectOnScreen(page, page.getByTestId('sync-status'), 'sync status');

      for (const href of MENU) {
        const entry = await menuEntry(page, href);
        await expect(entry, href).toHaveCount(1);
        await expectOnScreen(page, entry, `menu entry ${href}`);
        // One line of text: a label squeezed to a character per line has several line boxes.
        const lines = await entry.evaluate((a) => {
          const r = document.createRange();
          r.selectNodeContents(a);
          return new Set([...r.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.top))).size;
        });
        expect(lines, `menu entry ${href} wraps`).toBe(1);
        await entry.click();
        await expect(page, href).toHaveURL(new RegExp(`${href === '/' ? '/$' : href + '$'}`));
        await expect(page.locator('main h1')).toBeVisible();
        // The menu closes again after a choice, out of the work's way.
        if (await page.getByTestId('menu-toggle').isVisible()) await expect(page.getByTestId('menu-toggle')).toHaveAttribute('aria-expanded', 'false');
      }
    });
  }
}

/** A token of another client company than the sample's: the server refuses the sample's changes. */
function foreignToken(): string {
  const file = join(process.env.E2E_DATA_DIR!, 'assetwalk.sqlite');
  const code = `(async () => {
    const { openStore } = await import(${JSON.stringify(new URL('../../sync-server/src/store/index.ts', import.meta.url).href)});
    const store = openStore(${JSON.stringify(file)});
    const id = crypto.randomUUID();
    await store.createTenant({ id, name: 'Another client' });
    const { token } = await store.createToken({ tenantId: id, siteIds: '*' });
    await store.close();
    process.stdout.write(token);
  })()`;
  return execFileSync('npx', ['tsx', '-e', code], { encoding: 'utf8' }).trim();
}

test('the sync state says how many changes the server refused, never "Synced", and Settings lists them with the reason', async ({ page }) => {
  await loadSample(page);
  await page.goto('/settings');
  await page.getByTestId('server-token').fill(foreignToken());
  await page.getByTestId('server-token').press('Tab'); // saving the token starts a sync
  const status = page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-state', 'refused', { timeout: 30_000 });
  await expect(status).toHaveAttribute('data-status', 'idle', { timeout: 30_000 }); // every batch answered
  await expect(status.getByRole('status')).toHaveText(/^\d+ changes refused by the server$/);
  await expect(status).toContainText('Open Settings › Sync to see them');
  await expect(status).not.toContainText('Synced');
  const count = Number((await status.getByRole('status').textContent())!.match(/\d+/)![0]);
  expect(count).toBeGreaterThan(200); // the client, its sites and locations, and 200 devices

  await page.goto('/devices');
  await status.getByRole('link', { name: /Settings › Sync/ }).click();
  await expect(page).toHaveURL(/\/settings#sync$/);
  const rows = page.getByTestId('refused-entry');
  await expect(rows).toHaveCount(count);
  await expect(rows.first()).toContainText('The record belongs to another client company than the access token.');
  await expect(rows.filter({ hasText: 'Device' }).first()).toContainText(/SZYY-\d{6}-[0-9A-Z]/);
});
