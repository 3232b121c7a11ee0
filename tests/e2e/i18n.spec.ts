import { expect, test } from '@playwright/test';

test.describe('Chinese browser', () => {
  test.use({ locale: 'zh-CN' });
  test('the interface speaks Simplified Chinese, and switches to English', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('客户公司');
    await expect(page.getByTestId('load-sample')).toHaveText('载入示例客户');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.goto('/settings');
    await page.getByTestId('lang-select').selectOption('en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  });
});
