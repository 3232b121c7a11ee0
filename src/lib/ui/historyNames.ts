// Looks up the names the change history shows for id-valued fields (see domain/auditNames.ts).
// Read inside a Live query, so a renamed or deleted target updates the history too.
import type { Table } from 'dexie';
import { db } from '$lib/db';
import { locationLabel } from '$lib/domain/org';
import type { RefIds, RefKind, RefNames } from '$lib/domain/auditNames';

type Row = { id: string; deleted?: string };

async function lookup<T extends Row>(table: Table<T, string>, ids: string[], name: (row: T) => string): Promise<Map<string, string | null>> {
  const rows = ids.length ? await table.bulkGet(ids) : [];
  const out = new Map<string, string | null>();
  rows.forEach((row, i) => {
    if (row) out.set(ids[i]!, row.deleted ? null : name(row));
  });
  return out;
}

export async function loadRefNames(ids: RefIds): Promise<RefNames> {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const [tenant, site, location, device, label] = await Promise.all([
    lookup(db.tenants as Table<Row & { name: string }, string>, ids.tenant, (t) => t.name),
    lookup(db.sites as Table<Row & { name: string }, string>, ids.site, (s) => s.name),
    lookup(db.locations as Table<Row & { building: string; floor: string; room: string }, string>, ids.location, (l) => locationLabel(l)),
    lookup(db.devices as Table<Row & { assetNumber: string }, string>, ids.device, (d) => d.assetNumber),
    lookup(db.labels, ids.label, (l) => str(l.assetNumber))
  ]);
  return { tenant, site, location, device, label } satisfies Record<RefKind, Map<string, string | null>>;
}
