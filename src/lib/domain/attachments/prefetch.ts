/**
 * Background download of attachment originals ("download originals: in the background"): whether
 * the tablet may, which originals and in what order, and whether its storage can take the next
 * one. Pure; src/lib/attachments/prefetch.ts reads the browser and the database and acts on it.
 *
 * Rules:
 * - only when chosen in Settings, online, without Save-Data, and not on a connection the browser
 *   says is cellular or metered (one that says nothing is taken as neither);
 * - originals of one client company, newest first, each once; a partly downloaded one counts only
 *   its missing bytes;
 * - never below MIN_FREE_SHARE of the quota or MIN_FREE_BYTES free after the next download, and
 *   not at all when the browser does not say how much room there is.
 */

export type OriginalsMode = 'on-demand' | 'background';
export const ORIGINALS_MODES: readonly OriginalsMode[] = ['on-demand', 'background'];

/** What the browser says of the network (navigator.onLine, navigator.connection). */
export interface NetworkState {
  online: boolean;
  saveData?: boolean;
  /** NetworkInformation.type where exposed: 'wifi', 'ethernet', 'cellular', … */
  type?: string;
  /** NetworkInformation.metered, which a few browsers expose. */
  metered?: boolean;
}

export type PrefetchBlock = 'off' | 'offline' | 'save-data' | 'metered';

/** Why the prefetch may not run now, or null when it may. */
export function prefetchBlock(mode: OriginalsMode, net: NetworkState): PrefetchBlock | null {
  if (mode !== 'background') return 'off';
  if (!net.online) return 'offline';
  if (net.saveData === true) return 'save-data';
  if (net.type === 'cellular' || net.metered === true) return 'metered';
  return null;
}

export const MIN_FREE_BYTES = 200 * 1024 * 1024;
export const MIN_FREE_SHARE = 0.1;

export interface StorageEstimateLike {
  usage: number | null;
  quota: number | null;
}

export type Room = { ok: true } | { ok: false; reason: 'unknown' } | { ok: false; reason: 'low'; free: number; quota: number };

/** Whether `bytes` more leave at least 10 % of the quota and 200 MB free. */
export function roomFor(estimate: StorageEstimateLike, bytes: number): Room {
  const { usage, quota } = estimate;
  if (usage === null || quota === null || !Number.isFinite(usage) || !Number.isFinite(quota) || quota <= 0) return { ok: false, reason: 'unknown' };
  const free = Math.max(0, quota - usage);
  const after = free - Math.max(0, bytes);
  if (after < MIN_FREE_BYTES || after < quota * MIN_FREE_SHARE) return { ok: false, reason: 'low', free, quota };
  return { ok: true };
}

/** An attachment record, as far as choosing its original goes. */
export interface OriginalRecord {
  tenantId: string;
  sha256: string;
  size: number;
  /** Creation time in ms (its creation clock), for newest first. */
  created: number;
  deleted?: boolean;
}

export interface OriginalToFetch {
  sha256: string;
  size: number;
  /** Bytes already kept from a cut download (it resumes there). */
  done: number;
}

/**
 * The originals of `tenantId` this tablet lacks, newest first. `missing` maps each hash the tablet
 * has no complete bytes of to the bytes it already holds.
 */
export function originalsToFetch(records: readonly OriginalRecord[], missing: ReadonlyMap<string, number>, tenantId: string): OriginalToFetch[] {
  const newest = new Map<string, OriginalRecord>();
  for (const r of records) {
    if (r.deleted || r.tenantId !== tenantId || !missing.has(r.sha256)) continue;
    const seen = newest.get(r.sha256);
    if (!seen || r.created > seen.created) newest.set(r.sha256, r);
  }
  return [...newest.values()]
    .sort((a, b) => b.created - a.created || a.sha256.localeCompare(b.sha256))
    .map((r) => ({ sha256: r.sha256, size: r.size, done: Math.min(r.size, Math.max(0, missing.get(r.sha256) ?? 0)) }));
}
