// The drivers of one device exported as a zip for a USB stick: files, manifest and README checked.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { loadSample } from './helpers';
import { readStore } from './fixtures/survey';

interface Dev { id: string; model: string; software: { os: string }; deleted?: string }

test('export the drivers of a device as a zip and check what is in it', async ({ page }) => {
  await loadSample(page);
  const device = (await readStore<Dev>(page, 'devices')).find((d) => d.model === 'ThinkCentre M720t' && d.software.os.startsWith('Windows 10'))!;
  expect(device).toBeTruthy();

  // A driver with its file, added to the library like a technician does.
  const bytes = Buffer.from('MZ fake installer for the test ' + 'x'.repeat(5000));
  await page.goto('/drivers');
  await page.getByTestId('driver-name').fill('Intel 显卡驱动');
  await page.getByTestId('driver-version').fill('31.0.101');
  await page.getByTestId('driver-model').fill('ThinkCentre M720t');
  await page.getByTestId('driver-os').fill('Windows 10');
  await page.getByTestId('driver-file').setInputFiles({ name: 'gfx_win_101.exe', mimeType: 'application/octet-stream', buffer: bytes });
  await page.getByTestId('driver-save').click();
  await expect(page.getByTestId('driver-row').filter({ hasText: 'Intel 显卡驱动' })).toBeVisible();

  await page.goto(`/devices/${device.id}`);
  const section = page.getByTestId('device-drivers');
  // The sample library's three M720t drivers (LAN paths) and the new one; nothing for other models.
  await expect(section.getByTestId('driver-row')).toHaveCount(4);
  const download = page.waitForEvent('download');
  await section.getByTestId('drivers-zip').click();
  const file = await (await download).path();
  const zip = unzipSync(new Uint8Array(readFileSync(file)));

  const manifest = JSON.parse(strFromU8(zip['manifest.json']!)) as { drivers: { name: string; sha256: string; file: string; lanPath: string }[] };
  expect(manifest.drivers).toHaveLength(4);
  const gfx = manifest.drivers.find((d) => d.name === 'Intel 显卡驱动')!;
  expect(gfx.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  expect(Buffer.from(zip[gfx.file]!)).toEqual(bytes);
  expect(manifest.drivers.filter((d) => d.lanPath.startsWith('\\\\')).length).toBe(3);
  const readme = strFromU8(zip['README.txt']!);
  for (const d of manifest.drivers) expect(readme).toContain(d.name);
  expect(readme).toContain(gfx.sha256);
  expect(Object.keys(zip).sort()).toEqual(['README.txt', gfx.file, 'manifest.json'].sort());
});
