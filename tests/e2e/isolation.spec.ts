// The isolation-panel check end to end: registered, checked over the simulated serial port or by
// hand, offline, signed, and found again after a reload.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { loadSample, waitForServiceWorker } from './helpers';
import { identify, newLabel, passAll, registerPanel, step, TEST, VISUAL } from './fixtures/isolation';
import { installSimulator, removeWebSerial, simInject, simSet } from './fixtures/simulator';

test('a full check read over the simulated port ends in an alarm that fills the screen, and its PDF downloads', async ({ page }) => {
  await installSimulator(page);
  await loadSample(page);
  const label = newLabel();
  const url = await registerPanel(page, { room: 'OR 3', systemId: 'IT-3A', label });
  await page.getByTestId('start-check').click();
  await identify(page, label);
  await step(page, 'visual');
  await passAll(page, VISUAL);
  await page.getByTestId('check-next').click();

  // Test vector V6: 45 kΩ, 12.3 A, 68 °C, insulation bit set.
  await simSet(page, { insulationKohm: 45, loadA: 12.3, temperatureC: 68, faults: { insulation: true } });
  await page.getByTestId('source-serial').click();
  await page.getByTestId('serial-connect').click();
  await page.getByTestId('serial-read').click();
  await expect(page.getByTestId('serial-polls')).toContainText('1');
  await expect(page.getByTestId('rule-insulation')).toHaveAttribute('data-status', 'alarm');
  await expect(page.getByTestId('rule-insulation')).toContainText('45 kΩ');
  await expect(page.getByTestId('rule-load')).toHaveAttribute('data-status', 'normal'); // 12.3 A of 27.39 A
  await expect(page.getByTestId('frame-log')).toContainText('01 03 08 00 2D 00 7B 00 44 00 01 0D 0A');
  await page.getByTestId('check-next').click();

  await step(page, 'test');
  await passAll(page, TEST);
  await page.getByTestId('check-next').click();
  await step(page, 'verdict');
  const verdict = page.getByTestId('verdict-step');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'alarm');
  // The whole screen, not a corner.
  const box = await verdict.boundingBox();
  const view = page.viewportSize()!;
  expect(box!.width).toBeGreaterThanOrEqual(view.width - 1);
  expect(box!.height).toBeGreaterThanOrEqual(view.height - 1);

  await page.getByTestId('field-technician').fill('王工');
  await page.getByTestId('field-remarks').fill('已通知手术室');
  await page.getByTestId('sign-check').click();
  await expect(page.getByTestId('check-signed')).toBeVisible();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'alarm');
  await expect(page.getByTestId('frame-log')).toContainText('01 03 00 08 00 04 C5 CB');

  const download = page.waitForEvent('download');
  await page.getByTestId('check-report-lang').selectOption('zh-CN');
  await page.getByTestId('check-report-pdf').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  const bytes = readFileSync((await file.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

  await page.goto(url);
  await expect(page.getByTestId('check-row')).toHaveCount(1);
  await expect(page.getByTestId('check-row').first()).toHaveAttribute('data-verdict', 'alarm');
  await page.goto('/panels');
  await expect(page.getByTestId('panel-row').filter({ hasText: 'OR 3' })).toHaveAttribute('data-verdict', 'alarm');
});

test('a corrupted frame shows an error and does not produce normal; the next good read does', async ({ page }) => {
  await installSimulator(page);
  await loadSample(page);
  const label = newLabel();
  await registerPanel(page, { room: 'OR 7', systemId: 'IT-7B', label });
  await page.getByTestId('start-check').click();
  await identify(page, label);
  await passAll(page, VISUAL);
  await page.getByTestId('check-next').click();

  await page.getByTestId('source-serial').click();
  await page.getByTestId('serial-connect').click();
  await simInject(page, { kind: 'corruptCrc' });
  await page.getByTestId('serial-read').click();
  await expect(page.getByTestId('serial-read-error')).toContainText('CRC');
  await expect(page.getByTestId('rule-insulation')).toHaveAttribute('data-status', 'unknown');
  await expect(page.locator('[data-testid="frame-log"] tr[data-ok="false"]')).toHaveCount(1);
  await page.getByTestId('check-next').click();
  await passAll(page, TEST);
  await page.getByTestId('check-next').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'unknown');

  // Back to the readings: a frame in two chunks still parses, and the healthy panel reads normal.
  await page.getByTestId('goto-readings').click();
  await simInject(page, { kind: 'split' });
  await page.getByTestId('serial-read').click();
  await expect(page.getByTestId('serial-polls')).toContainText('2');
  await expect(page.getByTestId('serial-read-error')).toHaveCount(0);
  await expect(page.getByTestId('rule-insulation')).toHaveAttribute('data-status', 'normal');
  await page.getByTestId('goto-verdict').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'normal');
});

