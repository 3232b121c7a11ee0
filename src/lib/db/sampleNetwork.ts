// Writes the sample client's network (domain/sample/network.ts) through the writer, after its devices.
import { sampleNetwork } from '$lib/domain/sample/network';
import type { SampleClient } from '$lib/domain/sample';
import type { AssetWalkDB } from './schema';
import { bulkCreateInTx, newId, syncTables, writeInTx, type WriteContext } from './writer';

export async function writeSampleNetwork(db: AssetWalkDB, ctx: WriteContext, tenantId: string, siteIds: ReadonlyMap<string, string>, c: SampleClient): Promise<void> {
  const n = sampleNetwork(c);
  const rows = await db.devices.where('tenantId').equals(tenantId).toArray();
  const byAsset = new Map(rows.map((d) => [d.assetNumber, d.id]));
  const id = (asset: string | undefined) => (asset ? byAsset.get(asset) : undefined);
  const site = (k: string) => siteIds.get(k)!;
  await db.transaction('rw', [db.vlans, db.ipAssignments, db.netLinks, db.netConfigs, ...syncTables(db)], async () => {
    await bulkCreateInTx(db, db.vlans, n.vlans.map(({ siteKey, ...v }) => ({ id: newId(), tenantId, siteId: site(siteKey), ...v })), ctx);
    await bulkCreateInTx(db, db.ipAssignments, n.ips.map(({ siteKey, asset, ...a }) => ({ id: newId(), tenantId, siteId: site(siteKey), ...a, deviceId: id(asset) ?? null, mac: a.mac ?? null, vlanId: a.vlanId ?? null })), ctx);
    await bulkCreateInTx(db, db.netLinks, n.links.flatMap(({ siteKey, from, to, ...l }) => {
      const f = id(from), t = id(to);
      return f && t ? [{ id: newId(), tenantId, siteId: site(siteKey), fromDeviceId: f, toDeviceId: t, ...l, speed: l.speed ?? null }] : [];
    }), ctx);
    // Configuration versions are insert-only: the server takes them only as 'insert' mutations.
    for (const { asset, ...cfg } of n.configs) {
      const d = id(asset);
      const rid = newId();
      if (d) await writeInTx(db, db.netConfigs, rid, { id: rid, tenantId, deviceId: d, ...cfg }, ctx, 'insert');
    }
  });
}

/** The app's one call (src/lib/db/sample.ts), with the app's database and write context. */
export async function loadSampleNetwork(tenantId: string, siteIds: ReadonlyMap<string, string>, c: SampleClient): Promise<void> {
  const { db, writeContext } = await import('./index');
  await writeSampleNetwork(db, writeContext, tenantId, siteIds, c);
}
