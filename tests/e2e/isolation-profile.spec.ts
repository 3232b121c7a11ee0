// An administrator's register map for a monitor the app ships no profile for, used in a check.
import { expect, test } from '@playwright/test';
import { loadSample } from './helpers';
import { identify, newLabel, passAll, step, VISUAL } from './fixtures/isolation';
import { installSimulator, simSet } from './fixtures/simulator';

// The simulated monitor answers with AIM-M10's registers; this map reads them as a generic device.
const profile = {
  id: 'hosp-imd', make: '院内', model: 'IMD-X', fc: 3, serial: { baudRate: 9600, parity: 'none', stopBits: 1, slave: 1 },
  entries: [
    { address: 8, type: 'u16', unit: 'kΩ', meaning: 'insulation', min: 10, max: 999, boundAtMin: true, boundAtMax: true },
    { address: 9, type: 'u16', scale: 0.1, unit: 'A', meaning: 'load' },
    { address: 10, type: 'i16', unit: '°C', meaning: 'temperature' }
  ]
};

test('a custom profile is validated, saved, offered for a panel and read over serial', async ({ page }) => {
  await installSimulator(page);
  await loadSample(page);
  await page.goto('/panels/profiles');
  await page.getByTestId('profile-json').fill(JSON.stringify({ ...profile, entries: [{ ...profile.entries[0], unit: 'A' }] }));
  await page.getByTestId('profile-save').click();
  await expect(page.getByTestId('profile-issues')).toContainText('entries.0.unit');
  await page.getByTestId('profile-json').fill(JSON.stringify(profile));
  await page.getByTestId('profile-save').click();
  await expect(page.getByTestId('profile-saved')).toContainText('hosp-imd');
  await expect(page.getByTestId('profile-list')).toContainText('IMD-X');

  const label = newLabel();
  await page.goto('/panels/new');
  await page.getByTestId('field-room').fill('OR 12');
  await page.getByTestId('field-systemId').fill('IT-12');
  await page.getByTestId('field-label').fill(label);
  await page.getByTestId('field-ratedKva').fill('6.3');
  await page.getByTestId('field-secondaryV').fill('230');
  await page.getByTestId('field-remoteLocation').fill('护士站');
  await page.getByTestId('field-profileId').selectOption('hosp-imd');
  await page.getByTestId('save-panel').click();
  await expect(page).toHaveURL(/\/panels\/[0-9a-f-]{36}$/);

  await page.getByTestId('start-check').click();
  await identify(page, label);
  await step(page, 'visual');
  await passAll(page, VISUAL);
  await page.getByTestId('check-next').click();
  await simSet(page, { insulationKohm: 80, loadA: 10, temperatureC: 40, faults: {} });
  await page.getByTestId('source-serial').click();
  await page.getByTestId('serial-connect').click();
  await page.getByTestId('serial-read').click();
  await expect(page.getByTestId('rule-insulation')).toHaveAttribute('data-status', 'warning'); // 80 kΩ < 2 × 50 kΩ
  await expect(page.getByTestId('rule-insulation')).toContainText('80 kΩ');
  await expect(page.getByTestId('frame-log')).toContainText('01 03 00 08 00 03');
});
