// PostgreSQL under concurrency: the cases SQLite's single writer cannot exercise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/store/index.ts';
import { backends, hlc, mut, NOW, seedTenant, T0, type Opened } from './helpers.ts';

const pgBackend = backends.find((b) => b.name === 'postgres')!;

describe.skipIf(pgBackend.skip)('postgres concurrency', () => {
  let o: Opened;
  let servers: Store[];
  let scope: Awaited<ReturnType<typeof seedTenant>>['scope'];
  beforeAll(async () => {
    o = await pgBackend.open();
    await o.store.migrate();
    scope = (await seedTenant(o.store)).scope;
    servers = [o.store, o.reopen(), o.reopen()]; // three stateless servers, three pools
  });
  afterAll(async () => {
    await o?.cleanup();
  });

  it('applies the same batch pushed on parallel requests once, without an error', async () => {
    for (let round = 0; round < 5; round++) {
      const batch = [0, 1, 2].map((i) => mut({ recordId: `r${round}-${i}`, fields: { n: i }, hlc: hlc(T0 + round, i, 'tabA') }));
      const answers = await Promise.all(servers.map((s) => s.applyMutations(scope, batch, { now: NOW })));
      const statuses = answers.map((a) => a.map((r) => r.status));
      expect(statuses.filter((s) => s.every((x) => x === 'applied'))).toHaveLength(1);
      expect(statuses.filter((s) => s.every((x) => x === 'duplicate'))).toHaveLength(servers.length - 1);
    }
    const ids = batchIds(await o.raw('SELECT mutation_id FROM applied_mutations'));
    expect(ids.size).toBe(15);
    expect(await o.raw('SELECT CAST(seq AS INTEGER) AS seq FROM tenant_seq WHERE tenant_id = ?', [scope.tenantId])).toEqual([{ seq: 15 }]);
  });

  it('eight concurrent pushers with a reader polling throughout: the reader ends with the server’s set', async () => {
    const seen = new Map<string, unknown>();
    let cursor = 0;
    let done = false;
    const drain = async () => {
      for (;;) {
        const page = await servers[0]!.pull(scope, cursor, 50);
        for (const r of page.rows) seen.set(r.id, r.data);
        cursor = page.cursor;
        if (!page.hasMore) return;
      }
    };
    const reader = (async () => {
      while (!done) await drain();
    })();
    const pushers = [...Array(8).keys()].map(async (p) => {
      const node = `tab${p}`;
      for (let i = 0; i < 15; i++) {
        // Everyone also edits one shared record, so pushes contend on the same rows.
        const batch = [
          mut({ recordId: `p${p}-${i}`, clientId: node, fields: { p, i }, hlc: hlc(T0 + i, p, node) }),
          mut({ recordId: 'shared', clientId: node, fields: { [`f${p}`]: i }, hlc: hlc(T0 + i, p, node) })
        ];
        await servers[p % servers.length]!.applyMutations(scope, batch, { now: NOW });
      }
    });
    await Promise.all(pushers);
    done = true;
    await reader;
    await drain();
    const all = new Map<string, unknown>();
    let c = 0;
    for (;;) {
      const page = await o.store.pull(scope, c, 1000);
      for (const r of page.rows) all.set(r.id, r.data);
      c = page.cursor;
      if (!page.hasMore) break;
    }
    expect(seen).toEqual(all);
    expect(all.get('shared')).toEqual(Object.fromEntries([...Array(8).keys()].map((p) => [`f${p}`, 14])));
  });
});

function batchIds(rows: Record<string, unknown>[]): Set<string> {
  return new Set(rows.map((r) => String(r.mutation_id)));
}
