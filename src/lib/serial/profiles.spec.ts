import { describe, expect, it } from 'vitest';
import fixtures from '../../../tests/fixtures/serial/frames.json';
import { evaluate } from '../domain/isolation/rules';
import { makePanel, T0 } from '../domain/isolation/testing';
import { fromHex } from './hex';
import { parseReply } from './modbus';
import {
  aimM10Profile, bender425Profile, createBenderProfile, decodeAimM10, decodeBenderChannel, findProfile, im20hProfile,
  parseGenericProfile, safeDecode, type BlockResult, type DeviceProfile
} from './profiles';
import { f32Words } from './words';

/** The words of a fixture reply, as a block result. */
function block(id: string): BlockResult {
  const f = fixtures.frames.find((x) => x.id === id)!;
  const r = parseReply(fromHex(f.hex)!, f.expect as { slave: number; fc: 3 | 4; qty: number });
  if (r.status !== 'ok') throw new Error(`${id}: ${r.status}`);
  return { ok: true, words: r.words };
}

describe('Acrel AIM-M10', () => {
  it('decodes V6: 45 kΩ, 12.3 A, 68 °C, insulation bit → alarm', () => {
    const r = decodeAimM10([block('V6')], T0);
    expect(r.insulationKohm).toMatchObject({ value: 45, bound: 'exact', at: T0 });
    expect(r.loadA?.value).toBeCloseTo(12.3, 9);
    expect(r.temperatureC?.value).toBe(68);
    expect(r.device?.bits).toMatchObject({ insulationAlarm: true, overload: false, overTemp: false, leadFaults: [], sensorBroken: false });
    const ev = evaluate({ readings: r, now: T0 }, makePanel());
    expect(ev.overall).toBe('alarm');
    expect(ev.rules[0]).toMatchObject({ rule: 'insulation', status: 'alarm' });
  });

  it('reads 999 as "≥ 999" (healthy) and 10 as "≤ 10" (alarm), int16 temperature and the lead bit', () => {
    const healthy = decodeAimM10([block('aim-healthy')], T0);
    expect(healthy.insulationKohm).toMatchObject({ value: 999, bound: 'atLeast' });
    expect(evaluate({ readings: healthy, now: T0 }, makePanel()).overall).toBe('normal');
    const low = decodeAimM10([block('aim-low-cold-earth')], T0);
    expect(low.insulationKohm).toMatchObject({ value: 10, bound: 'atMost' });
    expect(low.temperatureC?.value).toBe(-5);
    expect(low.device?.bits.leadFaults).toEqual(['earth']);
    const ev = evaluate({ readings: low, now: T0 }, makePanel());
    expect(ev.rules.map((x) => x.status)).toEqual(['alarm', 'normal', 'normal', 'alarm']);
  });

  it('decodes every fault bit', () => {
    const bits = decodeAimM10([{ ok: true, words: [500, 0, 20, 0b110111] }], T0).device?.bits;
    expect(bits).toEqual({ insulationAlarm: true, overload: true, overTemp: true, leadFaults: ['earth'], sensorBroken: true, unknownFault: false });
  });

  it('a reserved fault bit (b3, b6, b7) makes the result unknown, never normal (issue 8.1)', () => {
    for (const bit of [0x08, 0x40, 0x80]) {
      const r = decodeAimM10([{ ok: true, words: [500, 50, 30, bit] }], T0);
      expect(r.device?.bits.unknownFault).toBe(true);
      expect(evaluate({ readings: r, now: T0 }, makePanel()).overall).toBe('unknown');
    }
  });

  it('an over-temperature bit alarms on a panel without temperature input (issue 8.1)', () => {
    const r = decodeAimM10([{ ok: true, words: [500, 50, 30, 0x04] }], T0);
    expect(evaluate({ readings: r, now: T0 }, makePanel({ temperature: { input: 'none', setPointC: 100 } })).overall).toBe('alarm');
    const o = decodeAimM10([{ ok: true, words: [500, 50, 30, 0x02] }], T0);
    expect(evaluate({ readings: o, now: T0 }, makePanel({ loadMonitored: false })).overall).toBe('alarm');
  });

  it('flags values outside the device range and passes block failures on', () => {
    const r = decodeAimM10([{ ok: true, words: [1200, 600, 250, 0] }], T0);
    const ev = evaluate({ readings: r, now: T0 }, makePanel({ transformer: { ratedKva: 10, secondaryV: 230 } }));
    expect(ev.rules.slice(0, 3).map((x) => x.explanation.code)).toEqual(['quality.outOfRange', 'quality.outOfRange', 'quality.outOfRange']);
    const failed = decodeAimM10([{ ok: false, problem: 'crc' }], T0);
    expect(failed.insulationKohm?.problem).toBe('crc');
    expect(failed.device?.problem).toBe('crc');
    expect(decodeAimM10([{ ok: true, words: [1, 2] }], T0).loadA?.problem).toBe('truncated');
  });

  it('reads block 0x0008–0x000B with FC 03 or FC 04', () => {
    expect(aimM10Profile().blocks).toEqual([{ fc: 3, start: 8, qty: 4 }]);
    expect(aimM10Profile(4).blocks).toEqual([{ fc: 4, start: 8, qty: 4 }]);
    expect(aimM10Profile().defaultSerial).toEqual({ baudRate: 9600, parity: 'none', stopBits: 1, dataBits: 8, slave: 1 });
  });
});

