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
