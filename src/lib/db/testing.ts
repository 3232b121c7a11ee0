// Test helpers: a fresh database per test and a controllable clock.
import { AssetWalkDB } from './schema';
import { DeviceRepository } from './devices';
import { OrgRepository } from './org';
import type { WriteContext } from './writer';

export function testDb(): { db: AssetWalkDB; ctx: WriteContext & { set(ms: number): void }; devices: DeviceRepository; org: OrgRepository } {
  const db = new AssetWalkDB('test-' + crypto.randomUUID());
  let t = Date.UTC(2026, 11, 1, 8, 0, 0);
  const ctx = { actor: 'tester', now: () => t, set: (ms: number) => { t = ms; } };
  return { db, ctx, devices: new DeviceRepository(db, ctx), org: new OrgRepository(db, ctx) };
}
