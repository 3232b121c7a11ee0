// What a label says: the code's payload and the text lines a template picks.
import { assetUrl } from '../assetNumber';
import type { Device } from '../device';
import { locationLabel, type Location, type Site, type Tenant } from '../org';

export const TEXT_FIELDS = ['name', 'model', 'siteRoom', 'user', 'phone', 'company'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** Everything one label can show. The asset number is always printed. */
export interface LabelData {
  assetNumber: string;
  /** What the QR/DataMatrix carries; Code 128 carries the bare asset number. */
  url: string;
  text: Partial<Record<TextField, string>>;
}

export interface ContentContext {
  origin: string;
  tenant?: Pick<Tenant, 'name' | 'serviceDeskPhone'>;
  site?: Pick<Site, 'name'>;
  location?: Pick<Location, 'building' | 'floor' | 'room'> | null;
}

export function labelDataForDevice(d: Pick<Device, 'assetNumber' | 'name' | 'model' | 'assignedUser'>, c: ContentContext): LabelData {
  const room = c.location ? locationLabel(c.location) : '';
  const siteRoom = [c.site?.name ?? '', room].filter((s) => s !== '').join(' · ');
  return {
    assetNumber: d.assetNumber,
    url: assetUrl(c.origin, d.assetNumber),
    text: {
      name: d.name, model: d.model, siteRoom, user: d.assignedUser,
      phone: c.tenant?.serviceDeskPhone ?? '', company: c.tenant?.name ?? ''
    }
  };
}

/** The link a room label's QR carries: scanned, it starts (or resumes) that room's audit. */
export function roomUrl(origin: string, locationId: string): string {
  return `${origin.replace(/\/+$/, '')}/audit/room/${encodeURIComponent(locationId)}`;
}

/**
 * A room label for audits. Rooms are not assets: the first line is the room's name rather than a
 * number, and the 2-D code carries the room link (a Code 128 would only carry the name).
 */
export function labelDataForRoom(l: Pick<Location, 'id' | 'building' | 'floor' | 'room'>, c: ContentContext): LabelData {
  return {
    assetNumber: locationLabel(l),
    url: roomUrl(c.origin, l.id),
    text: { siteRoom: c.site?.name ?? '', phone: c.tenant?.serviceDeskPhone ?? '', company: c.tenant?.name ?? '' }
  };
}

/** An unclaimed pre-printed label: the number, and the company's lines only. */
export function labelDataForNumber(assetNumber: string, c: ContentContext): LabelData {
  return {
    assetNumber,
    url: assetUrl(c.origin, assetNumber),
    text: { phone: c.tenant?.serviceDeskPhone ?? '', company: c.tenant?.name ?? '' }
  };
}

/** The lines printed, asset number first; empty fields are skipped. */
export function textLines(data: LabelData, fields: readonly TextField[]): { field: TextField | 'assetNumber'; text: string }[] {
  const out: { field: TextField | 'assetNumber'; text: string }[] = [{ field: 'assetNumber', text: data.assetNumber }];
  for (const f of fields) {
    const v = (data.text[f] ?? '').replace(/\s+/g, ' ').trim();
    if (v !== '') out.push({ field: f, text: v });
  }
  return out;
}

/**
 * A fingerprint of everything a label could print (FNV-1a over a canonical string), stored
 * at print time: a label whose fingerprint differs has changed since its last print.
 */
export function contentFingerprint(data: LabelData): string {
  const canon = JSON.stringify([data.assetNumber, data.url, ...TEXT_FIELDS.map((f) => data.text[f] ?? '')]);
  let h = 0x811c9dc5;
  for (let i = 0; i < canon.length; i++) {
    h ^= canon.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