describe('Bender channel format', () => {
  it('decodes the COM461MT manual example: 12.34 A, no alarm, code 74', () => {
    const ch = decodeBenderChannel([0x4145, 0x70a4, 0x0003, 0x004a]);
    expect(ch.value).toBeCloseTo(12.34, 5);
    expect(ch).toMatchObject({ unit: 'A', validity: 'exact', alarm: 'none', test: 'none', code: 74 });
  });

  it('decodes alarm types, test bits and validity', () => {
    expect(decodeBenderChannel([0, 0, 0x0142, 1])).toMatchObject({ alarm: 'preWarning', unit: 'Ω', validity: 'atMost' });
    expect(decodeBenderChannel([0, 0, 0x4582, 1])).toMatchObject({ alarm: 'alarmRed', test: 'internal', validity: 'atLeast' });
    expect(decodeBenderChannel([0, 0, 0x84c2, 1])).toMatchObject({ alarm: 'alarmYellow', test: 'external', validity: 'invalid' });
    expect(decodeBenderChannel([0, 0, 0x030a, 1])).toMatchObject({ alarm: 'reserved', unit: '°C' });
  });

  const p425 = bender425Profile();
  it('reads R_F at 1000 (4 registers, slave 3, 19200 8E1) — V7', () => {
    expect(p425.blocks).toEqual([{ fc: 3, start: 1000, qty: 4 }]);
    expect(p425.defaultSerial).toEqual({ baudRate: 19200, parity: 'even', stopBits: 1, dataBits: 8, slave: 3 });
  });

  it('turns Ω into kΩ and the alarm byte into device flags', () => {
    const ok = p425.decode([block('bender425-2M5')], T0);
    expect(ok.insulationKohm).toMatchObject({ value: 2500, bound: 'exact' });
    const alarm = p425.decode([block('bender425-alarm-40k')], T0);
    expect(alarm.insulationKohm?.value).toBe(40);
    expect(alarm.device?.bits.insulationAlarm).toBe(true);
    const higher = p425.decode([block('bender425-higher')], T0);
    expect(higher.insulationKohm).toMatchObject({ value: 10000, bound: 'atLeast' });
    const panel = makePanel({ temperature: { input: 'none', setPointC: 100 }, loadMonitored: false });
    expect(evaluate({ readings: higher, now: T0 }, panel).overall).toBe('normal');
  });

  it('maps a device error on "connection earth" to a lead fault and drops the value', () => {
    const r = p425.decode([block('bender425-earth')], T0);
    expect(r.insulationKohm?.problem).toBe('invalid');
    expect(r.device?.bits.leadFaults).toEqual(['earth']);
    const panel = makePanel({ temperature: { input: 'none', setPointC: 100 }, loadMonitored: false });
    const ev = evaluate({ readings: r, now: T0 }, panel);
    expect(ev.rules.map((x) => [x.rule, x.status])).toEqual([['insulation', 'unknown'], ['monitoring', 'alarm']]);
  });

  it('reserved alarm types 3, 6, 7 are unknown, never "no alarm" (issue 8.1)', () => {
    const [hi, lo] = f32Words(400_000);
    const panel = makePanel({ temperature: { input: 'none', setPointC: 100 }, loadMonitored: false });
    for (const type of [3, 6, 7]) {
      const r = p425.decode([{ ok: true, words: [hi, lo, (type << 8) | 0x02, 71] }], T0);
      expect(r.device?.bits.unknownFault).toBe(true);
      expect(evaluate({ readings: r, now: T0 }, panel).overall).toBe('unknown');
    }
    const none = p425.decode([{ ok: true, words: [hi, lo, 0x0002, 71] }], T0);
    expect(evaluate({ readings: none, now: T0 }, panel).overall).toBe('normal');
  });

  it('rejects a channel whose unit does not match its meaning', () => {
    const [hi, lo] = f32Words(30);
    const p = createBenderProfile({ id: 'b', model: 'x', channels: [{ start: 1000, meaning: 'temperature' }, { start: 1004, meaning: 'load' }] });
    const r = p.decode([{ ok: true, words: [hi, lo, 0x000a, 0] }, { ok: true, words: [hi, lo, 0x000a, 0] }], T0);
    expect(r.temperatureC).toMatchObject({ value: 30, bound: 'exact' });
    expect(r.loadA?.problem).toBe('invalid');
  });
});

