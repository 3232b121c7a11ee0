/**
 * One garbage-collection run, as main.ts schedules it (at start, then daily) and `npm run admin
 * -- gc` runs it: tombstones (store/gc.ts), then blobs (store/blob-sweep.ts: tombstones collected
 * just before may have been the last records naming a blob), then ended sessions
 * (store/sessions.ts). Each step runs even when an earlier one failed (a lasting failure of one
 * must not stop the others), and every failure is reported.
 */
import type { Config } from '../config.ts';
import { LOGIN_WINDOW_MS } from '../routes/auth.ts';
import type { BlobSweepResult } from '../store/blob-sweep.ts';
import type { GcResult } from '../store/gc.ts';
import type { Store } from '../store/index.ts';
import type { SessionPruneResult } from '../store/sessions.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type GcSettings = Pick<Config, 'tombstoneTtlDays' | 'blobGraceDays' | 'partialUploadHours' | 'sessionRetentionDays'>;

export interface GcReport {
  tombstones: GcResult | null;
  blobs: BlobSweepResult | null;
  sessions: SessionPruneResult | null;
  /** One line per failed step. */
  errors: string[];
}

export async function runGc(store: Store, s: GcSettings, now: number): Promise<GcReport> {
  const errors: string[] = [];
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T | null> => {
    try {
      return await fn();
    } catch (e) {
      errors.push(`${name} failed: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  };
  const tombstones = await step('tombstone collection', () => store.collectTombstones({ now, ttlDays: s.tombstoneTtlDays }));
  const blobs = await step('blob sweep', () =>
    store.blobs.sweep({ now, graceMs: s.blobGraceDays * DAY_MS, partialMaxAgeMs: s.partialUploadHours * HOUR_MS }));
  const sessions = await step('session pruning', () =>
    store.pruneSessions({ now, retentionMs: s.sessionRetentionDays * DAY_MS, loginWindowMs: LOGIN_WINDOW_MS }));
  return { tombstones, blobs, sessions, errors };
}

const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MiB`;

/** The report in words, one line per step that ran, then the failures. */
export function gcLines(r: GcReport, s: GcSettings): string[] {
  const lines: string[] = [];
  if (r.tombstones) lines.push(`Collected ${r.tombstones.collected} tombstones older than ${s.tombstoneTtlDays} days in ${r.tombstones.tenants} client companies.`);
  if (r.blobs) {
    const { partial: p, unreferenced: u } = r.blobs;
    lines.push(
      `Dropped ${p.count} unfinished uploads untouched for ${s.partialUploadHours} hours (${mib(p.bytes)}) and ${u.count} files no record names, ` +
        `untouched for ${s.blobGraceDays} days (${mib(u.bytes)}), in ${r.blobs.tenants} client companies: ${p.bytes + u.bytes} bytes freed.`
    );
  }
  if (r.sessions) {
    const x = r.sessions;
    lines.push(`Removed ${x.sessions} sessions ended more than ${s.sessionRetentionDays} days ago, ${x.spentRefresh} spent refresh tokens and ${x.loginFailures} old login failures.`);
  }
  return [...lines, ...r.errors];
}
