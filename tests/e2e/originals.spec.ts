// Settings › Photos and files › "in the background" (attachments/prefetch.svelte.ts): tablet B gets
// the original of a photo taken on tablet A without opening it, through the real sync server, and
// can then show it full size offline.
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { loadSample, openFirstDevice, registerTenant, setToken, waitForServiceWorker, syncNow, stored } from './helpers';

const PHOTO = fileURLToPath(new URL('../fixtures/attachments/nameplate.png', import.meta.url)); // 320 × 240

test('with originals in the background, a photo from another tablet arrives full size without being opened', async ({ browser }) => {
  const ctxA = await browser.newContext();
  const ctxB = await browser.newContext();
  const a = await ctxA.newPage();
  const b = await ctxB.newPage();

  await loadSample(a);
  const tenantId = JSON.parse((await stored(a, 'assetwalk.tenantId'))!) as string;
  const siteId = await stored(a, 'assetwalk.siteId');
  const token = registerTenant(tenantId);
  const url = new URL(await openFirstDevice(a)).pathname;
  await a.getByTestId('photo-take-device').setInputFiles(PHOTO);
  await expect(a.getByTestId('photo-tile')).toHaveCount(1);
  await setToken(a, token);
  await syncNow(a);
  await a.goto(url);
  await expect(a.getByTestId('photo-pending')).toHaveCount(0); // uploaded

  await b.goto('/');
  await waitForServiceWorker(b);
  await b.evaluate(([t, s]) => {
    localStorage.setItem('assetwalk.tenantId', t!);
    if (s) localStorage.setItem('assetwalk.siteId', s);
  }, [JSON.stringify(tenantId), siteId]);
  await setToken(b, token);
  await syncNow(b);

  // On demand (the default): after sync B holds the thumbnail, not the original.
  const setting = b.getByTestId('originals-setting');
  await expect(setting.getByTestId('originals-on-demand')).toBeChecked();
  await expect(setting.getByTestId('originals-count')).toHaveText('Originals of this client company on this tablet: 0 of 1');

  await setting.getByTestId('originals-background').check();
  await expect(setting.getByTestId('originals-count')).toHaveText('Originals of this client company on this tablet: 1 of 1', { timeout: 30_000 });
  await b.reload();
  await expect(b.getByTestId('originals-background')).toBeChecked(); // kept on this tablet

  // Offline, the photo opens full size: its bytes are on the tablet, never opened before.
  await b.goto(url);
  await expect(b.getByTestId('photo-tile').getByTestId('photo-thumb')).toBeVisible({ timeout: 30_000 });
  await ctxB.setOffline(true);
  await b.getByTestId('photo-tile').getByRole('button').first().click();
  const full = b.getByTestId('photo-full');
  await expect(full).toBeVisible();
  await expect.poll(() => full.evaluate((el) => [(el as HTMLImageElement).naturalWidth, (el as HTMLImageElement).naturalHeight])).toEqual([320, 240]);

  await ctxA.close();
  await ctxB.close();
});
