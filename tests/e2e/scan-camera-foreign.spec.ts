import { expect, test } from '@playwright/test';
import { formatAssetNumber } from '../../src/lib/domain/assetNumber';
import { fakeCamera } from '../fixtures/scan/e2e';
import { loadSample } from './helpers';

// A QR that looks like one of ours but points at another origin: never opened, shown as text.
const FOREIGN = `https://assets.example.com/a/${formatAssetNumber('SZYY', 1)}?<b>x</b>`;
test.use({ launchOptions: fakeCamera('qr', FOREIGN) });

test('a QR code of another origin is rejected with what it says, and nothing is opened', async ({ page }) => {
  const foreign: string[] = [];
  page.on('request', (r) => { if (r.url().includes('example.com')) foreign.push(r.url()); });
  await loadSample(page);
  await page.goto('/scan');
  const dialog = page.getByTestId('scan-outcome');
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await expect(dialog.locator('[data-reason="foreignOrigin"]')).toContainText('https://assets.example.com');
  await expect(dialog.getByTestId('scan-read')).toHaveText(FOREIGN);
  await expect(dialog.locator('b')).toHaveCount(0); // shown as text, never as markup
  await expect(page).toHaveURL(/\/scan$/);
  expect(foreign).toEqual([]);
});
