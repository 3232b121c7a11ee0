// Writes the sample client's changes and equipment requests (domain/sample/changes.ts) through the
// writer, after its devices; approvals insert-only, in decision order (their clocks order them).
import type { SampleClient } from '$lib/domain/sample';
import { sampleChanges, type SampleDecision } from '$lib/domain/sample/changes';
import { recordNumber } from '$lib/domain/service/request';
import { approvalTable } from './approvals';
import type { AssetWalkDB } from './schema';
import { newId, syncTables, writeInTx, type WriteContext } from './writer';

export async function writeSampleChanges(db: AssetWalkDB, ctx: WriteContext, tenantId: string, siteId: string, c: SampleClient, nowISO: string): Promise<void> {
  const s = sampleChanges(c, nowISO);
  const rows = await db.devices.where('tenantId').equals(tenantId).toArray();
  const byAsset = new Map(rows.map((d) => [d.assetNumber, d.id]));
  const scope = { tenantId, siteId };
  const decide = async (parent: { requestId: string } | { changeId: string }, list: SampleDecision[]) => {
    for (const d of list) await writeInTx(db, approvalTable(db), newId(), { ...scope, ...parent, ...d }, ctx, 'insert');
  };
  await db.transaction('rw', [db.changes, db.equipmentRequests, db.approvals, ...syncTables(db)], async () => {
    for (const { assets, decisions, ...ch } of s.changes) {
      const id = newId();
      const deviceIds = assets.flatMap((a) => byAsset.get(a) ?? []);
      await writeInTx(db, db.changes, id, { ...ch, ...scope, deviceIds, number: recordNumber('CHG', nowISO, id) }, ctx);
      await decide({ changeId: id }, decisions);
    }
    for (const { decisions, ...r } of s.requests) {
      const id = newId();
      await writeInTx(db, db.equipmentRequests, id, { ...r, ...scope, number: recordNumber('REQ', nowISO, id) }, ctx);
      await decide({ requestId: id }, decisions);
    }
  });
}

/** The app's one call (src/lib/db/sample.ts), with the app's database and write context. */
export async function loadSampleChanges(tenantId: string, siteId: string, c: SampleClient): Promise<void> {
  const { db, writeContext } = await import('./index');
  await writeSampleChanges(db, writeContext, tenantId, siteId, c, new Date(writeContext.now()).toISOString());
}
