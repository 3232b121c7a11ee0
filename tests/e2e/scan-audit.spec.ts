import { expect, test, type Page } from '@playwright/test';
import { formatAssetNumber } from '../../src/lib/domain/assetNumber';
import { gunScan, ORIGIN, readDb, waitForWedge } from '../fixtures/scan/e2e';
import { loadSample } from './helpers';

const count = (page: Page, name: string) => page.locator(`[data-testid="audit-counts"] [data-count="${name}"]`);

async function expectCounts(page: Page, c: Record<string, number>): Promise<void> {
  for (const [k, v] of Object.entries(c)) await expect(count(page, k), k).toHaveText(String(v));
}

test('a room audit: expected, misplaced, unknown and duplicate scans, a reload mid-way, and the findings', async ({ page }) => {
  await loadSample(page);
  const { devices, locations } = await readDb(page);
  const byRoom = new Map<string, typeof devices>();
  for (const d of devices) if (d.locationId) byRoom.set(d.locationId, [...(byRoom.get(d.locationId) ?? []), d]);
  const [roomId, inRoom] = [...byRoom.entries()].find(([, ds]) => ds.length >= 3)!;
  const stranger = devices.find((d) => d.locationId && d.locationId !== roomId)!;
  const unknown = formatAssetNumber('SZYY', 99_999);
  expect(locations.some((l) => l.id === roomId)).toBe(true);

  // Scanning the room's label starts its audit.
  await page.goto('/audit');
  await waitForWedge(page);
  await expect(page.locator(`[data-room="${roomId}"]`)).toBeVisible();
  await gunScan(page, `${ORIGIN}/audit/room/${roomId}`);
  await expect(page).toHaveURL(/\/audit\/[0-9a-f-]{36}$/);
  const auditUrl = page.url();
  await expectCounts(page, { expected: inRoom.length, found: 0, missing: inRoom.length });

  const last = page.getByTestId('audit-last');
  await gunScan(page, inRoom[0]!.assetNumber);
  await expect(last).toHaveAttribute('data-verdict', 'found');
  await gunScan(page, stranger.assetNumber);
  await expect(last).toHaveAttribute('data-verdict', 'misplaced');
  await gunScan(page, unknown);
  await expect(last).toHaveAttribute('data-verdict', 'unknown');
  await expectCounts(page, { found: 1, misplaced: 1, unknown: 1, duplicates: 0, missing: inRoom.length - 1 });

  // A reload in the middle: the audit resumes from what was stored.
  await page.reload();
  await waitForWedge(page);
  await expect(page).toHaveURL(auditUrl);
  await expectCounts(page, { expected: inRoom.length, found: 1, misplaced: 1, unknown: 1, duplicates: 0, missing: inRoom.length - 1 });

  await gunScan(page, `${ORIGIN}/a/${inRoom[0]!.assetNumber}`); // the same label, as its URL
  await expect(last).toHaveAttribute('data-verdict', 'duplicate');
  await gunScan(page, inRoom[1]!.assetNumber);
  await expect(last).toHaveAttribute('data-verdict', 'found');
  await expectCounts(page, { found: 2, duplicates: 1, missing: inRoom.length - 2 });

  // The misplaced device is moved here.
  const misplaced = page.locator('[data-list="misplaced"]');
  await expect(misplaced).toContainText(stranger.assetNumber);
  await misplaced.getByRole('button', { name: 'Move here' }).click();
  await expect(misplaced).toContainText('Moved here');
  expect((await readDb(page)).devices.find((d) => d.id === stranger.id)?.locationId).toBe(roomId);

  await page.getByRole('button', { name: 'Finish audit' }).click();
  await expect(page.getByTestId('audit-finished')).toBeVisible();
  await expectCounts(page, { expected: inRoom.length, found: 2, misplaced: 1, unknown: 1, duplicates: 1, missing: inRoom.length - 2 });
  await expect(page.locator('[data-list="unknown"]')).toContainText(unknown);
  for (const d of inRoom.slice(2)) await expect(page.locator('[data-list="missing"]')).toContainText(d.assetNumber);

  // Finished: scans no longer go into it, and the room shows its last audit.
  await page.reload();
  await expect(page.getByTestId('audit-finished')).toBeVisible();
  await page.goto('/audit');
  await expect(page.locator(`[data-room="${roomId}"] [data-audit-status]`)).toHaveAttribute('data-audit-status', 'ok');

  // The device list shows the audit date, and "audit overdue or never" leaves audited devices out.
  await page.goto('/devices');
  await page.getByTestId('device-search').fill(inRoom[0]!.assetNumber);
  await expect(page.getByTestId('device-row')).toHaveCount(1);
  await expect(page.getByTestId('device-row').locator('[data-audit-status]')).toHaveAttribute('data-audit-status', 'ok');
  await page.getByTestId('filter-audit-due').check();
  await expect(page.getByTestId('device-row')).toHaveCount(0);
  await page.getByTestId('device-search').fill(inRoom[2]!.assetNumber); // missing in the audit: not audited
  await expect(page.getByTestId('device-row')).toHaveCount(1);
});

test('a room label opened by a phone camera goes to that room’s audit', async ({ page }) => {
  await loadSample(page);
  const { locations } = await readDb(page);
  const room = locations[0]!;
  await page.goto(`/audit/room/${room.id}`);
  await expect(page).toHaveURL(new RegExp(`/audit\\?room=${room.id}$`));
  await expect(page.locator(`[data-room="${room.id}"]`)).toHaveClass(/highlight/);
  // The scanner sheet takes the room label too (typed here: this browser has no camera).
  await page.getByTestId('scan-button').click();
  await page.locator('dialog[open] form.manual input').fill(`${ORIGIN}/audit/room/${room.id}`);
  await page.locator('dialog[open] form.manual input').press('Enter');
  await expect(page).toHaveURL(/\/audit\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('audit-counts')).toBeVisible();
});
