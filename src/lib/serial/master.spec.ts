import { describe, expect, it } from 'vitest';
import { ModbusMaster } from './master';
import type { SerialPortLike } from './port';
import { SimulatedAimM10, SimulatedPort } from './simulator';

const LINE = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;

async function setup(o: ConstructorParameters<typeof SimulatedAimM10>[0] = {}) {
  const sim = new SimulatedAimM10(o);
  sim.set({ insulationKohm: 45, loadA: 12.3, temperatureC: 68, faults: { insulation: true } }); // V6
  const port = new SimulatedPort(sim);
  await port.open(LINE);
  return { sim, port, master: new ModbusMaster(port, { interFrameMs: 0, timeoutMs: 300 }) };
}

describe('ModbusMaster against the simulated AIM-M10', () => {
  it('reads V5 and gets V6 back, CR LF CRC and all', async () => {
    const { master, sim } = await setup();
    const r = await master.readRegisters(1, 3, 0x0008, 4);
    expect(r).toMatchObject({ ok: true, words: [45, 123, 68, 1], rawRequestHex: '01 03 00 08 00 04 C5 CB', rawReplyHex: '01 03 08 00 2D 00 7B 00 44 00 01 0D 0A' });
    expect(sim.requests).toEqual(['01 03 00 08 00 04 C5 CB']);
  });

  it('reads with FC 04', async () => {
    const { master } = await setup();
    expect(await master.readRegisters(1, 4, 0x0008, 4)).toMatchObject({ ok: true, words: [45, 123, 68, 1], rawRequestHex: '01 04 00 08 00 04 70 0B' });
  });

  it('reports a corrupted CRC', async () => {
    const { master, sim } = await setup();
    sim.inject({ kind: 'corruptCrc' });
    const r = await master.readRegisters(1, 3, 8, 4);
    expect(r).toMatchObject({ ok: false, error: 'crc', rawReplyHex: '01 03 08 00 2D 00 7B 00 44 00 01 0D F5' });
    expect((await master.readRegisters(1, 3, 8, 4)).ok).toBe(true); // one-shot
  });

  it('times out on silence, after the timeout and not before', async () => {
    const { master, sim } = await setup();
    sim.inject({ kind: 'silent' });
    const t = Date.now();
    const r = await master.readRegisters(1, 3, 8, 4, { timeoutMs: 150 });
    expect(r).toMatchObject({ ok: false, error: 'timeout', rawReplyHex: '' });
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
  });

  it('reports an exception with its code and name', async () => {
    const { master, sim } = await setup();
    sim.inject({ kind: 'exception', code: 2 });
    expect(await master.readRegisters(1, 3, 8, 4)).toMatchObject({ ok: false, error: 'exception', exceptionCode: 2, exceptionName: 'illegalDataAddress', rawReplyHex: '01 83 02 C0 F1' });
    expect(await master.readRegisters(1, 3, 0xff, 4)).toMatchObject({ ok: false, error: 'exception', exceptionCode: 2 });
  });

  it('assembles a reply that comes in two chunks, split at its CR LF', async () => {
    const { master, sim } = await setup();
    sim.inject({ kind: 'split', at: [11], gapMs: 20 });
    expect(await master.readRegisters(1, 3, 8, 4)).toMatchObject({ ok: true, words: [45, 123, 68, 1] });
    sim.inject({ kind: 'split', at: [1, 2, 3, 12] });
    expect(await master.readRegisters(1, 3, 8, 4)).toMatchObject({ ok: true, words: [45, 123, 68, 1] });
  });

  it('ends a frame after ~50 ms idle: a gap that long truncates it', async () => {
    const { master, sim } = await setup();
    sim.inject({ kind: 'split', at: [6], gapMs: 120 });
    expect(await master.readRegisters(1, 3, 8, 4, { timeoutMs: 500 })).toMatchObject({ ok: false, error: 'truncated', rawReplyHex: '01 03 08 00 2D 00' });
    // the late tail is discarded before the next request
    await new Promise((r) => setTimeout(r, 150));
    expect(await master.readRegisters(1, 3, 8, 4)).toMatchObject({ ok: true });
  });

  it('reports a truncated frame and a reply from another slave', async () => {
    const { master, sim } = await setup();
    sim.inject({ kind: 'truncate' });
    expect(await master.readRegisters(1, 3, 8, 4)).toMatchObject({ ok: false, error: 'truncated' });
    sim.inject({ kind: 'otherSlave', slave: 7 });
    expect(await master.readRegisters(1, 3, 8, 4)).toMatchObject({ ok: false, error: 'wrongSlave' });
  });

  it('gets silence from a device with another address', async () => {
    const { master } = await setup({ slave: 5 });
    expect(await master.readRegisters(1, 3, 8, 4, { timeoutMs: 100 })).toMatchObject({ ok: false, error: 'timeout' });
  });

  it('gets silence when the line settings differ from the device', async () => {
    const sim = new SimulatedAimM10({ baudRate: 19200 });
    const port = new SimulatedPort(sim);
    await port.open(LINE);
    const master = new ModbusMaster(port, { interFrameMs: 0 });
    expect(await master.readRegisters(1, 3, 8, 4, { timeoutMs: 100 })).toMatchObject({ ok: false, error: 'timeout' });
  });

  it('serialises concurrent requests, one at a time', async () => {
    const { master, sim } = await setup();
    sim.setRegister(0, 0x1111);
    const [a, b, c] = await Promise.all([
      master.readRegisters(1, 3, 8, 4), master.readRegisters(1, 3, 0, 1), master.readRegisters(1, 3, 9, 1)
    ]);
    expect([a.ok && a.words, b.ok && b.words, c.ok && c.words]).toEqual([[45, 123, 68, 1], [0x1111], [123]]);
    expect(sim.requests).toHaveLength(3);
  });

  it('refuses a bad request without touching the line', async () => {
    const { master, sim } = await setup();
    expect(await master.readRegisters(1, 3, 0, 200)).toMatchObject({ ok: false, error: 'badQuantity', rawRequestHex: '' });
    expect(sim.requests).toEqual([]);
  });

  it('reports a closed port and a failing port, never throwing', async () => {
    const { master, port } = await setup();
    await port.close();
    expect(await master.readRegisters(1, 3, 8, 4)).toMatchObject({ ok: false, error: 'closed' });
    const failing: SerialPortLike = {
      isOpen: true,
      open: () => Promise.resolve(), close: () => Promise.resolve(),
      read: () => Promise.resolve(null),
      write: () => Promise.reject(new Error('device unplugged'))
    };
    const m = new ModbusMaster(failing, { interFrameMs: 0 });
    expect(await m.readRegisters(1, 3, 8, 4)).toMatchObject({ ok: false, error: 'portError', message: 'Error: device unplugged', rawRequestHex: '01 03 00 08 00 04 C5 CB' });
  });
});
