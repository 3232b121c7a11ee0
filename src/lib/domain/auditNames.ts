/**
 * How a value in the change history is shown. Fields that hold the id of another record
 * (locationId, siteId, deviceId…) are shown by the name of what they point to, so a move reads
 * "门诊楼 / 3F / 301 → 门诊楼 / 3F / 305", not two UUIDs. A target that was deleted or is not on
 * this tablet is shown as such with a shortened id; a raw UUID is never shown.
 */

export type RefKind = 'tenant' | 'site' | 'location' | 'device' | 'label';

/** Id-valued fields of the synced tables and what they point to. */
const REF_FIELDS: Readonly<Record<string, RefKind>> = {
  tenantId: 'tenant',
  siteId: 'site',
  locationId: 'location',
  deviceId: 'device',
  labelId: 'label'
};

export const REF_KINDS: readonly RefKind[] = ['tenant', 'site', 'location', 'device', 'label'];

export function refKind(field: string): RefKind | null {
  return Object.hasOwn(REF_FIELDS, field) ? REF_FIELDS[field]! : null;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The first eight characters: enough to tell records apart when talking to the service desk. */
export function shortId(id: string): string {
  return UUID_RE.test(id) ? id.slice(0, 8) : id.length > 12 ? id.slice(0, 8) + '…' : id;
}

export type RefIds = Record<RefKind, string[]>;

/** The distinct ids the entries point to, per kind: what the history has to look up. */
export function referencedIds(entries: readonly { field: string; from: unknown; to: unknown }[]): RefIds {
  const sets = Object.fromEntries(REF_KINDS.map((k) => [k, new Set<string>()])) as Record<RefKind, Set<string>>;
  for (const e of entries) {
    const kind = refKind(e.field);
    if (!kind) continue;
    for (const v of [e.from, e.to]) if (typeof v === 'string' && v !== '') sets[kind].add(v);
  }
  return Object.fromEntries(REF_KINDS.map((k) => [k, [...sets[k]].sort()])) as RefIds;
}

/**
 * Names of referenced records, per kind: a string for a live record, null for one that was
 * deleted (a tombstone). An id missing from the map is unknown on this tablet.
 */
export type RefNames = Record<RefKind, ReadonlyMap<string, string | null>>;

export function emptyRefNames(): RefNames {
  return { tenant: new Map(), site: new Map(), location: new Map(), device: new Map(), label: new Map() };
}

export type ShownValue =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  /** The record it pointed to was deleted. */
  | { kind: 'removed'; id: string }
  /** Not on this tablet (not synced yet, or never existed). */
  | { kind: 'unknown'; id: string };

const MAX_TEXT = 120;

export function showAuditValue(field: string, value: unknown, names: RefNames): ShownValue {
  if (value === null || value === undefined || value === '') return { kind: 'empty' };
  const kind = refKind(field);
  if (kind && typeof value === 'string') {
    const name = names[kind].get(value);
    if (name === undefined) return { kind: 'unknown', id: shortId(value) };
    if (name === null) return { kind: 'removed', id: shortId(value) };
    return name.trim() === '' ? { kind: 'text', text: shortId(value) } : { kind: 'text', text: name };
  }
  const raw = typeof value === 'string' ? value : JSON.stringify(value);
  // Any other id (a check, a profile, one inside a JSON value) is shortened rather than shown raw.
  const text = raw.replace(UUID_ANYWHERE, (id) => shortId(id));
  return { kind: 'text', text: text.length > MAX_TEXT ? text.slice(0, MAX_TEXT - 1) + '…' : text };
}
