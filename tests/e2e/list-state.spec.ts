import { expect, test, type Page } from '@playwright/test';
import { loadSample } from './helpers';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const rows = (page: Page) => page.getByTestId('device-row');
const typeFilter = (page: Page) => page.getByRole('combobox', { name: /^Type/ });
const assets = (page: Page) => rows(page).locator('.asset').allTextContents();
const places = (page: Page) => rows(page).locator('.main > .muted:last-child').allTextContents();

async function expectSameList(page: Page, first: string[], sorted: boolean) {
  await expect(page.getByTestId('device-search')).toHaveValue('楼');
  await expect(typeFilter(page)).toHaveValue('desktop');
  if (sorted) {
    await expect(page.getByTestId('device-sort')).toHaveValue('location');
    await expect(page.getByTestId('device-sort-dir')).toHaveValue('desc');
  }
  await expect.poll(async () => (await assets(page)).slice(0, first.length)).toEqual(first);
}

test('search, filter and sort survive opening a device and going Back, and a reload', async ({ page }) => {
  await loadSample(page);
  await page.getByTestId('device-search').fill('楼');
  await typeFilter(page).selectOption('desktop');
  await expect.poll(async () => (await assets(page)).length).toBeGreaterThan(10);
  const unsorted = (await assets(page)).slice(0, 8);
  await rows(page).first().click();
  await expect(page.getByTestId('device-asset')).toHaveText(unsorted[0]!);
  await page.goBack();
  await expectSameList(page, unsorted, false);

  await page.getByTestId('device-sort').selectOption('location');
  await page.getByTestId('device-sort-dir').selectOption('desc');
  // Sorted by location, descending, as Chinese collates (pinyin; 3F before 10F).
  const zh = new Intl.Collator('zh-CN', { numeric: true });
  await expect.poll(async () => {
    const p = await places(page);
    return p.length > 10 && p.every((x, i) => i === 0 || zh.compare(p[i - 1]!, x) >= 0);
  }).toBe(true);
  const first = (await assets(page)).slice(0, 8);
  expect(first).not.toEqual(unsorted);
  await expect(page).toHaveURL(/[?&]sort=location/);

  // Open a device further down the list, then go Back.
  const count = await rows(page).count();
  const target = rows(page).nth(Math.min(count - 1, 25));
  await target.scrollIntoViewIfNeeded();
  const targetAsset = (await target.locator('.asset').textContent())!;
  await target.click();
  await expect(page.getByTestId('device-asset')).toHaveText(targetAsset);
  await page.goBack();

  await expectSameList(page, first, true);
  // The scroll position is back too: the row opened is on screen again.
  await expect(rows(page).filter({ hasText: targetAsset })).toBeInViewport();

  await page.reload();
  await expectSameList(page, first, true);
});

test('the change history names the locations a device moved between, not their ids', async ({ page }) => {
  await loadSample(page);
  await page.getByTestId('device-row').first().click();
  await page.getByTestId('edit-device').click();
  const building = await page.getByTestId('field-building').inputValue();
  const floor = await page.getByTestId('field-floor').inputValue();
  const room = await page.getByTestId('field-room').inputValue();
  expect(building && floor && room).toBeTruthy();
  await page.getByTestId('field-room').fill('999');
  await page.getByTestId('save-device').click();

  const history = page.getByTestId('history');
  const moved = history.locator('li').filter({ hasText: 'Location' });
  await expect(moved).toContainText(`${building} / ${floor} / ${room} → ${building} / ${floor} / 999`);
  await expect(history).not.toContainText(UUID);
  expect(await history.textContent()).not.toMatch(UUID);
});