test('offline: a full manual check survives a reload mid-way and after signing', async ({ page, context }) => {
  await loadSample(page);
  const label = newLabel();
  const url = await registerPanel(page, { room: 'OR 9', systemId: 'IT-9C', label });
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.goto(`${url}/check`);
  await identify(page, label);
  await passAll(page, VISUAL);
  await page.getByTestId('check-next').click();
  await page.getByTestId('source-manual').click();
  await page.getByTestId('field-insulation').fill('≥999');
  await page.getByTestId('field-load').fill('20.5');
  await page.getByTestId('field-temperature').fill('92');
  await page.getByTestId('display-clear').click();
  await expect(page.getByTestId('rule-temperature')).toHaveAttribute('data-status', 'warning'); // ≥ 100 − 10 °C
  await expect(page.getByTestId('rule-load')).toHaveAttribute('data-status', 'normal');

  await page.reload();
  await expect(page.getByTestId('check-restored')).toBeVisible();
  await step(page, 'readings');
  await expect(page.getByTestId('field-insulation')).toHaveValue('≥999');
  await expect(page.getByTestId('rule-insulation')).toHaveAttribute('data-status', 'normal');
  await page.getByTestId('check-next').click();
  await passAll(page, TEST);
  await page.getByTestId('check-next').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'warning');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-complete', 'true');
  await page.getByTestId('field-technician').fill('李工');
  await page.getByTestId('sign-check').click();
  await expect(page.getByTestId('check-signed')).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'warning');
  await expect(page.getByTestId('check-technician')).toHaveText('李工');
  await page.goto(url);
  await expect(page.getByTestId('check-row')).toHaveCount(1);
  await expect(page.getByTestId('trend-temperature')).toBeVisible();
  const outbox = await page.evaluate(async () => {
    const req = indexedDB.open('assetwalk');
    const db = await new Promise<IDBDatabase>((resolve, reject) => { req.onsuccess = () => resolve(req.result); req.onerror = () => reject(req.error); });
    const all = await new Promise<{ table: string; op: string }[]>((resolve) => {
      const r = db.transaction('outbox').objectStore('outbox').getAll();
      r.onsuccess = () => resolve(r.result as { table: string; op: string }[]);
    });
    db.close();
    return all.filter((e) => e.table === 'checks').map((e) => e.op);
  });
  expect(outbox).toEqual(['insert']); // queued for sync, insert-only
});

test('without Web Serial the check says so and keeps manual entry', async ({ page }) => {
  await removeWebSerial(page);
  await loadSample(page);
  const label = newLabel();
  await registerPanel(page, { room: 'OR 11', systemId: 'IT-11', label });
  await page.getByTestId('start-check').click();
  await page.getByTestId('identify-confirm').click();
  await page.getByTestId('check-next').click();
  await page.getByTestId('check-next').click();
  await page.getByTestId('source-serial').click();
  await expect(page.getByTestId('no-web-serial')).toBeVisible();
  await page.getByTestId('source-manual').click();
  await page.getByTestId('field-insulation').fill('48');
  await expect(page.getByTestId('rule-insulation')).toHaveAttribute('data-status', 'alarm');
  await expect(page.getByTestId('rule-insulation')).toContainText('2 kΩ below the 50 kΩ response value');
});
