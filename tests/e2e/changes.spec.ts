// A change from draft to closed: devices picked from the register, the board's approval, schedule,
// outcome. An incomplete change is not submitted: the missing field is named.
import { expect, test } from '@playwright/test';
import { loadSample } from './helpers';

test('a change is planned, approved by the CAB, scheduled, implemented and closed', async ({ page }) => {
  await loadSample(page);
  await page.goto('/changes');
  await expect(page.getByTestId('change-row')).toHaveCount(5); // the sample client's
  await page.getByTestId('new-change').click();
  await page.getByTestId('field-title').fill('核心交换机堆叠扩容');
  await page.getByTestId('field-risk').selectOption('high');
  await page.getByTestId('field-start').fill('2026-12-20T22:00');
  await page.getByTestId('field-end').fill('2026-12-20T21:00');
  await page.getByTestId('change-save').click();
  await expect(page.getByTestId('error-end')).toHaveText('The end must be after the start');
  await page.getByTestId('field-end').fill('2026-12-21T01:00');
  await page.getByTestId('field-reason').fill('接入端口不足');
  await page.getByTestId('device-search').fill('S5735');
  await page.getByTestId('device-match').first().click();
  await expect(page.getByTestId('chosen-device')).toHaveCount(1);
  await page.getByTestId('field-plan').fill('加入第三台交换机并组建堆叠');
  await page.getByTestId('change-save').click();
  await expect(page).toHaveURL(/\/changes\/[0-9a-f-]{36}$/);
  const status = page.getByTestId('change-status');
  await expect(status).toHaveAttribute('data-status', 'draft');

  // High risk: no submission without a back-out plan.
  await page.getByTestId('move-submitted').click();
  await expect(page.getByTestId('move-error')).toContainText('Back-out plan');
  await expect(status).toHaveAttribute('data-status', 'draft');
  await page.getByTestId('field-backout').fill('拆除新交换机，恢复原堆叠配置');
  await page.getByTestId('change-save').click();
  await page.getByTestId('move-submitted').click();
  await expect(status).toHaveAttribute('data-status', 'submitted');
  await expect(page.getByTestId('move-scheduled')).toHaveCount(0); // the board decides first

  await page.getByTestId('approver').fill('CAB 王主任');
  await page.getByTestId('approval-comment').fill('同意，周日夜间窗口');
  await page.getByTestId('approve').click();
  await expect(status).toHaveAttribute('data-status', 'approved');
  await page.getByTestId('move-scheduled').click();
  await expect(status).toHaveAttribute('data-status', 'scheduled');
  await page.getByTestId('move-implemented').click();
  await expect(page.getByTestId('move-error')).toContainText('Outcome');
  await page.getByTestId('field-outcome').fill('堆叠完成，业务无中断');
  await page.getByTestId('move-implemented').click();
  await expect(status).toHaveAttribute('data-status', 'implemented');
  await page.getByTestId('move-closed').click();
  await expect(status).toHaveAttribute('data-status', 'closed');
  await expect(page.getByTestId('change-outcome')).toHaveText('堆叠完成，业务无中断');
  await expect(page.getByTestId('approval')).toHaveText([/CAB 王主任.*同意，周日夜间窗口/]);
});
