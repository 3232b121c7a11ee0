import { describe, expect, it } from 'vitest';
import { formatAssetNumber } from '../assetNumber';
import { classifyScan } from './classify';
import { resolveScan, type DeviceRef, type LabelInfo, type ScanLookup } from './resolve';

const dev = (id: string, assetNumber: string, extra: Partial<DeviceRef> = {}): DeviceRef => ({
  id, assetNumber, tenantId: 't', siteId: 's', locationId: 'room1', name: id, model: '', ...extra
});

const A1 = formatAssetNumber('ACME', 1);
const A2 = formatAssetNumber('ACME', 2);
const A3 = formatAssetNumber('ACME', 3);
const A4 = formatAssetNumber('ACME', 4);
const A9 = formatAssetNumber('ACME', 9);

function fakeLookup(devices: (DeviceRef & { serial?: string; macs?: string[] })[], labels: LabelInfo[]): ScanLookup & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    deviceByAssetNumber: async (n) => (calls.push('asset:' + n), devices.find((d) => d.assetNumber === n)),
    deviceById: async (id) => (calls.push('id:' + id), devices.find((d) => d.id === id)),
    devicesBySerial: async (s) => (calls.push('serial:' + s), devices.filter((d) => d.serial?.toUpperCase() === s.toUpperCase())),
    devicesByMac: async (m) => (calls.push('mac:' + m), devices.filter((d) => d.macs?.includes(m))),
    label: async (n) => (calls.push('label:' + n), labels.find((l) => l.assetNumber === n))
  };
}

const lookup = fakeLookup(
  [
    { ...dev('d1', A1), serial: 'CN0ABC' },
    { ...dev('d2', A2), macs: ['AA:BB:CC:DD:EE:FF'] },
    { ...dev('d4', A4) },
    { ...dev('legacy', 'HD0042'), serial: 'XYZ-9' },
    { ...dev('twinA', 'HD0100'), serial: 'DUP1' },
    { ...dev('twinB', 'HD0101'), serial: 'DUP1' }
  ],
  [
    { assetNumber: A3, state: 'voided', deviceId: 'd4', replacedBy: A4 },
    { assetNumber: A9, state: 'unclaimed', deviceId: null, replacedBy: null }
  ]
);
const r = (s: string) => resolveScan(classifyScan(s, { bases: ['https://x.cn'] }), lookup);

describe('resolveScan', () => {
  it('opens the device by asset number, from a bare number or a label URL', async () => {
    expect(await r(A1)).toMatchObject({ type: 'device', device: { id: 'd1' }, matchedBy: 'assetNumber' });
    expect(await r('https://x.cn/a/' + A1)).toMatchObject({ type: 'device', device: { id: 'd1' } });
  });

  it('falls back to serial and MAC', async () => {
    expect(await r('cn0abc')).toMatchObject({ type: 'device', device: { id: 'd1' }, matchedBy: 'serial' });
    expect(await r('aa-bb-cc-dd-ee-ff')).toMatchObject({ type: 'device', device: { id: 'd2' }, matchedBy: 'mac' });
    expect(await r('(01)09506000134352(21)CN0ABC')).toMatchObject({ type: 'device', device: { id: 'd1' }, matchedBy: 'serial' });
  });

  it('finds a legacy tag by asset number before serial', async () => {
    expect(await r('hd0042')).toMatchObject({ type: 'device', device: { id: 'legacy' }, matchedBy: 'assetNumber' });
    expect(await r('XYZ-9')).toMatchObject({ type: 'device', device: { id: 'legacy' }, matchedBy: 'serial' });
  });

  it('lets the technician choose when a serial is shared', async () => {
    expect(await r('DUP1')).toMatchObject({ type: 'choose', matchedBy: 'serial', devices: [{ id: 'twinA' }, { id: 'twinB' }] });
  });

  it('offers to register a device for a pre-printed label', async () => {
    expect(await r(A9)).toEqual({ type: 'unclaimed', assetNumber: A9, labelKnown: true });
    const fresh = formatAssetNumber('ACME', 77);
    expect(await r(fresh)).toEqual({ type: 'unclaimed', assetNumber: fresh, labelKnown: false });
  });

  it('says which label replaced a voided one, and whose it was', async () => {
    expect(await r(A3)).toMatchObject({ type: 'voided', assetNumber: A3, replacedBy: A4, device: { id: 'd4' } });
  });

  it('follows an attached label to its device when the number moved', async () => {
    const l = fakeLookup([dev('d7', 'NEW-1')], [{ assetNumber: A1, state: 'attached', deviceId: 'd7', replacedBy: null }]);
    expect(await resolveScan(classifyScan(A1, { bases: [] }), l)).toMatchObject({ type: 'device', device: { id: 'd7' }, matchedBy: 'label' });
  });

  it('reports what was read when nothing matched', async () => {
    expect(await r('NOPE123')).toEqual({ type: 'notFound', value: 'NOPE123', kind: 'plain', assetNumber: 'NOPE123', text: 'NOPE123' });
    expect(await r('nope-lower')).toMatchObject({ type: 'notFound', assetNumber: 'NOPE-LOWER' });
    expect(await r('11:22:33:44:55:66')).toMatchObject({ type: 'notFound', kind: 'mac', value: '11:22:33:44:55:66', assetNumber: null });
  });

  it('rejects foreign URLs without any lookup', async () => {
    lookup.calls.length = 0;
    expect(await r('https://evil.com/a/' + A1)).toEqual({ type: 'rejected', reason: 'foreignOrigin', text: 'https://evil.com/a/' + A1, detail: 'https://evil.com' });
    expect(lookup.calls).toEqual([]);
  });

  it('passes room labels through', async () => {
    expect(await r('https://x.cn/audit/room/L1')).toEqual({ type: 'room', locationId: 'L1' });
  });
});
