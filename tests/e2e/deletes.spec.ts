// Deleting and restoring a device from the app, offline: the label's number stays with it.
import { expect, test } from '@playwright/test';
import { loadSample, openFirstDevice } from './helpers';

test('delete a device, find it under deleted devices, restore it', async ({ page }) => {
  await loadSample(page);
  const path = new URL(await openFirstDevice(page)).pathname;
  const asset = (await page.getByTestId('device-asset').textContent())!.trim();

  await page.getByTestId('delete-device').click();
  await page.getByTestId('delete-device-confirm').click();
  await expect(page.getByTestId('device-deleted')).toBeVisible();
  await expect(page.getByTestId('edit-device')).toHaveCount(0);

  await page.goto('/devices');
  await page.getByTestId('device-search').fill(asset);
  await expect(page.getByTestId('device-row')).toHaveCount(0);
  await page.goto('/devices/deleted');
  await expect(page.getByTestId('deleted-device')).toHaveCount(1);
  await expect(page.getByTestId('deleted-device')).toContainText(asset);
  await page.getByTestId('restore-device').click();
  await expect(page.getByTestId('deleted-none')).toBeVisible();

  await page.goto(path);
  await expect(page.getByTestId('device-deleted')).toHaveCount(0);
  await expect(page.getByTestId('device-asset')).toHaveText(asset);
  await page.goto('/devices');
  await page.getByTestId('device-search').fill(asset);
  await expect(page.getByTestId('device-row')).toHaveCount(1);
});
