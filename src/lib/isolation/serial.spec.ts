import { describe, expect, it } from 'vitest';
import { makePanel } from '$lib/domain/isolation/testing';
import { createSimulatedSerial, SimulatedAimM10 } from '$lib/serial/simulator';
import { SerialReader } from './serial.svelte';

const fast = { master: { idleMs: 20, timeoutMs: 200, interFrameMs: 0 } };

function setup(over: Parameters<typeof makePanel>[0] = {}) {
  const sim = new SimulatedAimM10();
  const serial = createSimulatedSerial(sim);
  const reader = new SerialReader(makePanel(over), { serial, ...fast });
  return { sim, serial, reader };
}

describe('SerialReader', () => {
  it('says so when the browser has no Web Serial, or the panel has no serial link or profile', () => {
    expect(new SerialReader(makePanel(), { serial: null }).state).toBe('unsupported');
    expect(setup({ serial: null }).reader.state).toBe('unavailable');
    expect(setup({ imd: { make: 'X', model: 'Y', profileId: 'manual' } }).reader.state).toBe('unavailable');
  });

  it('connects, reads the AIM-M10 once and hands over values with raw frames', async () => {
    const { sim, reader } = setup();
    sim.set({ insulationKohm: 45, loadA: 12.3, temperatureC: 68, faults: { insulation: true } });
    expect(await reader.connect()).toBe(true);
    expect(reader.state).toBe('connected');
    const u = await reader.readOnce();
    expect(u?.ok).toBe(true);
    expect(u?.evaluation.overall).toBe('alarm');
    const r = reader.checkReadings();
    expect(r?.source).toBe('serial');
    expect(r?.values.insulationKohm?.value).toBe(45);
    expect(r?.frames[0]).toMatchObject({ requestHex: '01 03 00 08 00 04 C5 CB', ok: true });
    expect(r?.frames[0]?.replyHex.startsWith('01 03 08 00 2D 00 7B 00 44 00 01')).toBe(true);
    expect(reader.polls).toBe(1);
    await reader.disconnect();
    expect(reader.state).toBe('idle');
  });

  it('a corrupted CRC gives an error and never a normal verdict', async () => {
    const { sim, reader } = setup();
    await reader.connect();
    sim.inject({ kind: 'corruptCrc' });
    const u = await reader.readOnce();
    expect(u?.ok).toBe(false);
    expect(u?.errors).toEqual(['crc']);
    expect(u?.evaluation.overall).toBe('unknown');
    expect(reader.checkReadings()?.frames[0]).toMatchObject({ ok: false, error: 'crc' });
    await reader.disconnect();
  });

  it('a silent device times out; an exception reply is reported with its code; split frames still parse', async () => {
    const { sim, reader } = setup();
    await reader.connect();
    sim.inject({ kind: 'silent' });
    expect((await reader.readOnce())?.errors).toEqual(['timeout']);
    sim.inject({ kind: 'exception', code: 2 });
    const ex = await reader.readOnce();
    expect(ex?.errors).toEqual(['exception']);
    expect(ex?.readings.insulationKohm?.problem).toBe('exception');
    sim.inject({ kind: 'split', gapMs: 5 });
    const ok = await reader.readOnce();
    expect(ok?.ok).toBe(true);
    expect(ok?.evaluation.overall).toBe('normal');
    await reader.disconnect();
  });

  it('polls live at the chosen interval until stopped', async () => {
    const { reader } = setup();
    reader.intervalMs = 50;
    await reader.connect();
    reader.start();
    expect(reader.state).toBe('polling');
    await new Promise((r) => setTimeout(r, 400));
    await reader.stop();
    expect(reader.state).toBe('connected');
    expect(reader.polls).toBeGreaterThanOrEqual(3);
    await reader.disconnect();
  });

  it('a dismissed port chooser is reported, and the reader can try again', async () => {
    const { serial, reader } = setup();
    (serial as { requestPort: typeof serial.requestPort }).requestPort = () => Promise.reject(new DOMException('No port selected', 'NotFoundError'));
    expect(await reader.connect()).toBe(false);
    expect(reader.error?.code).toBe('cancelled');
    expect(reader.state).toBe('idle');
  });
});
