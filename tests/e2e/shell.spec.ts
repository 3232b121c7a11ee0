import { expect, test } from '@playwright/test';
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
