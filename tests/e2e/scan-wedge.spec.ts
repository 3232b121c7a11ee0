import { expect, test } from '@playwright/test';
import { assetUrl, formatAssetNumber } from '../../src/lib/domain/assetNumber';
import { gunScan, ORIGIN, readDb, typeSlowly, waitForWedge } from '../fixtures/scan/e2e';
import { loadSample } from './helpers';

const N5 = formatAssetNumber('SZYY', 5);
const N7 = formatAssetNumber('SZYY', 7);

test('a keyboard-wedge burst anywhere opens the record', async ({ page }) => {
  await loadSample(page);
  await waitForWedge(page);
  await gunScan(page, assetUrl(ORIGIN, N5));
  await expect(page).toHaveURL(/\/devices\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('device-asset')).toHaveText(N5);
});

test('a burst into a focused text field fills that field and opens nothing (issue 8, item 5)', async ({ page }) => {
  await loadSample(page);
  await page.goto('/devices/new');
  await waitForWedge(page);
  const serial = page.getByTestId('field-serial');
  await serial.focus();
  await gunScan(page, 'PF3SCAN42');
  await expect(serial).toHaveValue('PF3SCAN42');
  await page.getByTestId('add-nic').click();
  const mac = page.getByTestId('field-nic0-mac');
  await mac.focus();
  await gunScan(page, '00-1A-2B-3C-4D-5E');
  await expect(mac).toHaveValue('00-1A-2B-3C-4D-5E');
  // Even a code that would open a record: the asset-number field takes it, the page stays.
  const asset = page.getByTestId('field-assetNumber');
  await asset.focus();
  await gunScan(page, N7);
  await expect(asset).toHaveValue(N7);
  await expect(page).toHaveURL(/\/devices\/new$/);
  await expect(page.getByTestId('scan-outcome')).toBeHidden();
  // The gun's Enter submitted nothing: no device with the scanned serial exists.
  await expect(page.getByTestId('form-banner')).toHaveCount(0);
  // With no text field focused, the same gun looks the code up.
  await page.locator('h1').click();
  await gunScan(page, N7);
  await expect(page.getByTestId('device-asset')).toHaveText(N7);
});

test('"Register a new device with this label" carries the number into the form, typed input kept (issue 8, item 5)', async ({ page }) => {
  await loadSample(page);
  await page.goto('/devices/new');
  await waitForWedge(page);
  await page.getByTestId('field-name').fill('Ward PC kept');
  await page.locator('h1').click();
  const fresh = formatAssetNumber('SZYY', 77_777);
  await gunScan(page, fresh);
  const dialog = page.getByTestId('scan-outcome');
  await expect(dialog.locator('[data-outcome="unclaimed"]')).toBeVisible();
  await dialog.getByRole('link', { name: /Register a new device/ }).click();
  await expect(page).toHaveURL(new RegExp(`/devices/new\\?asset=${fresh}`));
  await expect(page.getByTestId('field-assetNumber')).toHaveValue(fresh);
  await expect(page.getByTestId('field-name')).toHaveValue('Ward PC kept');
  // From another page, after an earlier visit left a draft: the number still arrives.
  await page.goto('/scan');
  await waitForWedge(page);
  const other = formatAssetNumber('SZYY', 77_778);
  await gunScan(page, other);
  await dialog.getByRole('link', { name: /Register a new device/ }).click();
  await expect(page.getByTestId('field-assetNumber')).toHaveValue(other);
  // Once saved, the number is used: a reload offers no number for the next device.
  await page.getByTestId('save-device').click();
  await expect(page.getByTestId('form-banner')).toContainText(other);
  await expect(page).toHaveURL(/\/devices\/new$/);
  await page.reload();
  await expect(page.getByTestId('field-assetNumber')).toHaveValue('');
});

test('the same characters typed by a person stay in the field and open nothing', async ({ page }) => {
  await loadSample(page);
  await page.goto('/devices/new');
  await waitForWedge(page);
  const field = page.getByTestId('field-name');
  await field.focus();
  await typeSlowly(page, N7);
  await expect(field).toHaveValue(N7);
  await expect(page).toHaveURL(/\/devices\/new/);
  await expect(page.getByTestId('scan-outcome')).toBeHidden();
});

test('no camera: the page says so and typing a number still works, with its check character checked', async ({ page }) => {
  await loadSample(page);
  await page.goto('/scan');
  await expect(page.locator('[data-problem]')).toHaveAttribute('data-problem', /noCamera|failed|denied/);
  const input = page.locator('form.manual input');
  await input.fill(N5.slice(0, -1) + (N5.endsWith('A') ? 'B' : 'A'));
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await input.fill(N5.toLowerCase());
  await expect(input).toHaveAttribute('aria-invalid', 'false');
  await input.press('Enter');
  await expect(page.getByTestId('device-asset')).toHaveText(N5);
});

test('a pre-printed label offers registration; a serial and a MAC find their device', async ({ page }) => {
  await loadSample(page);
  await waitForWedge(page);
  const fresh = formatAssetNumber('SZYY', 88_888);
  await gunScan(page, fresh);
  const dialog = page.getByTestId('scan-outcome');
  await expect(dialog.locator('[data-outcome="unclaimed"]')).toBeVisible();
  await dialog.getByRole('link', { name: /Register a new device/ }).click();
  await expect(page).toHaveURL(new RegExp(`/devices/new\\?asset=${fresh}`));
  await expect(page.getByTestId('field-assetNumber')).toHaveValue(fresh);

  const { devices } = await readDb(page);
  const target = devices.find((d) => d.assetNumber === N7)!;
  const serial = await page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((res) => { const r = indexedDB.open('assetwalk'); r.onsuccess = () => res(r.result); });
    const row = await new Promise<{ serial: string; _macs: string[] }>((res) => { const q = db.transaction('devices').objectStore('devices').get(id); q.onsuccess = () => res(q.result); });
    db.close();
    return row;
  }, target.id);
  await page.goto('/scan');
  await waitForWedge(page);
  if (serial.serial) {
    await gunScan(page, serial.serial.toLowerCase());
    await expect(page.getByTestId('device-asset')).toHaveText(N7);
  }
  if (serial._macs[0]) {
    await page.goto('/scan');
    await waitForWedge(page);
    await gunScan(page, serial._macs[0].replace(/:/g, '-'));
    await expect(page.getByTestId('device-asset')).toHaveText(N7);
  }
});
