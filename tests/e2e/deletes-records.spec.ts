// Deleting a location from the app (issue 9 "Deletes"): a location with devices is refused in
// words, naming them, and nothing is deleted. (Labels and panels: src/lib/db/deletes.spec.ts.)
import { expect, test } from '@playwright/test';
import { loadSample } from './helpers';

test('a location holding devices cannot be deleted; the refusal names its devices', async ({ page }) => {
  await loadSample(page);
  await page.getByRole('combobox', { name: 'Location', exact: true }).selectOption({ index: 1 });
  await expect(page.getByTestId('delete-location')).toBeVisible();
  const asset = (await page.getByTestId('device-row').first().textContent())!.match(/[A-Z]{2,}-\d{6}/)![0];
  await page.getByTestId('delete-location').click();
  await page.getByTestId('delete-location-confirm').click();
  await expect(page.getByTestId('delete-location-error')).toContainText('Location still holds');
  await expect(page.getByTestId('delete-location-error')).toContainText(asset);
  await page.goto('/devices/deleted');
  await expect(page.getByTestId('deleted-other-none')).toBeVisible();
});
