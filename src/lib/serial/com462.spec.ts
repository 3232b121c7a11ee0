// Bender ISOMETER behind a COM462RTU gateway, polled over the simulated line (issue 8.3).
import { describe, expect, it } from 'vitest';
import { makePanel } from '../domain/isolation/testing';
import { ModbusMaster } from './master';
import { Poller } from './poller';
import { findProfile, isomedCom462Profile } from './profiles';
import { SimulatedCom462Rtu, SimulatedPort } from './simulator';

// R_F only over serial; load and temperature are typed (see checkFlow.spec / manual.spec).
const panel = makePanel({ loadMonitored: false, temperature: { input: 'none', setPointC: 100 }, imd: { make: 'Bender', model: 'isoMED427P', profileId: 'bender-isomed-com462rtu-bms3' } });

async function setup(bms = 3) {
  const sim = new SimulatedCom462Rtu();
  const port = new SimulatedPort(sim);
  await port.open({ baudRate: 19200, dataBits: 8, parity: 'even', stopBits: 1 });
  const profile = findProfile(`bender-isomed-com462rtu-bms${bms}`);
  if (!profile) throw new Error('no profile');
  const poller = new Poller({ master: new ModbusMaster(port, { interFrameMs: 0, timeoutMs: 120 }), profile, slave: 2, panel, timeoutMs: 120 });
  return { sim, poller };
}

describe('Bender via COM462RTU', () => {
  it('reads the bus device at BMS address × 0x100: the C/D word at +0x0E and channel 1 at +0x10', async () => {
    expect(isomedCom462Profile(3).blocks).toEqual([{ fc: 3, start: 0x030e, qty: 1 }, { fc: 3, start: 0x0310, qty: 4 }]);
    const { sim, poller } = await setup();
    sim.setBmsDevice(3, { lost: false, commonAlarm: false, channels: { 1: { value: 400_000, unit: 'Ω' } } });
    sim.setBmsDevice(4, { channels: { 1: { value: 20_000, unit: 'Ω', alarm: 4 } } }); // another ISOMETER on the bus
    const u = await poller.pollOnce();
    // Gateway slave 2, FC 03, start 0x030E / 0x0310 (the CRC is checked in crc.spec).
    expect(u.frames.map((f) => f.requestHex.slice(0, 17))).toEqual(['02 03 03 0E 00 01', '02 03 03 10 00 04']);
    expect(u.readings.insulationKohm).toMatchObject({ value: 400, bound: 'exact' });
    expect(u.evaluation.overall).toBe('normal');
  });

  it('an alarm channel of the device is an alarm', async () => {
    const { sim, poller } = await setup();
    sim.setBmsDevice(3, { commonAlarm: true, channels: { 1: { value: 45_000, unit: 'Ω', alarm: 4 } } });
    const u = await poller.pollOnce();
    expect(u.readings.insulationKohm?.value).toBe(45);
    expect(u.evaluation.rules.map((r) => [r.rule, r.status])).toEqual([['insulation', 'alarm'], ['monitoring', 'normal']]);
  });

  it('a device the gateway has lost is unknown, never its cached normal values', async () => {
    const { sim, poller } = await setup();
    sim.setBmsDevice(3, { lost: false, channels: { 1: { value: 400_000, unit: 'Ω' } } });
    expect((await poller.pollOnce()).evaluation.overall).toBe('normal');
    sim.setBmsDevice(3, { lost: true }); // the image still holds 400 kΩ
    const u = await poller.pollOnce();
    expect(u.readings.insulationKohm).toMatchObject({ value: 400, problem: 'deviceLost' });
    expect(u.evaluation.overall).toBe('unknown');
    expect(u.evaluation.rules[0]).toMatchObject({ rule: 'insulation', status: 'unknown', explanation: { code: 'quality.deviceLost' } });
  });

  it('a common alarm that no channel read here explains is an alarm', async () => {
    const { sim, poller } = await setup();
    sim.setBmsDevice(3, { commonAlarm: true, channels: { 1: { value: 400_000, unit: 'Ω' } } });
    const u = await poller.pollOnce();
    expect(u.evaluation.rules.find((r) => r.rule === 'monitoring')).toMatchObject({ status: 'alarm', explanation: { code: 'monitoring.commonAlarm' } });
  });

  it('names its BMS address in the id; out-of-range addresses are no profile', () => {
    expect(findProfile('bender-isomed-com462rtu-bms2')?.blocks[0]?.start).toBe(0x020e);
    expect(findProfile('bender-isomed-com462rtu-bms150')?.blocks[1]?.start).toBe(150 * 0x100 + 0x10);
    expect(findProfile('bender-isomed-com462rtu-bms0')).toBeNull();
    expect(findProfile('bender-isomed-com462rtu-bms151')).toBeNull();
  });
});
