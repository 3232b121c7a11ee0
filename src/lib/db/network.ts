/**
 * The network documentation's repository: configuration versions (insert-only), VLANs, the IP
 * plan, links between ports and the topology's dragged positions. Every write goes through
 * writer.ts; input is validated first and nothing is written when it is invalid.
 */
import type { Table } from 'dexie';
import type { Device } from '$lib/domain/device';
import { sameLink, type LinkEnds } from '$lib/domain/network/neighbours';
import { isNetworkType, type IpAssignment, type NetConfig, type NetLink, type TopoLayout, type Vlan } from '$lib/domain/network/types';
import { validateIp, validateLink, validateVlan, type NetErrors } from '$lib/domain/network/validate';
import { normalizeMac } from '$lib/domain/validate';
import type { AssetWalkDB, SyncedRecord } from './schema';
import { newId, syncTables, writeInTx, type WriteContext } from './writer';

export class NetValidationError extends Error {
  constructor(readonly errors: NetErrors) {
    super('invalid: ' + Object.keys(errors).join(', '));
    this.name = 'NetValidationError';
  }
}

type Stored<T> = T & Pick<SyncedRecord, 'clocks' | 'createdAt' | 'updatedAt' | 'deleted'>;
const live = <T extends { deleted?: string }>(rows: T[]) => rows.filter((r) => !r.deleted);
const check = (e: NetErrors) => { if (Object.keys(e).length > 0) throw new NetValidationError(e); };

export type VlanInput = Omit<Vlan, 'id'>;
export type IpInput = Omit<IpAssignment, 'id'>;
export type LinkInput = Omit<NetLink, 'id'>;

export class NetworkRepository {
  constructor(private readonly db: AssetWalkDB, private readonly ctx: WriteContext) {}

  private t<T>(table: Table<SyncedRecord, string>): Table<Stored<T>, string> {
    return table as unknown as Table<Stored<T>, string>;
  }

  private async put(table: Table<SyncedRecord, string>, id: string, fields: Record<string, unknown>, op: 'upsert' | 'insert' | 'delete' = 'upsert'): Promise<void> {
    const { db } = this;
    await db.transaction('rw', [table, ...syncTables(db)], async () => { await writeInTx(db, table, id, fields, this.ctx, op); });
  }

