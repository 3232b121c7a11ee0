import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newDeviceFields } from '../device';
import { knownDevice, matchInventories, newDeviceFromInventory, updateFromInventory, type KnownDevice } from './glpiBulk';

const inv = (f: string) => ({ name: f, text: readFileSync(`tests/fixtures/glpi/${f}`, 'utf8') });
const dev = (id: string, over: Partial<KnownDevice>): KnownDevice => ({ id, assetNumber: id, name: '', model: '', serial: '', uuid: '', macs: [], ...over });

describe('GLPI inventories in bulk', () => {
  it('creates what is unknown and matches by serial, UUID or MAC', () => {
    const r = matchInventories([inv('computer_1.json'), inv('computer_2.json'), inv('printer_1.json'), inv('networkequipment_1.json')], [
      dev('by-serial', { serial: '640HP72' }),
      dev('by-uuid', { uuid: '4BDRGGFE-0046-4710-8047-B2C04F503732' }),
      dev('by-mac', { macs: ['00:68:EB:F2:BE:10'] })
    ]);
    expect(r.map((x) => x.outcome)).toEqual([
      { kind: 'match', deviceId: 'by-serial', by: ['serial'] },
      { kind: 'match', deviceId: 'by-uuid', by: ['uuid'] },
      { kind: 'match', deviceId: 'by-mac', by: ['mac'] },
      { kind: 'new' }
    ]);
  });

  it('asks when several devices fit or an identifier conflicts', () => {
    const r = matchInventories([inv('computer_1.json'), inv('printer_1.json')], [
      dev('a', { serial: '640HP72' }), dev('b', { uuid: '4C4C4544-0034-3010-8048-B6C04F503732' }),
      dev('c', { macs: ['00:68:EB:F2:BE:10'], serial: 'OTHER123' })
    ]);
    expect(r[0]!.outcome).toEqual({ kind: 'ambiguous', reason: 'several', candidates: ['a', 'b'] });
    expect(r[1]!.outcome).toEqual({ kind: 'ambiguous', reason: 'conflict', candidates: ['c'] });
  });

  it('flags the same machine twice in one batch instead of creating it twice', () => {
    const r = matchInventories([inv('computer_1.json'), inv('computer_1.json'), { name: 'x.json', text: '{no' }], []);
    expect(r.map((x) => x.outcome.kind)).toEqual(['new', 'ambiguous', 'unreadable']);
    expect(r[1]!.outcome).toMatchObject({ reason: 'sameInBatch' });
  });

  it('updates hardware and software, fills identity only where empty', () => {
    const [res] = matchInventories([inv('computer_1.json')], []);
    const d = { ...newDeviceFields('t', 's', null), assetNumber: 'A-1', name: 'typed by hand', model: '' };
    const ch = updateFromInventory(d, res!.proposal!, res!.identity);
    expect(ch.name).toBeUndefined();
    expect(ch.model).toBe('XPS 13 9350');
    expect(ch.hardware?.memoryGb).toBe(8);
    expect(ch.custom).toEqual({ uuid: '4C4C4544-0034-3010-8048-B6C04F503732' });
    expect(updateFromInventory({ ...d, ...ch }, res!.proposal!, res!.identity)).toEqual({});
  });

  it('gives new devices distinct provisional asset numbers and their UUID', () => {
    const [a] = matchInventories([inv('computer_1.json')], []);
    const taken = new Set(['GLPI-640HP72']);
    const f = newDeviceFromInventory(a!.proposal!, a!.identity, 't', 's', taken);
    expect(f.assetNumber).toBe('GLPI-640HP72-2');
    expect(f.custom.uuid).toBe('4C4C4544-0034-3010-8048-B6C04F503732');
    expect(knownDevice({ ...f, id: 'n' })).toMatchObject({ serial: '640HP72', uuid: '4C4C4544-0034-3010-8048-B6C04F503732' });
  });
});
