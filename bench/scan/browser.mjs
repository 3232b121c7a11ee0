// Browser-side steps of the scan benchmark (Playwright against the built app).
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launch(video) {
  const args = [...CHROMIUM_ARGS];
  if (video) args.push('--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`);
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args });
}

/** Any request leaving the loopback origin is a failure: the app must work without a network. */
export function guardNetwork(page, base) {
  const external = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:')) external.push(u);
  });
  return external;
}

export async function loadSample(page, base) {
  await page.goto(base + '/');
  await page.getByTestId('load-sample').click();
  await page.getByRole('status').filter({ hasText: /200/ }).waitFor({ timeout: 60_000 });
}

/**
 * Adds `numbers.length` devices straight into IndexedDB, each a copy of a sample device with a
 * new id, asset number, serial and MAC (the rows the app's repository writes, minus the outbox
 * and audit entries, which the scan path never reads).
 */
export async function seedDevices(page, numbers) {
  return page.evaluate(async (numbers) => {
    const idb = await new Promise((res, rej) => {
      const r = indexedDB.open('assetwalk');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const all = await new Promise((res, rej) => {
      const r = idb.transaction('devices').objectStore('devices').getAll();
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const hex = (i) => i.toString(16).padStart(6, '0').toUpperCase();
    const chunk = 5000;
    for (let start = 0; start < numbers.length; start += chunk) {
      await new Promise((res, rej) => {
        const tx = idb.transaction('devices', 'readwrite');
        const store = tx.objectStore('devices');
        for (let i = start; i < Math.min(numbers.length, start + chunk); i++) {
          const t = all[i % all.length];
          const h = hex(i);
          const mac = `02:00:00:${h.slice(0, 2)}:${h.slice(2, 4)}:${h.slice(4, 6)}`;
          store.put({
            ...t, id: crypto.randomUUID(), assetNumber: numbers[i], serial: 'BENCH' + h, name: 'Bench PC ' + i,
            hardware: { ...t.hardware, nics: [{ name: 'eth0', mac, ip: '' }] }, _macs: [mac]
          });
        }
        tx.oncomplete = () => res();
        tx.onerror = () => rej(tx.error);
      });
    }
    const count = await new Promise((res) => {
      const r = idb.transaction('devices').objectStore('devices').count();
      r.onsuccess = () => res(r.result);
    });
    idb.close();
    return count;
  }, numbers);
}

/**
 * One scan as a keyboard-wedge gun sends it (keydown events, then Enter), timed from the scan
 * bus's `assetwalk:scan` mark (the decode callback) to the first animation frame after the
 * device page shows the scanned number.
 */
export async function timedScan(page, assetNumber) {
  return page.evaluate(async (n) => {
    const rendered = new Promise((resolve, reject) => {
      const ok = () => document.querySelector('[data-testid="device-asset"]')?.textContent?.trim() === n;
      const timer = setTimeout(() => reject(new Error('not rendered: ' + n)), 10_000);
      const mo = new MutationObserver(() => {
        if (!ok()) return;
        mo.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => resolve(performance.now()));
      });
      mo.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    for (const key of [...n, 'Enter']) document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    const mark = performance.getEntriesByName('assetwalk:scan', 'mark').at(-1);
    const end = await rendered;
    return end - mark.startTime;
  }, assetNumber);
}

/** Starts a room audit and turns its camera on: the camera path with no navigation on decode. */
export async function openAuditCamera(page, base) {
  await page.goto(base + '/audit');
  await page.locator('[data-testid="audit-rooms"] li button').first().click();
  await page.waitForURL(/\/audit\/[0-9a-f-]{36}$/);
  await page.getByTestId('audit-camera').check();
  await page.locator('.camera[data-phase="running"]').waitFor({ timeout: 30_000 });
}

export async function cameraStats(page) {
  return page.locator('.camera').evaluate((el) => ({
    decoder: el.dataset.decoder,
    attempts: Number(el.dataset.attempts ?? 0),
    decoded: Number(el.dataset.decoded ?? 0),
    busyMs: Number(el.dataset.busyMs ?? 0),
    elapsedMs: Number(el.dataset.elapsedMs ?? 0)
  }));
}

export async function hasNativeDetector(page) {
  return page.evaluate(async () => {
    if (!('BarcodeDetector' in window)) return null;
    try {
      return await window.BarcodeDetector.getSupportedFormats();
    } catch {
      return null;
    }
  });
}
