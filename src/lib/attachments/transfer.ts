/**
 * Moves attachment bytes between this tablet and the server after each sync run:
 *   1. uploads every 'pending' blob to each client company whose records name it, in
 *      CHUNK_BYTES chunks, resuming at the offset HEAD reports (nothing received is resent);
 *   2. marks the blobs that pulled records name and this tablet lacks as 'missing';
 *   3. downloads missing thumbnails (originals only when opened: `ensureBlob`), resuming a cut
 *      download from the bytes already kept (`done`), and keeps them only if they hash right;
 *   4. drops bytes no live record names any more (a delete pulled from another tablet).
 *
 * Invariants: a blob becomes 'synced' only after the server said complete (upload) or its bytes
 * hashed to its name (download); a download never overwrites bytes this tablet made meanwhile;
 * transferAfterSync never throws, so a file transfer problem never fails the record sync.
 */
import type { AssetWalkDB, BlobRow } from '$lib/db/schema';
import { CHUNK_BYTES } from '$lib/domain/attachments/limits';
import type { BlobTransport } from './blobTransport';
import { hashBlob, namedBy, type Attachment } from './store';

export type { BlobTransport } from './blobTransport';

export interface Progress {
  sha256: string;
  direction: 'up' | 'down';
  done: number;
  total: number;
}

export interface TransferOptions {
  onProgress?: (p: Progress) => void;
}

export interface TransferSummary {
  uploaded: number;
  downloaded: number;
  /** The first failure in words (the next sync tries again), or null. */
  error: string | null;
}

type Step = { ok: true } | { ok: false; error: string };

async function uploadTo(t: BlobTransport, row: BlobRow & { blob: Blob }, tenantId: string, db: AssetWalkDB, o: TransferOptions): Promise<Step> {
  const h = await t.head(tenantId, row.sha256);
  if (h.kind === 'fail') return { ok: false, error: h.error };
  if (h.kind === 'found' && h.complete) return { ok: true };
  let offset = h.kind === 'found' && h.size === row.size ? h.received : 0;
  // Each round either advances or learns the server's offset; a bounded number of rounds.
  for (let rounds = Math.ceil(row.size / CHUNK_BYTES) * 2 + 4; rounds > 0; rounds--) {
    const r = await t.put(tenantId, row.sha256, offset, row.blob.slice(offset, offset + CHUNK_BYTES), row.size, row.type);
    if (r.kind === 'fail') return { ok: false, error: r.error };
    if (r.kind === 'mismatch') return { ok: false, error: `the server found the file ${row.sha256.slice(0, 8)}… damaged on this tablet` };
    offset = r.received;
    await db.blobs.update(row.sha256, { done: offset });
    o.onProgress?.({ sha256: row.sha256, direction: 'up', done: offset, total: row.size });
    if (r.kind === 'ok' && r.complete) return { ok: true };
  }
  return { ok: false, error: 'the upload made no progress' };
}

/** Uploads every pending blob; stops at the first failure (the network is likely gone). */
export async function uploadPending(db: AssetWalkDB, t: BlobTransport, o: TransferOptions = {}): Promise<{ uploaded: number; error: string | null }> {
  let uploaded = 0;
  for (const key of await db.blobs.where('state').equals('pending').primaryKeys()) {
    const row = await db.blobs.get(key);
    if (row?.state !== 'pending' || !row.blob) continue;
    const tenants = [...new Set((await namedBy(db, key)).map((r) => r.tenantId))];
    for (const tenantId of tenants) {
      const step = await uploadTo(t, { ...row, blob: row.blob }, tenantId, db, o);
      if (!step.ok) return { uploaded, error: step.error };
    }
    if (tenants.length === 0) continue;
    await db.blobs.where('sha256').equals(key).modify((b) => { if (b.state === 'pending') { b.state = 'synced'; b.done = b.size; } });
    uploaded++;
  }
  return { uploaded, error: null };
}

/** Adds a 'missing' row for every hash a live record names that this tablet has no row for. */
export async function markMissing(db: AssetWalkDB): Promise<void> {
  await db.transaction('rw', db.blobs, db.attachments, async () => {
    const records = (await db.attachments.toArray()).filter((r) => !r.deleted) as Attachment[];
    const wanted = new Map<string, { size: number; type: string }>();
    for (const r of records) {
      if (r.sha256) wanted.set(r.sha256, { size: r.size, type: r.type });
      if (r.thumbSha256 && !wanted.has(r.thumbSha256)) wanted.set(r.thumbSha256, { size: 0, type: 'image/jpeg' });
    }
    const have = new Set(await db.blobs.where('sha256').anyOf([...wanted.keys()]).primaryKeys());
    const at = new Date().toISOString();
    const rows: BlobRow[] = [];
    for (const [sha256, m] of wanted) if (!have.has(sha256)) rows.push({ sha256, size: m.size, type: m.type, state: 'missing', done: 0, at });
    await db.blobs.bulkPut(rows);
  });
}

