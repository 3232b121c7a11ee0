// Every route of the app (src/routes), opened on an empty database, on a loaded one and offline:
// none may throw (`pageerror`) or log a console error. Routes with params are opened with a real
// id and with one that does not exist.
import { expect, test, type Page } from '@playwright/test';
import { formatAssetNumber } from '../../src/lib/domain/assetNumber';
import { gunScan, ORIGIN, readDb, waitForWedge } from '../fixtures/scan/e2e';
import { identify, newLabel, passAll, registerPanel, TEST, VISUAL } from './fixtures/isolation';
import { loadSample, waitForServiceWorker } from './helpers';

interface Ids { device: string; asset: string; location: string; panel: string; check: string; audit: string }

const MISSING = '00000000-0000-4000-8000-000000000000';
const MISSING_IDS: Ids = { device: MISSING, asset: formatAssetNumber('ZZZZ', 999_998), location: MISSING, panel: MISSING, check: MISSING, audit: MISSING };

/** Every page under src/routes; the param routes filled from `ids`. */
function routes(ids: Ids): string[] {
  return [
    '/', '/devices', '/devices/new', '/devices/deleted', `/devices/${ids.device}`, `/devices/${ids.device}/edit`,
    '/scan', `/a/${ids.asset}`, '/audit', `/audit/${ids.audit}`, `/audit/room/${ids.location}`,
    '/labels', '/panels', '/panels/new', '/panels/profiles', `/panels/${ids.panel}`, `/panels/${ids.panel}/edit`,
    `/panels/${ids.panel}/check`, `/panels/${ids.panel}/checks/${ids.check}`, '/settings', '/conflicts',
    '/login', '/admin', `/admin/users/${ids.device}`, '/admin/tablets', '/admin/sessions', '/admin/companies',
    '/import', '/drivers', '/software', '/images',
    '/network', `/network/${ids.device}`, '/network/topology', '/manuals', '/survey-report',
    '/changes', `/changes/${ids.device}`, '/requests', `/requests/${ids.device}`, '/reports',
    '/incidents', '/incidents/new', `/incidents/${ids.device}`, '/kb', '/kb/edit', '/kb/special', `/kb/${ids.device}`, '/settings/service'
  ];
}

/** Collects page errors and console errors from now on. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror on ${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error on ${page.url()}: ${m.text()}`);
  });
  return errors;
}

async function visitAll(page: Page, paths: string[], errors: string[]): Promise<void> {
  for (const path of paths) {
    await page.goto(path);
    // Every page renders its title once its data has loaded, or says that the record is not there.
    const shown = await page.locator('main :is(h1, .banner)').first().waitFor({ timeout: 10_000 }).then(() => true, () => false);
    // The wedge listener mounts last in the layout; a render loop would have thrown by then.
    if (shown) await waitForWedge(page);
    expect(errors, path).toEqual([]);
    expect(shown, `${path} shows its title or says what is missing`).toBe(true);
  }
}

/** The sample client has no panels, checks or audits: make one of each, the way a technician does. */
async function makeRecords(page: Page): Promise<Ids> {
  await loadSample(page);
  const { devices, locations } = await readDb(page);
  const device = devices[0]!;
  const location = locations[0]!;

  const label = newLabel();
  const panelUrl = await registerPanel(page, { room: 'OR 5', systemId: 'IT-5', label });
  const panel = new URL(panelUrl).pathname.split('/').pop()!;
  await page.goto(`/panels/${panel}/check`);
  await identify(page, label);
  await passAll(page, VISUAL);
  await page.getByTestId('check-next').click();
  await page.getByTestId('source-manual').click();
  await page.getByTestId('field-insulation').fill('500');
  await page.getByTestId('field-load').fill('10');
  await page.getByTestId('field-temperature').fill('40');
  await page.getByTestId('check-next').click();
  await passAll(page, TEST);
  await page.getByTestId('check-next').click();
  await page.getByTestId('field-technician').fill('李工');
  await page.getByTestId('sign-check').click();
  await expect(page).toHaveURL(/\/checks\/[0-9a-f-]{36}\?signed/);
  const check = new URL(page.url()).pathname.split('/').pop()!;

  await page.goto('/audit');
  await waitForWedge(page);
  await expect(page.locator(`[data-room="${location.id}"]`)).toBeVisible(); // the rooms are loaded
  await gunScan(page, `${ORIGIN}/audit/room/${location.id}`);
  await expect(page).toHaveURL(/\/audit\/[0-9a-f-]{36}$/);
  const audit = new URL(page.url()).pathname.split('/').pop()!;

  return { device: device.id, asset: device.assetNumber, location: location.id, panel, check, audit };
}

test.describe('every route opens without a page error or console error', () => {
  test.describe.configure({ timeout: 240_000 });

  test('on an empty database', async ({ page }) => {
    const errors = watchErrors(page);
    await visitAll(page, routes(MISSING_IDS), errors);
  });

  test('on a loaded database, with real ids and missing ones', async ({ page }) => {
    const ids = await makeRecords(page);
    const errors = watchErrors(page);
    await visitAll(page, [...routes(ids), ...routes(MISSING_IDS).filter((p) => p.includes(MISSING) || p.includes(MISSING_IDS.asset))], errors);
  });

  test('offline, once the service worker controls the page', async ({ page, context }) => {
    const ids = await makeRecords(page);
    await waitForServiceWorker(page);
    await context.setOffline(true);
    const errors = watchErrors(page);
    await visitAll(page, [...routes(ids), ...routes(MISSING_IDS).filter((p) => p.includes(MISSING) || p.includes(MISSING_IDS.asset))], errors);
  });
});
