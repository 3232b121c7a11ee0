// The app's database and repositories (browser only; tests build their own with testing.ts).
import { AssetWalkDB } from './schema';
import { DeviceRepository } from './devices';
import { OrgRepository } from './org';
import { DeleteRepository } from './deletes';
import type { WriteContext } from './writer';
import { settings } from '$lib/state/settings.svelte';

export const db = new AssetWalkDB();

/** The actor and the clock every write is stamped with. */
export const writeContext: WriteContext = {
  get actor() {
    return settings.technician || 'technician';
  },
  now: () => Date.now() + settings.clockOffsetMs
};

export const devices = new DeviceRepository(db, writeContext);
export const org = new OrgRepository(db, writeContext);
export const deletes = new DeleteRepository(db, writeContext);
