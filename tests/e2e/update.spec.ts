import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadSample, waitForServiceWorker } from './helpers';

// A new deployment is a changed sw.js on the server. The app must offer to reload, and the
// reload must not lose what the technician was typing.
test('a new version is offered as "reload to update" and unsaved input survives it', async ({ page }) => {
  await loadSample(page);
  await page.goto('/devices/new');
  await waitForServiceWorker(page);
  await page.getByTestId('field-assetNumber').fill('SZYY-900777');
  await page.getByTestId('field-name').fill('未保存的输入');

  const swPath = 'build/sw.js';
  const original = readFileSync(swPath, 'utf8');
  try {
    writeFileSync(swPath, original + `\n// deployed ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect(page.getByTestId('update-prompt')).toBeVisible();
    await expect(page.getByTestId('field-name')).toHaveValue('未保存的输入'); // the offer alone changes nothing
    // A marker on the old page: gone once the page has really reloaded under the new worker.
    await page.evaluate(() => ((window as unknown as { __old?: boolean }).__old = true));
    await page.getByRole('button', { name: 'Reload to update' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __old?: boolean }).__old ?? false).catch(() => true), { timeout: 20_000 }).toBe(false);
    await expect(page.getByTestId('field-assetNumber')).toHaveValue('SZYY-900777');
    await expect(page.getByTestId('field-name')).toHaveValue('未保存的输入');
  } finally {
    writeFileSync(swPath, original);
  }
});
