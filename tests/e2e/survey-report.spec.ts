// Issue 11 (phase 2): the survey report of the sample client, in English and Chinese, checked with pdftotext.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { pdfText } from '../../src/lib/labels/testing/decode';
import { loadSample } from './helpers';

async function download(page: Page, lang: 'en' | 'zh-CN'): Promise<string> {
  const d = page.waitForEvent('download');
  await page.getByTestId('survey-report-lang').selectOption(lang);
  await page.getByTestId('survey-report-pdf').click();
  return pdfText(new Uint8Array(readFileSync((await (await d).path())!)));
}

test('the survey report lists findings, recommended actions and the network diagram, in English and Chinese', async ({ page }) => {
  test.setTimeout(120_000);
  await loadSample(page);
  await page.goto('/survey-report');
  await expect(page.getByTestId('survey-actions').locator('li').first()).toBeVisible();

  const en = (await download(page, 'en')).replace(/\s+/g, ' ');
  expect(en).toContain('IT survey report');
  expect(en).toContain('深圳市示例人民医院');
  expect(en).toMatch(/ 200 Recommended actions/); // the key figures: client, date, 200 devices
  expect(en).toContain('Recommended actions');
  expect(en).toMatch(/Install and enable antivirus on the \d+ computers/);
  expect(en).toMatch(/Resolve the 2 conflicts in the IP plan/);
  expect(en).toContain('Inventory by type');
  expect(en).toMatch(/Ending within 90 days: \d+/);
  expect(en).toContain('Unlicensed software');
  expect(en).toMatch(/\d+ of \d+ computers are covered by a backup image/);
  expect(en).toContain('Special devices');
  expect(en).toContain('Network diagram: 总院（福田院区）');
  expect(en.replace(/ /g, '')).toContain('AF-1000-B1350'); // a device of the diagram

  const zh = (await download(page, 'zh-CN')).replace(/\s+/g, '');
  expect(zh).toContain('IT调研报告');
  expect(zh).toContain('建议措施');
  expect(zh).toContain('网络拓扑：东院（罗湖院区）');
});

test('a double tap on download makes one report', async ({ page }) => {
  test.setTimeout(120_000);
  await loadSample(page);
  await page.goto('/survey-report');
  let downloads = 0;
  page.on('download', () => downloads++);
  const first = page.waitForEvent('download');
  await page.getByTestId('survey-report-pdf').dblclick();
  await first;
  await expect(page.getByTestId('survey-report-pdf')).toBeEnabled();
  // One more tap: once its report is in, a second report from the double tap would have come first.
  const next = page.waitForEvent('download');
  await page.getByTestId('survey-report-pdf').click();
  await next;
  expect(downloads).toBe(2);
});
