// Runs in Chromium: the app's own import code into real IndexedDB.
//  1. a Snipe-IT CSV of 10,000 rows: decode → parse (papaparse) → map → plan → one transaction;
//     peers: one DeviceRepository.create() per row (the form's save path, 1,000 rows, scaled),
//     and Dexie bulkAdd without the writer (no clocks, outbox or audit: the floor).
//  2. 500 GLPI agent inventories (computer_1.json varied): match → plan → write, then the same
//     500 again (all matched, all updated).
// Peak memory: performance.memory.usedJSHeapSize sampled every 10 ms (--enable-precise-memory-info).
import Dexie from 'dexie';
import { AssetWalkDB } from '$lib/db/schema';
import { DeviceRepository } from '$lib/db/devices';
import { applyInventories, existingIdentifiers, importDevices, knownDevices } from '$lib/db/surveyImport';
import { decodeText } from '$lib/domain/survey/encoding';
import { guessMapping, parseCsvTable } from '$lib/domain/survey/csvMapping';
import { planImport } from '$lib/domain/survey/csvRows';
import { matchInventories } from '$lib/domain/survey/glpiBulk';
import { defaultDecision, inventoryWrites } from '$lib/domain/survey/glpiPlan';

const heap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
const MB = (b: number) => +(b / 1048576).toFixed(1);

async function measure<T>(f: () => Promise<T>): Promise<{ ms: number; peakMB: number; baseMB: number; value: T }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = heap();
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, heap()); }, 10);
  const t0 = performance.now();
  const value = await f();
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, heap());
  return { ms: Math.round(ms), peakMB: MB(peak - base), baseMB: MB(base), value };
}

function csv(n: number, prefix: string): Uint8Array {
  const lines = ['资产名称,资产标签,型号,类别,制造商,序列号,购买日期,购买成本,保修到期,状态,已借出给,位置,供应商,备注'];
  for (let i = 1; i <= n; i++) {
    lines.push([`财务部-用户${i}`, `${prefix}-${String(i).padStart(6, '0')}`, 'OptiPlex 7090', '台式机', '戴尔', `SN${prefix}${i}`, '2023/5/1', '"¥6,199.00"', '2026-05-01', '已部署', `用户${i}`, '总院 / 3楼 / 301', '京东企业购', i % 7 ? '' : '显示器另购'].join(','));
  }
  return new TextEncoder().encode('\uFEFF' + lines.join('\r\n'));
}

function inventories(n: number, template: string, extraSoftware = false): { name: string; text: string }[] {
  const base = JSON.parse(template) as { content: { bios: Record<string, unknown>; hardware: Record<string, unknown>; networks: Record<string, unknown>[]; softwares?: Record<string, unknown>[] } };
  if (extraSoftware) base.content.softwares = [...(base.content.softwares ?? []), { name: 'Bench Tool', version: '1.0' }];
  return Array.from({ length: n }, (_, i) => {
    const c = structuredClone(base);
    c.content.bios.ssn = `BENCH${String(i).padStart(5, '0')}`;
    c.content.hardware.uuid = `4C4C4544-0000-1000-8000-${String(i).padStart(12, '0')}`;
    c.content.hardware.name = `PC-${i}`;
    c.content.networks = c.content.networks.map((nw, k) => ({ ...nw, mac: `02:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}:00:${k.toString(16).padStart(2, '0')}` }));
    return { name: `inv-${i}.json`, text: JSON.stringify(c) };
  });
}

const ctx = { actor: 'bench', now: () => Date.now() };

async function fresh(name: string): Promise<AssetWalkDB> {
  await Dexie.delete(name);
  return new AssetWalkDB(name);
}

(window as unknown as { runBench: () => Promise<unknown> }).runBench = async () => {
  const out: Record<string, unknown> = {};
  const N = 10_000;
  const bytes = csv(N, 'B');
  let db = await fresh('bench-import');
  const ours = await measure(async () => {
    const t0 = performance.now();
    const text = decodeText(bytes).text;
    const table = parseCsvTable(text);
    const map = guessMapping(table.headers);
    const ids = await existingIdentifiers(db, 't1');
    const plan = planImport(table, map, { tenantId: 't1', siteId: 's1', existingAssetNumbers: ids.assetNumbers, existingSerials: ids.serials, locate: () => null });
    const parsePlanMs = performance.now() - t0;
    await importDevices(db, ctx, plan.valid.map((r) => r.fields));
    return { parsePlanMs: Math.round(parsePlanMs), valid: plan.valid.length, invalid: plan.invalid.length };
  });
  out.csv10k = { ...ours, rowsPerSecond: Math.round(N / (ours.ms / 1000)), devices: await db.devices.count(), outbox: await db.outbox.count() };
  db.close();

  // Peer 1: the form's save path, one transaction per device (1,000 rows, scaled to 10,000).
  db = await fresh('bench-import');
  const t = parseCsvTable(decodeText(csv(1000, 'P')).text);
  const plan = planImport(t, guessMapping(t.headers), { tenantId: 't1', siteId: 's1', existingAssetNumbers: new Set(), existingSerials: new Set(), locate: () => null });
  const repo = new DeviceRepository(db, ctx);
  const perRow = await measure(async () => { for (const r of plan.valid) await repo.create(r.fields); });
  out.peerPerRowCreate = { rows: 1000, ms: perRow.ms, scaledTo10kMs: perRow.ms * 10, peakMB: perRow.peakMB };
  db.close();

  // Peer 2 (the floor): raw Dexie bulkAdd of the same rows, without clocks, outbox or audit.
  db = await fresh('bench-import');
  const t10 = parseCsvTable(decodeText(bytes).text);
  const plan10 = planImport(t10, guessMapping(t10.headers), { tenantId: 't1', siteId: 's1', existingAssetNumbers: new Set(), existingSerials: new Set(), locate: () => null });
  const raw = await measure(async () => { await db.devices.bulkAdd(plan10.valid.map((r, i) => ({ ...r.fields, id: `r${i}`, clocks: {}, createdAt: '', updatedAt: '', _macs: [] }))); });
  out.floorRawBulkAdd = { rows: N, ms: raw.ms, peakMB: raw.peakMB };
  db.close();

  // GLPI: 500 inventories, first all new, then all matched.
  const template = await (await fetch('/computer_1.json')).text();
  const files = inventories(500, template);
  db = await fresh('bench-import');
  const glpi = async (batch: { name: string; text: string }[]) => {
    const results = matchInventories(batch, await knownDevices(db, 't1'));
    const w = inventoryWrites(results, results.map(defaultDecision), 't1', 's1', (await existingIdentifiers(db, 't1')).assetNumbers);
    return applyInventories(db, ctx, w);
  };
  out.glpi500New = await measure(() => glpi(files));
  // The same machines a month later, one more program installed on each: all matched, all updated.
  out.glpi500Matched = await measure(() => glpi(inventories(500, template, true)));
  out.inventoryBytes = files.reduce((s, f) => s + f.text.length, 0);
  db.close();
  return out;
};
