/**
 * Downloads the originals of one client company's attachments in the background (Settings ›
 * Photos and files), newest first, through the same ranged, resumable download as "open the
 * original" (transfer.ts downloadBlob). The decisions are pure (domain/attachments/prefetch.ts);
 * this runs them against the database, the network and the storage estimate.
 *
 * Invariants: it never runs inside a sync run and yields each range to one (`idle`), so sync is
 * never held up; it asks again before every range whether it may go on (offline, Save-Data, a
 * metered link, the setting turned off), and a stopped download keeps its bytes and resumes there;
 * it checks the storage before every original and stops while 10 % of the quota or 200 MB would
 * still be left; it never throws.
 */
import type { AssetWalkDB } from '$lib/db/schema';
import { originalsToFetch, roomFor, type OriginalRecord, type PrefetchBlock, type StorageEstimateLike } from '$lib/domain/attachments/prefetch';
import { hlcTime } from '$lib/sync/format';
import type { BlobTransport } from './blobTransport';
import type { Attachment } from './store';
import { downloadBlob, markMissing } from './transfer';

export interface PrefetchDeps {
  db: AssetWalkDB;
  transport: BlobTransport;
  tenantId: string;
  /** Why it must stop now, or null to go on; asked before every original and every range. */
  blocked: () => PrefetchBlock | null;
  estimate: () => Promise<StorageEstimateLike>;
  /** Resolves when no sync run is under way. */
  idle?: () => Promise<void>;
  /** When the list is known, and after each original that arrived. */
  onProgress?: (downloaded: number, left: number) => void;
}

export type PrefetchOutcome =
  | { kind: 'done'; downloaded: number }
  | { kind: 'blocked'; reason: PrefetchBlock; downloaded: number; left: number }
  | { kind: 'storage-low'; downloaded: number; left: number; free: number; quota: number }
  | { kind: 'storage-unknown'; downloaded: number; left: number }
  | { kind: 'failed'; error: string; downloaded: number; left: number };

/** Originals of `tenantId` on this tablet, of all its live attachments (for "N of M here"). */
export async function originalsHere(db: AssetWalkDB, tenantId: string): Promise<{ here: number; total: number }> {
  const records = (await db.attachments.where('tenantId').equals(tenantId).toArray()).filter((r) => !r.deleted) as Attachment[];
  const hashes = [...new Set(records.map((r) => r.sha256).filter(Boolean))];
  const rows = await db.blobs.bulkGet(hashes);
  return { here: rows.filter((r) => r?.blob && r.state !== 'missing').length, total: hashes.length };
}

async function queue(db: AssetWalkDB, tenantId: string) {
  const records = (await db.attachments.where('tenantId').equals(tenantId).toArray()) as Attachment[];
  const missing = new Map<string, number>();
  for (const b of await db.blobs.where('state').equals('missing').toArray()) missing.set(b.sha256, b.blob ? b.blob.size : 0);
  const wanted: OriginalRecord[] = records.map((r) => ({
    tenantId: r.tenantId, sha256: r.sha256, size: r.size, deleted: Boolean(r.deleted),
    // The creation clock orders alike on every tablet, whatever their wall clocks said.
    created: hlcTime(r.clocks.sha256 ?? '') ?? (Date.parse(r.createdAt) || 0)
  }));
  return originalsToFetch(wanted, missing, tenantId);
}

const PAUSED = 'paused';

export async function prefetchOriginals(d: PrefetchDeps): Promise<PrefetchOutcome> {
  let downloaded = 0;
  let left = 0;
  try {
    await markMissing(d.db); // records pulled since the last transfer pass
    const todo = await queue(d.db, d.tenantId);
    left = todo.length;
    d.onProgress?.(0, left);
    // Each range waits for a sync run to end and stops when the tablet may no longer download.
    let absent = false;
    const gated: BlobTransport = {
      ...d.transport,
      get: async (tenantId, sha256, start, end) => {
        await d.idle?.();
        if (d.blocked()) return { kind: 'fail', status: null, error: PAUSED };
        const r = await d.transport.get(tenantId, sha256, start, end);
        absent = r.kind === 'absent';
        return r;
      }
    };
    for (const item of todo) {
      const block = d.blocked();
      if (block) return { kind: 'blocked', reason: block, downloaded, left };
      const room = roomFor(await d.estimate(), item.size - item.done);
      if (!room.ok) return room.reason === 'low' ? { kind: 'storage-low', downloaded, left, free: room.free, quota: room.quota } : { kind: 'storage-unknown', downloaded, left };
      absent = false;
      const got = await downloadBlob(d.db, gated, d.tenantId, item.sha256);
      if (typeof got === 'string') {
        const now = d.blocked();
        if (now) return { kind: 'blocked', reason: now, downloaded, left };
        if (absent) {
          left--; // not uploaded by its tablet yet: a later pass takes it
          continue;
        }
        return { kind: 'failed', error: got, downloaded, left }; // the network is likely gone: the next pass resumes
      }
      downloaded++;
      left--;
      d.onProgress?.(downloaded, left);
    }
    return { kind: 'done', downloaded };
  } catch (err) {
    return { kind: 'failed', error: err instanceof Error ? err.message : String(err), downloaded, left };
  }
}
