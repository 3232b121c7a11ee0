// Importing a Snipe-IT asset list: 1,000 rows with 5 bad ones, and a GBK file saved by Excel in China.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { loadSample } from './helpers';
import { readStore } from './fixtures/survey';

interface Row { id: string; assetNumber: string; name: string; serial: string; updatedAt: string; tenantId: string }

test('1,000 rows with 5 bad ones: the 995 go in, the 5 are listed, nothing else changes', async ({ page }) => {
  test.setTimeout(120_000);
  await loadSample(page);
  const before = await readStore<Row>(page, 'devices');
  const outboxBefore = (await readStore(page, 'outbox')).length;
  const taken = before[0]!.assetNumber;

  const lines = ['Asset Tag,Asset Name,Serial,Model,Manufacturer,Category,Purchased,Cost,Status,Checked Out To'];
  for (let i = 1; i <= 1000; i++) {
    const tag = `IMP-${String(i).padStart(5, '0')}`;
    lines.push([tag, `PC ${i}`, `SN${100000 + i}`, 'OptiPlex 7090', 'Dell', 'Desktop', '2024-03-01', '6199', 'Deployed', `用户${i}`].join(','));
  }
  const bad: Record<number, (cells: string[]) => void> = {
    10: (c) => { c[6] = '2024-02-30'; },      // no such date
    200: (c) => { c[0] = ''; },              // no asset tag
    300: (c) => { c[0] = taken; },           // already in the register
    400: (c) => { c[0] = 'IMP-00001'; },     // twice in the file
    999: (c) => { c[7] = 'free'; }           // not a cost
  };
  for (const [i, f] of Object.entries(bad)) { const c = lines[Number(i)]!.split(','); f(c); lines[Number(i)] = c.join(','); }

  await page.goto('/import');
  await page.getByTestId('csv-file').setInputFiles({ name: 'snipeit.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n'), 'utf8') });
  await expect(page.getByTestId('csv-encoding')).toContainText('1,000 data rows');
  await page.getByTestId('csv-preview').click();
  await expect(page.getByTestId('csv-summary')).toContainText('995 rows ready');
  const listed = page.getByTestId('csv-invalid-row');
  await expect(listed).toHaveCount(5);
  // Row numbers as Excel shows them: the header is row 1.
  expect(await listed.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-line'))))).toEqual([11, 201, 301, 401, 1000]);
  await expect(listed.nth(0)).toContainText('Purchase date');
  await expect(listed.nth(2)).toContainText('already in the register');

  await page.getByTestId('csv-import').click();
  await expect(page.getByTestId('csv-done')).toContainText('995 devices imported', { timeout: 60_000 });

  const after = await readStore<Row>(page, 'devices');
  expect(after).toHaveLength(before.length + 995);
  const imported = after.filter((d) => d.assetNumber.startsWith('IMP-'));
  expect(imported).toHaveLength(995);
  // The five bad rows' own tags (rows 300 and 400 carried other tags) are not in.
  expect(imported.filter((d) => ['IMP-00010', 'IMP-00200', 'IMP-00300', 'IMP-00400', 'IMP-00999'].includes(d.assetNumber))).toEqual([]);
  expect(new Set(imported.map((d) => d.assetNumber)).size).toBe(995);
  // Every device that was there is untouched, and each import is queued for sync.
  const byId = new Map(after.map((d) => [d.id, d]));
  for (const d of before) expect(byId.get(d.id)).toEqual(d);
  expect((await readStore(page, 'outbox')).length).toBe(outboxBefore + 995);
});

test('a GBK file from Excel in China: Chinese headers and text read right, placeholder serials dropped', async ({ page }) => {
  await loadSample(page);
  await page.goto('/import');
  await page.getByTestId('csv-file').setInputFiles({ name: '资产.csv', mimeType: 'text/csv', buffer: readFileSync('tests/fixtures/import/snipeit-zh-gbk.csv') });
  await expect(page.getByTestId('csv-encoding')).toContainText('gb18030');
  await expect(page.getByTestId('map-assetNumber').locator('option:checked')).toHaveText('资产标签');
  await page.getByTestId('csv-preview').click();
  await expect(page.getByTestId('csv-summary')).toContainText('3 rows ready');
  await page.getByTestId('csv-import').click();
  await expect(page.getByTestId('csv-done')).toContainText('3 devices imported');
  const rows = (await readStore<Row & { status: string; type: string }>(page, 'devices')).filter((d) => d.assetNumber.startsWith('SZ-100'));
  const by = (a: string) => rows.find((d) => d.assetNumber === a)!;
  expect(by('SZ-1001')).toMatchObject({ name: '财务部-张敏', serial: '7H2K9L3', type: 'desktop' });
  expect(by('SZ-1002')).toMatchObject({ name: '人事部-李娜', serial: '', type: 'laptop', status: 'inStock' });
  expect(by('SZ-1003')).toMatchObject({ status: 'inRepair' });
});

test('GLPI inventories in bulk: new ones created, the same files again only matched', async ({ page }) => {
  await loadSample(page);
  await page.goto('/import');
  const files = ['computer_1.json', 'computer_2.json', 'printer_1.json'].map((f) => ({ name: f, mimeType: 'application/json', buffer: readFileSync(`tests/fixtures/glpi/${f}`) }));
  const broken = { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{not json') };
  await page.getByTestId('glpi-files').setInputFiles([...files, broken]);
  await expect(page.getByTestId('glpi-summary')).toHaveText('3 new, 0 matched, 0 to decide, 1 unreadable.');
  await page.getByTestId('glpi-apply').click();
  await expect(page.getByTestId('glpi-done')).toContainText('3 created, 0 updated, 1 skipped');
  const serials = (await readStore<Row>(page, 'devices')).map((d) => d.serial);
  expect(serials).toEqual(expect.arrayContaining(['640HP72', '2FAGP34', 'PHCVN191TG']));

  await page.getByTestId('glpi-files').setInputFiles(files);
  await expect(page.getByTestId('glpi-summary')).toHaveText('0 new, 3 matched, 0 to decide, 0 unreadable.');
});

test('a client backup: saved, restored as a merge, a newer format refused', async ({ page }) => {
  await loadSample(page);
  await page.goto('/import');
  const download = page.waitForEvent('download');
  await page.getByTestId('backup-export').click();
  const backup = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as { version: number; tables: Record<string, { id: string; name?: string }[]> };
  expect(backup.tables.devices).toHaveLength(200);
  expect(backup.tables.drivers!.length).toBeGreaterThan(0);
  expect(backup.tables.licences!.every((l) => !JSON.stringify(l).includes('GPHP7'))).toBe(true);

  backup.tables.devices![0]!.name = '从备份恢复';
  const outboxBefore = (await readStore(page, 'outbox')).length;
  await page.getByTestId('backup-file').setInputFiles({ name: 'b.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
  await page.getByTestId('backup-restore').click();
  await expect(page.getByTestId('backup-done')).toContainText('0 created, 1 updated');
  const d = (await readStore<Row>(page, 'devices')).find((x) => x.id === backup.tables.devices![0]!.id)!;
  expect(d.name).toBe('从备份恢复');
  expect((await readStore(page, 'outbox')).length).toBe(outboxBefore + 1);

  await page.getByTestId('backup-file').setInputFiles({ name: 'new.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...backup, version: backup.version + 1 })) });
  await expect(page.getByTestId('backup-failed')).toContainText('newer version of AssetWalk');
  await expect(page.getByTestId('backup-restore')).toHaveCount(0);
});
