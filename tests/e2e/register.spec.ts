import { expect, test } from '@playwright/test';
import { loadSample, openFirstDevice, waitForServiceWorker } from './helpers';

test('a device added in the quick-add flow is still there after a reload', async ({ page }) => {
  await loadSample(page);
  await page.goto('/devices/new');
  await page.getByTestId('field-assetNumber').fill('szyy-900001');
  await page.getByTestId('field-name').fill('Reception PC');
  await page.getByTestId('field-serial').fill('PF3XYZ99');
  await page.getByTestId('field-building').fill('门诊楼');
  await page.getByTestId('field-floor').fill('1F');
  await page.getByTestId('field-room').fill('101');
  await page.getByTestId('save-device').click();
  await expect(page.getByTestId('form-banner')).toContainText('SZYY-900001');
  // The location stays set for the next device.
  await expect(page.getByTestId('field-room')).toHaveValue('101');
  await expect(page.getByTestId('field-assetNumber')).toHaveValue('');

  await page.goto('/devices');
  await page.reload();
  await page.getByTestId('device-search').fill('900001');
  await expect(page.getByTestId('device-row')).toHaveCount(1);
  await page.getByTestId('device-row').click();
  await expect(page.getByTestId('device-asset')).toHaveText('SZYY-900001');
  await expect(page.getByTestId('show-serial')).toHaveText('PF3XYZ99');
});

test('"same as the last one" copies the configuration of the previous device', async ({ page }) => {
  await loadSample(page);
  await page.goto('/devices/new');
  await page.getByTestId('field-assetNumber').fill('SZYY-900010');
  await page.getByTestId('field-model').fill('OptiPlex 7090');
  await page.getByTestId('field-cpu').fill('Intel Core i7-10700');
  await page.getByTestId('save-device').click();
  await expect(page.getByTestId('form-banner')).toContainText('SZYY-900010');
  await page.getByTestId('same-as-last').click();
  await expect(page.getByTestId('field-model')).toHaveValue('OptiPlex 7090');
  await expect(page.getByTestId('field-cpu')).toHaveValue('Intel Core i7-10700');
});

test('invalid date, MAC, IP and serial are shown inline and nothing is saved', async ({ page }) => {
  await loadSample(page);
  await page.goto('/devices/new');
  await page.getByTestId('field-assetNumber').fill('SZYY-900002');
  await page.getByTestId('field-purchaseDate').fill('2024-02-30');
  await page.getByTestId('field-serial').fill('bad serial!');
  await page.getByTestId('add-nic').click();
  await page.getByTestId('field-nic0-mac').fill('00:11:22:33:44');
  await page.getByTestId('field-nic0-ip').fill('10.0.0.300');
  await page.getByTestId('save-device').click();
  await expect(page.getByTestId('error-purchaseDate')).toBeVisible();
  await expect(page.getByTestId('error-serial')).toBeVisible();
  await expect(page.getByTestId('error-nic0-mac')).toBeVisible();
  await expect(page.getByTestId('error-nic0-ip')).toBeVisible();
  await page.goto('/devices');
  await page.getByTestId('device-search').fill('900002');
  await expect(page.getByTestId('device-count')).toContainText('0 of 0');
});

test('a duplicate asset number is refused with the name of the device holding it', async ({ page }) => {
  await loadSample(page);
  await page.getByTestId('device-search').fill('SZYY-000001');
  await page.getByTestId('device-row').first().click();
  const asset = (await page.getByTestId('device-asset').textContent())!;
  const holder = (await page.locator('h1').textContent())!.split('·')[1]!.trim();
  await page.goto('/devices/new');
  await page.getByTestId('field-assetNumber').fill(asset);
  await page.getByTestId('save-device').click();
  await expect(page.getByTestId('form-banner')).toContainText(`${asset} already belongs to ${holder}`);
  await page.goto('/devices');
  await page.getByTestId('device-search').fill(asset);
  await expect(page.getByTestId('device-row')).toHaveCount(1);
});

test('offline: a deep link reloads from the service worker, an edit is kept and queued', async ({ page, context }) => {
  await loadSample(page);
  await waitForServiceWorker(page);
  const url = await openFirstDevice(page);
  await context.setOffline(true);
  await page.goto(url);
  await expect(page.getByTestId('net-status')).toHaveText('Offline');
  await page.getByTestId('edit-device').click();
  await page.getByTestId('field-assignedUser').fill('离线用户');
  await page.getByTestId('save-device').click();
  await expect(page.getByTestId('show-assignedUser')).toHaveText('离线用户');
  await page.reload();
  await expect(page.getByTestId('show-assignedUser')).toHaveText('离线用户');
  await context.setOffline(false);
  await page.reload();
  await expect(page.getByTestId('net-status')).toHaveText('Online');
  await expect(page.getByTestId('show-assignedUser')).toHaveText('离线用户');
  await expect(page.getByTestId('history')).toContainText('离线用户');
  const queued = await page.evaluate(async () => {
    const open = indexedDB.open('assetwalk');
    const db = await new Promise<IDBDatabase>((res, rej) => { open.onsuccess = () => res(open.result); open.onerror = () => rej(open.error); });
    const all = await new Promise<{ fields: Record<string, unknown> }[]>((res) => { const r = db.transaction('outbox').objectStore('outbox').getAll(); r.onsuccess = () => res(r.result); });
    return all.filter((e) => e.fields.assignedUser === '离线用户').length;
  });
  expect(queued).toBe(1);
});

test.describe('control: without the service worker', () => {
  test.use({ serviceWorkers: 'block' });
  test('the same offline reload fails', async ({ page, context }) => {
    await page.goto('/devices');
    await context.setOffline(true);
    const err = await page.reload().then(() => null, (e: Error) => e.message);
    expect(err).toContain('ERR_INTERNET_DISCONNECTED');
  });
});

test('a GLPI agent inventory fills the form, and saving keeps it', async ({ page }) => {
  await loadSample(page);
  await page.goto('/devices/new');
  await page.getByTestId('field-assetNumber').fill('SZYY-900020');
  await page.getByTestId('import-glpi').setInputFiles('tests/fixtures/glpi/computer_1.json');
  await expect(page.getByTestId('form-banner')).toContainText('6 software packages');
  await expect(page.getByTestId('field-model')).toHaveValue('XPS 13 9350');
  await expect(page.getByTestId('field-serial')).toHaveValue('640HP72');
  await page.getByTestId('save-device').click();
  await expect(page.getByTestId('form-banner')).toContainText('Saved SZYY-900020');
  await page.goto('/devices');
  await page.getByTestId('device-search').fill('640HP72');
  await page.getByTestId('device-row').click();
  await expect(page.getByTestId('show-model')).toHaveText('XPS 13 9350');
  await expect(page.getByTestId('show-nic').first()).toContainText('00:E0:4C');
});
