// Issue 8, labels: the page on an empty database, the selection across downloads, and the address
// printed in QR codes when the app is served from a loopback address.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { loadSample } from './helpers';

/** Collects page errors and console errors; the test fails on any. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  return errors;
}

async function downloadZpl(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-zpl').click()]);
  await expect(page.getByTestId('print-done')).toBeVisible();
  return readFileSync((await download.path())!, 'utf8');
}

const numbersIn = (zpl: string) => [...zpl.matchAll(/\^FD([A-Z]+-\d{6,9}-[0-9A-Z])\^FS/g)].map((m) => m[1]!);

test('the labels page opens on an empty database without any error', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/labels');
  await expect(page.getByTestId('labels-no-tenant')).toBeVisible();
  // Effects settle within a few frames; give a loop time to show itself.
  await page.waitForTimeout(500);
  await page.goto('/');
  await page.goto('/labels');
  await expect(page.getByTestId('labels-no-tenant')).toBeVisible();
  await page.waitForTimeout(500);
  expect(errors).toEqual([]);
});

test('the chosen devices stay chosen after a download; a second tap prints only them and only they count as printed', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await page.goto('/labels');
  await page.getByTestId('template').selectOption('Z5025');
  await expect(page.getByTestId('candidate').first()).toBeVisible();
  await page.getByTestId('select-all').uncheck();
  const rows = page.getByTestId('candidates').locator('li');
  const chosen: string[] = [];
  for (const i of [1, 3]) {
    await rows.nth(i).getByTestId('candidate').check();
    chosen.push((await rows.nth(i).locator('strong').textContent())!.trim());
  }
  const untouched = (await rows.nth(0).locator('strong').textContent())!.trim();

  expect(numbersIn(await downloadZpl(page)).sort()).toEqual([...chosen].sort());
  // Still the same two after the download…
  await expect(page.getByTestId('candidate').and(page.locator(':checked'))).toHaveCount(2);
  await expect(page.getByTestId('select-all')).not.toBeChecked();
  // …and a second tap on Download prints them again, nothing else.
  expect(numbersIn(await downloadZpl(page)).sort()).toEqual([...chosen].sort());

  // Only the printed two count as printed: the first device still has no label.
  await page.getByTestId('filter-without').check();
  await expect(page.getByTestId('candidates')).toContainText(untouched);
  for (const n of chosen) await expect(page.getByTestId('candidates')).not.toContainText(n);
  expect(errors).toEqual([]);
});

test('served from a loopback address, the page warns, and the team’s public address goes into the codes', async ({ page }) => {
  await loadSample(page);
  await page.goto('/labels');
  await expect(page.getByTestId('label-origin-warning')).toBeVisible();
  await expect(page.getByTestId('label-origin-warning')).toContainText('127.0.0.1');
  await page.getByTestId('label-origin-input').fill('https://assets.example.cn/app');
  await page.getByTestId('label-origin-save').click();
  await expect(page.getByTestId('label-origin-error')).toBeVisible();
  await page.getByTestId('label-origin-input').fill('https://assets.example.cn');
  await page.getByTestId('label-origin-save').click();
  await expect(page.getByTestId('label-origin-warning')).toHaveCount(0);
  await expect(page.getByTestId('label-origin')).toContainText('https://assets.example.cn');

  await page.getByTestId('template').selectOption('Z5025');
  await page.getByTestId('select-all').uncheck();
  await page.getByTestId('candidate').first().check();
  const zpl = await downloadZpl(page);
  expect(zpl).toMatch(/\^FDMA,https:\/\/assets\.example\.cn\/a\/[A-Z]+-\d+-[0-9A-Z]\^FS/);
  // The setting is the team's: it is saved in the database and survives a reload.
  await page.reload();
  await expect(page.getByTestId('label-origin')).toContainText('https://assets.example.cn');
  await expect(page.getByTestId('label-origin-warning')).toHaveCount(0);
});

test('the device page’s label card follows a change at once (attached, damaged)', async ({ page }) => {
  const errors = watchErrors(page);
  await loadSample(page);
  await page.getByTestId('device-search').fill('SZYY-000007');
  await page.getByTestId('device-row').click();
  await page.getByTestId('label-reprint').click();
  await Promise.all([page.waitForEvent('download'), page.getByTestId('print-pdf').click()]);
  await page.goBack();
  await expect(page.getByTestId('label-state')).toHaveText('Issued');
  await expect(page.getByTestId('device-label')).toContainText('Printed 1 time,');
  await page.getByTestId('label-attached').click();
  await expect(page.getByTestId('label-state')).toHaveText('Attached');
  await page.getByTestId('label-damaged').click();
  await expect(page.getByTestId('label-state')).toHaveText('Damaged');
  expect(errors).toEqual([]);
});
