/**
 * Room audits, insert-only. One table (`roomAudits`) holds four kinds of records, each written
 * once through writeInTx(op 'insert') and never changed, so two tablets can never conflict:
 *   audit   the header: who started it, when, which room, and the devices expected there then;
 *   scan    one per scan, with what it resolved to at that moment;
 *   move    a misplaced device the technician moved into the room (the device itself is
 *           updated in the same transaction, through DeviceRepository);
 *   finish  the findings when the audit was closed; id `<auditId>:finish`, so it exists once.
 * Indexes: all kinds carry `locationId` (an audit's records are read through it and filtered by
 * auditId); only `audit` and `finish` carry `startedAt`, and IndexedDB leaves records without the
 * key path out of an index, so the `startedAt` index lists just headers and summaries.
 * Findings are always recomputed from the records (computeFindings), never stored mid-way, so a
 * reload resumes exactly where the audit was.
 */
import { computeFindings, summarize, type AuditScanResult, type ExpectedDevice, type Findings, type FindingsSummary } from '$lib/domain/scan/audit';
import type { Table } from 'dexie';
import type { DeviceRepository } from './devices';
import type { AssetWalkDB, SyncedRecord } from './schema';
import { newId, syncTables, writeInTx, type WriteContext } from './writer';

interface Base { id: string; auditId: string; tenantId: string; siteId: string; locationId: string }
export interface AuditHeader extends Base { kind: 'audit'; startedAt: string; startedBy: string; expected: ExpectedDevice[] }
export interface AuditScanRecord extends Base { kind: 'scan'; at: string; text: string; source: string; result: AuditScanResult }
export interface AuditMoveRecord extends Base { kind: 'move'; at: string; deviceId: string; from: string | null }
export interface AuditFinishRecord extends Base { kind: 'finish'; startedAt: string; finishedAt: string; finishedBy: string; findings: FindingsSummary }
type AuditRecord = AuditHeader | AuditScanRecord | AuditMoveRecord | AuditFinishRecord;
type Stored<T> = T & Pick<SyncedRecord, 'clocks' | 'createdAt' | 'updatedAt'>;

export interface RoomAudit {
  header: AuditHeader;
  scans: AuditScanRecord[];
  moves: AuditMoveRecord[];
  finish: AuditFinishRecord | null;
  findings: Findings;
}

export class AuditClosedError extends Error {
  constructor(readonly auditId: string) {
    super(`audit ${auditId} is finished`);
    this.name = 'AuditClosedError';
  }
}

/** Write order: the clock stamped on the record's first field (HLC strings sort in time order). */
function order(r: Stored<AuditRecord>): string {
  return r.clocks.kind ?? r.createdAt;
}

export class RoomAuditRepository {
  constructor(private readonly db: AssetWalkDB, private readonly ctx: WriteContext, private readonly devices: DeviceRepository) {}

  /** The table with this file's record shapes (the schema declares it as generic synced records). */
  private get table(): Table<Stored<AuditRecord>, string> {
    return this.db.roomAudits as unknown as Table<Stored<AuditRecord>, string>;
  }

  private async insert<T extends AuditRecord>(fields: T): Promise<T> {
    await writeInTx(this.db, this.table, fields.id, { ...fields }, this.ctx, 'insert');
    return fields;
  }

  private tx<T>(work: () => Promise<T>): Promise<T> {
    const { db } = this;
    return db.transaction('rw', [db.roomAudits, db.devices, ...syncTables(db)], work);
  }

  /** Starts an audit of a room, snapshotting the devices registered there (retired ones excepted). */
  async start(input: { tenantId: string; siteId: string; locationId: string }): Promise<AuditHeader> {
    return this.tx(async () => {
      const rows = await this.devices.listByLocation(input.locationId);
      const expected = rows
        .filter((d) => d.status !== 'retired')
        .map((d) => ({ deviceId: d.id, assetNumber: d.assetNumber, name: d.name }))
        .sort((a, b) => a.assetNumber.localeCompare(b.assetNumber));
      const id = newId();
      return this.insert<AuditHeader>({
        kind: 'audit', id, auditId: id, ...input,
        startedAt: new Date(this.ctx.now()).toISOString(), startedBy: this.ctx.actor, expected
      });
    });
  }

  private async records(auditId: string): Promise<{ header: AuditHeader; rest: Stored<AuditRecord>[] } | undefined> {
    const header = await this.table.get(auditId);
    if (!header || header.kind !== 'audit') return undefined;
    const rows = await this.table.where('locationId').equals(header.locationId).toArray();
    const rest = rows.filter((r) => r.auditId === auditId && r.kind !== 'audit').sort((a, b) => order(a).localeCompare(order(b)));
    return { header, rest };
  }

