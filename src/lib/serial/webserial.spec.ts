import { describe, expect, it } from 'vitest';
import { ModbusMaster } from './master';
import { openPort } from './port';
import { createSimulatedSerial, installSimulatedSerial, SimulatedAimM10 } from './simulator';
import { getWebSerial, hasWebSerial, requestSerialPort, WebSerialAdapter, type WebSerial } from './webserial';

const LINE = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;

function v6Device() {
  const sim = new SimulatedAimM10();
  sim.set({ insulationKohm: 45, loadA: 12.3, temperatureC: 68, faults: { insulation: true } });
  return sim;
}

describe('feature detection', () => {
  it('finds navigator.serial only when it has the API', () => {
    expect(hasWebSerial({})).toBe(false);
    expect(hasWebSerial({ serial: {} })).toBe(false);
    expect(hasWebSerial(null)).toBe(false);
    const serial = createSimulatedSerial(new SimulatedAimM10());
    expect(hasWebSerial({ serial })).toBe(true);
    expect(getWebSerial({ serial })).toBe(serial);
    expect(typeof hasWebSerial()).toBe('boolean'); // Node's own navigator has no serial
  });

  it('can be installed on a navigator for end-to-end tests', () => {
    const nav = {};
    const serial = installSimulatedSerial(new SimulatedAimM10(), nav);
    expect(getWebSerial(nav)).toBe(serial);
  });
});

describe('requestSerialPort', () => {
  const failing = (name: string): WebSerial => ({
    requestPort: () => Promise.reject(new DOMException('x', name)),
    getPorts: () => Promise.resolve([])
  });

  it('maps the browser errors to typed results', async () => {
    expect(await requestSerialPort(null)).toEqual({ ok: false, error: 'unsupported' });
    expect(await requestSerialPort(failing('NotFoundError'))).toEqual({ ok: false, error: 'cancelled' });
    expect(await requestSerialPort(failing('SecurityError'))).toMatchObject({ ok: false, error: 'denied' });
    expect(await requestSerialPort(failing('NetworkError'))).toMatchObject({ ok: false, error: 'failed' });
    const ok = await requestSerialPort(createSimulatedSerial(new SimulatedAimM10()));
    expect(ok.ok && ok.port).toBeInstanceOf(WebSerialAdapter);
  });
});

describe('WebSerialAdapter over the simulated navigator.serial', () => {
  async function open(sim = v6Device()) {
    const serial = createSimulatedSerial(sim);
    const req = await requestSerialPort(serial);
    if (!req.ok) throw new Error(req.error);
    await req.port.open(LINE);
    return { sim, serial, adapter: req.port, master: new ModbusMaster(req.port, { interFrameMs: 0, timeoutMs: 300 }) };
  }

  it('reads V6 through real WHATWG streams', async () => {
    const { master, adapter } = await open();
    expect(await master.readRegisters(1, 3, 8, 4)).toMatchObject({ ok: true, words: [45, 123, 68, 1], rawReplyHex: '01 03 08 00 2D 00 7B 00 44 00 01 0D 0A' });
    await adapter.close();
  });

  it('never splits on the CR LF that ends V6, whatever the chunking', async () => {
    const { master, sim, adapter } = await open();
    sim.inject({ kind: 'split', at: [11] }); // "... 00 01" | "0D 0A"
    sim.inject({ kind: 'split', at: [12] }); // "... 0D" | "0A"
    sim.inject({ kind: 'split', at: [3, 5, 7, 9, 11] });
    for (let i = 0; i < 3; i++) expect(await master.readRegisters(1, 3, 8, 4)).toMatchObject({ ok: true, words: [45, 123, 68, 1] });
    await adapter.close();
  });

  it('reports timeouts, CRC errors and exceptions as the master does on any port', async () => {
    const { master, sim, adapter } = await open();
    sim.inject({ kind: 'silent' });
    sim.inject({ kind: 'corruptCrc' });
    sim.inject({ kind: 'exception', code: 4 });
    expect(await master.readRegisters(1, 3, 8, 4, { timeoutMs: 100 })).toMatchObject({ ok: false, error: 'timeout' });
    expect(await master.readRegisters(1, 3, 8, 4)).toMatchObject({ ok: false, error: 'crc' });
    expect(await master.readRegisters(1, 3, 8, 4)).toMatchObject({ ok: false, error: 'exception', exceptionName: 'serverDeviceFailure' });
    await adapter.close();
  });

  it('carries on after a non-fatal line error (a fresh readable)', async () => {
    const { master, serial, adapter } = await open();
    serial.port.lineError();
    for (let i = 0; i < 100 && adapter.lineErrors === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(adapter.lineErrors).toBe(1);
    expect(adapter.isOpen).toBe(true);
    expect(await master.readRegisters(1, 3, 8, 4)).toMatchObject({ ok: true });
    await adapter.close();
  });

  it('opens with 8 data bits and the panel parity, and closes cleanly so it can reopen', async () => {
    const sim = v6Device();
    sim.parity = 'even';
    const serial = createSimulatedSerial(sim);
    const adapter = new WebSerialAdapter(serial.port);
    await adapter.open({ ...LINE, parity: 'even' });
    await adapter.close();
    expect(adapter.isOpen).toBe(false);
    expect(serial.port.readable).toBeNull();
    await adapter.open({ ...LINE, parity: 'even' });
    expect(serial.port.openCount).toBe(2);
    const master = new ModbusMaster(adapter, { interFrameMs: 0 });
    expect(await master.readRegisters(1, 3, 8, 4)).toMatchObject({ ok: true });
    await adapter.close();
    expect(await master.readRegisters(1, 3, 8, 4)).toMatchObject({ ok: false, error: 'closed' });
  });

  it('reports a port held elsewhere as data, not an exception', async () => {
    const serial = createSimulatedSerial(v6Device());
    await serial.port.open({ baudRate: 9600 }); // "another tab" holds it
    expect(await openPort(new WebSerialAdapter(serial.port), LINE)).toMatchObject({ ok: false, error: 'alreadyOpen' });
    const busy = new WebSerialAdapter({ ...serial.port, readable: null, writable: null, open: () => Promise.reject(new DOMException('Failed to open serial port.', 'NetworkError')), close: () => Promise.resolve() });
    expect(await openPort(busy, LINE)).toEqual({ ok: false, error: 'busy', message: 'Failed to open serial port.' });
    await serial.port.close();
  });

  it('rejects a second open of the same simulated port, as Web Serial does', async () => {
    const serial = createSimulatedSerial(v6Device());
    await serial.port.open({ baudRate: 9600 });
    await expect(serial.port.open({ baudRate: 9600 })).rejects.toThrow(/already open/);
    expect(await serial.getPorts()).toEqual([serial.port]);
    await serial.port.close();
  });
});
