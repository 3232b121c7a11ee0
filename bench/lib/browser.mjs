// Shared harness: bundle a browser entry with esbuild, serve it on loopback, run it in Debian's
// Chromium through Playwright, and return what the entry's `window.runBench()` resolves to.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { chromium } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

export async function runInChromium(entry, { timeoutMs = 600_000, args = [], files = {} } = {}) {
  const out = await build({
    entryPoints: [resolve(root, entry)], bundle: true, format: 'esm', write: false, target: 'es2022',
    alias: { $lib: resolve(root, 'src/lib') }, logLevel: 'error'
  });
  const js = out.outputFiles[0].text;
  const server = createServer((req, res) => {
    if (req.url === '/bench.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); res.end(js); return; }
    if (files[req.url]) { const f = files[req.url]; res.writeHead(200, { 'content-type': f.type }); res.end(f.body); return; }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><meta charset="utf-8"><body><div id="app"></div><script type="module" src="/bench.js"></script>');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...args]
  });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error') console.error('[page]', m.text()); });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => typeof window.runBench === 'function');
    page.setDefaultTimeout(timeoutMs);
    return await page.evaluate(() => window.runBench());
  } finally {
    await browser.close();
    server.close();
  }
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}
