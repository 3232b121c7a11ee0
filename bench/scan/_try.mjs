import { chromium } from '@playwright/test';
const video = process.argv[2] ?? '/tmp/qr.y4m';
const decoder = process.argv[3] ?? 'auto';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--use-fake-ui-for-media-stream','--use-fake-device-for-media-stream',`--use-file-for-fake-video-capture=${video}`] });
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
page.on('request', (r) => { if (!r.url().startsWith('http://127.0.0.1')) console.log('EXTERNAL', r.url()); });
await page.goto('http://127.0.0.1:4791/');
await page.evaluate((d) => localStorage.setItem('assetwalk.scan.decoder', JSON.stringify(d)), decoder);
await page.getByTestId('load-sample').click();
await page.getByRole('status').filter({ hasText: /200/ }).waitFor({ timeout: 60000 });
await page.goto('http://127.0.0.1:4791/scan');
const t0 = Date.now();
try {
  await page.waitForURL(/\/devices\/[0-9a-f-]{36}$/, { timeout: 20000 });
  console.log('navigated in', Date.now() - t0, 'ms to', page.url());
  console.log(await page.getByTestId('device-asset').textContent());
} catch (e) {
  console.log('no nav', e.message);
  console.log(await page.locator('.camera').evaluate((el) => JSON.stringify({ ...el.dataset })));
  await page.screenshot({ path: '/tmp/cam.png' });
}
await browser.close();
