import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ProfileRepository } from './profiles';
import { testDb } from './testing';
import { findProfile } from '$lib/serial/profiles';

const aimLike = {
  id: 'acme-imd', make: 'ACME', model: 'IMD-1', fc: 3,
  entries: [
    { address: 8, type: 'u16', unit: 'kΩ', meaning: 'insulation', min: 10, max: 999, boundAtMin: true, boundAtMax: true },
    { address: 9, type: 'u16', scale: 0.1, unit: 'A', meaning: 'load' }
  ]
};

describe('custom insulation-monitor profiles', () => {
  it('saves a valid register map, queues it for sync, and serves it as a device profile', async () => {
    const { db, ctx } = testDb();
    const repo = new ProfileRepository(db, ctx);
    const r = await repo.save(JSON.stringify(aimLike));
    expect(r.ok).toBe(true);
    const custom = await repo.deviceProfiles();
    const p = findProfile('acme-imd', custom);
    expect(p?.make).toBe('ACME');
    expect(p?.blocks).toEqual([expect.objectContaining({ start: 8, qty: 2 })]);
    expect(await db.outbox.where('table').equals('profiles').count()).toBe(1);
  });

  it('refuses bad JSON, a bad map and a built-in id, saying where', async () => {
    const { db, ctx } = testDb();
    const repo = new ProfileRepository(db, ctx);
    expect(await repo.save('{')).toEqual({ ok: false, issues: [{ path: '', code: 'notJson' }] });
    const bad = await repo.save(JSON.stringify({ ...aimLike, entries: [{ ...aimLike.entries[0], unit: 'A' }] }));
    expect(bad).toMatchObject({ ok: false, issues: [{ path: 'entries.0.unit', code: 'unitMismatch' }] });
    const builtin = await repo.save(JSON.stringify({ ...aimLike, id: 'acrel-aim-m10' }));
    expect(builtin.ok).toBe(false);
    expect(await db.profiles.count()).toBe(0);
  });
});
