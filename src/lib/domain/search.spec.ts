import { describe, expect, it } from 'vitest';
import { newDeviceFields, type Device } from './device';
import { DeviceSearchIndex } from './search';

function dev(over: Partial<Device>): Device {
  return { ...newDeviceFields('t', 's', null), id: crypto.randomUUID(), clocks: {}, createdAt: '', updatedAt: '', ...over };
}

const list = [
  dev({ assetNumber: 'HD-000120-A', assignedUser: '张伟', model: 'OptiPlex 7090', locationId: 'l1' }),
  dev({ assetNumber: 'HD-000121-B', assignedUser: '李娜', model: 'ThinkPad X1', type: 'laptop', importance: ['finance'], locationId: 'l2' }),
  dev({ assetNumber: 'HD-000300-C', serial: 'SN120XYZ', model: 'ProLiant DL380', type: 'server', warrantyEnd: '2027-01-15', locationId: 'l1' }),
  dev({ assetNumber: 'HD-000400-D', model: 'LaserJet', type: 'printer', status: 'retired', warrantyEnd: '2020-01-01', locationId: 'l2' })
];
const index = new DeviceSearchIndex(list, (id) => (id === 'l1' ? 'A栋 / 3F / 301' : 'B栋 / 1F / 大厅'));
const today = '2026-12-01';
const assets = (r: ReturnType<DeviceSearchIndex['search']>) => r.results.map((e) => e.device.assetNumber);

describe('device search', () => {
  it('puts asset-number prefix matches before other matches', () => {
    expect(assets(index.search('hd-0001', {}, today))).toEqual(['HD-000120-A', 'HD-000121-B']);
    // "120" is in an asset number and in a serial: prefix matches only count from the start.
    expect(assets(index.search('120', {}, today))).toEqual(['HD-000120-A', 'HD-000300-C']);
  });

  it('finds by user, model and location substrings, case-insensitively', () => {
    expect(assets(index.search('李', {}, today))).toEqual(['HD-000121-B']);
    expect(assets(index.search('thinkpad', {}, today))).toEqual(['HD-000121-B']);
    expect(assets(index.search('301', {}, today))).toEqual(['HD-000120-A', 'HD-000300-C']);
  });

  it('ANDs filters with the text', () => {
    expect(assets(index.search('', { type: 'server' }, today))).toEqual(['HD-000300-C']);
    expect(assets(index.search('', { warrantyWithin90: true }, today))).toEqual(['HD-000300-C']);
    expect(assets(index.search('', { important: true }, today))).toEqual(['HD-000121-B']);
    expect(assets(index.search('', { status: 'retired', locationId: 'l2' }, today))).toEqual(['HD-000400-D']);
    expect(assets(index.search('optiplex', { locationId: 'l2' }, today))).toEqual([]);
  });

  it('limits the results but reports the total', () => {
    const r = index.search('', {}, today, 2);
    expect(r.results).toHaveLength(2);
    expect(r.total).toBe(4);
  });
});

describe('device search with a sort', () => {
  it('orders the results by the sort instead of lifting prefix matches', () => {
    expect(assets(index.search('120', {}, today, Infinity, { key: 'asset', dir: 'desc' }))).toEqual(['HD-000300-C', 'HD-000120-A']);
    expect(assets(index.search('', {}, today, Infinity, { key: 'location', dir: 'asc' }))).toEqual(['HD-000120-A', 'HD-000300-C', 'HD-000121-B', 'HD-000400-D']);
    expect(assets(index.search('', { type: 'server' }, today, Infinity, { key: 'warranty', dir: 'asc' }))).toEqual(['HD-000300-C']);
  });

  it('keeps prefix matches first for best match, then asset-number order', () => {
    const shuffled = new DeviceSearchIndex([list[2]!, list[1]!, list[0]!, list[3]!], () => '');
    expect(assets(shuffled.search('120', {}, today, Infinity, { key: 'best', dir: 'asc' }))).toEqual(['HD-000120-A', 'HD-000300-C']);
    expect(assets(shuffled.search('', {}, today, 2, { key: 'best', dir: 'asc' }))).toEqual(['HD-000120-A', 'HD-000121-B']);
  });

  it('computes each order once per index', () => {
    const a = index.ordered({ key: 'model', dir: 'asc' });
    expect(index.ordered({ key: 'model', dir: 'asc' })).toBe(a);
    expect(index.entries.map((e) => e.device.assetNumber)).toEqual(['HD-000120-A', 'HD-000121-B', 'HD-000300-C', 'HD-000400-D']);
  });
});
