// Tenants (client companies), sites and locations.
import type { Table } from 'dexie';
import type { Location, Site, Tenant } from '$lib/domain/org';
import type { AssetWalkDB } from './schema';
import { newId, syncTables, writeInTx, type WriteContext } from './writer';

export type TenantInput = Pick<Tenant, 'name' | 'assetPrefix' | 'serviceDeskPhone'>;
export type SiteInput = Pick<Site, 'tenantId' | 'name' | 'address'>;
export type LocationInput = Pick<Location, 'tenantId' | 'siteId' | 'building' | 'floor' | 'room'>;

export class OrgRepository {
  constructor(private readonly db: AssetWalkDB, private readonly ctx: WriteContext) {}

  tenants(): Promise<Tenant[]> {
    return this.db.tenants.orderBy('name').toArray();
  }
  tenant(id: string): Promise<Tenant | undefined> {
    return this.db.tenants.get(id);
  }
  sites(tenantId: string): Promise<Site[]> {
    return this.db.sites.where('tenantId').equals(tenantId).sortBy('name');
  }
  site(id: string): Promise<Site | undefined> {
    return this.db.sites.get(id);
  }
  /** Live locations of a site (a deleted one is offered again only after a restore). */
  locations(siteId: string): Promise<Location[]> {
    return this.db.locations.where('siteId').equals(siteId).filter((l) => !l.deleted).toArray().then((ls) =>
      ls.sort((a, b) => (a.building + a.floor + a.room).localeCompare(b.building + b.floor + b.room, 'zh-CN', { numeric: true }))
    );
  }
  location(id: string): Promise<Location | undefined> {
    return this.db.locations.get(id);
  }

  async createTenant(input: TenantInput, id = newId()): Promise<Tenant> {
    if (!input.name.trim()) throw new Error('tenant name required');
    return this.write(this.db.tenants, id, { ...input, name: input.name.trim(), assetPrefix: input.assetPrefix.trim().toUpperCase() });
  }
  async createSite(input: SiteInput, id = newId()): Promise<Site> {
    if (!input.name.trim()) throw new Error('site name required');
    return this.write(this.db.sites, id, { ...input });
  }
  async createLocation(input: LocationInput, id = newId()): Promise<Location> {
    return this.write(this.db.locations, id, { ...input });
  }
  /** Finds the location with this building/floor/room at a site, creating it when new. */
  async ensureLocation(input: LocationInput): Promise<Location> {
    const all = await this.locations(input.siteId);
    const hit = all.find((l) => l.building === input.building && l.floor === input.floor && l.room === input.room);
    return hit ?? this.createLocation(input);
  }

  private async write<T extends { id: string; clocks: Record<string, string> }, TI>(table: Table<T, string, TI>, id: string, fields: Record<string, unknown>): Promise<T> {
    const { db } = this;
    return db.transaction('rw', [table, ...syncTables(db)], async () => (await writeInTx(db, table, id, fields, this.ctx)).record);
  }
}
