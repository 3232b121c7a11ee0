/**
 * The findings of a client's survey report (phase 2): plain counts and lists computed from the
 * register and the survey's records, in one pass the PDF and the screen both read. The
 * recommended actions are derived from these findings by the rules of reportRules.ts.
 * Invariant: every list is sorted the same way for the same input (name, then id), so two
 * reports of the same data are identical.
 */
import { warrantyEndsWithin, warrantyExpired, type DeviceFields, type DeviceType } from '../device';
import { antivirusSummary, imageCoverage, softwareCatalogue, softwareCompliance, type ComplianceRow, type ImageRecord, type LicenceRecord } from './index';

export type ReportDevice = Pick<DeviceFields, 'name' | 'type' | 'assetNumber' | 'siteId' | 'locationId' | 'warrantyEnd' | 'status' | 'importance' | 'software' | 'hardware' | 'manufacturer' | 'model' | 'department' | 'assignedUser'> & { id: string };
export interface ReportLocation { id: string; siteId: string; building: string; floor: string; room: string }

export interface SurveyInput {
  today: string; // YYYY-MM-DD
  sites: readonly { id: string; name: string }[];
  locations: readonly ReportLocation[];
  devices: readonly ReportDevice[];
  licences: readonly LicenceRecord[];
  images: readonly ImageRecord[];
  /** Conflicts in the sites' IP plans (ipConflicts of domain/network/ipPlan). */
  ipConflicts: number;
}

export interface DeviceRef { id: string; name: string; assetNumber: string; detail: string }

export interface Findings {
  total: number;
  byType: { type: DeviceType; count: number }[];
  /** Per site and building ('' when a device has no location). */
  byLocation: { site: string; building: string; count: number }[];
  warrantyEnding: DeviceRef[]; // within WARRANTY_DAYS, detail = end date
  warrantyEnded: DeviceRef[]; // in use, past its end, detail = end date
  noAntivirus: DeviceRef[]; // missing or disabled, detail = state
  antivirusOutdated: DeviceRef[];
  antivirusUnknown: DeviceRef[];
  computers: number;
  unlicensed: ComplianceRow[]; // unlicensed, over-deployed or expired licences
  imaged: { covered: number; total: number; uncovered: DeviceRef[]; importantWithoutOwnImage: DeviceRef[] };
  special: DeviceRef[]; // medical and other special equipment, detail = model
  ipConflicts: number;
}

export const WARRANTY_DAYS = 90;
/** Special equipment (survey artefact 1.6): devices that need their own FAQ and care. */
export const SPECIAL_TYPES: readonly DeviceType[] = ['medical'];

const byName = (a: DeviceRef, b: DeviceRef) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id);

export function surveyFindings(input: SurveyInput): Findings {
  const devices = input.devices;
  const ref = (d: ReportDevice, detail: string): DeviceRef => ({ id: d.id, name: d.name || d.assetNumber, assetNumber: d.assetNumber, detail });
  const byId = new Map(devices.map((d) => [d.id, d]));
  const refs = (ids: readonly string[], detail: (d: ReportDevice) => string) => ids.flatMap((id) => { const d = byId.get(id); return d ? [ref(d, detail(d))] : []; }).sort(byName);

  const types = new Map<DeviceType, number>();
  for (const d of devices) types.set(d.type, (types.get(d.type) ?? 0) + 1);
  const siteName = new Map(input.sites.map((s) => [s.id, s.name]));
  const locs = new Map(input.locations.map((l) => [l.id, l]));
  const places = new Map<string, { site: string; building: string; count: number }>();
  for (const d of devices) {
    const site = siteName.get(d.siteId) ?? '';
    const building = (d.locationId ? locs.get(d.locationId)?.building : '') ?? '';
    const k = `${site}\u0000${building}`;
    const p = places.get(k) ?? places.set(k, { site, building, count: 0 }).get(k)!;
    p.count++;
  }

  const inUse = devices.filter((d) => d.status !== 'retired');
  const av = antivirusSummary(inUse);
  const atRisk = new Map(av.atRisk.map((r) => [r.id, r.state]));
  const coverage = imageCoverage(inUse, input.images);
  const compliance = softwareCompliance(softwareCatalogue(inUse), input.licences, input.today);

  return {
    total: devices.length,
    byType: [...types].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    byLocation: [...places.values()].sort((a, b) => a.site.localeCompare(b.site, 'zh-CN') || a.building.localeCompare(b.building, 'zh-CN')),
    warrantyEnding: inUse.filter((d) => warrantyEndsWithin(d, WARRANTY_DAYS, input.today)).map((d) => ref(d, d.warrantyEnd ?? '')).sort(byName),
    warrantyEnded: inUse.filter((d) => warrantyExpired(d, input.today)).map((d) => ref(d, d.warrantyEnd ?? '')).sort(byName),
    noAntivirus: refs([...atRisk].filter(([, s]) => s !== 'outdated').map(([id]) => id), (d) => d.software.antivirus.state),
    antivirusOutdated: refs([...atRisk].filter(([, s]) => s === 'outdated').map(([id]) => id), (d) => d.software.antivirus.name),
    antivirusUnknown: refs(av.unknown, () => ''),
    computers: Object.values(av.counts).reduce((a, b) => a + b, 0),
    unlicensed: compliance.filter((r) => r.status === 'unlicensed' || r.status === 'overDeployed' || r.status === 'expired'),
    imaged: {
      covered: coverage.covered, total: coverage.total,
      uncovered: refs(coverage.uncovered, (d) => d.model),
      importantWithoutOwnImage: refs(coverage.importantWithoutOwnImage, (d) => d.department)
    },
    special: inUse.filter((d) => SPECIAL_TYPES.includes(d.type)).map((d) => ref(d, `${d.manufacturer} ${d.model}`.trim())).sort(byName),
    ipConflicts: input.ipConflicts
  };
}
