import { describe, expect, it } from 'vitest';
import { emptyHardware, emptySoftware, newDeviceFields, type DeviceFields, type ImportanceTag } from '../device';
import { hardwareGroups, hardwareKey, imageCoverage, type ImageRecord } from './images';
import { antivirusSummary } from './antivirus';

function pc(id: string, model: string, mem: number, importance: ImportanceTag[] = [], over: Partial<DeviceFields> = {}) {
  const hardware = { ...emptyHardware(), cpu: 'Intel(R) Core(TM) i5-9500 CPU', memoryGb: mem, disks: [{ model: 'X', sizeGb: 512, kind: 'SSD' }], nics: [{ name: 'Intel I219-V', mac: `00:11:22:33:44:${id.padStart(2, '0')}`, ip: '' }] };
  return { ...newDeviceFields('t', 's', null), id, manufacturer: 'Lenovo', model, importance, hardware, ...over };
}

describe('OS image plan', () => {
  const devices = [
    pc('1', 'ThinkCentre M720t', 8), pc('2', 'ThinkCentre M720t', 8, ['finance']), pc('3', 'thinkcentre  m720t', 8),
    pc('4', 'ThinkCentre M720t', 16), pc('5', 'OptiPlex 7090', 16, ['management']), pc('6', 'OptiPlex 7090', 16),
    { ...pc('7', 'S5735', 0), type: 'switch' as const }
  ];

  it('groups identical hardware (serials, MACs and spelling aside), largest first, computers only', () => {
    expect(hardwareKey(devices[0]!)).toBe(hardwareKey(devices[2]!));
    const g = hardwareGroups(devices);
    expect(g.map((x) => x.deviceIds)).toEqual([['1', '2', '3'], ['5', '6'], ['4']]);
    expect(g[0]!.importantIds).toEqual(['2']);
  });

  it('reports devices with no image, important ones without their own, and untested restores', () => {
    const key = hardwareGroups(devices)[0]!.key;
    const images: ImageRecord[] = [
      { id: 'i1', groupKey: key, imageId: 'M720T-W10', hash: 'ab', location: '\\\\nas\\img', takenAt: '2026-10-01', restoreTestedAt: '2026-10-02' },
      { id: 'i2', groupKey: '', imageId: 'CEO', hash: 'cd', location: '\\\\nas\\img', takenAt: '2026-10-01', deviceIds: ['5'] }
    ];
    const c = imageCoverage(devices, images);
    expect(c).toEqual({ uncovered: ['4', '6'], importantWithoutOwnImage: ['2'], untested: ['5'], covered: 4, total: 6 });
  });
});

describe('antivirus state', () => {
  it('counts computers by state and lists those at risk', () => {
    const av = (id: string, state: 'ok' | 'outdated' | 'missing' | 'unknown') => ({ ...pc(id, 'M', 8), software: { ...emptySoftware(), antivirus: { name: '', state } } });
    const s = antivirusSummary([av('1', 'ok'), av('2', 'outdated'), av('3', 'missing'), av('4', 'unknown'), { ...av('5', 'missing'), type: 'printer' as const }]);
    expect(s.counts).toEqual({ ok: 1, outdated: 1, disabled: 0, missing: 1, unknown: 1 });
    expect(s.atRisk).toEqual([{ id: '2', state: 'outdated' }, { id: '3', state: 'missing' }]);
    expect(s.unknown).toEqual(['4']);
  });
});
