// Client companies (tenants), their sites, and locations inside a site.
export interface Tenant {
  id: string;
  name: string;
  /** Asset-number prefix of this client, e.g. "ACME". */
  assetPrefix: string;
  serviceDeskPhone: string;
  clocks: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export interface Site {
  id: string;
  tenantId: string;
  name: string;
  address: string;
  clocks: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export interface Location {
  id: string;
  tenantId: string;
  siteId: string;
  building: string;
  floor: string;
  room: string;
  clocks: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  /** Tombstone clock of a deleted location (db/deletes.ts). */
  deleted?: string;
}

export function locationLabel(l: Pick<Location, 'building' | 'floor' | 'room'>): string {
  return [l.building, l.floor, l.room].filter((s) => s.trim() !== '').join(' / ');
}
