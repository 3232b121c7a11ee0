// Accounts end to end, on the real server of the e2e run: an administrator makes a technician with
// a grant on one client company, logs out with unsynced edits (asked; the edits stay), the
// technician logs in and syncs that company; a viewer sees no administrator pages; a session the
// administrator revokes tells its tablet to log in again, and the tablet keeps its edits.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { loadSample, openFirstDevice, waitForServiceWorker, syncNow, stored } from './helpers';

const PASSWORD = 'e2e password 10+';

/** The store API in a child process (its modules use `.ts` specifiers that tsx resolves). */
function serverStore(body: string): string {
  const file = join(process.env.E2E_DATA_DIR!, 'assetwalk.sqlite');
  const code = `(async () => {
    const { openStore } = await import(${JSON.stringify(new URL('../../sync-server/src/store/index.ts', import.meta.url).href)});
    const store = openStore(${JSON.stringify(file)});
    const out = await (async () => { ${body} })();
    await store.close();
    process.stdout.write(JSON.stringify(out ?? null));
  })()`;
  return execFileSync('npx', ['tsx', '-e', code], { encoding: 'utf8' }).trim();
}

/** The administrator (made from the store, as `npm run admin` does) with a grant on the sample client. */
function makeAdmin(login: string, tenantId: string): void {
  serverStore(`
    await store.createTenant({ id: ${JSON.stringify(tenantId)}, name: 'Sample client' });
    const a = await store.createAccount({ login: ${JSON.stringify(login)}, name: 'Admin ${login}', role: 'admin', password: ${JSON.stringify(PASSWORD)} }, Date.now());
    await store.setGrants(a.id, [{ tenantId: ${JSON.stringify(tenantId)}, siteIds: '*' }]);
  `);
}

async function logIn(page: Page, login: string) {
  await page.goto('/login');
  await page.getByTestId('login-name').fill(login);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(/\/settings/);
  await expect(page.getByTestId('header-user')).toBeVisible();
}

/** An edit of the first device made offline: it waits in the outbox (the tablet stays offline). */
async function offlineEdit(page: Page, value: string): Promise<string> {
  await waitForServiceWorker(page);
  await page.goto('/devices');
  const path = new URL(await openFirstDevice(page)).pathname;
  await page.context().setOffline(true);
  await page.getByTestId('edit-device').click();
  await page.getByTestId('field-assignedUser').fill(value);
  await page.getByTestId('save-device').click();
  await expect(page.getByTestId('show-assignedUser')).toHaveText(value);
  await expect(page.getByTestId('sync-pending')).toBeVisible();
  return path;
}

/** A new tablet working on `tenantId` and `siteId` (as chosen on the home page). */
async function newTablet(browser: Browser, tenantId: string, siteId: string | null = null): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/');
  await page.evaluate(([t, s]) => {
    localStorage.setItem('assetwalk.tenantId', JSON.stringify(t));
    if (s) localStorage.setItem('assetwalk.siteId', s);
  }, [tenantId, siteId]);
  return page;
}

test('admin makes a technician with a grant, logs out keeping unsynced edits; the technician syncs that client', async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  await loadSample(a);
  const tenantId = JSON.parse((await stored(a, 'assetwalk.tenantId'))!) as string;
  makeAdmin('boss', tenantId);

  // Not logged in: the header offers a login, the menu has no administration.
  await a.goto('/settings');
  await expect(a.getByTestId('header-login')).toBeVisible();
  await expect(a.locator('#app-nav a[href="/admin"]')).toHaveCount(0);
  await logIn(a, 'boss');
  await expect(a.getByTestId('account-role')).toHaveText('Administrator');
  await expect(a.getByTestId('account-grant').getByTestId('sync-client')).toBeChecked();
  await syncNow(a);

  // Users › new technician, then a grant on the sample client (Administration is under More).
  await a.getByTestId('more-toggle').click();
  await a.locator('#app-nav a[href="/admin"]').click();
  await a.getByTestId('new-user-login').fill('tech1');
  await a.getByTestId('new-user-name').fill('李技术');
  await a.getByTestId('new-user-role').selectOption('technician');
  await a.getByTestId('new-user-password').fill(PASSWORD);
  await a.getByTestId('new-user-create').click();
  await expect(a.getByTestId('new-user-done')).toBeVisible();
  await a.getByTestId('admin-user').filter({ hasText: 'tech1' }).getByRole('link').click();
  await a.getByTestId('grant-row').filter({ hasText: 'Sample client' }).getByTestId('grant-tenant').check();
  await a.getByTestId('grants-save').click();
  await expect(a.getByTestId('grants-saved')).toBeVisible();
  await a.goto('/admin');
  await expect(a.getByTestId('admin-user').filter({ hasText: 'tech1' })).toContainText('Sample client');

  // An unsynced edit (made offline), then log out: asked first, and the edit stays on this tablet.
  const path = await offlineEdit(a, '管理员离线修改');
  await a.goto('/settings');
  await a.getByTestId('logout').click();
  await expect(a.getByTestId('logout-ask')).toContainText('1 change is not synced yet');
  await a.getByTestId('logout-confirm').click();
  await expect(a.getByTestId('logout-done')).toContainText('Logged out on this tablet');
  await expect(a.getByTestId('header-login')).toBeVisible();
  await a.context().setOffline(false);
  await expect(a.getByTestId('sync-pending')).toContainText('1');
  await a.goto(path);
  await expect(a.getByTestId('show-assignedUser')).toHaveText('管理员离线修改');

  // The technician's tablet: log in, the granted client is ticked, sync brings its devices.
  const b = await newTablet(browser, tenantId, await stored(a, 'assetwalk.siteId'));
  await logIn(b, 'tech1');
  await expect(b.getByTestId('account-grant')).toContainText('Sample client');
  await expect(b.getByTestId('account-grant').getByTestId('sync-client')).toBeChecked();
  await syncNow(b);
  await b.goto('/devices');
  await expect(b.getByTestId('device-row').first()).toBeVisible({ timeout: 30_000 });
  await b.goto('/admin');
  await expect(b.getByTestId('admin-denied')).toBeVisible();
});

