// Live polling with hysteresis over the simulated port, and a correction of a signed check.
import { expect, test } from '@playwright/test';
import { loadSample } from './helpers';
import { checkAtReadings, passAll, step, TEST } from './fixtures/isolation';
import { installSimulator, simSet } from './fixtures/simulator';

async function polls(page: import('@playwright/test').Page): Promise<number> {
  const text = (await page.getByTestId('serial-polls').textContent()) ?? '';
  return Number(/(\d+)/.exec(text)?.[1] ?? 0);
}

test('live polling shows values as they come and holds an alarm until R_F recovers on two polls', async ({ page }) => {
  await installSimulator(page);
  await loadSample(page);
  await checkAtReadings(page, { room: 'OR 12', systemId: 'IT-12' });

  await simSet(page, { insulationKohm: 45, loadA: 5, temperatureC: 30, faults: {} });
  await page.getByTestId('source-serial').click();
  await page.getByTestId('serial-connect').click();
  await page.getByTestId('serial-interval').selectOption('1000');
  await page.getByTestId('serial-start').click();
  await expect(page.getByTestId('rule-insulation')).toHaveAttribute('data-status', 'alarm');

  // 52 kΩ is above R_a but not above 1.1 × R_a = 55 kΩ: the alarm is held.
  await simSet(page, { insulationKohm: 52 });
  const from = await polls(page);
  await expect.poll(() => polls(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(from + 2);
  await expect(page.getByTestId('rule-insulation')).toHaveAttribute('data-status', 'alarm');
  await expect(page.getByTestId('rule-insulation')).toContainText('55 kΩ');

  // 60 kΩ on two consecutive polls releases it; 60 < 2 × R_a leaves a warning.
  await simSet(page, { insulationKohm: 60 });
  await expect(page.getByTestId('rule-insulation')).toHaveAttribute('data-status', 'warning', { timeout: 10_000 });
  await expect(page.getByTestId('rule-insulation')).toContainText('60 kΩ');

  // Leaving the readings stops the polling: the test button must not be recorded as readings.
  await page.getByTestId('check-next').click();
  await step(page, 'test');
  await page.getByTestId('goto-readings').click();
  await expect(page.getByTestId('serial-start')).toBeVisible();
  const frozen = await polls(page);
  await page.waitForTimeout(2_500);
  expect(await polls(page)).toBe(frozen);
});

test('a signed check is corrected by a new check that references it; the old one stays in the history', async ({ page }) => {
  await loadSample(page);
  const url = await checkAtReadings(page, { room: 'OR 14', systemId: 'IT-14' });
  await page.getByTestId('field-insulation').fill('650');
  await page.getByTestId('field-load').fill('10');
  await page.getByTestId('field-temperature').fill('40');
  await page.getByTestId('display-clear').click();
  await page.getByTestId('check-next').click();
  await passAll(page, TEST);
  await page.getByTestId('choice-buzzer-fail').click(); // ticked by mistake
  await page.getByTestId('check-next').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'alarm');
  await page.getByTestId('field-technician').fill('张工');
  await page.getByTestId('sign-check').click();
  await expect(page.getByTestId('check-signed')).toBeVisible();

  await page.getByTestId('correct-check').click();
  await step(page, 'visual'); // identified when the original was made
  await page.getByTestId('goto-test').click();
  await page.getByTestId('choice-buzzer-pass').click();
  await page.getByTestId('check-next').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'normal');
  await page.getByTestId('sign-check').click();
  await expect(page.getByTestId('sign-errors')).toContainText('remark');
  await page.getByTestId('field-remarks').fill('Buzzer sounded; wrong button tapped');
  await page.getByTestId('sign-check').click();
  await expect(page.getByTestId('check-signed')).toBeVisible();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'normal');

  await page.goto(url);
  await expect(page.getByTestId('check-row')).toHaveCount(2);
  await expect(page.getByTestId('check-row').first()).toHaveAttribute('data-verdict', 'normal');
  await expect(page.getByTestId('check-row').nth(1)).toContainText('corrected by a later check');
  await page.goto('/panels');
  await expect(page.getByTestId('panel-row').filter({ hasText: 'OR 14' })).toHaveAttribute('data-verdict', 'normal');
});