describe('Schneider Vigilohm IM20-H', () => {
  const p = im20hProfile();
  it('reads float32 Ω at 1000 and the alarm status at 1100', () => {
    expect(p.blocks).toEqual([{ fc: 3, start: 1000, qty: 2 }, { fc: 3, start: 1100, qty: 1 }]);
    const r = p.decode([block('im20h-rf-350k'), block('im20h-alarm-none')], T0);
    expect(r.insulationKohm?.value).toBe(350);
    expect(r.device?.bits.insulationAlarm).toBe(false);
    expect(p.decode([block('im20h-rf-350k'), { ok: true, words: [1] }], T0).device?.bits.insulationAlarm).toBe(true);
  });

  it('an alarm status value we do not know is unknown, never normal (issue 8.1)', () => {
    const panel = makePanel({ temperature: { input: 'none', setPointC: 100 }, loadMonitored: false });
    for (const w of [2, 0x80, 0xffff]) {
      const r = p.decode([block('im20h-rf-350k'), { ok: true, words: [w] }], T0);
      expect(r.device?.bits).toEqual({ unknownFault: true });
      expect(evaluate({ readings: r, now: T0 }, panel).overall).toBe('unknown');
    }
  });

  it('keeps a good block when the other fails', () => {
    const r = p.decode([block('im20h-rf-350k'), { ok: false, problem: 'exception', exceptionCode: 2 }], T0);
    expect(r.insulationKohm?.value).toBe(350);
    expect(r.device).toMatchObject({ problem: 'exception', exceptionCode: 2 });
  });
});

