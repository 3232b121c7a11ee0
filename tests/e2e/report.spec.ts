// The monthly service report of the sample client: on screen, then as PDFs in English and Chinese,
// read back with pdftotext. The sample's previous month holds a finished and a backed-out change.
import { readFileSync } from 'node:fs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { pdfText } from '../../src/lib/labels/testing/decode';
import { loadSample } from './helpers';

async function text(download: Promise<Download>): Promise<string> {
  return pdfText(new Uint8Array(readFileSync((await (await download).path())!))).replace(/\s+/g, ' ');
}

async function openReport(page: Page): Promise<void> {
  await page.goto('/reports');
  await expect(page.getByTestId('report-client')).not.toHaveValue('');
  await expect(page.getByTestId('report-figures')).toBeVisible();
}

test('the sample client’s monthly report, on screen and as a PDF in English and Chinese', async ({ page }) => {
  await loadSample(page);
  await openReport(page);
  const changes = page.getByTestId('rep-change');
  await expect(changes).toHaveCount(2);
  await expect(changes.nth(0)).toContainText('核心交换机固件升级');
  await expect(changes.nth(1)).toContainText('Backed out');
  const opened = (await page.getByTestId('rep-opened').textContent())!.trim();
  const sla = (await page.getByTestId('rep-sla').textContent())!.trim();
  await expect(page.getByTestId('bar-chart').first()).toBeVisible();

  // A double tap makes one PDF, and the button works again afterwards.
  let downloads = 0;
  page.on('download', () => downloads++);
  const en = page.waitForEvent('download');
  await page.getByTestId('report-lang').selectOption('en');
  await page.getByTestId('report-pdf').dblclick();
  const enText = await text(en);
  await expect(page.getByTestId('report-pdf')).toBeEnabled();
  expect(downloads).toBe(1);
  for (const s of ['Monthly service report', '深圳市示例人民医院', 'Incidents opened', 'Incidents by priority', 'Changes', '核心交换机固件升级', 'HIS 数据库服务器内存扩容', 'Backed out', 'Closed']) {
    expect(enText).toContain(s);
  }
  expect(enText).toContain(sla);
  expect(enText).toMatch(new RegExp(`Still open.*\\b${opened}\\b`));

  const zh = page.waitForEvent('download');
  await page.getByTestId('report-lang').selectOption('zh-CN');
  await page.getByTestId('report-pdf').click();
  const zhText = (await text(zh)).replace(/\s+/g, '');
  for (const s of ['月度服务报告', '深圳市示例人民医院', '新增事件', 'SLA达成率', '按优先级统计事件', '变更', '已回退', '数据库服务器内存扩容']) {
    expect(zhText).toContain(s);
  }
  expect(downloads).toBe(2);
});
