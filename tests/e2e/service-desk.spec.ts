// The service desk on a tablet, offline: an incident opened by scanning a device's label, worked,
// resolved, rated by the user and turned into a FAQ that another device of the same model shows
// and finds by a Chinese query.
import { expect, test, type Page } from '@playwright/test';
import { gunScan, waitForWedge } from '../fixtures/scan/e2e';
import { loadSample, waitForServiceWorker } from './helpers';

const MODEL = 'ProDesk 400 G7';
/** A 1 × 1 grey PNG. */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==';

/** Two devices of one model at the current site, read from IndexedDB. */
async function twoOfModel(page: Page, model: string): Promise<{ id: string; assetNumber: string }[]> {
  return page.evaluate(async (m) => {
    const db = await new Promise<IDBDatabase>((res, rej) => { const r = indexedDB.open('assetwalk'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const all = await new Promise<{ id: string; assetNumber: string; model: string; siteId: string }[]>((res) => { const q = db.transaction('devices').objectStore('devices').getAll(); q.onsuccess = () => res(q.result); });
    const siteId = JSON.parse(localStorage.getItem('assetwalk.siteId') ?? 'null') as string;
    db.close();
    return all.filter((d) => d.model === m && d.siteId === siteId).slice(0, 2).map(({ id, assetNumber }) => ({ id, assetNumber }));
  }, model);
}

async function queued(page: Page, table: string): Promise<number> {
  return page.evaluate(async (t) => {
    const db = await new Promise<IDBDatabase>((res, rej) => { const r = indexedDB.open('assetwalk'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const all = await new Promise<{ table: string }[]>((res) => { const q = db.transaction('outbox').objectStore('outbox').getAll(); q.onsuccess = () => res(q.result); });
    db.close();
    return all.filter((e) => e.table === t).length;
  }, table);
}

test('offline: scan a device into an incident, resolve, rate, make a FAQ, find it on a twin device in Chinese', async ({ page, context }) => {
  await loadSample(page);
  await waitForServiceWorker(page);
  const [a, b] = await twoOfModel(page, MODEL);
  expect(a && b).toBeTruthy();
  const incidentsBefore = await queued(page, 'incidents');

  await context.setOffline(true);
  await page.goto('/incidents/new');
  await expect(page.getByTestId('net-status')).toHaveText('Offline');
  await waitForWedge(page);
  await page.locator('h1').click();
  await gunScan(page, a!.assetNumber);
  await expect(page.getByTestId('inc-device-attached')).toContainText(a!.assetNumber);

  await page.getByTestId('inc-title').fill('电脑开机后风扇狂转');
  await page.getByTestId('inc-description').fill('开机后机箱风扇一直高速运转，噪音很大。');
  await page.getByTestId('inc-reporter').fill('王芳');
  await page.getByTestId('inc-impact').selectOption('3');
  await page.getByTestId('inc-urgency').selectOption('2');
  await expect(page.getByTestId('inc-priority-preview')).toContainText('P4');
  await page.getByTestId('inc-assignee').fill('李强');
  await page.getByTestId('inc-save').click();
  await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('inc-number')).toHaveText(/^INC-\d{6}-\d{4}$/);
  await expect(page.getByTestId('inc-status')).toHaveAttribute('data-status', 'assigned');
  await expect(page.getByTestId('inc-device-link')).toContainText(a!.assetNumber);
  await expect(page.getByTestId('inc-sla-resolution')).toBeVisible();

  // Resolving straight from 'assigned' is not offered; work starts first.
  await expect(page.getByTestId('inc-resolve')).toHaveCount(0);
  await page.getByTestId('inc-to-in-progress').click();
  await expect(page.getByTestId('inc-status')).toHaveAttribute('data-status', 'in-progress');
  await page.getByTestId('inc-resolve').click();
  await expect(page.getByTestId('inc-error')).toContainText('resolution');
  await page.getByTestId('inc-resolution-input').fill('清理 CPU 散热器灰尘并更换硅脂，风扇转速恢复正常。');
  await page.getByTestId('inc-resolve').click();
  await expect(page.getByTestId('inc-status')).toHaveAttribute('data-status', 'resolved');

  // The user rates the service on the tablet, then it is closed.
  await page.getByTestId('inc-star-4').click();
  await page.getByTestId('inc-rating-comment').fill('很及时');
  await page.getByTestId('inc-close-rated').click();
  await expect(page.getByTestId('inc-status')).toHaveAttribute('data-status', 'closed');
  await expect(page.getByTestId('inc-satisfaction')).toContainText('★★★★☆ 很及时');
  await expect(page.getByTestId('inc-log')).toContainText('rated 4/5');

  // Make a FAQ from it: prefilled from the resolution and linked to the model.
  await page.getByTestId('inc-make-faq').click();
  await expect(page.getByTestId('kb-title')).toHaveValue('电脑开机后风扇狂转');
  await expect(page.getByTestId('kb-body')).toHaveValue(/更换硅脂/);
  await expect(page.getByTestId('kb-links')).toContainText(MODEL);
  // A photo of the dusty heat sink goes into the text, stored as an attachment of the article.
  await page.getByTestId('kb-add-image').setInputFiles({ name: 'heatsink.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1X1, 'base64') });
  await expect(page.getByTestId('kb-body')).toHaveValue(/!\[heatsink\.png\]\(attachment:[0-9a-f-]{36}\)/);
  await page.getByTestId('kb-save').click();
  await expect(page.getByTestId('kb-article-title')).toHaveText('电脑开机后风扇狂转');
  await expect(page.getByTestId('kb-article-body').locator('h2').first()).toBeVisible();
  await expect(page.getByTestId('kb-article-body').locator('img[alt="heatsink.png"]')).toHaveAttribute('src', /^blob:/);

  // On another device of the same model: its FAQ lists the article, and a Chinese query whose
  // words never stand apart in the text ("开机风扇狂转") finds it.
  await page.goto(`/devices/${b!.id}`);
  await expect(page.getByTestId('device-faq')).toContainText('电脑开机后风扇狂转');
  await page.getByTestId('device-faq-search').fill('开机风扇狂转');
  await expect(page.getByTestId('device-faq-item')).toHaveCount(1);
  await expect(page.getByTestId('device-faq-item')).toContainText('电脑开机后风扇狂转');
  await page.goto('/kb?q=风扇狂转');
  await expect(page.getByTestId('kb-row').first()).toContainText('电脑开机后风扇狂转');

  // The first device lists its incident; everything waits in the outbox for the next sync.
  await page.goto(`/devices/${a!.id}`);
  await expect(page.getByTestId('device-incidents')).toContainText('电脑开机后风扇狂转');
  expect(await queued(page, 'incidents')).toBeGreaterThan(incidentsBefore);
  expect(await queued(page, 'articles')).toBeGreaterThan(0);
  await context.setOffline(false);
});

test('service settings: SLA targets are saved for the team, a bad calendar is refused with the reason', async ({ page }) => {
  await loadSample(page);
  await page.goto('/settings/service');
  await page.getByTestId('svc-response-P1').fill('10');
  await page.getByTestId('svc-save-targets').click();
  await expect(page.getByTestId('svc-message')).toHaveText('Saved.');
  await page.reload();
  await expect(page.getByTestId('svc-response-P1')).toHaveValue('10');
  await page.getByTestId('svc-zone').fill('Asia/Nowhere');
  await page.getByTestId('svc-save-calendar').click();
  await expect(page.getByTestId('svc-message')).toContainText('Asia/Nowhere');
  expect(await queued(page, 'serviceConfigs')).toBe(1);
});