  async get(auditId: string): Promise<RoomAudit | undefined> {
    const r = await this.records(auditId);
    if (!r) return undefined;
    const scans = r.rest.filter((x): x is Stored<AuditScanRecord> => x.kind === 'scan');
    const moves = r.rest.filter((x): x is Stored<AuditMoveRecord> => x.kind === 'move');
    const finish = r.rest.find((x): x is Stored<AuditFinishRecord> => x.kind === 'finish') ?? null;
    const findings = computeFindings(r.header.locationId, r.header.expected, scans, moves);
    return { header: r.header, scans, moves, finish, findings };
  }

  private async open(auditId: string): Promise<AuditHeader> {
    const a = await this.records(auditId);
    if (!a) throw new Error(`audit ${auditId} not found`);
    if (a.rest.some((x) => x.kind === 'finish')) throw new AuditClosedError(auditId);
    return a.header;
  }

  private base(h: AuditHeader): Omit<Base, 'id'> {
    return { auditId: h.id, tenantId: h.tenantId, siteId: h.siteId, locationId: h.locationId };
  }

  async addScan(auditId: string, text: string, source: string, result: AuditScanResult): Promise<AuditScanRecord> {
    return this.tx(async () => {
      const h = await this.open(auditId);
      return this.insert<AuditScanRecord>({ kind: 'scan', id: newId(), ...this.base(h), at: new Date(this.ctx.now()).toISOString(), text, source, result });
    });
  }

  /** Registers a misplaced device in the audited room, and records that it was moved. */
  async moveHere(auditId: string, deviceId: string): Promise<AuditMoveRecord> {
    return this.tx(async () => {
      const h = await this.open(auditId);
      const d = await this.devices.get(deviceId);
      if (!d) throw new Error(`device ${deviceId} not found`);
      if (d.tenantId !== h.tenantId) throw new Error(`device ${deviceId} belongs to another client`);
      const from = d.locationId;
      if (from !== h.locationId) await this.devices.update(deviceId, { ...d, siteId: h.siteId, locationId: h.locationId });
      return this.insert<AuditMoveRecord>({ kind: 'move', id: newId(), ...this.base(h), at: new Date(this.ctx.now()).toISOString(), deviceId, from });
    });
  }

  async finish(auditId: string): Promise<AuditFinishRecord> {
    return this.tx(async () => {
      const h = await this.open(auditId);
      const a = (await this.get(auditId))!;
      return this.insert<AuditFinishRecord>({
        kind: 'finish', id: `${auditId}:finish`, ...this.base(h), startedAt: h.startedAt,
        finishedAt: new Date(this.ctx.now()).toISOString(), finishedBy: this.ctx.actor, findings: summarize(a.findings)
      });
    });
  }

  /** Headers and summaries of a site's audits, newest first. */
  async listForSite(siteId: string): Promise<{ open: AuditHeader[]; finished: { header: AuditHeader; finish: AuditFinishRecord }[] }> {
    const rows = await this.table.orderBy('startedAt').reverse().toArray();
    const mine = rows.filter((r) => r.siteId === siteId);
    const finishes = new Map(mine.filter((r): r is Stored<AuditFinishRecord> => r.kind === 'finish').map((f) => [f.auditId, f]));
    const headers = mine.filter((r): r is Stored<AuditHeader> => r.kind === 'audit');
    return {
      open: headers.filter((h) => !finishes.has(h.id)),
      finished: headers.flatMap((h) => {
        const finish = finishes.get(h.id);
        return finish ? [{ header: h, finish }] : [];
      })
    };
  }

  /** Last finished audit per room and per device seen in one (found or moved there), for a site. */
  async lastAudits(siteId: string): Promise<{ byLocation: Map<string, string>; byDevice: Map<string, string> }> {
    const rows = await this.table.where('startedAt').above('').toArray();
    const byLocation = new Map<string, string>();
    const byDevice = new Map<string, string>();
    const later = (m: Map<string, string>, k: string, at: string) => {
      if ((m.get(k) ?? '') < at) m.set(k, at);
    };
    for (const r of rows) {
      if (r.kind !== 'finish' || r.siteId !== siteId) continue;
      later(byLocation, r.locationId, r.finishedAt);
      for (const id of r.findings.found) later(byDevice, id, r.finishedAt);
      for (const m of r.findings.misplaced) if (m.moved) later(byDevice, m.deviceId, r.finishedAt);
    }
    return { byLocation, byDevice };
  }
}
