// Issue 8, items 6–8: one asset-number rule, duplicate warnings, the tablet code asked for in
// place, a refused save that shows its first error, and drafts that are only announced when real.
import { expect, test, type Page } from '@playwright/test';
import { formatAssetNumber } from '../../src/lib/domain/assetNumber';
import { loadSample } from './helpers';

/** The banner by its words (as a technician sees it), not by a test id. */
const restoredBanner = (page: Page) => page.getByRole('status').filter({ hasText: 'Your unsaved input was restored.' });

async function storedDevice(page: Page, assetNumber: string): Promise<{ id: string; serial: string; model: string; macs: string[] } | null> {
  return page.evaluate(async (n) => {
    const db = await new Promise<IDBDatabase>((res) => { const r = indexedDB.open('assetwalk'); r.onsuccess = () => res(r.result); });
    const rows = await new Promise<{ id: string; assetNumber: string; serial: string; model: string; _macs: string[]; deleted?: boolean }[]>((res) => {
      const q = db.transaction('devices').objectStore('devices').getAll();
      q.onsuccess = () => res(q.result as never);
    });
    db.close();
    const d = rows.find((r) => r.assetNumber === n && !r.deleted);
    return d ? { id: d.id, serial: d.serial, model: d.model, macs: d._macs } : null;
  }, assetNumber);
}

test('the device form refuses a wrong check character, as the scan page does (item 6)', async ({ page }) => {
  await loadSample(page);
  await page.goto('/devices/new');
  await page.getByTestId('field-assetNumber').fill('SZYY-000090-A');
  await page.getByTestId('save-device').click();
  await expect(page.getByTestId('error-assetNumber')).toContainText('check character');
  expect(await storedDevice(page, 'SZYY-000090-A')).toBeNull();
  // The scan page says the same of the same number.
  await page.goto('/scan');
  await page.locator('form.manual input').fill('SZYY-000090-A');
  await expect(page.locator('form.manual input')).toHaveAttribute('aria-invalid', 'true');
});

test('a serial or MAC already on another device of the client is a warning naming it, and saving still works (item 6)', async ({ page }) => {
  await loadSample(page);
  const holderNumber = formatAssetNumber('SZYY', 7);
  const holder = (await storedDevice(page, holderNumber))!;
  expect(holder.serial).not.toBe('');
  await page.goto('/devices/new');
  const fresh = formatAssetNumber('SZYY', 60_001);
  await page.getByTestId('field-assetNumber').fill(fresh);
  await page.getByTestId('field-serial').fill(holder.serial.toLowerCase());
  const warning = page.locator('[data-testid="duplicate-warning"][data-field="serial"]');
  await expect(warning).toContainText(holderNumber);
  if (holder.model) await expect(warning).toContainText(holder.model);
  await expect(warning.getByRole('link')).toHaveAttribute('href', `/devices/${holder.id}`);
  if (holder.macs[0]) {
    await page.getByTestId('add-nic').click();
    await page.getByTestId('field-nic0-mac').fill(holder.macs[0].replace(/:/g, '-').toLowerCase());
    await expect(page.locator('[data-testid="duplicate-warning"][data-field="hardware.nics.0.mac"]')).toContainText(holderNumber);
  }
  await page.getByTestId('save-device').click();
  await expect(page.getByTestId('form-banner')).toContainText(`Saved ${fresh}`);
  expect(await storedDevice(page, fresh)).not.toBeNull();
});

test('"Next asset number" asks for the tablet code in place, then mints; the panel form offers it too (item 7)', async ({ page }) => {
  await loadSample(page);
  await page.goto('/devices/new');
  await page.getByTestId('mint-number').click();
  const prompt = page.getByTestId('tablet-code-prompt');
  await expect(prompt).toBeVisible();
  await expect(prompt).not.toContainText('Print labels →');
  await page.getByTestId('inline-tablet-code').fill('12');
  await page.getByTestId('inline-tablet-code-save').click();
  // Tablet 12's own block: running number 10^8 + 12·10^5.
  await expect(page.getByTestId('field-assetNumber')).toHaveValue(formatAssetNumber('SZYY', 101_200_000));
  await expect(prompt).toBeHidden();

  await page.goto('/panels/new');
  await page.getByTestId('mint-number').click();
  await expect(page.getByTestId('field-label')).toHaveValue(formatAssetNumber('SZYY', 101_200_001));
});

