import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

/** Loads the sample client from the home page and opens its device list. */
export async function loadSample(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByRole('status').filter({ hasText: /200/ })).toBeVisible({ timeout: 30_000 });
  await page.goto('/devices');
  await expect(page.getByTestId('device-row').first()).toBeVisible();
}

/** Waits until a service worker controls the page, so that offline reloads are served by it. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // A page loaded before the first worker activated stays uncontrolled (the worker does not claim
  // open pages, so that updates wait for the user); the next load is controlled.
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
}

export async function openFirstDevice(page: Page): Promise<string> {
  await page.getByTestId('device-row').first().click();
  await expect(page).toHaveURL(/\/devices\/[0-9a-f-]{36}$/);
  return page.url();
}

/** Registers the client company on the e2e server (same id as on tablet A) and issues a token for it. */
export function registerTenant(tenantId: string): string {
  const file = join(process.env.E2E_DATA_DIR!, 'assetwalk.sqlite');
  // A child process: the server modules use `.ts` specifiers that tsx resolves.
  const code = `(async () => {
    const { openStore } = await import(${JSON.stringify(new URL('../../sync-server/src/store/index.ts', import.meta.url).href)});
    const store = openStore(${JSON.stringify(file)});
    await store.createTenant({ id: ${JSON.stringify(tenantId)}, name: 'Sample client' });
    const { token } = await store.createToken({ tenantId: ${JSON.stringify(tenantId)}, siteIds: '*' });
    await store.close();
    process.stdout.write(token);
  })()`;
  return execFileSync('npx', ['tsx', '-e', code], { encoding: 'utf8' }).trim();
}

/** Pastes a client company's access token into Settings (the input saves on change). */
export async function setToken(page: Page, token: string): Promise<void> {
  await page.goto('/settings');
  await page.getByTestId('server-token').fill(token);
  await page.getByTestId('server-token').press('Tab');
}

/** Taps "Sync now" and waits until the sync is idle with nothing pending. */
export async function syncNow(page: Page): Promise<void> {
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'idle', { timeout: 30_000 });
  await expect(page.getByTestId('sync-pending')).toHaveCount(0);
}

/** A value the app keeps in localStorage (settings), raw. */
export const stored = (page: Page, key: string): Promise<string | null> => page.evaluate((k) => localStorage.getItem(k), key);