test('a viewer sees no administrator pages', async ({ browser }) => {
  const tenantId = crypto.randomUUID();
  makeAdmin('boss2', tenantId);
  serverStore(`await store.createAccount({ login: 'watcher', name: 'Viewer Zhao', role: 'viewer', password: ${JSON.stringify(PASSWORD)} }, Date.now());`);
  const v = await newTablet(browser, tenantId);
  await logIn(v, 'watcher');
  await expect(v.getByTestId('account-role')).toHaveText('Viewer');
  await expect(v.locator('#app-nav a[href="/admin"]')).toHaveCount(0);
  for (const path of ['/admin', '/admin/tablets', '/admin/sessions', '/admin/companies']) {
    await v.goto(path);
    await expect(v.getByTestId('admin-denied')).toBeVisible();
  }
  // The tablet is the viewer's: another user cannot log in on it.
  await v.goto('/settings');
  await v.getByTestId('logout').click();
  await expect(v.getByTestId('logout-done')).toHaveText('Logged out. The records on this tablet are kept.');
  await v.goto('/login');
  await v.getByTestId('login-name').fill('boss2');
  await v.getByTestId('login-password').fill(PASSWORD);
  await v.getByTestId('login-submit').click();
  await expect(v.getByTestId('login-error')).toContainText('registered to another user');
  await v.getByTestId('login-name').fill('watcher');
  await v.getByTestId('login-password').fill('not the password');
  await v.getByTestId('login-submit').click();
  await expect(v.getByTestId('login-error')).toContainText('Wrong login name or password');
});

test('a revoked session: its tablet is told to log in again and keeps its edits', async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  await loadSample(a);
  const tenantId = JSON.parse((await stored(a, 'assetwalk.tenantId'))!) as string;
  makeAdmin('boss3', tenantId);
  serverStore(`
    const u = await store.createAccount({ login: 'tech3', name: 'Tech Three', role: 'technician', password: ${JSON.stringify(PASSWORD)} }, Date.now());
    await store.setGrants(u.id, [{ tenantId: ${JSON.stringify(tenantId)}, siteIds: '*' }]);
  `);
  await logIn(a, 'tech3');
  await syncNow(a);
  const path = await offlineEdit(a, '撤销前的修改');

  // While the tablet is offline, the administrator gives it a tablet code (unique: the same code
  // for the administrator's own tablet is refused, naming tech3's), then ends tech3's session.
  const admin = await newTablet(browser, tenantId);
  await logIn(admin, 'boss3');
  await admin.goto('/admin/tablets');
  const techTablet = admin.getByTestId('admin-tablet').filter({ hasText: 'tech3' });
  await techTablet.getByTestId('tablet-code').fill('12');
  await techTablet.getByTestId('tablet-code-save').click();
  await expect(techTablet.getByTestId('tablet-note')).toHaveText('Code 12 set.');
  const ownTablet = admin.getByTestId('admin-tablet').filter({ hasText: 'boss3' });
  await ownTablet.getByTestId('tablet-code').fill('12');
  await ownTablet.getByTestId('tablet-code-save').click();
  await expect(ownTablet.getByTestId('tablet-note')).toContainText('This code is already used by tablet');
  await expect(ownTablet.getByTestId('tablet-note')).toContainText('(tech3)');
  await admin.goto('/admin/sessions');
  await admin.getByTestId('admin-session').filter({ hasText: 'tech3' }).and(admin.locator('[data-active="true"]')).getByTestId('session-revoke').click();
  await expect(admin.getByTestId('admin-session').filter({ hasText: 'tech3' }).and(admin.locator('[data-active="true"]'))).toHaveCount(0);

  // Back online, the technician's sync is refused: told to log in again; the edit is kept and counted.
  await a.context().setOffline(false);
  await a.getByTestId('sync-now').click();
  await expect(a.getByTestId('header-login')).toHaveText('Log in again', { timeout: 30_000 });
  await a.goto('/settings');
  await expect(a.getByTestId('session-ended')).toBeVisible();
  await expect(a.getByTestId('session-ended-kept')).toContainText('1 change not synced yet is kept');
  await a.goto(path);
  await expect(a.getByTestId('show-assignedUser')).toHaveText('撤销前的修改');

  // Logging in again sends it.
  await logIn(a, 'tech3');
  await syncNow(a);
});
