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

test('a burst into a focused field opens the record and leaves the field as it was', async ({ page }) => {
  await loadSample(page);
  await page.goto('/devices/new');
  await waitForWedge(page);
  const field = page.getByTestId('field-name');
  await field.focus();
  await page.keyboard.type('PC-', { delay: 120 });
  // A code that opens nothing: the dialog shows, the page stays, the field is as it was.
  await gunScan(page, formatAssetNumber('SZYY', 77_777));
  await expect(page.getByTestId('scan-outcome').locator('[data-outcome="unclaimed"]')).toBeVisible();
  await expect(field).toHaveValue('PC-');
  await page.getByTestId('scan-outcome').getByRole('button', { name: 'Close' }).click();
  // A code that opens a record: the field's last value before the page changed is its own again.
  await field.evaluate((el: HTMLInputElement) => {
    const w = window as unknown as { values: string[] };
    w.values = [];
    el.addEventListener('input', () => w.values.push(el.value));
  });
  await field.click();
  await gunScan(page, N7);
  await expect(page.getByTestId('device-asset')).toHaveText(N7);
  const values = await page.evaluate(() => (window as unknown as { values: string[] }).values);
  expect(values.length).toBeGreaterThan(1);
  expect(values.at(-1)).toBe('PC-');
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
