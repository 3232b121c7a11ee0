/**
 * What the sync indicator says, derived from plain facts (pure: no Dexie, no Svelte).
 *
 * One state wins, in this order: refused > error > offline > syncing > pending > synced.
 * Refused edits come first because they never leave by themselves: a header that said
 * "Synced" while the server had refused changes hid lost work. Every state carries its words
 * (a message key and params) and, when the technician has something to do, what and where.
 */
/** What the scheduler (state/sync.svelte.ts) knows about the last or current run. */
export type SyncRun = 'idle' | 'syncing' | 'offline' | 'error' | 'unauthorized';

export interface SyncFacts {
  run: SyncRun;
  /** navigator.onLine */
  online: boolean;
  /** Outbox entries waiting to be sent. */
  pending: number;
  /** Entries the server refused (kept aside, never retried). */
  refused: number;
  lastSyncedAt: number | null;
  /** The engine's message of the last failed run ("HTTP 500", a fetch error), null after a success. */
  lastError: string | null;
}

export type SyncState = 'refused' | 'error' | 'unauthorized' | 'offline' | 'syncing' | 'pending' | 'synced' | 'never';

export type ErrorKind = 'network' | 'token' | 'upgrade' | 'server' | 'too-large' | 'invalid' | 'gone' | 'other';

export type SyncMessageKey =
  | 'sync.state.refused' | 'sync.state.error' | 'sync.state.unauthorized' | 'sync.state.offline'
  | 'sync.state.syncing' | 'sync.state.pending' | 'sync.state.synced' | 'sync.state.never'
  | 'sync.do.refused' | 'sync.do.token'
  | 'sync.pending' | 'sync.lastSynced' | 'sync.never'
  | `sync.err.${ErrorKind}`
  | `sync.reason.${RefusalKind}`;

export interface SyncMessage {
  key: SyncMessageKey;
  params?: Record<string, string | number>;
}

export interface SyncView {
  state: SyncState;
  tone: 'ok' | 'busy' | 'warn' | 'bad';
  /** The state in words. */
  headline: SyncMessage;
  /** What to do about it, when there is something to do. */
  action: SyncMessage | null;
  /** Where to do it. */
  href: string | null;
  /** Secondary lines: what waits, when it last synced, the last error. */
  details: SyncMessage[];
}

/** Settings › Sync, where refused entries are listed. */
export const SYNC_SETTINGS_HREF = '/settings#sync';

/** The engine's terse message ("HTTP 503", "Failed to fetch") as a kind the UI can say in words. */
export function errorKind(message: string): ErrorKind {
  const http = /HTTP (\d{3})/.exec(message);
  if (!http) return message.trim() === '' ? 'other' : 'network';
  const code = Number(http[1]);
  if (code === 401 || code === 403) return 'token';
  if (code === 426) return 'upgrade';
  if (code === 413) return 'too-large';
  if (code === 400 || code === 422) return 'invalid';
  if (code === 410) return 'gone';
  if (code >= 500 || code === 200) return 'server';
  return 'other';
}

function errorMessage(message: string): SyncMessage {
  const code = /HTTP (\d{3})/.exec(message)?.[1];
  return { key: `sync.err.${errorKind(message)}`, params: { code: code ?? '', message } };
}

/** `formatTime` renders the last sync time for the current language (the caller owns locale). */
export function syncView(f: SyncFacts, formatTime: (ms: number) => string): SyncView {
  const details: SyncMessage[] = [];
  if (f.pending > 0) details.push({ key: 'sync.pending', params: { count: f.pending } });
  details.push(f.lastSyncedAt === null ? { key: 'sync.never' } : { key: 'sync.lastSynced', params: { time: formatTime(f.lastSyncedAt) } });
  // In the error state the last error is the action line already.
  if (f.lastError !== null && !(f.refused === 0 && f.run === 'error')) details.push(errorMessage(f.lastError));
  const view = (state: SyncState, tone: SyncView['tone'], headline: SyncMessage, action: SyncMessage | null = null, href: string | null = null): SyncView =>
    ({ state, tone, headline, action, href, details });

  if (f.refused > 0) return view('refused', 'bad', { key: 'sync.state.refused', params: { count: f.refused } }, { key: 'sync.do.refused' }, SYNC_SETTINGS_HREF);
  if (f.run === 'unauthorized') return view('unauthorized', 'bad', { key: 'sync.state.unauthorized' }, { key: 'sync.do.token' }, '/settings');
  if (f.run === 'error') return view('error', 'bad', { key: 'sync.state.error' }, errorMessage(f.lastError ?? ''));
  if (!f.online || f.run === 'offline') return view('offline', 'warn', { key: 'sync.state.offline' });
  if (f.run === 'syncing') return view('syncing', 'busy', { key: 'sync.state.syncing' });
  if (f.pending > 0) return view('pending', 'busy', { key: 'sync.state.pending', params: { count: f.pending } });
  return f.lastSyncedAt === null ? view('never', 'warn', { key: 'sync.state.never' }) : view('synced', 'ok', { key: 'sync.state.synced' });
}

export type RefusalKind = 'insert-only' | 'op-not-allowed' | 'forbidden-site' | 'tenant-mismatch' | 'too-large' | 'invalid' | 'other';
const REFUSALS: readonly RefusalKind[] = ['insert-only', 'op-not-allowed', 'forbidden-site', 'tenant-mismatch', 'too-large', 'invalid'];

/** The server's reason for refusing an entry (wire.ts RejectReason, or push.ts's own), in words. */
export function refusalMessage(reason: string): SyncMessage {
  const kind = (REFUSALS as readonly string[]).includes(reason) ? (reason as RefusalKind) : 'other';
  return { key: `sync.reason.${kind}`, params: { reason } };
}

const TABLES = ['tenants', 'sites', 'locations', 'devices', 'labels', 'labelEvents', 'panels', 'checks', 'roomAudits', 'profiles'] as const;
type TableKey = `sync.table.${(typeof TABLES)[number] | 'other'}`;
type OpKey = `sync.op.${'upsert' | 'insert' | 'delete' | 'restore'}`;

/** A refused outbox entry as a technician reads it: what kind of record, which one, what was done. */
export interface RefusedLine {
  kind: { key: TableKey; params: { table: string } };
  op: { key: OpKey };
  /** The record's own name (asset number, name, room…) when the entry carries one, else a short id. */
  name: string;
  /** Where the record can be opened, when the app has a page for it. */
  href: string | null;
  fields: string[];
  reason: SyncMessage;
}

const NAME_FIELDS = ['assetNumber', 'name', 'room', 'systemId', 'building'] as const;

export function refusedLine(e: { table: string; recordId: string; op: string; fields: Record<string, unknown> }, reason: string): RefusedLine {
  const known = (TABLES as readonly string[]).includes(e.table);
  const name = NAME_FIELDS.map((f) => e.fields[f]).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  const op = (['upsert', 'insert', 'delete', 'restore'] as const).find((o) => o === e.op) ?? 'upsert';
  const href = e.op === 'delete' ? null : e.table === 'devices' ? `/devices/${e.recordId}` : e.table === 'panels' ? `/panels/${e.recordId}` : null;
  return {
    kind: { key: known ? (`sync.table.${e.table}` as TableKey) : 'sync.table.other', params: { table: e.table } },
    op: { key: `sync.op.${op}` },
    name: name ?? e.recordId.slice(0, 8),
    href,
    fields: Object.keys(e.fields).filter((f) => !f.startsWith('_')),
    reason: refusalMessage(reason)
  };
}
