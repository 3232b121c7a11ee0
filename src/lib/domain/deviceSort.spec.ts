import { describe, expect, it } from 'vitest';
import { newDeviceFields, type Device } from './device';
import { naturalKey, sortDevices, type DeviceSort } from './deviceSort';

let n = 0;
function row(over: Partial<Device>, locationText = '') {
  const device: Device = { ...newDeviceFields('t', 's', null), id: `d${n++}`, clocks: {}, createdAt: '', updatedAt: '2026-01-01T00:00:00.000Z', ...over };
  return { device, locationText };
}
const by = (items: ReturnType<typeof row>[], sort: DeviceSort) => sortDevices(items, sort).map((e) => e.device.assetNumber);

describe('sortDevices', () => {
  it('orders asset numbers by the value of their digits, both ways', () => {
    const items = [row({ assetNumber: 'A-10' }), row({ assetNumber: 'A-9' }), row({ assetNumber: 'B-1' }), row({ assetNumber: 'A-100' })];
    expect(by(items, { key: 'asset', dir: 'asc' })).toEqual(['A-9', 'A-10', 'A-100', 'B-1']);
    expect(by(items, { key: 'asset', dir: 'desc' })).toEqual(['B-1', 'A-100', 'A-10', 'A-9']);
    // Best match has no direction: it is asset-number order.
    expect(by(items, { key: 'best', dir: 'desc' })).toEqual(['A-9', 'A-10', 'A-100', 'B-1']);
  });

  it('collates locations as Chinese (pinyin), with floors and rooms by number', () => {
    const items = [
      row({ assetNumber: 'X-1' }, '住院楼 / 1F / 101'),
      row({ assetNumber: 'X-2' }, '门诊楼 / 10F / 1001'),
      row({ assetNumber: 'X-3' }, '行政楼 / 2F / 201'),
      row({ assetNumber: 'X-4' }, '门诊楼 / 3F / 301')
    ];
    // mén < xíng < zhù; 3F before 10F.
    expect(by(items, { key: 'location', dir: 'asc' })).toEqual(['X-4', 'X-2', 'X-3', 'X-1']);
    expect(by(items, { key: 'location', dir: 'desc' })).toEqual(['X-1', 'X-3', 'X-2', 'X-4']);
  });

  it('puts empty values last in both directions', () => {
    const items = [row({ assetNumber: 'W-1', warrantyEnd: null }), row({ assetNumber: 'W-2', warrantyEnd: '2027-03-01' }), row({ assetNumber: 'W-3', warrantyEnd: '2025-06-30' }), row({ assetNumber: 'W-4', model: '' })];
    expect(by(items, { key: 'warranty', dir: 'asc' })).toEqual(['W-3', 'W-2', 'W-1', 'W-4']);
    expect(by(items, { key: 'warranty', dir: 'desc' })).toEqual(['W-2', 'W-3', 'W-1', 'W-4']);
    const models = [row({ assetNumber: 'M-1', model: '' }), row({ assetNumber: 'M-2', model: 'ThinkPad' }), row({ assetNumber: 'M-3', model: '  ' })];
    expect(by(models, { key: 'model', dir: 'desc' })).toEqual(['M-2', 'M-1', 'M-3']);
  });

  it('is stable: equal keys keep their input order, also when descending', () => {
    const items = ['Q-5', 'Q-1', 'Q-3', 'Q-2'].map((a, i) => row({ assetNumber: a, model: i % 2 ? 'OptiPlex 7090' : 'ThinkCentre' }));
    expect(by(items, { key: 'model', dir: 'asc' })).toEqual(['Q-1', 'Q-2', 'Q-5', 'Q-3']);
    expect(by(items, { key: 'model', dir: 'desc' })).toEqual(['Q-5', 'Q-3', 'Q-1', 'Q-2']);
  });

  it('sorts by last change, newest first when descending', () => {
    const items = [row({ assetNumber: 'C-1', updatedAt: '2026-03-01T08:00:00.000Z' }), row({ assetNumber: 'C-2', updatedAt: '2026-11-30T08:00:00.000Z' }), row({ assetNumber: 'C-3', updatedAt: '2025-12-31T23:00:00.000Z' })];
    expect(by(items, { key: 'changed', dir: 'desc' })).toEqual(['C-2', 'C-1', 'C-3']);
  });

  it('collates models with Chinese names by pinyin and numbers by value', () => {
    const items = [row({ assetNumber: 'P-1', model: '联想 M920' }), row({ assetNumber: 'P-2', model: '华为 AR6120' }), row({ assetNumber: 'P-3', model: '联想 M90' })];
    // huá < lián; M90 < M920.
    expect(by(items, { key: 'model', dir: 'asc' })).toEqual(['P-2', 'P-3', 'P-1']);
  });

  it('does not change its input', () => {
    const items = [row({ assetNumber: 'Z-2' }), row({ assetNumber: 'Z-1' })];
    sortDevices(items, { key: 'asset', dir: 'asc' });
    expect(items.map((e) => e.device.assetNumber)).toEqual(['Z-2', 'Z-1']);
  });
});

describe('naturalKey', () => {
  it('orders digit runs by value and ignores case and leading zeros', () => {
    const keys = ['SZYY-000010-A', 'szyy-9-b', 'SZYY-0000100-C'].map(naturalKey);
    expect([...keys].sort()).toEqual([keys[1], keys[0], keys[2]]);
    expect(naturalKey('ab-007')).toBe(naturalKey('AB-7'));
  });
});
