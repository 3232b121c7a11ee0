/**
 * The device list's search, filters and sort as URL query parameters, so that Back, a reload and
 * a shared link show the same list. Defaults are left out of the URL; unknown or malformed values
 * read as the default rather than failing.
 */
import { DEVICE_STATUSES, DEVICE_TYPES, type DeviceStatus, type DeviceType } from './device';
import { DEFAULT_SORT, isSortKey, type DeviceSort } from './deviceSort';

export interface ListState {
  query: string;
  type: DeviceType | '';
  status: DeviceStatus | '';
  locationId: string;
  warrantyWithin90: boolean;
  important: boolean;
  auditDue: boolean;
  sort: DeviceSort;
}

export function defaultListState(): ListState {
  return { query: '', type: '', status: '', locationId: '', warrantyWithin90: false, important: false, auditDue: false, sort: { ...DEFAULT_SORT } };
}

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | '' => (v !== null && (list as readonly string[]).includes(v) ? (v as T) : '');

export function listStateFromParams(p: URLSearchParams): ListState {
  const sortKey = p.get('sort') ?? '';
  return {
    query: p.get('q') ?? '',
    type: oneOf(DEVICE_TYPES, p.get('type')),
    status: oneOf(DEVICE_STATUSES, p.get('status')),
    locationId: p.get('loc') ?? '',
    warrantyWithin90: p.get('warranty') === '1',
    important: p.get('important') === '1',
    auditDue: p.get('auditDue') === '1',
    sort: { key: isSortKey(sortKey) ? sortKey : DEFAULT_SORT.key, dir: p.get('dir') === 'desc' ? 'desc' : 'asc' }
  };
}

/** The query string for a state (without '?'); '' for the default list. Order is fixed. */
export function listStateToSearch(s: ListState): string {
  const p = new URLSearchParams();
  if (s.query !== '') p.set('q', s.query);
  if (s.type) p.set('type', s.type);
  if (s.status) p.set('status', s.status);
  if (s.locationId) p.set('loc', s.locationId);
  if (s.warrantyWithin90) p.set('warranty', '1');
  if (s.important) p.set('important', '1');
  if (s.auditDue) p.set('auditDue', '1');
  if (s.sort.key !== DEFAULT_SORT.key) p.set('sort', s.sort.key);
  if (s.sort.dir === 'desc') p.set('dir', 'desc');
  return p.toString();
}