describe('generic profile', () => {
  const config = {
    id: 'acme-imd', make: 'ACME', model: 'IMD-1', serial: { baudRate: 19200, parity: 'even' },
    entries: [
      { address: 100, type: 'f32', unit: 'MΩ', meaning: 'insulation', min: 0.01, max: 10, boundAtMax: true },
      { address: 102, type: 'u16', scale: 0.1, unit: 'A', meaning: 'load' },
      { address: 103, type: 'i16', unit: '°C', meaning: 'temperature' },
      { address: 200, type: 'u16', meaning: 'faultBits', bits: { insulationAlarm: 0, earthLead: 3, overTemp: 15 } }
    ]
  };

  it('validates, fills defaults and reads contiguous blocks', () => {
    const r = parseGenericProfile(config);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.profile.defaultSerial).toEqual({ baudRate: 19200, parity: 'even', stopBits: 1, slave: 1, dataBits: 8 });
    expect(r.profile.blocks).toEqual([{ fc: 3, start: 100, qty: 4 }, { fc: 3, start: 200, qty: 1 }]);
    const [hi, lo] = f32Words(10);
    const readings = r.profile.decode([{ ok: true, words: [hi, lo, 123, 0xfffb] }, { ok: true, words: [0b1000_0000_0000_1001] }], T0);
    expect(readings.insulationKohm).toMatchObject({ value: 10000, bound: 'atLeast', range: { min: 10, max: 10000 } });
    expect(readings.loadA?.value).toBeCloseTo(12.3, 9);
    expect(readings.temperatureC?.value).toBe(-5);
    expect(readings.device?.bits).toMatchObject({ insulationAlarm: true, overTemp: true, leadFaults: ['earth'], overload: false });
  });

  it('returns schema issues with paths and codes instead of throwing', () => {
    const bad = parseGenericProfile({ ...config, entries: [{ address: 70000, type: 'u16', unit: '%', meaning: 'loadPercent' }] });
    expect(!bad.ok && bad.issues).toEqual([{ path: 'entries.0.address', code: 'too_big' }]);
    const overflow = parseGenericProfile({ ...config, entries: [{ address: 0xffff, type: 'f32', unit: 'kΩ', meaning: 'insulation' }] });
    expect(!overflow.ok && overflow.issues).toEqual([{ path: 'entries.0.address', code: 'addressOverflow' }]);
    expect(parseGenericProfile('nonsense').ok).toBe(false);
    expect(parseGenericProfile({ ...config, extra: 1 }).ok).toBe(false);
    expect(parseGenericProfile({ ...config, entries: [] }).ok).toBe(false);
  });

  it('checks units, ranges, duplicates, overlaps and bit maps', () => {
    const r = parseGenericProfile({
      ...config,
      entries: [
        { address: 100, type: 'f32', unit: 'V', meaning: 'insulation' },
        { address: 101, type: 'u16', unit: 'A', meaning: 'load', min: 5, max: 1 },
        { address: 300, type: 'u16', unit: 'A', meaning: 'load' },
        { address: 400, type: 'f32', meaning: 'faultBits' }
      ]
    });
    expect(!r.ok && r.issues).toEqual([
      { path: 'entries.0.unit', code: 'unitMismatch' },
      { path: 'entries.1.max', code: 'rangeInverted' },
      { path: 'entries.1.address', code: 'overlap' },
      { path: 'entries.2.meaning', code: 'duplicateMeaning' },
      { path: 'entries.3.bits', code: 'bitsRequired' }
    ]);
  });
});

describe('registry', () => {
  it('finds built-in and custom profiles', () => {
    expect(findProfile('acrel-aim-m10')?.model).toBe('AIM-M10');
    expect(findProfile('schneider-im20-h')?.make).toBe('Schneider Electric');
    const custom = { ...im20hProfile(), id: 'custom' };
    expect(findProfile('custom', [custom])).toBe(custom);
    expect(findProfile('nope')).toBeNull();
  });

  it('turns a throwing decoder into invalid readings', () => {
    const broken: DeviceProfile = { ...im20hProfile(), decode: () => { throw new Error('bug'); } };
    const r = safeDecode(broken, [], T0);
    expect(r.insulationKohm?.problem).toBe('invalid');
    expect(evaluate({ readings: r, now: T0 }, makePanel()).overall).toBe('unknown');
  });
});
