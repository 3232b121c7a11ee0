/**
 * The tablets /conflicts can name (conflictView.ts): this one (its node id, the clientId it pushes
 * with) with its own tablet code (Labels › tablet code, meta 'assetBlocks'), and the team's tablets
 * as the server last listed them (GET /api/auth/tablets, codes and device names, for every role).
 * That list is kept in meta so the names stay offline. Meta is a key-value table: no schema change.
 */
import { BLOCKS_KEY } from '$lib/db/labels';
import type { AssetWalkDB } from '$lib/db/schema';
import { NODE_KEY } from '$lib/db/writer';
import { loadBlocks } from '$lib/domain/assetBlocks';
import type { TabletName } from './accounts';
import type { KnownTablet, TabletDirectory } from './conflictView';

export const KNOWN_TABLETS_KEY = 'tablets.known';

interface StoredTablet {
  clientId: string;
  code: number | null;
  device: string;
}

const isStored = (x: unknown): x is StoredTablet =>
  typeof x === 'object' && x !== null && typeof (x as StoredTablet).clientId === 'string' && typeof (x as StoredTablet).device === 'string';

export async function readTabletDirectory(db: AssetWalkDB): Promise<TabletDirectory> {
  const [node, blocks, listed] = await db.meta.bulkGet([NODE_KEY, BLOCKS_KEY, KNOWN_TABLETS_KEY]);
  const known = new Map<string, KnownTablet>();
  for (const t of Array.isArray(listed?.value) ? (listed.value as unknown[]) : []) {
    if (isStored(t)) known.set(t.clientId, { code: typeof t.code === 'number' ? t.code : null, device: t.device || null });
  }
  const self = typeof node?.value === 'string' ? node.value : null;
  if (self) {
    // The code this tablet mints with is the one typed here; the server's list fills in when none is.
    const listedSelf = known.get(self);
    known.set(self, { code: loadBlocks(blocks?.value).tabletCode ?? listedSelf?.code ?? null, device: listedSelf?.device ?? null });
  }
  return { self, known };
}

/** Keeps the server's tablet list for naming tablets later, offline too. */
export async function rememberTablets(db: AssetWalkDB, list: readonly TabletName[]): Promise<void> {
  const value: StoredTablet[] = list.map((t) => ({ clientId: t.clientId, code: t.code, device: t.deviceName }));
  await db.meta.put({ key: KNOWN_TABLETS_KEY, value });
}
