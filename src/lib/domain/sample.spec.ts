import { describe, expect, it } from 'vitest';
import { sampleClient } from './sample';
import { validateDevice, normalizeDevice } from './validate';
import { parseAssetNumber } from './assetNumber';

describe('sample client', () => {
  const c = sampleClient(200, 7);
  it('is realistic: two sites, mixed types, some warranties expired, all devices valid', () => {
    expect(c.sites).toHaveLength(2);
    expect(c.devices).toHaveLength(200);
    expect(new Set(c.devices.map((d) => d.type)).size).toBeGreaterThanOrEqual(8);
    expect(c.devices.some((d) => d.warrantyEnd! < '2026-12-01')).toBe(true);
    expect(c.devices.some((d) => d.warrantyEnd! > '2026-12-01')).toBe(true);
    for (const d of c.devices) {
      const f = normalizeDevice({ ...d, tenantId: 't', siteId: 's', locationId: 'l' });
      expect(validateDevice(f), d.assetNumber).toEqual({});
      expect(parseAssetNumber(d.assetNumber).ok).toBe(true);
    }
    expect(new Set(c.devices.map((d) => d.assetNumber)).size).toBe(200);
  });
  it('is reproducible from its seed', () => {
    expect(sampleClient(20, 3)).toEqual(sampleClient(20, 3));
  });
});
