// Two tablets (two browser contexts) syncing through the real sync server of the e2e run.
// Needs the header's <SyncStatus /> (data-testid sync-now / sync-status).
import { expect, test, type Page } from '@playwright/test';
import { loadSample, openFirstDevice, waitForServiceWorker, registerTenant, setToken, syncNow, stored } from './helpers';



interface Client {
  tenantId: string;
  siteId: string | null;
  token: string;
}

/** Another tablet chooses the same client and site; pasting the token starts a sync by itself. */
async function join(page: Page, c: Client): Promise<void> {
  await page.goto('/');
  await page.evaluate(([t, s]) => {
    localStorage.setItem('assetwalk.tenantId', t!);
    if (s) localStorage.setItem('assetwalk.siteId', s);
  }, [JSON.stringify(c.tenantId), c.siteId]);
  await setToken(page, c.token);
  await page.goto('/devices');
}

/** Tablet A loads the sample client and uploads it; B chooses the same client and site and pulls it. */
async function twoTablets(a: Page, b: Page): Promise<Client> {
  await loadSample(a);
  const tenantId = JSON.parse((await stored(a, 'assetwalk.tenantId'))!) as string;
  const siteId = await stored(a, 'assetwalk.siteId');
  const token = registerTenant(tenantId);
  await setToken(a, token);
  await syncNow(a);
  const client = { tenantId, siteId, token };
  await join(b, client);
  return client;
}

test('tablet A uploads the sample client, B pulls it, B’s offline edit reaches A', async ({ browser }) => {
  const ctxA = await browser.newContext();
  const ctxB = await browser.newContext();
  const a = await ctxA.newPage();
  const b = await ctxB.newPage();

  await twoTablets(a, b);
  await a.goto('/devices');
  await expect(a.getByTestId('device-row').first()).toBeVisible();
  const countA = await a.getByTestId('device-row').count();
  expect(countA).toBeGreaterThan(0);
  await expect(b.getByTestId('device-row')).toHaveCount(countA, { timeout: 30_000 });

  // B edits offline; the edit waits in the outbox and goes when B is back online.
  await waitForServiceWorker(b);
  const url = await openFirstDevice(b);
  await ctxB.setOffline(true);
  await b.getByTestId('edit-device').click();
  await b.getByTestId('field-assignedUser').fill('同步测试');
  await b.getByTestId('save-device').click();
  await expect(b.getByTestId('show-assignedUser')).toHaveText('同步测试');
  await expect(b.getByTestId('sync-pending')).toBeVisible();
  await ctxB.setOffline(false);
  await syncNow(b);

  await syncNow(a);
  await a.goto(new URL(url).pathname);
  await expect(a.getByTestId('show-assignedUser')).toHaveText('同步测试');

  await ctxA.close();
  await ctxB.close();
});

test('two tablets edit the same field offline: both end equal, the conflict is shown and can be undone', async ({ browser }) => {
  const ctxA = await browser.newContext();
  const ctxB = await browser.newContext();
  const a = await ctxA.newPage();
  const b = await ctxB.newPage();
  const client = await twoTablets(a, b);
  await expect(b.getByTestId('device-row').first()).toBeVisible({ timeout: 30_000 });

  // Both offline, both change the user of the same device: A first, then B.
  await waitForServiceWorker(a);
  await waitForServiceWorker(b);
  await a.goto('/devices');
  const path = new URL(await openFirstDevice(a)).pathname;
  await ctxA.setOffline(true);
  await ctxB.setOffline(true);
  for (const [page, value] of [[a, '王工 (A)'], [b, '李工 (B)']] as const) {
    await page.goto(`${path}/edit`);
    await page.getByTestId('field-assignedUser').fill(value);
    await page.getByTestId('save-device').click();
    await expect(page.getByTestId('show-assignedUser')).toHaveText(value);
  }
  // A back online and synced before B reconnects: a sync on reconnect could otherwise push B's
  // edit first, and B would learn of A's loss from the server rather than record it itself.
  await ctxA.setOffline(false);
  await syncNow(a);
  await ctxB.setOffline(false);
  await syncNow(b);
  await syncNow(a);

  // The later edit won on both tablets; A's value is not lost: it is listed and can be put back.
  for (const page of [a, b]) {
    await page.goto(path);
    await expect(page.getByTestId('show-assignedUser')).toHaveText('李工 (B)');
  }
  // The device's own page words A's loss as /conflicts does, with the same one-tap restore.
  await a.goto(path);
  const onPage = a.getByTestId('conflict-list').getByTestId('conflicts-line').filter({ hasText: '王工 (A)' });
  await expect(onPage.getByTestId('conflicts-text')).toContainText(/^Your value “王工 \(A\)” .+ was overwritten by “李工 \(B\)” from tablet [0-9a-f]{8} at /);
  await expect(onPage.getByTestId('conflicts-restore')).toHaveText('Use my value');
  // B recorded the loss itself while pulling A's older edit: A's value, overwritten by B's.
  await b.goto('/conflicts');
  const onB = b.getByTestId('conflicts-line').filter({ hasText: '王工 (A)' });
  await expect(onB).toHaveAttribute('data-source', 'tablet');
  await expect(onB.getByTestId('conflicts-text')).toContainText(/“王工 \(A\)” \(.+\) from tablet [0-9a-f]{8} was overwritten by “李工 \(B\)” from this tablet at /);
  await expect(onB.getByTestId('conflicts-restore')).toHaveText('Use this value');
  const tabletA = /from (tablet [0-9a-f]{8})/.exec((await onB.getByTestId('conflicts-text').textContent()) ?? '')![1]!;

  // Tablet C never edited it: it learns of the loss from the server, with the tablet that pushed A's value.
  const ctxC = await browser.newContext();
  const c = await ctxC.newPage();
  await join(c, client);
  await expect(c.getByTestId('device-row').first()).toBeVisible({ timeout: 30_000 });
  await syncNow(c);
  await c.goto('/conflicts');
  const onC = c.getByTestId('conflicts-line').filter({ hasText: '王工 (A)' });
  await expect(onC).toHaveAttribute('data-source', 'server');
  await expect(onC.getByTestId('conflicts-text')).toContainText(`from ${tabletA} was overwritten by “李工 (B)” from tablet`);
  await expect(onC.getByTestId('conflicts-source')).toContainText(new RegExp(`^Recorded on the server at .+; the lost value was pushed by ${tabletA}\\.$`));
  await expect(onC.getByTestId('conflicts-restore')).toHaveText('Use this value');
  await ctxC.close();

  await a.goto('/conflicts');
  const line = a.getByTestId('conflicts-line').filter({ hasText: '王工 (A)' });
  await expect(line).toContainText('李工 (B)');
  await expect(line).toHaveAttribute('data-source', 'tablet');
  await expect(line.getByTestId('conflicts-text')).toContainText(/^Your value “王工 \(A\)” .+ from tablet [0-9a-f]{8} at /);
  await expect(line.getByTestId('conflicts-source')).toContainText('Recorded on this tablet while syncing');
  await line.getByTestId('conflicts-restore').click();
  await syncNow(a);
  await syncNow(b);
  for (const page of [a, b]) {
    await page.goto(path);
    await expect(page.getByTestId('show-assignedUser')).toHaveText('王工 (A)');
  }
  await ctxA.close();
  await ctxB.close();
});
