import { expect, test } from '@playwright/test';
import { assetUrl, formatAssetNumber } from '../../src/lib/domain/assetNumber';
import { externalRequests, fakeCamera, ORIGIN, waitForWedge } from '../fixtures/scan/e2e';
import { loadSample, waitForServiceWorker } from './helpers';

// The fake camera shows a QR label, made by the app's own label code, of the sample client's first
// device; the real scanner (html5-qrcode camera + the decoder the app picks) reads it.
const NUMBER = formatAssetNumber('SZYY', 1);
test.use({ launchOptions: fakeCamera('qr', assetUrl(ORIGIN, NUMBER)) });

test('the camera reads a label and opens its device, with the WebAssembly decoder served by the app', async ({ page }) => {
  const external = externalRequests(page);
  await loadSample(page);
  await page.goto('/scan');
  await expect(page).toHaveURL(/\/devices\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  await expect(page.getByTestId('device-asset')).toHaveText(NUMBER);
  expect(external).toEqual([]);
});

test('offline: the scan page and the label link both resolve from the device’s own database', async ({ page, context }) => {
  await loadSample(page);
  await waitForServiceWorker(page);
  // Load the scanner once online so its chunks (and the wasm, precached) are in place.
  await page.goto('/settings');
  await context.setOffline(true);

  await page.goto('/scan');
  await expect(page.locator('.camera')).toHaveAttribute('data-decoder', /^(wasm|native)$/, { timeout: 20_000 });
  await expect(page).toHaveURL(/\/devices\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  await expect(page.getByTestId('device-asset')).toHaveText(NUMBER);

  // What a phone's system camera does with the same label: open the URL, as a deep link.
  await page.goto(assetUrl(ORIGIN, NUMBER));
  await waitForWedge(page);
  await expect(page).toHaveURL(/\/devices\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('device-asset')).toHaveText(NUMBER);
  await context.setOffline(false);
});
