/**
 * Attachment bytes on the server, written once over the Db wrapper for SQLite and PostgreSQL.
 *
 * Model: a blob is (tenant, SHA-256); its bytes are rows of blob_chunks keyed by byte offset, in
 * the database so stateless servers behind one PostgreSQL share them. An upload appends at
 * `received` only (a chunk at any other offset is answered with the current `received`, so a
 * client resumes after a cut without resending what arrived). When the last byte arrives the
 * whole blob is hashed; a mismatch drops the upload. Only `complete` blobs are ever served.
 *
 * Blobs are per tenant and never deduplicated across tenants: a HEAD or GET can then never tell
 * one client company that another holds a file, nor hand bytes out to whoever names a hash.
 * The upload's row lock (FOR UPDATE on PostgreSQL, BEGIN IMMEDIATE on SQLite) serialises two
 * uploads of one blob, so each offset is written once.
 *
 * `touched_at` (migration 005) is the blob's last touch: every chunk and every uploader's HEAD
 * moves it forward. The sweep (blob-sweep.ts) ages blobs from it, so a tablet that found a blob
 * complete by HEAD and will push the record naming it later has the whole grace period.
 */
import { createHash } from 'node:crypto';
import { siteFilter } from './site-filter.ts';
import { sweepBlobs, type BlobSweepOptions, type BlobSweepResult } from './blob-sweep.ts';
import type { Db, Queryable } from './db.ts';
import type { TenantScope } from './types.ts';

export interface BlobMeta {
  sha256: string;
  size: number;
  type: string;
  received: number;
  complete: boolean;
}

export type PutChunkResult =
  | { kind: 'ok'; received: number; complete: boolean }
  /** The chunk did not start at `received`: resume there. */
  | { kind: 'offset'; received: number }
  /** The chunk runs past the declared size. */
  | { kind: 'overrun'; size: number }
  /** The bytes did not hash to the blob's name: the upload was dropped. */
  | { kind: 'mismatch' };

export interface BlobStore {
  /** `touch`: the time an uploader asks (moves touched_at forward first, see above). */
  head(tenantId: string, sha256: string, opts?: { touch?: number }): Promise<BlobMeta | null>;
  putChunk(tenantId: string, sha256: string, c: { offset: number; size: number; type: string; data: Buffer }, now?: number): Promise<PutChunkResult>;
  /** Bytes [start, end) of a complete blob, chunk by chunk (a 50 MiB blob is never held whole). */
  read(tenantId: string, sha256: string, start: number, end: number): AsyncGenerator<Buffer>;
  /** Whether a live attachments record visible to the scope names the hash (original or thumbnail). */
  namedByVisibleRecord(scope: TenantScope, sha256: string): Promise<boolean>;
  /** Drops abandoned partial uploads and complete blobs no record names (blob-sweep.ts). */
  sweep(opts: BlobSweepOptions): Promise<BlobSweepResult>;
}

type MetaRow = { sha256: string; size: number | string; type: string; received: number | string; complete: number | string };
const toMeta = (r: MetaRow): BlobMeta => ({ sha256: r.sha256, size: Number(r.size), type: r.type, received: Number(r.received), complete: Number(r.complete) === 1 });

async function chunkAt(q: Queryable, tenantId: string, sha256: string, off: number): Promise<Buffer | null> {
  const r = await q.first<{ data: Buffer | Uint8Array }>('SELECT data FROM blob_chunks WHERE tenant_id = ? AND sha256 = ? AND off = ?', [tenantId, sha256, off]);
  return r ? Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength) : null;
}

async function hashStored(q: Queryable, tenantId: string, sha256: string, size: number): Promise<string | null> {
  const h = createHash('sha256');
  for (let off = 0; off < size; ) {
    const data = await chunkAt(q, tenantId, sha256, off);
    if (!data || data.length === 0) return null;
    h.update(data);
    off += data.length;
  }
  return h.digest('hex');
}

