// An equipment request through its life: three approvals by three people, the monthly purchase
// batch, receipt (the device is registered, prefilled from the request), hand-over, return with an
// inspection, back to stock.
import { expect, test, type Page } from '@playwright/test';
import { formatAssetNumber } from '../../src/lib/domain/assetNumber';
import { loadSample, waitForServiceWorker, registerTenant, setToken, syncNow } from './helpers';

async function decide(page: Page, stage: string, approver: string, comment: string): Promise<void> {
  const form = page.getByTestId('decide');
  await expect(form).toHaveAttribute('data-stage', stage);
  await form.getByTestId('approver').fill(approver);
  await form.getByTestId('approval-comment').fill(comment);
  await form.getByTestId('approve').click();
}

test('an equipment request goes through all three approvals to a registered, assigned device', async ({ page }) => {
  await loadSample(page);
  await page.goto('/requests');
  await page.getByTestId('new-request').click();
  await page.getByTestId('field-requester').fill('陈护士');
  await page.getByTestId('field-department').fill('心内科');
  await page.getByTestId('field-type').selectOption('laptop');
  await page.getByTestId('field-model').fill('ThinkPad X1 Carbon Gen 12');
  await page.getByTestId('field-spec').fill('Core Ultra 7, 32 GB, 1 TB');
  await page.getByTestId('field-reason').fill('心内科移动查房');
  await page.getByTestId('field-urgent').check();
  await page.getByTestId('request-save').click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  const url = page.url();
  const status = page.getByTestId('request-status');
  await expect(status).toHaveAttribute('data-status', 'submitted');

  // A comment is required; nothing is recorded without one.
  await page.getByTestId('decide').getByTestId('approver').fill('心内科 王主任');
  await page.getByTestId('decide').getByTestId('approve').click();
  await expect(page.getByTestId('decide').locator('.field-error')).toHaveText('Required');
  await expect(page.getByTestId('approval')).toHaveCount(0);

  await decide(page, 'dept', '心内科 王主任', '同意，查房需要');
  await expect(status).toHaveAttribute('data-status', 'approved-dept');
  await decide(page, 'it', '信息科 李工', '型号符合院内标准');
  await expect(status).toHaveAttribute('data-status', 'approved-it');
  await decide(page, 'gm', '张院长', '批准采购');
  await expect(status).toHaveAttribute('data-status', 'approved-gm');
  await expect(page.getByTestId('decide')).toHaveCount(0);
  await expect(page.getByTestId('approval')).toHaveText([/心内科 王主任.*同意，查房需要/, /信息科 李工.*型号符合院内标准/, /张院长.*批准采购/]);

  // The monthly batch: approved requests go in, urgent ones first.
  await page.goto('/requests');
  const batch = page.getByTestId('batch');
  await batch.getByTestId('batch-run').click();
  const rows = batch.getByTestId('request-row');
  const mine = rows.filter({ hasText: 'ThinkPad X1 Carbon Gen 12' });
  await expect(mine).toHaveAttribute('data-status', 'batched');
  const texts = await rows.allTextContents();
  const lastUrgent = texts.map((s) => s.includes('urgent')).lastIndexOf(true);
  const firstPlain = texts.map((s) => s.includes('urgent')).indexOf(false);
  expect(firstPlain === -1 || lastUrgent < firstPlain, texts.join(' | ')).toBe(true);
  expect(texts.some((s) => !s.includes('urgent'))).toBe(true); // the sample's non-urgent approved request is in it too

  // Receipt registers the device from the request.
  await page.goto(url);
  await expect(status).toHaveAttribute('data-status', 'batched');
  const asset = formatAssetNumber('REQ', 1201);
  await page.getByTestId('field-assetNumber').fill(asset);
  await page.getByTestId('field-serial').fill('PF4X1C12');
  await page.getByTestId('field-manufacturer').fill('Lenovo');
  await page.getByTestId('field-supplier').fill('联想直营');
  await page.getByTestId('field-cost').fill('12999');
  await page.getByTestId('receive').click();
  await expect(status).toHaveAttribute('data-status', 'received');

  await page.getByTestId('field-assignTo').fill('陈护士');
  await page.getByTestId('assign').click();
  await expect(status).toHaveAttribute('data-status', 'assigned');
  await expect(page.getByTestId('req-assigned')).toHaveText('陈护士');

  await page.getByTestId('req-device').click();
  await expect(page).toHaveURL(/\/devices\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('device-asset')).toHaveText(asset);
  await expect(page.getByTestId('show-type')).toHaveText('Laptop');
  await expect(page.getByTestId('show-model')).toHaveText('ThinkPad X1 Carbon Gen 12');
  await expect(page.getByTestId('show-manufacturer')).toHaveText('Lenovo');
  await expect(page.getByTestId('show-serial')).toHaveText('PF4X1C12');
  await expect(page.getByTestId('show-department')).toHaveText('心内科');
  await expect(page.getByTestId('show-assignedUser')).toHaveText('陈护士');
  await expect(page.getByTestId('show-notes')).toHaveText('Core Ultra 7, 32 GB, 1 TB');

  // Back from the user: inspected (a failed item needs a note), then in stock.
  await page.goto(url);
  for (const k of ['powersOn', 'accessories', 'dataWiped', 'labelIntact']) await page.getByTestId(`inspect-${k}-ok`).check();
  await page.getByTestId('inspect-noDamage-fail').check();
  await page.getByTestId('inspect-by').fill('信息科 李工');
  await page.getByTestId('return').click();
  await expect(page.getByTestId('return-form').locator('.field-error')).toHaveText('Required');
  await page.getByTestId('inspect-notes').fill('屏幕边框有划痕');
  await page.getByTestId('return').click();
  await expect(status).toHaveAttribute('data-status', 'returned');
  await expect(page.getByTestId('req-inspection')).toContainText('屏幕边框有划痕');
  await page.getByTestId('to-stock').click();
  await expect(status).toHaveAttribute('data-status', 'in-stock');
  await page.getByTestId('req-device').click();
  await expect(page.getByTestId('show-status')).toHaveText('In stock');
  await expect(page.getByTestId('show-assignedUser')).toHaveText('—');
});



