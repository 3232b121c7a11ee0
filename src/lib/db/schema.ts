/**
 * The tablet's database. Every version and its upgrade live here, in order; each upgrade has a
 * test (schema.spec.ts) that opens a database written by the version before it.
 *
 * v1: the first survey register (tenants, sites, locations, devices), no sync metadata.
 * v2: sync-ready: per-field clocks on every record, the outbox, the audit trail, conflicts,
 *     and the tables of labels, panels, checks and room audits.
 * v3: `profiles`, the register maps administrators write for insulation monitors the app does
 *     not ship a profile for (team-wide, synced). No data changes shape.
 * v4: `teamSettings`, settings the whole team shares for a client company (synced), e.g. the
 *     public address printed in label codes. No data changes shape.
 * v5: the team's tables (issues 9, 10, 11), all in one version: attachments and the local blob
 *     store; the service desk (articles and their versions, incidents and their work log,
 *     service settings, changes, equipment requests and approvals); the rest of the survey
 *     (drivers, network configuration versions, VLANs, IP plan, links, topology layouts,
 *     licences, OS images). No existing data changes shape. Scope rules: src/lib/sync/tables.ts.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Device } from '$lib/domain/device';
import type { Location, Site, Tenant } from '$lib/domain/org';
import type { AuditEntry, ConflictEntry, MetaEntry, OutboxEntry } from './types';

export const DB_NAME = 'assetwalk';

/** A record of any synced table: an id, per-field clocks and whatever fields its shape has. */
export interface SyncedRecord {
  id: string;
  clocks: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  deleted?: string;
  [field: string]: unknown;
}

export type DeviceRow = Device & { _macs: string[] };

