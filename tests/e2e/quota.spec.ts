import { expect, test } from '@playwright/test';
import { loadSample } from './helpers';

// A full disk is hardware: faked at the lowest level, IndexedDB's own put/add, which then fail
// with the browser's QuotaExceededError exactly as a full tablet does. (Chromium 156 ignores the
// DevTools quota override for IndexedDB, so it cannot be done through the real quota here.)
test('a storage quota error is shown and the input stays on screen', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __diskFull?: boolean };
    for (const name of ['put', 'add'] as const) {
      const original = IDBObjectStore.prototype[name];
      IDBObjectStore.prototype[name] = function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
        if (w.__diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.apply(this, args);
      };
    }
  });
  await loadSample(page);
  await page.goto('/devices/new');
  await page.getByTestId('field-assetNumber').fill('SZYY-900555');
  await page.getByTestId('field-notes').fill('现场记录：机房空调漏水');
  await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = true));
  await page.getByTestId('save-device').click();
  await expect(page.getByTestId('form-banner')).toContainText('out of storage space');
  await expect(page.getByTestId('field-assetNumber')).toHaveValue('SZYY-900555');
  await expect(page.getByTestId('field-notes')).toHaveValue('现场记录：机房空调漏水');

  // Space freed: the same input saves, once.
  await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = false));
  await page.getByTestId('save-device').click();
  await expect(page.getByTestId('form-banner')).toContainText('Saved SZYY-900555');
  await page.goto('/devices');
  await page.getByTestId('device-search').fill('900555');
  await expect(page.getByTestId('device-row')).toHaveCount(1);
});