test('two managers decide the same stage offline on two tablets: after sync both show one outcome', async ({ browser }) => {
  const ctxA = await browser.newContext();
  const ctxB = await browser.newContext();
  const a = await ctxA.newPage();
  const b = await ctxB.newPage();
  await loadSample(a);
  const stored = (k: string) => a.evaluate((key) => localStorage.getItem(key), k);
  const tenantId = JSON.parse((await stored('assetwalk.tenantId'))!) as string;
  const siteId = (await stored('assetwalk.siteId'))!;
  const token = registerTenant(tenantId);
  await setToken(a, token);
  await a.goto('/requests');
  await a.getByTestId('new-request').click();
  await a.getByTestId('field-requester').fill('孙医生');
  await a.getByTestId('field-department').fill('急诊科');
  await a.getByTestId('field-model').fill('iPad Air');
  await a.getByTestId('field-reason').fill('急诊分诊');
  await a.getByTestId('request-save').click();
  await expect(a).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  const path = new URL(a.url()).pathname;
  await syncNow(a);

  await b.goto('/');
  await b.evaluate(([t, s]) => { localStorage.setItem('assetwalk.tenantId', t!); localStorage.setItem('assetwalk.siteId', s!); }, [JSON.stringify(tenantId), siteId]);
  await setToken(b, token);
  await b.goto(path);
  await expect(b.getByTestId('request-status')).toHaveAttribute('data-status', 'submitted', { timeout: 30_000 });

  await waitForServiceWorker(a);
  await waitForServiceWorker(b);
  await ctxA.setOffline(true);
  await ctxB.setOffline(true);
  await a.goto(path);
  await decide(a, 'dept', '王主任', '同意');
  await expect(a.getByTestId('request-status')).toHaveAttribute('data-status', 'approved-dept');
  await b.goto(path);
  await b.getByTestId('decide').getByTestId('approver').fill('刘副主任');
  await b.getByTestId('decide').getByTestId('approval-comment').fill('预算不足');
  await b.getByTestId('decide').getByTestId('reject').click();
  await expect(b.getByTestId('request-status')).toHaveAttribute('data-status', 'rejected'); // its own view, before sync

  await ctxA.setOffline(false);
  await ctxB.setOffline(false);
  await syncNow(a);
  await syncNow(b);
  await syncNow(a);
  for (const page of [a, b]) {
    await page.goto(path);
    await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'approved-dept');
    await expect(page.getByTestId('approval')).toHaveCount(2);
    await expect(page.getByTestId('superseded')).toHaveText(/王主任/);
    await expect(page.getByTestId('decide')).toHaveAttribute('data-stage', 'it');
  }
  await ctxA.close();
  await ctxB.close();
});