test('a refused save brings the first error into view and focuses it (item 8)', async ({ page }) => {
  await loadSample(page);
  await page.goto('/devices/new');
  await page.getByTestId('field-purchaseDate').fill('2024-02-30');
  await page.getByTestId('field-notes').fill('bottom of the form');
  await page.getByTestId('save-device').click();
  const first = page.getByTestId('field-assetNumber');
  await expect(first).toBeFocused();
  await expect(first).toBeInViewport();

  await page.goto('/panels/new');
  await page.getByTestId('field-label').fill('SZYY-000090-A');
  await page.getByTestId('save-panel').click();
  await expect(page.getByTestId('error-label')).toContainText('check character');
  // The panel's own first marked field (room, when empty, comes before the label) takes the cursor.
  const firstMarked = page.locator('form [aria-invalid="true"]').first();
  await expect(firstMarked).toBeFocused();
  await expect(firstMarked).toBeInViewport();
  await page.getByTestId('field-room').fill('OR 3');
  await page.getByTestId('field-systemId').fill('IT-3');
  await page.getByTestId('save-panel').click();
  await expect(page.getByTestId('field-label')).toBeFocused();
});

test('"unsaved input was restored" only when there was some; Discard drops it (item 8)', async ({ page }) => {
  await loadSample(page);
  // Opening and leaving an untouched form is no unsaved input.
  await page.goto('/devices/new');
  await expect(page.getByTestId('field-assetNumber')).toBeVisible();
  await page.goto('/devices');
  await page.goto('/devices/new');
  await expect(page.getByTestId('field-assetNumber')).toBeVisible();
  await expect(restoredBanner(page)).toHaveCount(0);
  await expect(page.getByTestId('discard-form')).toBeDisabled();

  await page.getByTestId('field-name').fill('Typed, not saved');
  await page.reload();
  await expect(restoredBanner(page)).toBeVisible();
  await expect(page.getByTestId('field-name')).toHaveValue('Typed, not saved');
  await page.getByTestId('discard-form').click();
  await expect(page.getByTestId('field-name')).toHaveValue('');
  await expect(restoredBanner(page)).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('field-name')).toHaveValue('');
  await expect(restoredBanner(page)).toHaveCount(0);

  // Editing a stored device: the stored values are the baseline.
  const url = `/devices/${(await storedDevice(page, formatAssetNumber('SZYY', 5)))!.id}/edit`;
  await page.goto(url);
  await expect(page.getByTestId('field-assetNumber')).toHaveValue(formatAssetNumber('SZYY', 5));
  await page.goto('/devices');
  await page.goto(url);
  await expect(page.getByTestId('field-assetNumber')).toHaveValue(formatAssetNumber('SZYY', 5));
  await expect(restoredBanner(page)).toHaveCount(0);
  const name = page.getByTestId('field-name');
  const stored = await name.inputValue();
  await name.fill('Changed on the ward');
  await page.reload();
  await expect(restoredBanner(page)).toBeVisible();
  await page.getByTestId('discard-form').click();
  await expect(name).toHaveValue(stored);

  // The panel form behaves the same.
  await page.goto('/panels/new');
  await expect(page.getByTestId('field-room')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('field-room')).toBeVisible();
  await expect(restoredBanner(page)).toHaveCount(0);
  await page.getByTestId('field-room').fill('OR 3');
  await page.reload();
  await expect(restoredBanner(page)).toBeVisible();
  await page.getByTestId('discard-form').click();
  await expect(page.getByTestId('field-room')).toHaveValue('');
});
