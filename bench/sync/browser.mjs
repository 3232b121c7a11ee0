// Chromium side of the sync benchmark: each run gets a fresh browser context (empty IndexedDB),
// with the page served from the origin of the server it syncs with (the app is served by the
// sync server the same way; PouchDB then needs no CORS). The page is injected with a Playwright
// route that is removed before anything is measured, so the timed requests go straight out.
// Bytes on the wire come from CDP Network events (encodedDataLength: what crossed the socket,
// compressed, headers included); peak JS heap from polling CDP Runtime.getHeapUsage.
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { resolve } from 'node:path';
import { root } from './lib.mjs';

export async function bundle(entry) {
  const out = await build({
    entryPoints: [resolve(root, entry)], bundle: true, format: 'esm', write: false, target: 'es2022', minify: false, keepNames: true,
    alias: { $lib: resolve(root, 'src/lib') }, define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"' }, logLevel: 'error'
  });
  return out.outputFiles[0].text;
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  });
}

/** A fresh context and page on `origin` running `js`; `run(arg)` calls window.benchSync(arg) and measures it. */
export async function openTablet(browser, origin, js) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.error('[page]', m.text()); });
  await page.route(`${origin}/__bench/**`, (route) => {
    const url = route.request().url();
    if (url.endsWith('/bench.js')) return route.fulfill({ contentType: 'text/javascript', body: js });
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><script type="module" src="/__bench/bench.js"></script>' });
  });
  await page.goto(`${origin}/__bench/index.html`);
  await page.waitForFunction(() => typeof window.benchSync === 'function');
  await page.unrouteAll();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const net = { requests: 0, responseBytes: 0, bodyBytes: 0, requestBodyBytes: 0, encodings: new Set() };
  cdp.on('Network.requestWillBeSent', (e) => { net.requests++; net.requestBodyBytes += e.request.postData ? Buffer.byteLength(e.request.postData) : 0; });
  cdp.on('Network.responseReceived', (e) => {
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    net.encodings.add(h['content-encoding'] ?? 'identity');
  });
  cdp.on('Network.dataReceived', (e) => { net.bodyBytes += e.dataLength; });
  cdp.on('Network.loadingFinished', (e) => { net.responseBytes += e.encodedDataLength; });

  async function run(arg, { timeoutMs = 600_000, profile = false } = {}) {
    Object.assign(net, { requests: 0, responseBytes: 0, bodyBytes: 0, requestBodyBytes: 0, encodings: new Set() });
    await cdp.send('HeapProfiler.collectGarbage');
    const heap0 = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    let peak = heap0;
    let polling = true;
    const poll = (async () => {
      while (polling) {
        try { peak = Math.max(peak, (await cdp.send('Runtime.getHeapUsage')).usedSize); } catch { return; }
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    let timer;
    const capped = new Promise((r) => { timer = setTimeout(() => r({ capped: true }), timeoutMs); });
    const result = await Promise.race([page.evaluate((a) => window.benchSync(a), arg), capped]);
    clearTimeout(timer);
    polling = false;
    await poll;
    const mib = (b) => +(b / 1048576).toFixed(1);
    const prof = profile ? topSelfTime((await cdp.send('Profiler.stop')).profile) : undefined;
    return {
      ...result,
      ...(prof ? { profile: prof } : {}),
      wire: { requests: net.requests, responseBytes: net.responseBytes, decodedBodyBytes: net.bodyBytes, requestBodyBytes: net.requestBodyBytes, contentEncodings: [...net.encodings] },
      jsHeap: { beforeMiB: mib(heap0), peakMiB: mib(peak) }
    };
  }
  return { run, page, close: () => context.close() };
}

/** Self time per function from a CPU profile, largest first (idle and GC shown as such). */
function topSelfTime(p, top = 25) {
  const byId = new Map(p.nodes.map((nd) => [nd.id, nd]));
  const self = new Map();
  for (let i = 0; i < p.samples.length; i++) {
    const nd = byId.get(p.samples[i]);
    const f = nd.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? f.url.split('/').pop() + ':' + (f.lineNumber + 1) + ':' + (f.columnNumber + 1) : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([fn, us]) => ({ fn, ms: Math.round(us / 1000) }));
}