export function createBlobStore(db: Db): BlobStore {
  const lock = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  const touch = (q: Queryable, tenantId: string, sha256: string, now: number) =>
    q.run('UPDATE blobs SET touched_at = ? WHERE tenant_id = ? AND sha256 = ? AND touched_at < ?', [now, tenantId, sha256, now]);
  const drop = async (q: Queryable, tenantId: string, sha256: string) => {
    await q.run('DELETE FROM blob_chunks WHERE tenant_id = ? AND sha256 = ?', [tenantId, sha256]);
    await q.run('DELETE FROM blobs WHERE tenant_id = ? AND sha256 = ?', [tenantId, sha256]);
  };

  return {
    async head(tenantId, sha256, o = {}) {
      // Touch before reading: if the sweep drops the blob first, this HEAD answers 404 and the tablet uploads.
      if (o.touch !== undefined) await touch(db, tenantId, sha256, o.touch);
      const r = await db.first<MetaRow>('SELECT sha256, size, type, received, complete FROM blobs WHERE tenant_id = ? AND sha256 = ?', [tenantId, sha256]);
      return r ? toMeta(r) : null;
    },

    putChunk: (tenantId, sha256, c, now = Date.now()) =>
      db.transaction(async (tx): Promise<PutChunkResult> => {
        await tx.run(
          'INSERT INTO blobs (tenant_id, sha256, size, type, received, complete, created_at, touched_at) VALUES (?, ?, ?, ?, 0, 0, ?, ?) ON CONFLICT (tenant_id, sha256) DO NOTHING',
          [tenantId, sha256, c.size, c.type, now, now]
        );
        const row = await tx.first<MetaRow>(`SELECT sha256, size, type, received, complete FROM blobs WHERE tenant_id = ? AND sha256 = ?${lock}`, [tenantId, sha256]);
        // Swept between the insert and the lock (PostgreSQL): the uploader starts over at 0.
        if (!row) return { kind: 'offset', received: 0 };
        await touch(tx, tenantId, sha256, now);
        let meta = toMeta(row);
        if (meta.complete) return { kind: 'ok', received: meta.size, complete: true };
        if (meta.size !== c.size) {
          // An unfinished upload that claimed another size cannot be the blob named by this hash
          // together with this one; the newcomer starts it over rather than being locked out.
          await tx.run('DELETE FROM blob_chunks WHERE tenant_id = ? AND sha256 = ?', [tenantId, sha256]);
          await tx.run('UPDATE blobs SET size = ?, type = ?, received = 0 WHERE tenant_id = ? AND sha256 = ?', [c.size, c.type, tenantId, sha256]);
          meta = { ...meta, size: c.size, received: 0 };
        }
        if (c.offset !== meta.received) return { kind: 'offset', received: meta.received };
        if (c.offset + c.data.length > meta.size) return { kind: 'overrun', size: meta.size };
        if (c.data.length === 0) return { kind: 'ok', received: meta.received, complete: false };
        await tx.run('INSERT INTO blob_chunks (tenant_id, sha256, off, data) VALUES (?, ?, ?, ?)', [tenantId, sha256, c.offset, c.data]);
        const received = c.offset + c.data.length;
        if (received < meta.size) {
          await tx.run('UPDATE blobs SET received = ? WHERE tenant_id = ? AND sha256 = ?', [received, tenantId, sha256]);
          return { kind: 'ok', received, complete: false };
        }
        if ((await hashStored(tx, tenantId, sha256, meta.size)) !== sha256) {
          await drop(tx, tenantId, sha256);
          return { kind: 'mismatch' };
        }
        await tx.run('UPDATE blobs SET received = ?, complete = 1 WHERE tenant_id = ? AND sha256 = ?', [received, tenantId, sha256]);
        return { kind: 'ok', received, complete: true };
      }),

    async *read(tenantId, sha256, start, end) {
      const first = await db.first<{ off: number | string }>(
        'SELECT off FROM blob_chunks WHERE tenant_id = ? AND sha256 = ? AND off <= ? ORDER BY off DESC LIMIT 1',
        [tenantId, sha256, start]
      );
      let off = first ? Number(first.off) : 0;
      while (off < end) {
        const data = await chunkAt(db, tenantId, sha256, off);
        if (!data || data.length === 0) throw new Error(`blob ${sha256} is missing bytes at ${off}`);
        const from = Math.max(0, start - off);
        const to = Math.min(data.length, end - off);
        if (to > from) yield data.subarray(from, to);
        off += data.length;
      }
    },

    async namedByVisibleRecord(scope, sha256) {
      const f = siteFilter(scope); // the scope pull gives this token (attachments are site-scoped rows)
      // The hash is 64 hex digits (checked by the route), so it needs no LIKE escaping.
      const r = await db.first(
        `SELECT 1 AS one FROM records WHERE tenant_id = ? AND tbl = 'attachments' AND deleted_hlc IS NULL AND data LIKE ?${f.sql} LIMIT 1`,
        [scope.tenantId, `%"${sha256}"%`, ...f.params]
      );
      return r !== undefined;
    },

    sweep: (o) => sweepBlobs(db, o)
  };
}
