// /conflicts names tablets by what this tablet knows: itself with the code typed under Labels,
// and the team's tablets as an administrator last listed them (kept for offline use).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { LabelRepository } from '$lib/db/labels';
import { testDb } from '$lib/db/testing';
import { nodeId } from '$lib/db/writer';
import type { TabletInfo } from './accounts';
import { tabletRef } from './conflictView';
import { readTabletDirectory, rememberTablets } from './tabletDirectory';

const info = (clientId: string, code: number | null, deviceName: string): TabletInfo =>
  ({ clientId, code, deviceName, userId: 'u', userLogin: 'wang', registeredAt: 0, lastSeenAt: null, revokedAt: null });

describe('the tablet directory', () => {
  it('knows nothing on a fresh tablet', async () => {
    const { db } = testDb();
    const dir = await readTabletDirectory(db);
    expect(dir.self).toBeNull();
    expect(tabletRef('abcdef0123', dir)).toEqual({ id: 'abcdef0123', short: 'abcdef01', self: false, code: null, device: null });
  });

  it('names this tablet with its own code and others from the last administrator list', async () => {
    const { db, ctx } = testDb();
    const self = await nodeId(db);
    await new LabelRepository(db, ctx).setTabletCode(42);
    await rememberTablets(db, [info(self, 41, 'Old name'), info('otherTablet01', 7, 'Ward 3 iPad'), info('noCode000001', null, '')]);
    const dir = await readTabletDirectory(db);
    expect(tabletRef(self, dir)).toMatchObject({ self: true, code: 42, device: 'Old name' }); // the code it mints with wins
    expect(tabletRef('otherTablet01', dir)).toMatchObject({ self: false, code: 7, device: 'Ward 3 iPad' });
    expect(tabletRef('noCode000001', dir)).toMatchObject({ code: null, device: null });
    expect(tabletRef('', dir)).toBeNull();
  });
});
