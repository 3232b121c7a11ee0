import { afterEach, describe, expect, it } from 'vitest';
import { mutationSchema } from '../src/protocol.ts';
import { loadMigrations } from '../src/store/migrate.ts';
import { backends, hlc, T0, type Opened } from './helpers.ts';

describe('migration files', () => {
  it('are numbered without gaps and resolve per dialect', () => {
    const lite = loadMigrations('sqlite');
    const pg = loadMigrations('postgres');
    expect(lite.map((m) => m.version)).toEqual(pg.map((m) => m.version));
    expect(lite.length).toBeGreaterThanOrEqual(2);
    expect(lite[1]!.sql).toContain('json_extract');
    expect(pg[1]!.sql).toContain('jsonb');
  });
});

describe.each(backends)('migrations on $name', (b) => {
  let o: Opened | undefined;
  afterEach(async () => {
    await o?.cleanup();
    o = undefined;
  });

  it.skipIf(b.skip)('applies every migration to a fresh database, once', async () => {
    o = await b.open();
    const latest = loadMigrations(o.store.kind).length;
    expect(await o.store.migrate()).toBe(latest);
    expect(await o.store.migrate()).toBe(latest); // a restart changes nothing
    const rows = await o.raw('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => Number(r.version))).toEqual([...Array(latest).keys()].map((i) => i + 1));
    expect(await o.store.health()).toEqual({ ok: true, store: b.name, schemaVersion: latest });
  });

  it.skipIf(b.skip)('keeps data written at version 1 when migrating to the latest', async () => {
    o = await b.open();
    expect(await o.store.migrate({ to: 1 })).toBe(1);
    await o.store.createTenant({ id: 't1', name: 'ACME' });
    const data = (d: object) => JSON.stringify(d);
    const clocks = data({ name: hlc(T0, 0, 'tabA') });
    const insert = 'INSERT INTO records (tbl, id, tenant_id, data, clocks, server_seq, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)';
    // Old rows are written by hand, as version-1 code would have.
    await o.raw(insert, ['sites', 's1', 't1', data({ name: 'HQ' }), clocks, 1, T0]);
    await o.raw(insert, ['devices', 'd1', 't1', data({ name: 'PC-01', siteId: 's1' }), clocks, 2, T0]);
    await o.raw(insert, ['devices', 'd2', 't1', data({ name: 'PC-02', siteId: 42 }), clocks, 3, T0]);
    await o.raw('UPDATE tenant_seq SET seq = 3 WHERE tenant_id = ?', ['t1']);

    expect(await o.store.migrate()).toBe(loadMigrations(o.store.kind).length);
    const rows = await o.raw('SELECT tbl, id, site_id, data FROM records ORDER BY server_seq');
    expect(rows.map((r) => [r.tbl, r.id, r.site_id])).toEqual([
      ['sites', 's1', 's1'],
      ['devices', 'd1', 's1'],
      ['devices', 'd2', null]
    ]);
    const page = await o.store.pull({ tenantId: 't1', siteIds: ['s1'] }, 0, 10);
    // d2's site is unreadable, so it has none: since 003 a site-limited token no longer sees it.
    expect(page.rows.map((r) => r.id)).toEqual(['s1', 'd1']);
    expect(page.rows[1]!.data).toEqual({ name: 'PC-01', siteId: 's1' });
    expect(await o.raw('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM conflicts')).toEqual([{ n: 0 }]);
  });

  it.skipIf(b.skip)('keeps data written at version 2 when keying rows by tenant (003)', async () => {
    o = await b.open();
    expect(await o.store.migrate({ to: 2 })).toBe(2);
    const t1 = await o.store.createTenant({ id: 't1', name: 'ACME' });
    await o.store.createTenant({ id: 't2', name: 'Globex' });
    await o.store.createSite({ tenantId: t1.id, id: 's1', name: 'HQ' });
    const user = await o.store.createUser({ tenantId: t1.id, id: 'u1', name: 'Li Wei' });
    const { token } = await o.store.createToken({ tenantId: t1.id, userId: user.id, siteIds: ['s1'] });
    const clocks = JSON.stringify({ name: hlc(T0, 0, 'tabA') });
    const insert = 'INSERT INTO records (tbl, id, tenant_id, data, clocks, deleted_hlc, server_seq, updated_at, site_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';
    await o.raw(insert, ['devices', 'd1', 't1', JSON.stringify({ name: 'PC-01', siteId: 's1' }), clocks, null, 1, T0, 's1']);
    await o.raw(insert, ['devices', 'd2', 't1', JSON.stringify({ name: 'gone', siteId: 's1' }), clocks, hlc(T0 + 1, 0, 'tabA'), 2, T0, 's1']);
    await o.raw('UPDATE tenant_seq SET seq = 2 WHERE tenant_id = ?', ['t1']);
    await o.raw(
      `INSERT INTO conflicts (id, tenant_id, tbl, record_id, field, value, hlc, winner_hlc, side, reason, mutation_id, client_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ['c1', 't1', 'devices', 'd1', 'name', '"old"', hlc(T0 - 1, 0, 'tabB'), hlc(T0, 0, 'tabA'), 'incoming', 'lww', 'm1', 'tabB', T0]
    );

    expect(await o.store.migrate()).toBe(loadMigrations(o.store.kind).length);
    const scope = { tenantId: 't1', siteIds: ['s1'] };
    const page = await o.store.pull(scope, 0, 10);
    expect(page.rows.map((r) => [r.id, r.data.name, r.deletedHlc, r.serverSeq])).toEqual([['d1', 'PC-01', null, 1], ['d2', 'gone', hlc(T0 + 1, 0, 'tabA'), 2]]);
    expect((await o.store.conflicts(scope, 'devices', 'd1')).map((c) => c.value)).toEqual(['old']);
    expect(await o.store.verifyToken(token, T0)).toMatchObject({ tenantId: 't1', userId: 'u1', siteIds: ['s1'] });
    // After 003, another tenant may use the same ids; the old tenant's next seq follows on.
    await o.store.createSite({ tenantId: 't2', id: 's1', name: 'Globex HQ' });
    await o.store.createUser({ tenantId: 't2', id: 'u1', name: 'Other' });
    const m = mutationSchema.parse({ mutationId: crypto.randomUUID(), clientId: 'tabA', clientSeq: 1, table: 'devices', recordId: 'd1', op: 'upsert', fields: { name: 'theirs' }, hlc: hlc(T0, 5, 'tabA') });
    expect(await o.store.applyMutations({ tenantId: 't2', siteIds: '*' }, [m], { now: T0 })).toMatchObject([{ status: 'applied', serverSeq: 1 }]);
    expect(await o.store.applyMutations({ tenantId: 't1', siteIds: '*' }, [{ ...m, mutationId: crypto.randomUUID(), hlc: hlc(T0, 6, 'tabA') }], { now: T0 })).toMatchObject([{ status: 'applied', serverSeq: 3 }]);
  });

  it.skipIf(b.skip || b.name !== 'postgres')('lets several servers migrate one database at once', async () => {
    o = await b.open();
    const others = [o.reopen(), o.reopen(), o.reopen()];
    const versions = await Promise.all([o.store.migrate(), ...others.map((s) => s.migrate())]);
    const latest = loadMigrations('postgres').length;
    expect(new Set(versions)).toEqual(new Set([latest]));
    expect(await o.raw('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM schema_migrations')).toEqual([{ n: latest }]);
  });
});
