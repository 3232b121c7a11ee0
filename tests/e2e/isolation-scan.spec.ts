// A panel is a device in the register: a gun scan of its label opens it, and from there its check.
import { expect, test } from '@playwright/test';
import { loadSample } from './helpers';
import { newLabel, registerPanel } from './fixtures/isolation';
import { gunScan, waitForWedge } from '../fixtures/scan/e2e';

test('scanning a panel label opens its device, which leads to the panel check', async ({ page }) => {
  await loadSample(page);
  const label = newLabel();
  const panelUrl = await registerPanel(page, { room: 'OR 5', systemId: 'IT-5A', label });
  await page.goto('/devices');
  await waitForWedge(page);
  await gunScan(page, label);
  await expect(page.getByTestId('device-asset')).toHaveText(label);
  await expect(page.getByTestId('device-panel')).toBeVisible();
  await page.getByTestId('device-panel').getByRole('link', { name: 'Start the panel check' }).click();
  await expect(page).toHaveURL(`${panelUrl}/check`);
});
