/**
 * Attachments on the tablet: files (photos, nameplates, manuals, drivers…) attached to any record.
 * The API other features use:
 *
 *   addFile(db, ctx, { tenantId, siteId, ownerTable, ownerId, kind, name, file })  → Attachment
 *   listFor(db, ownerTable, ownerId)   live attachments of one record, oldest first
 *   getBlob(db, sha256)                the bytes if on this tablet (null otherwise;
 *       transfer.ts `ensureBlob` downloads them)
 *   remove(db, ctx, id)                 a synced delete; the bytes go when no live record names them
 *
 * Model: bytes are content-addressed (SHA-256) in the local `blobs` table, stored once whatever
 * the number of records naming them; the `attachments` record (synced through writer.ts, a
 * SHARED table: siteId null = visible to the whole client company) names them by hash. Images
 * get a ~256 px JPEG thumbnail, a blob of its own named by `thumbSha256`. transfer.ts moves the
 * bytes after each sync: `pending` blobs up, `missing` ones down.
 *
 * Invariants: a record and its bytes are written in one transaction (a full disk leaves neither);
 * a blob row with bytes is never replaced (same hash, same bytes); every failure a user can cause
 * is an AttachmentError with a code the UI translates.
 */
import type { AssetWalkDB, BlobRow, SyncedRecord } from '$lib/db/schema';
import { newId, syncTables, writeInTx, type WriteContext } from '$lib/db/writer';
import { MAX_FILE_BYTES, CHUNK_BYTES, safeType } from '$lib/domain/attachments/limits';
import { Sha256 } from '$lib/domain/attachments/sha256';
import { browserThumbnail, type Thumbnailer } from './thumbnail';

export type AttachmentKind = 'photo' | 'nameplate' | 'file';

export interface Attachment extends SyncedRecord {
  tenantId: string;
  siteId: string | null;
  ownerTable: string;
  ownerId: string;
  kind: AttachmentKind;
  name: string;
  type: string;
  size: number;
  sha256: string;
  thumbSha256?: string;
}

export interface NewAttachment {
  tenantId: string;
  siteId: string | null;
  ownerTable: string;
  ownerId: string;
  kind: AttachmentKind;
  name: string;
  file: Blob;
}

export type AttachmentErrorCode = 'too-large' | 'empty' | 'quota' | 'not-found';

export class AttachmentError extends Error {
  constructor(readonly code: AttachmentErrorCode, message: string) {
    super(message);
    this.name = 'AttachmentError';
  }
}

/** Below this, WebCrypto hashes the file in one call; above, slices keep one copy in memory. */
const ONE_SHOT_BYTES = 4 * 1024 * 1024;

/** SHA-256 of a blob as 64 lowercase hex digits. */
export async function hashBlob(blob: Blob): Promise<string> {
  if (blob.size <= ONE_SHOT_BYTES && globalThis.crypto?.subtle) {
    const d = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
    return Array.from(d, (x) => x.toString(16).padStart(2, '0')).join('');
  }
  const h = new Sha256();
  for (let off = 0; off < blob.size; off += CHUNK_BYTES) h.update(new Uint8Array(await blob.slice(off, off + CHUNK_BYTES).arrayBuffer()));
  return h.hex();
}

/** Dexie wraps the browser's QuotaExceededError; look through its inner errors. */
export function isQuotaError(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && depth < 5; depth++) {
    const err = x as { name?: string; inner?: unknown; failures?: unknown[] };
    if (err.name === 'QuotaExceededError' || err.name === 'QuotaExceeded') return true;
    if (Array.isArray(err.failures) && err.failures.some(isQuotaError)) return true;
    x = err.inner;
  }
  return false;
}

function blobRow(sha256: string, blob: Blob, at: string): BlobRow {
  return { sha256, size: blob.size, type: safeType(blob.type), state: 'pending', blob, done: 0, at };
}

/** Stores the bytes unless this tablet already holds them (a 'missing' row gets them now). */
async function keepBytes(db: AssetWalkDB, row: BlobRow): Promise<void> {
  const existing = await db.blobs.get(row.sha256);
  if (existing?.blob && existing.state !== 'missing') return;
  await db.blobs.put(row);
}

