// Issue 11: the topology of the sample client, laid out by elkjs in a worker, exported as SVG and PDF.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { pdfText } from '../../src/lib/labels/testing/decode';
import { loadSample } from './helpers';

test('the sample client’s topology opens, and exports as SVG and PDF with the device names', async ({ page }) => {
  await loadSample(page);
  await page.goto('/network');
  await expect(page.getByTestId('net-device-row').first()).toBeVisible();
  await expect(page.getByTestId('ip-conflicts')).toContainText('2 conflicts'); // the sample plan's deliberate ones
  await page.getByTestId('open-topology').click();
  await expect(page).toHaveURL(/\/network\/topology$/);
  const devices = page.getByTestId('topo-device');
  await expect(devices.first()).toBeVisible({ timeout: 30_000 });
  expect(await devices.count()).toBeGreaterThan(10);
  const names = await devices.evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label') ?? ''));
  expect(names).toContain('行政楼3F-AF-1000-B1350'); // the main site's firewall

  const svgDownload = page.waitForEvent('download');
  await page.getByTestId('topology-svg').click();
  const svg = readFileSync((await (await svgDownload).path())!, 'utf8');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  for (const n of names) expect(svg).toContain(`>${n}</text>`);
  expect(svg).toContain('门诊楼');

  const pdfDownload = page.waitForEvent('download');
  await page.getByTestId('topology-pdf').click();
  const pdf = new Uint8Array(readFileSync((await (await pdfDownload).path())!));
  expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
  const text = pdfText(pdf).replace(/\s+/g, '');
  expect(text).toContain('AF-1000-B1350');
  expect(text).toContain('门诊楼');
});

test('a dragged device keeps its position after a reload', async ({ page }) => {
  await loadSample(page);
  await page.goto('/network/topology');
  const first = page.getByTestId('topo-device').first();
  await expect(first).toBeVisible({ timeout: 30_000 });
  const id = await first.getAttribute('data-id');
  const rect = first.locator('rect');
  const before = Number(await rect.getAttribute('x'));
  await first.scrollIntoViewIfNeeded();
  const box = (await first.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 80, box.y + 60, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Number(await rect.getAttribute('x'))).toBeGreaterThan(before + 30);
  const moved = Number(await rect.getAttribute('x'));
  await expect(page.getByTestId('topology-reset')).toBeEnabled(); // the position is saved
  await page.reload();
  const again = page.locator(`[data-testid="topo-device"][data-id="${id}"]`);
  await expect(again).toBeVisible({ timeout: 30_000 });
  expect(Math.abs(Number(await again.locator('rect').getAttribute('x')) - moved)).toBeLessThan(2);
});
