#!/usr/bin/env node
// Scan benchmark: `node bench/scan/run.mjs [--no-build] [--devices 50000] [--scans 200] [--seconds 10]`.
// Writes bench/scan/RESULTS.md (method and figures) and bench/scan/results.json.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { cameraStats, guardNetwork, hasNativeDetector, launch, loadSample, openAuditCamera, seedDevices, timedScan } from './browser.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const DEVICES = arg('--devices', 50_000);
const SCANS = arg('--scans', 200);
const WARMUP = 5;
const SECONDS = arg('--seconds', 10);
const root = new URL('../../', import.meta.url).pathname;
const { formatAssetNumber, assetUrl } = await tsImport('../../src/lib/domain/assetNumber.ts', import.meta.url);
const { writeLabelVideo, y4m, frameWith } = await tsImport('../../tests/fixtures/scan/video.ts', import.meta.url);

const freePort = () => new Promise((res) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => res(port));
  });
});

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

if (!process.argv.includes('--no-build')) {
  const b = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const preview = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: root, stdio: 'ignore', detached: true });
const stopPreview = () => { try { process.kill(-preview.pid); } catch { /* gone */ } };
process.on('exit', stopPreview);
for (let i = 0; i < 60; i++) {
  if (await fetch(base + '/').then((r) => r.ok, () => false)) break;
  await new Promise((r) => setTimeout(r, 500));
}

const results = { date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg() }, latency: null, camera: [] };

// ── 1. Decode callback → device record rendered, with DEVICES devices in IndexedDB ──
{
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const external = guardNetwork(page, base);
  await loadSample(page, base);
  const extra = Array.from({ length: DEVICES - 200 }, (_, i) => formatAssetNumber('SZYY', 100_000 + i));
  const t0 = Date.now();
  const count = await seedDevices(page, extra);
  const seedMs = Date.now() - t0;
  const all = [...Array.from({ length: 200 }, (_, i) => formatAssetNumber('SZYY', i + 1)), ...extra];
  // Each scan starts on the scan page (light, as a technician would scan from it) and goes back
  // to it afterwards through the history, all client-side navigation.
  await page.goto(base + '/scan');
  // The WedgeListener's dialog exists once the layout has mounted and the wedge is listening.
  await page.locator('[data-testid="scan-outcome"]').waitFor({ state: 'attached' });
  let prev = '';
  const times = [];
  let rnd = 12345;
  for (let i = 0; i < WARMUP + SCANS; i++) {
    let n;
    do {
      rnd = (rnd * 1103515245 + 12345) % 2 ** 31;
      n = all[rnd % all.length];
    } while (n === prev);
    prev = n;
    const ms = await timedScan(page, n);
    if (i >= WARMUP) times.push(ms);
    await page.goBack();
    await page.waitForURL(/\/scan$/);
  }
  await browser.close();
  results.latency = { devices: count, seedMs, scans: times.length, p50: pct(times, 50), p95: pct(times, 95), max: Math.max(...times), mean: times.reduce((a, b) => a + b, 0) / times.length, external };
  console.log('latency', results.latency);
}

// ── 2. Camera path: decode attempts per second on the same video, per decoder ──
const dir = mkdtempSync(join(tmpdir(), 'scan-bench-'));
const n1 = formatAssetNumber('SZYY', 1);
const videos = {
  'QR label': writeLabelVideo(join(dir, 'qr.y4m'), 'qr', assetUrl(base, n1)),
  'DataMatrix label': writeLabelVideo(join(dir, 'dm.y4m'), 'datamatrix', assetUrl(base, n1)),
  'Code 128 label': writeLabelVideo(join(dir, 'c128.y4m'), 'code128', n1, { px: 3 }),
  'no code (aiming)': (() => {
    const p = join(dir, 'blank.y4m');
    writeFileSync(p, y4m(frameWith({ width: 1, height: 1, data: new Uint8Array([250]) })));
    return p;
  })()
};
for (const [name, video] of Object.entries(videos)) {
  for (const decoder of ['html5-qrcode', 'wasm', 'native']) {
    const browser = await launch(video);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const external = guardNetwork(page, base);
    await page.goto(base + '/');
    const native = await hasNativeDetector(page);
    if (decoder === 'native' && !native) {
      results.camera.push({ video: name, decoder, available: false });
      await browser.close();
      continue;
    }
    await page.evaluate((d) => {
      localStorage.setItem('assetwalk.scan.decoder', JSON.stringify(d));
      localStorage.setItem('assetwalk.scan.fps', JSON.stringify(120));
    }, decoder);
    await loadSample(page, base);
    await openAuditCamera(page, base);
    await page.waitForTimeout(3000);
    const a = await cameraStats(page);
    await page.waitForTimeout(SECONDS * 1000);
    const b = await cameraStats(page);
    await browser.close();
    const attempts = b.attempts - a.attempts;
    const secs = (b.elapsedMs - a.elapsedMs) / 1000;
    const row = {
      video: name, decoder, used: b.decoder, available: true,
      fps: attempts / secs, msPerDecode: (b.busyMs - a.busyMs) / attempts, decodedShare: (b.decoded - a.decoded) / attempts, external
    };
    results.camera.push(row);
    console.log('camera', row);
  }
}
stopPreview();
writeFileSync(join(root, 'bench/scan/results.json'), JSON.stringify(results, null, 2) + '\n');
const { renderResults } = await import('./report.mjs');
writeFileSync(join(root, 'bench/scan/RESULTS.md'), renderResults(results, { DEVICES, SCANS, WARMUP, SECONDS }));
console.log('wrote bench/scan/RESULTS.md');
process.exit(0);