/**
 * Downloads one blob of `tenantId` in CHUNK_BYTES ranges, keeping each range as it arrives so a
 * cut download resumes there. Returns the bytes, or the failure in words.
 */
export async function downloadBlob(db: AssetWalkDB, t: BlobTransport, tenantId: string, sha256: string, o: TransferOptions = {}): Promise<Blob | string> {
  for (let rounds = 0; rounds < 10_000; rounds++) {
    const row = await db.blobs.get(sha256);
    if (row?.blob && row.state !== 'missing') return row.blob;
    const have = row?.blob && row.done > 0 ? row.blob : null;
    const start = have ? have.size : 0;
    const r = await t.get(tenantId, sha256, start, start + CHUNK_BYTES);
    if (r.kind === 'absent') return 'the server does not have this file (yet)';
    if (r.kind === 'fail') return r.error;
    const type = row?.type || r.bytes.type || 'application/octet-stream';
    const bytes = new Blob(have ? [have, r.bytes] : [r.bytes], { type });
    const complete = bytes.size >= r.total;
    // A complete download counts only if it hashes right; otherwise it starts over.
    const good = complete ? (await hashBlob(bytes)) === sha256 : true;
    const next: BlobRow = complete
      ? good ? { sha256, size: r.total, type, state: 'synced', blob: bytes, done: r.total, at: new Date().toISOString() }
        : { sha256, size: r.total, type, state: 'missing', done: 0, at: new Date().toISOString() }
      : { sha256, size: r.total, type, state: 'missing', blob: bytes, done: bytes.size, at: new Date().toISOString() };
    const kept = await db.transaction('rw', db.blobs, async () => {
      const now = await db.blobs.get(sha256);
      if (now?.blob && now.state !== 'missing') return now.blob; // made or fetched meanwhile: keep that
      await db.blobs.put(next);
      return null;
    });
    if (kept) return kept;
    o.onProgress?.({ sha256, direction: 'down', done: next.done, total: r.total });
    if (complete) return good ? bytes : `the file ${sha256.slice(0, 8)}… arrived damaged; it will be fetched again`;
    if (r.bytes.size === 0) return 'the server sent no bytes';
  }
  return 'the download made no progress';
}

/** The bytes of a blob, downloading them when this tablet has only the record (an original opened). */
export async function ensureBlob(db: AssetWalkDB, t: BlobTransport | null, sha256: string, o: TransferOptions = {}): Promise<Blob | string> {
  const row = await db.blobs.get(sha256);
  if (row?.blob && row.state !== 'missing') return row.blob;
  const rec = (await namedBy(db, sha256))[0];
  if (!rec) return 'no record names this file';
  if (!t) return 'not connected to a sync server';
  return downloadBlob(db, t, rec.tenantId, sha256, o);
}

/** Downloads the thumbnails this tablet lacks; stops at the first failure. */
export async function downloadThumbnails(db: AssetWalkDB, t: BlobTransport, o: TransferOptions = {}): Promise<{ downloaded: number; error: string | null }> {
  let downloaded = 0;
  const missing = new Set(await db.blobs.where('state').equals('missing').primaryKeys());
  const records = (await db.attachments.toArray()).filter((r) => !r.deleted) as Attachment[];
  for (const r of records) {
    if (!r.thumbSha256 || !missing.has(r.thumbSha256)) continue;
    missing.delete(r.thumbSha256);
    const got = await downloadBlob(db, t, r.tenantId, r.thumbSha256, o);
    if (typeof got === 'string') return { downloaded, error: got };
    downloaded++;
  }
  return { downloaded, error: null };
}

/** Drops blob rows no live record names (deleted elsewhere, or partial downloads of them). */
export async function sweepOrphans(db: AssetWalkDB): Promise<number> {
  return db.transaction('rw', db.blobs, db.attachments, async () => {
    // One read of the records, not two index queries per blob: this runs after every sync.
    const named = new Set<string>();
    for (const r of (await db.attachments.toArray()) as Attachment[]) {
      if (r.deleted) continue;
      named.add(r.sha256);
      if (r.thumbSha256) named.add(r.thumbSha256);
    }
    const orphans = (await db.blobs.toCollection().primaryKeys()).filter((sha) => !named.has(sha));
    await db.blobs.bulkDelete(orphans);
    return orphans.length;
  });
}

/** The sync engine's hook (engine.ts): one call after a successful push; a no-op without a transport. */
export async function transferAfterSync(db: AssetWalkDB, t: BlobTransport | undefined, o: TransferOptions = {}): Promise<TransferSummary | null> {
  if (!t) return null;
  try {
    await sweepOrphans(db);
    const up = await uploadPending(db, t, o);
    await markMissing(db);
    const down = await downloadThumbnails(db, t, o);
    return { uploaded: up.uploaded, downloaded: down.downloaded, error: up.error ?? down.error };
  } catch (err) {
    return { uploaded: 0, downloaded: 0, error: err instanceof Error ? err.message : String(err) };
  }
}
