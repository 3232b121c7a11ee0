// Photos of a device (attachments/ui/DevicePhotos.svelte): taken offline and kept in IndexedDB,
// and carried by sync to a second tablet (two browser contexts) through the real server.
import { fileURLToPath } from 'node:url';
import { expect, test, type Locator } from '@playwright/test';
import { loadSample, openFirstDevice, waitForServiceWorker, registerTenant, setToken, syncNow, stored } from './helpers';

const PHOTO = fileURLToPath(new URL('../fixtures/attachments/nameplate.png', import.meta.url)); // 320 × 240

/** The pixel size the browser decoded an <img> at: proves real image bytes, not just an element. */
const natural = (img: Locator) => img.evaluate((el) => [(el as HTMLImageElement).naturalWidth, (el as HTMLImageElement).naturalHeight]);

async function expectDecoded(img: Locator, size: number[]) {
  await expect(img).toBeVisible();
  await expect.poll(() => natural(img)).toEqual(size);
}

test('a nameplate photo taken offline shows as a thumbnail, survives a reload and opens full size', async ({ page, context }) => {
  await loadSample(page);
  await waitForServiceWorker(page);
  const url = await openFirstDevice(page);
  await expect(page.getByTestId('photos-none')).toBeVisible();

  await context.setOffline(true);
  await page.getByTestId('photo-take-nameplate').setInputFiles(PHOTO);
  const tile = page.getByTestId('photo-tile');
  await expect(tile).toHaveCount(1);
  await expect(tile).toHaveAttribute('data-kind', 'nameplate');
  // The thumbnail is a JPEG made on the tablet: 256 px on its long edge.
  await expectDecoded(tile.getByTestId('photo-thumb'), [256, 192]);
  await expect(tile.getByTestId('photo-pending')).toBeVisible(); // not uploaded: no server

  await page.reload();
  await expect(page).toHaveURL(url);
  await expectDecoded(page.getByTestId('photo-tile').getByTestId('photo-thumb'), [256, 192]);
  await page.getByTestId('photo-tile').getByRole('button').first().click();
  await expectDecoded(page.getByTestId('photo-full'), [320, 240]);
  await page.getByTestId('photo-viewer-close').click();

  await page.getByTestId('photo-delete').click();
  await page.getByTestId('photo-delete-confirm').click();
  await expect(page.getByTestId('photo-tile')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('photos-none')).toBeVisible();
});

test('a file over the size limit is refused in words', async ({ page }) => {
  await loadSample(page);
  await openFirstDevice(page);
  const big = Buffer.alloc(26 * 1024 * 1024, 1);
  await page.getByTestId('photo-pick').setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: big });
  await expect(page.getByTestId('photo-error')).toContainText('huge.png');
  await expect(page.getByTestId('photo-error')).toContainText('25.0 MB');
  await expect(page.getByTestId('photo-tile')).toHaveCount(0);
});



test('a photo taken on tablet A shows on tablet B after sync, thumbnail and full size', async ({ browser }) => {
  const ctxA = await browser.newContext();
  const ctxB = await browser.newContext();
  const a = await ctxA.newPage();
  const b = await ctxB.newPage();

  await loadSample(a);
  const tenantId = JSON.parse((await stored(a, 'assetwalk.tenantId'))!) as string;
  const siteId = await stored(a, 'assetwalk.siteId');
  const token = registerTenant(tenantId);
  await a.goto('/devices');
  const url = await openFirstDevice(a);
  await a.getByTestId('photo-take-device').setInputFiles(PHOTO);
  await expect(a.getByTestId('photo-tile')).toHaveCount(1);
  await setToken(a, token);
  await syncNow(a);
  await a.goto(url);
  await expect(a.getByTestId('photo-pending')).toHaveCount(0); // uploaded

  await b.goto('/');
  await b.evaluate(([t, s]) => {
    localStorage.setItem('assetwalk.tenantId', t!);
    if (s) localStorage.setItem('assetwalk.siteId', s);
  }, [JSON.stringify(tenantId), siteId]);
  await setToken(b, token);
  await syncNow(b);
  await b.goto(url.replace(/^https?:\/\/[^/]+/, ''));
  const tile = b.getByTestId('photo-tile');
  await expect(tile).toHaveCount(1, { timeout: 30_000 });
  await expect(tile).toHaveAttribute('data-kind', 'photo');
  await expectDecoded(tile.getByTestId('photo-thumb'), [256, 192]);
  // The original was left on the server until opened: tapping downloads it.
  await tile.getByRole('button').first().click();
  await expectDecoded(b.getByTestId('photo-full'), [320, 240]);

  await ctxA.close();
  await ctxB.close();
});