export async function addFile(db: AssetWalkDB, ctx: WriteContext, input: NewAttachment, opts: { thumbnail?: Thumbnailer } = {}): Promise<Attachment> {
  const { file } = input;
  if (file.size === 0) throw new AttachmentError('empty', `“${input.name}” is empty`);
  if (file.size > MAX_FILE_BYTES) {
    throw new AttachmentError('too-large', `“${input.name}” is ${(file.size / 1048576).toFixed(1)} MB; files may be at most ${MAX_FILE_BYTES / 1048576} MB`);
  }
  // Hash and thumbnail before the transaction: IndexedDB commits a transaction left idle across other awaits.
  const sha256 = await hashBlob(file);
  const thumb = input.kind === 'file' && !file.type.startsWith('image/') ? null : await (opts.thumbnail ?? browserThumbnail)(file);
  const thumbSha256 = thumb ? await hashBlob(thumb) : undefined;
  const at = new Date(ctx.now()).toISOString();
  const fields: Record<string, unknown> = {
    tenantId: input.tenantId, siteId: input.siteId, ownerTable: input.ownerTable, ownerId: input.ownerId,
    kind: input.kind, name: input.name.slice(0, 255) || 'file', type: safeType(file.type), size: file.size, sha256
  };
  if (thumbSha256) fields.thumbSha256 = thumbSha256;
  try {
    return await db.transaction('rw', [db.blobs, db.attachments, ...syncTables(db)], async () => {
      await keepBytes(db, blobRow(sha256, file, at));
      if (thumb && thumbSha256) await keepBytes(db, blobRow(thumbSha256, thumb, at));
      const { record } = await writeInTx(db, db.attachments, newId(), fields, ctx);
      return record as Attachment;
    });
  } catch (e) {
    if (isQuotaError(e)) throw new AttachmentError('quota', `This tablet’s storage is full: “${input.name}” was not saved. Free space (Settings shows usage) and try again.`);
    throw e;
  }
}

const live = (r: SyncedRecord | undefined): r is Attachment => Boolean(r && !r.deleted);

export async function listFor(db: AssetWalkDB, ownerTable: string, ownerId: string): Promise<Attachment[]> {
  const rows = await db.attachments.where('[ownerTable+ownerId]').equals([ownerTable, ownerId]).toArray();
  // Creation clock, then id: the order every tablet shows, whatever their wall clocks said.
  const key = (r: Attachment) => r.clocks.sha256 ?? r.createdAt;
  return rows.filter(live).sort((a, b) => key(a).localeCompare(key(b)) || a.id.localeCompare(b.id));
}

/** The complete bytes on this tablet, or null (not downloaded yet, or a download under way). */
export async function getBlob(db: AssetWalkDB, sha256: string): Promise<Blob | null> {
  const row = await db.blobs.get(sha256);
  return row?.blob && row.state !== 'missing' ? row.blob : null;
}

/** Live attachment records naming a hash as original or thumbnail. Call inside a transaction holding `attachments`. */
export async function namedBy(db: AssetWalkDB, sha256: string): Promise<Attachment[]> {
  const [a, b] = await Promise.all([
    db.attachments.where('sha256').equals(sha256).toArray(),
    db.attachments.where('thumbSha256').equals(sha256).toArray()
  ]);
  return [...a, ...b].filter(live);
}

export async function remove(db: AssetWalkDB, ctx: WriteContext, id: string): Promise<void> {
  await db.transaction('rw', [db.blobs, db.attachments, ...syncTables(db)], async () => {
    const rec = await db.attachments.get(id);
    if (!live(rec)) throw new AttachmentError('not-found', 'This attachment no longer exists');
    await writeInTx(db, db.attachments, id, {}, ctx, 'delete');
    for (const sha of [rec.sha256, rec.thumbSha256]) {
      if (sha && (await namedBy(db, sha)).length === 0) await db.blobs.delete(sha);
    }
  });
}