  /** Network devices of a site (or of the whole client), by name. */
  async networkDevices(tenantId: string, siteId?: string): Promise<Device[]> {
    const rows = siteId ? await this.db.devices.where('siteId').equals(siteId).toArray() : await this.db.devices.where('tenantId').equals(tenantId).toArray();
    return rows.filter((d) => !d.deleted && d.tenantId === tenantId && isNetworkType(d.type)).map(({ _macs: _, ...d }) => d)
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }));
  }

  // Configuration versions: newest first. A version is never edited; a new one is saved instead.
  async configs(deviceId: string): Promise<NetConfig[]> {
    const rows = await this.t<NetConfig>(this.db.netConfigs).where('deviceId').equals(deviceId).toArray();
    return rows.map(plain<NetConfig>).sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
  }

  async saveConfig(tenantId: string, deviceId: string, text: string, note: string, at?: string): Promise<NetConfig> {
    if (text.trim() === '') throw new NetValidationError({ text: 'required' });
    const rec: NetConfig = { id: newId(), tenantId, deviceId, at: at ?? new Date(this.ctx.now()).toISOString(), by: this.ctx.actor, text, note: note.trim() };
    await this.put(this.db.netConfigs, rec.id, { ...rec }, 'insert');
    return rec;
  }

  async vlans(siteId: string): Promise<Vlan[]> {
    const rows = live(await this.t<Vlan>(this.db.vlans).where('siteId').equals(siteId).toArray());
    return rows.map(plain<Vlan>).sort((a, b) => a.vlanId - b.vlanId);
  }

  async saveVlan(input: VlanInput, id = newId()): Promise<string> {
    const v = { ...input, name: input.name.trim(), subnet: input.subnet.trim(), gateway: input.gateway.trim(), purpose: input.purpose.trim() };
    check(validateVlan(v));
    await this.put(this.db.vlans, id, v);
    return id;
  }

  async ips(siteId: string): Promise<IpAssignment[]> {
    const rows = live(await this.t<IpAssignment>(this.db.ipAssignments).where('siteId').equals(siteId).toArray());
    return rows.map(plain<IpAssignment>).sort((a, b) => ipOrder(a.ip) - ipOrder(b.ip) || a.id.localeCompare(b.id));
  }

  async saveIp(input: IpInput, id = newId()): Promise<string> {
    check(validateIp(input));
    const fields: Record<string, unknown> = { tenantId: input.tenantId, siteId: input.siteId, ip: input.ip.trim(), note: input.note.trim() };
    fields.deviceId = input.deviceId || null;
    fields.mac = input.mac?.trim() ? normalizeMac(input.mac) : null;
    fields.vlanId = input.vlanId ?? null;
    await this.put(this.db.ipAssignments, id, fields);
    return id;
  }

  async links(siteId: string): Promise<NetLink[]> {
    return live(await this.t<NetLink>(this.db.netLinks).where('siteId').equals(siteId).toArray()).map(plain<NetLink>);
  }

  async linksOf(deviceId: string): Promise<NetLink[]> {
    const t = this.t<NetLink>(this.db.netLinks);
    const [a, b] = await Promise.all([t.where('fromDeviceId').equals(deviceId).toArray(), t.where('toDeviceId').equals(deviceId).toArray()]);
    return live([...a, ...b]).map(plain<NetLink>);
  }

  /** Saves a link; a cable already recorded (either way round) is not added twice. Returns its id. */
  async saveLink(input: LinkInput, id?: string): Promise<string> {
    const l = { ...input, fromPort: input.fromPort.trim(), toPort: input.toPort.trim() };
    check(validateLink(l));
    if (!id) {
      const dup = (await this.links(l.siteId)).find((x) => sameLink(x, l));
      if (dup) return dup.id;
    }
    const fields: Record<string, unknown> = { ...l, speed: l.speed?.trim() || null };
    const rid = id ?? newId();
    await this.put(this.db.netLinks, rid, fields);
    return rid;
  }

  /** Adds the links not recorded yet, in one transaction; returns how many were added. */
  async addLinks(tenantId: string, siteId: string, links: readonly (LinkEnds & Pick<NetLink, 'source'> & { speed?: string })[]): Promise<number> {
    const { db } = this;
    return db.transaction('rw', [db.netLinks, ...syncTables(db)], async () => {
      const have: LinkEnds[] = await this.links(siteId);
      let n = 0;
      for (const l of links) {
        if (have.some((h) => sameLink(h, l)) || Object.keys(validateLink(l)).length > 0) continue;
        await writeInTx(db, db.netLinks, newId(), { tenantId, siteId, ...l, speed: l.speed ?? null }, this.ctx);
        have.push(l);
        n++;
      }
      return n;
    });
  }

  async remove(table: 'vlans' | 'ipAssignments' | 'netLinks', id: string): Promise<void> {
    await this.put(this.db[table], id, {}, 'delete');
  }

  async layout(siteId: string): Promise<TopoLayout['positions']> {
    const row = await this.t<TopoLayout>(this.db.topoLayouts).get(siteId);
    return row && !row.deleted ? row.positions ?? {} : {};
  }

  /** Keeps the position a user dragged a device to (merged into the site's saved positions). */
  async savePosition(tenantId: string, siteId: string, nodeId: string, p: { x: number; y: number }): Promise<void> {
    const { db } = this;
    await db.transaction('rw', [db.topoLayouts, ...syncTables(db)], async () => {
      const positions = { ...(await this.layout(siteId)), [nodeId]: { x: Math.round(p.x), y: Math.round(p.y) } };
      await writeInTx(db, db.topoLayouts, siteId, { tenantId, siteId, positions }, this.ctx);
    });
  }

  async resetLayout(tenantId: string, siteId: string): Promise<void> {
    await this.put(this.db.topoLayouts, siteId, { tenantId, siteId, positions: {} });
  }
}

/** The record without the sync bookkeeping and without fields stored as null (absent in the domain shape). */
function plain<T>(r: Stored<T>): T {
  const { clocks: _c, createdAt: _a, updatedAt: _u, deleted: _d, ...rest } = r;
  for (const k of Object.keys(rest)) if ((rest as Record<string, unknown>)[k] === null) delete (rest as Record<string, unknown>)[k];
  return rest as T;
}

function ipOrder(ip: string): number {
  const p = ip.split('.').map(Number);
  return p.length === 4 && p.every((x) => Number.isInteger(x)) ? ((p[0]! * 256 + p[1]!) * 256 + p[2]!) * 256 + p[3]! : Number.MAX_SAFE_INTEGER;
}
