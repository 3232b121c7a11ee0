/**
 * Search-as-you-type over a site's devices, in memory.
 *
 * IndexedDB cannot do substring search; scanning 50,000 records through it per keystroke costs
 * hundreds of milliseconds. So the list keeps one lower-cased haystack string per device and
 * scans those. Invariants: results keep the index's order except that asset-number prefix
 * matches come first; a device is returned at most once; filters and text are ANDed.
 * With a sort, results follow that order instead (for 'best': prefix matches first, then asset
 * numbers in order). Each order is computed once per index, so typing stays a linear scan.
 */
import type { Device, DeviceStatus, DeviceType } from './device';
import { warrantyEndsWithin } from './device';
import { sortDevices, type DeviceSort } from './deviceSort';

export interface SearchFilters {
  type?: DeviceType | '';
  status?: DeviceStatus | '';
  locationId?: string | '';
  warrantyWithin90?: boolean;
  important?: boolean;
}

export interface IndexedDevice {
  device: Device;
  locationText: string;
  asset: string; // lower-case asset number
  haystack: string; // lower-case asset, serial, user, model, name, location, MACs
}

export class DeviceSearchIndex {
  readonly entries: IndexedDevice[];
  readonly #orders = new Map<string, IndexedDevice[]>();

  constructor(list: Device[], locationText: (locationId: string | null) => string) {
    this.entries = list.map((device) => {
      const loc = locationText(device.locationId);
      const macs = device.hardware.nics.map((n) => n.mac).join(' ');
      return {
        device,
        locationText: loc,
        asset: device.assetNumber.toLowerCase(),
        haystack: [device.assetNumber, device.serial, device.assignedUser, device.model, device.name, device.manufacturer, device.department, loc, macs]
          .join('\u0001')
          .toLowerCase()
      };
    });
  }

  /** The entries in a sort order, computed on first use. */
  ordered(sort: DeviceSort): IndexedDevice[] {
    const key = sort.key === 'best' ? 'best' : `${sort.key}:${sort.dir}`;
    let list = this.#orders.get(key);
    if (!list) this.#orders.set(key, (list = sortDevices(this.entries, sort)));
    return list;
  }

  search(text: string, filters: SearchFilters, today: string, limit = Infinity, sort?: DeviceSort): { results: IndexedDevice[]; total: number } {
    const q = text.trim().toLowerCase();
    // Only the best-match order (and no sort at all) lifts asset-number prefix matches.
    const lift = !sort || sort.key === 'best';
    const prefix: IndexedDevice[] = [];
    const rest: IndexedDevice[] = [];
    for (const e of sort ? this.ordered(sort) : this.entries) {
      const d = e.device;
      if (filters.type && d.type !== filters.type) continue;
      if (filters.status && d.status !== filters.status) continue;
      if (filters.locationId && d.locationId !== filters.locationId) continue;
      if (filters.important && d.importance.length === 0) continue;
      if (filters.warrantyWithin90 && !warrantyEndsWithin(d, 90, today)) continue;
      if (q === '') rest.push(e);
      else if (lift && e.asset.startsWith(q)) prefix.push(e);
      else if (e.haystack.includes(q)) rest.push(e);
    }
    const all = prefix.length ? prefix.concat(rest) : rest;
    return { results: limit < all.length ? all.slice(0, limit) : all, total: all.length };
  }
}
