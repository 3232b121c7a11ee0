/**
 * Asset-number blocks leased by the server (issue 9; ranges in src/lib/domain/assetBlocks.ts).
 * Invariant: for one tenant and prefix, leased blocks [start, end) never overlap and never cover
 * a number already in use. The (tenant, prefix) head row is locked (FOR UPDATE on PostgreSQL,
 * the single writer on SQLite) while a block is cut, so two concurrent leases, also from two
 * server processes, are serialised; the next block starts at the higher of the head and one past
 * the highest LEASED-range number any device or label of the tenant already carries (numbers
 * minted before leasing existed, or typed in). UNIQUE (tenant, prefix, start) is a second guard.
 */
import { randomUUID } from 'node:crypto';
import type { LeaseReply } from '../../../src/lib/sync/accounts.ts';
import { LEASED_END } from '../../../src/lib/domain/assetBlocks.ts';
import { ASSET_NUMBER_RE } from '../../../src/lib/domain/assetNumber.ts';
import type { Db, Queryable } from './db.ts';

export const MAX_LEASE = 10_000;
export const PREFIX_RE = /^[A-Z][A-Z0-9]{0,9}$/;

export interface BlockStore {
  /** Throws RangeError when the LEASED range of the prefix is used up. */
  leaseBlock(r: { tenantId: string; prefix: string; size: number; clientId: string | null; accountId: string | null }, now: number): Promise<LeaseReply>;
}

/** One past the highest LEASED-range running number of `prefix` stored in the tenant's devices and labels. */
async function nextFree(tx: Queryable, tenantId: string, prefix: string): Promise<number> {
  const rows = await tx.all<{ data: string }>(
    `SELECT data FROM records WHERE tenant_id = ? AND tbl IN ('devices', 'labels') AND data LIKE ?`,
    [tenantId, `%"assetNumber":"${prefix}-%`]
  );
  let next = 0;
  for (const r of rows) {
    const value = (JSON.parse(r.data) as { assetNumber?: unknown }).assetNumber;
    const m = typeof value === 'string' ? ASSET_NUMBER_RE.exec(value.trim().toUpperCase()) : null;
    const running = m && m[1] === prefix ? Number(m[2]) : -1;
    if (running >= 0 && running < LEASED_END) next = Math.max(next, running + 1);
  }
  return next;
}

export function blockMethods(db: Db): BlockStore {
  const lock = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  return {
    leaseBlock: ({ tenantId, prefix, size, clientId, accountId }, now) =>
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO number_block_heads (tenant_id, prefix, next_no) VALUES (?, ?, 0) ON CONFLICT (tenant_id, prefix) DO NOTHING', [tenantId, prefix]);
        const head = await tx.first<{ next_no: unknown }>(`SELECT next_no FROM number_block_heads WHERE tenant_id = ? AND prefix = ?${lock}`, [tenantId, prefix]);
        const start = Math.max(Number(head?.next_no ?? 0), await nextFree(tx, tenantId, prefix));
        const end = Math.min(LEASED_END, start + Math.max(1, Math.min(MAX_LEASE, Math.floor(size))));
        if (start >= end) throw new RangeError(`the leased range of ${prefix} is used up`);
        const id = randomUUID();
        await tx.run(
          'INSERT INTO number_blocks (id, tenant_id, prefix, start_no, end_no, client_id, account_id, leased_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [id, tenantId, prefix, start, end, clientId, accountId, now]
        );
        await tx.run('UPDATE number_block_heads SET next_no = ? WHERE tenant_id = ? AND prefix = ?', [end, tenantId, prefix]);
        return { id, prefix, start, end };
      })
  };
}
