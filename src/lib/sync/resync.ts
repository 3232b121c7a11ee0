/**
 * The sweep of a clean resync (sync-protocol rule 6): after a 410 the tablet pulled everything
 * from cursor 0 (pull.ts) and remembered every row the server sent; a local row of a synced table
 * the server did not send is one whose tombstone the server collected (or that left this token's
 * scope), so it is removed here.
 *
 * Invariants:
 * - nothing unsynced is lost: a row with an outbox entry (any op) or a refused entry still shown
 *   (REJECTED_KEY) is kept, and the check runs inside the transaction that deletes, so an edit
 *   written meanwhile either commits before (and is seen) or waits for the sweep;
 * - only the resynced tenant's rows go (tenant.ts); a row whose tenant cannot be told is kept.
 *   With a single-tenant token (`tenant` null) every unseen row of the synced tables goes;
 * - only tables this app version stores are looked at; local-only tables (outbox, meta, audit,
 *   conflicts, blobs) are never touched;
 * - the sweep is idempotent: running it twice with the same `seen` removes nothing more.
 */
import type { AssetWalkDB } from '$lib/db/schema';
import type { OutboxEntry } from '$lib/db/types';
import { recordKey } from './merge';
import { REJECTED_KEY, type RejectedEntry } from './push';
import { tenantResolver } from './tenant';

export interface SweepInput {
  /** recordKey(table, id) of every row the full pull returned. */
  seen: ReadonlySet<string>;
  tenant: string | null;
  tables: ReadonlySet<string>;
}

/** Removes unseen, unsynced-free rows; returns how many were removed. */
export async function sweepUnseen(db: AssetWalkDB, s: SweepInput): Promise<number> {
  const resolve = tenantResolver(db);
  let removed = 0;
  for (const name of s.tables) {
    const table = db.table(name);
    // Candidates first (no lock held while resolving parents), then re-checked under the lock.
    const rows = (await table.toArray()) as Record<string, unknown>[];
    const candidates: string[] = [];
    for (const r of rows) {
      const id = r.id;
      if (typeof id !== 'string' || s.seen.has(recordKey(name, id))) continue;
      if (s.tenant !== null && (await resolve.ofRecord(name, r)) !== s.tenant) continue;
      candidates.push(id);
    }
    if (candidates.length === 0) continue;
    removed += await db.transaction('rw', [table, db.outbox, db.meta], async () => {
      const keep = new Set<string>();
      await db.outbox.where('table').equals(name).each((e: OutboxEntry) => void keep.add(e.recordId));
      const refused = ((await db.meta.get(REJECTED_KEY))?.value as RejectedEntry[] | undefined) ?? [];
      for (const r of refused) if (r.entry.table === name) keep.add(r.entry.recordId);
      const gone = candidates.filter((id) => !keep.has(id));
      await table.bulkDelete(gone);
      return gone.length;
    });
  }
  return removed;
}