export class AssetWalkDB extends Dexie {
  tenants!: EntityTable<Tenant, 'id'>;
  sites!: EntityTable<Site, 'id'>;
  locations!: EntityTable<Location, 'id'>;
  devices!: EntityTable<DeviceRow, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'clientSeq'>;
  audit!: EntityTable<AuditEntry, 'id'>;
  conflicts!: EntityTable<ConflictEntry, 'id'>;
  meta!: EntityTable<MetaEntry, 'key'>;
  labels!: Table<SyncedRecord, string>;
  labelEvents!: Table<SyncedRecord, string>;
  panels!: Table<SyncedRecord, string>;
  checks!: Table<SyncedRecord, string>;
  roomAudits!: Table<SyncedRecord, string>;
  profiles!: Table<SyncedRecord, string>;
  teamSettings!: Table<SyncedRecord, string>;
  // v5
  blobs!: Table<BlobRow, string>;
  attachments!: Table<SyncedRecord, string>;
  articles!: Table<SyncedRecord, string>;
  articleVersions!: Table<SyncedRecord, string>;
  incidents!: Table<SyncedRecord, string>;
  incidentLogs!: Table<SyncedRecord, string>;
  serviceConfigs!: Table<SyncedRecord, string>;
  changes!: Table<SyncedRecord, string>;
  equipmentRequests!: Table<SyncedRecord, string>;
  approvals!: Table<SyncedRecord, string>;
  drivers!: Table<SyncedRecord, string>;
  netConfigs!: Table<SyncedRecord, string>;
  vlans!: Table<SyncedRecord, string>;
  ipAssignments!: Table<SyncedRecord, string>;
  netLinks!: Table<SyncedRecord, string>;
  topoLayouts!: Table<SyncedRecord, string>;
  licences!: Table<SyncedRecord, string>;
  osImages!: Table<SyncedRecord, string>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      tenants: 'id, name',
      sites: 'id, tenantId',
      locations: 'id, siteId',
      devices: 'id, tenantId, siteId, locationId, assetNumber, serial'
    });
    this.version(2)
      .stores({
        tenants: 'id, name',
        sites: 'id, tenantId',
        locations: 'id, tenantId, siteId',
        devices: 'id, &[tenantId+assetNumber], tenantId, siteId, locationId, serial, *_macs, updatedAt',
        outbox: 'clientSeq, &mutationId, table',
        audit: '++id, [table+recordId], at',
        conflicts: '++id, [table+recordId]',
        meta: 'key',
        labels: 'id, &[tenantId+assetNumber], deviceId, state',
        labelEvents: 'id, labelId, at',
        panels: 'id, tenantId, siteId, deviceId',
        checks: 'id, panelId, signedAt',
        roomAudits: 'id, locationId, startedAt'
      })
      .upgrade(async (tx) => {
        // v1 rows carry no clocks: stamp each field with a clock derived from updatedAt, and
        // queue each row in the outbox, so the first sync sends them and any later edit wins.
        const node = crypto.randomUUID().replace(/-/g, '').slice(0, 16);
        let seq = 0;
        let wall = 0;
        const outbox: Record<string, unknown>[] = [];
        for (const name of ['tenants', 'sites', 'locations', 'devices'] as const) {
          await tx.table(name).toCollection().modify((row: Record<string, unknown>) => {
            const at = Date.parse(String(row.updatedAt ?? row.createdAt ?? '')) || 0;
            wall = Math.max(wall, at);
            const hlc = `${String(at).padStart(15, '0')}-0000-${node}`;
            const clocks: Record<string, string> = {};
            for (const k of Object.keys(row)) if (!['id', 'clocks', 'createdAt', 'updatedAt'].includes(k)) clocks[k] = hlc;
            row.clocks = clocks;
            row.createdAt ??= new Date(at).toISOString();
            row.updatedAt ??= new Date(at).toISOString();
            if (name === 'locations' && row.tenantId === undefined) row.tenantId = '';
            if (name === 'devices') {
              const hw = (row.hardware ?? {}) as { nics?: { mac?: string }[] };
              row._macs = (hw.nics ?? []).map((n) => n.mac ?? '').filter((m) => m !== '');
              row.assetNumber = String(row.assetNumber ?? '').trim().toUpperCase();
            }
            const fields: Record<string, unknown> = {};
            for (const k of Object.keys(clocks)) if (!k.startsWith('_')) fields[k] = row[k];
            outbox.push({ clientSeq: ++seq, mutationId: crypto.randomUUID(), clientId: node, table: name, recordId: row.id, op: 'upsert', fields, hlc });
          });
        }
        // Locations in v1 had no tenant: take it from their site.
        const sites = await tx.table('sites').toArray();
        const tenantOf = new Map(sites.map((s: { id: string; tenantId: string }) => [s.id, s.tenantId]));
        await tx.table('locations').toCollection().modify((l: { siteId: string; tenantId: string }) => {
          l.tenantId = tenantOf.get(l.siteId) ?? l.tenantId;
        });
        for (const e of outbox) {
          if (e.table === 'locations') (e.fields as { tenantId?: string }).tenantId = tenantOf.get(String((e.fields as { siteId?: string }).siteId)) ?? '';
        }
        await tx.table('outbox').bulkAdd(outbox);
        await tx.table('meta').bulkPut([
          { key: 'nodeId', value: node },
          { key: 'clientSeq', value: seq },
          { key: 'hlc', value: { wall, counter: 0, node } }
        ]);
      });
    this.version(3).stores({ profiles: 'id' });
    this.version(4).stores({ teamSettings: 'id' });
    this.version(5).stores({
      // Local only: the bytes of attachments, by SHA-256; `state` drives upload/download.
      blobs: 'sha256, state',
      attachments: 'id, tenantId, [ownerTable+ownerId], sha256, thumbSha256',
      articles: 'id, tenantId, kind, updatedAt',
      articleVersions: 'id, articleId, at',
      incidents: 'id, tenantId, siteId, deviceId, status, openedAt',
      incidentLogs: 'id, incidentId, at',
      serviceConfigs: 'id, tenantId',
      changes: 'id, tenantId, siteId, status',
      equipmentRequests: 'id, tenantId, siteId, status',
      approvals: 'id, requestId, changeId, at',
      drivers: 'id, tenantId, model, os',
      netConfigs: 'id, deviceId, at',
      vlans: 'id, tenantId, siteId',
      ipAssignments: 'id, tenantId, siteId, ip',
      netLinks: 'id, tenantId, siteId, fromDeviceId, toDeviceId',
      topoLayouts: 'id, tenantId',
      licences: 'id, tenantId, product',
      osImages: 'id, tenantId, groupKey'
    });
  }
}

/**
 * The bytes of one attachment, stored once whatever number of records name it.
 * state: 'pending' (made here, not yet uploaded), 'synced' (on the server and here),
 * 'missing' (named by a synced record, not downloaded yet).
 */
export interface BlobRow {
  sha256: string;
  size: number;
  type: string;
  state: 'pending' | 'synced' | 'missing';
  blob?: Blob;
  /** Bytes confirmed by the server (upload) or received (download), for resuming. */
  done: number;
  at: string;
}

export const SYNCED_TABLES = [
  'tenants',
  'sites',
  'locations',
  'devices',
  'labels',
  'panels',
  'profiles',
  'teamSettings',
  'attachments',
  'articles',
  'incidents',
  'serviceConfigs',
  'changes',
  'equipmentRequests',
  'drivers',
  'vlans',
  'ipAssignments',
  'netLinks',
  'topoLayouts',
  'licences',
  'osImages'
] as const;
export const INSERT_ONLY_TABLES = ['labelEvents', 'checks', 'roomAudits', 'articleVersions', 'incidentLogs', 'approvals', 'netConfigs'] as const;
export type SyncedTableName = (typeof SYNCED_TABLES)[number];
export type InsertOnlyTableName = (typeof INSERT_ONLY_TABLES)[number];
