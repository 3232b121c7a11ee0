import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { labelRect, templateById } from '../../src/lib/domain/labels/templates';
import { crop, decode, pdfPageCount, pdfText, renderPages } from '../../src/lib/labels/testing/decode';
import { loadSample } from './helpers';

test('choose devices, print an L7160 sheet from position 5, get a PDF with the right pages and first label', async ({ page, baseURL }) => {
  await loadSample(page);
  await page.goto('/labels');
  await expect(page.getByTestId('candidate').first()).toBeVisible();
  await page.getByTestId('select-all').uncheck();
  const boxes = page.getByTestId('candidate');
  for (let i = 0; i < 25; i++) await boxes.nth(i).check();
  const firstNumber = (await page.getByTestId('candidates').locator('li').first().locator('strong').textContent())!.trim();
  await page.getByTestId('template').selectOption('L7160');
  await page.getByTestId('start').fill('5');
  await page.getByTestId('start').blur();
  await expect(page.getByText(/page 1 of 2/i)).toBeVisible();
  await expect(page.getByTestId('label-preview').locator('path[d^="M"]')).toHaveCount(17);
  await expect(page.getByTestId('print-100')).toContainText('100 %');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-pdf').click()]);
  await expect(page.getByTestId('print-done')).toContainText('25 labels on 2 pages');
  const pdf = new Uint8Array(readFileSync((await download.path())!));
  expect(download.suggestedFilename()).toMatch(/^labels-J\d{14}-[0-9a-z]{4}\.pdf$/);
  expect(pdfPageCount(pdf)).toBe(2);
  expect(pdfText(pdf)).toContain(firstNumber);
  const t = templateById('L7160')!;
  const [first] = renderPages(pdf, 150, { first: 1, last: 1 });
  expect(decode(crop(first!, labelRect(t, 4)), 'qr')).toBe(`${baseURL}/a/${firstNumber}`);
  expect(decode(crop(first!, labelRect(t, 3)), 'qr')).toBeNull(); // positions 1–4 were left free

  // The print is recorded: the first device now has a printed label.
  await page.getByTestId('filter-without').check();
  await expect(page.getByTestId('candidates')).not.toContainText(firstNumber);
});

test('a custom grid that does not fit the page is refused with the reason', async ({ page }) => {
  await loadSample(page);
  await page.goto('/labels');
  await page.getByTestId('template').selectOption('custom');
  await page.getByTestId('grid-cols').fill('4');
  await page.getByTestId('grid-cols').blur();
  await expect(page.getByTestId('grid-problem')).toContainText('268.82');
  await expect(page.getByTestId('print-pdf')).toBeDisabled();
});

test('the device page shows its label; reprinting keeps the number', async ({ page }) => {
  await loadSample(page);
  await page.getByTestId('device-search').fill('SZYY-000007');
  await page.getByTestId('device-row').click();
  const asset = (await page.getByTestId('device-asset').textContent())!;
  await expect(page.getByTestId('device-label')).toBeVisible();
  await page.getByTestId('label-reprint').click();
  await expect(page).toHaveURL(/\/labels\?device=/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-pdf').click()]);
  const pdf = new Uint8Array(readFileSync((await download.path())!));
  expect(pdfText(pdf)).toContain(asset);
  await page.goBack();
  await expect(page.getByTestId('label-number')).toHaveText(asset);
  await expect(page.getByTestId('device-asset')).toHaveText(asset);
});

test('a new device takes the next number of this tablet’s block, and its label with it', async ({ page }) => {
  await loadSample(page);
  await page.goto('/devices/new');
  await page.getByTestId('mint-number').click();
  // No tablet code yet: the form asks for it in place, then mints (issue 8 item 7).
  await page.getByTestId('inline-tablet-code').fill('17');
  await page.getByTestId('inline-tablet-code-save').click();
  const asset = page.getByTestId('field-assetNumber');
  await expect(asset).toHaveValue(/^SZYY-1017\d{5}-[0-9A-Z]$/);
  const number = await asset.inputValue();
  await page.getByTestId('save-device').click();
  await expect(page.getByTestId('form-banner')).toContainText(`Saved ${number}`);
  await page.goto('/devices');
  await page.getByTestId('device-search').fill(number);
  await page.getByTestId('device-row').click();
  await expect(page.getByTestId('label-number')).toHaveText(number);
  // The next one is a different number: the block never hands a number out twice.
  await page.goto('/devices/new');
  await page.getByTestId('mint-number').click();
  await expect(asset).not.toHaveValue(number);
  await expect(asset).toHaveValue(/^SZYY-1017\d{5}-[0-9A-Z]$/);
});

test('room labels carry the link to the room’s audit', async ({ page, baseURL }) => {
  await loadSample(page);
  await page.goto('/labels');
  await page.getByTestId('source-rooms').check();
  const rooms = page.getByTestId('room');
  await rooms.nth(0).check();
  await rooms.nth(1).check();
  const roomId = (await rooms.nth(0).getAttribute('data-room'))!;
  const roomName = (await page.getByTestId('rooms').locator('li').nth(0).locator('strong').textContent())!; // e.g. 门诊楼 / 1F / 101
  await page.getByTestId('template').selectOption('L7163');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-pdf').click()]);
  const pdf = new Uint8Array(readFileSync((await download.path())!));
  expect(pdfPageCount(pdf)).toBe(1);
  const [first] = renderPages(pdf, 150, { first: 1, last: 1 });
  expect(decode(crop(first!, labelRect(templateById('L7163')!, 0)), 'qr')).toBe(`${baseURL}/audit/room/${roomId}`);
  const text = pdfText(pdf);
  for (const part of roomName.split(' / ')) expect(text).toContain(part);
});
