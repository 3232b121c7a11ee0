import { describe, expect, it } from 'vitest';
import { evaluate } from '../domain/isolation/rules';
import { makePanel } from '../domain/isolation/testing';
import { ModbusMaster } from './master';
import { mergeReadings, Poller, type PollUpdate } from './poller';
import { aimM10Profile } from './profiles';
import { SimulatedAimM10, SimulatedPort } from './simulator';

const panel = makePanel(); // 6.3 kVA / 230 V, R_a 50 kΩ, T_a 100 °C

async function setup(o: { now?: () => number } = {}) {
  const sim = new SimulatedAimM10();
  sim.set({ insulationKohm: 500, loadA: 10, temperatureC: 40, faults: {} });
  const port = new SimulatedPort(sim);
  await port.open({ baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 });
  const master = new ModbusMaster(port, { interFrameMs: 0, timeoutMs: 120, ...(o.now ? { now: o.now } : {}) });
  const updates: PollUpdate[] = [];
  const poller = new Poller({ master, profile: aimM10Profile(), slave: 1, panel, intervalMs: 20, timeoutMs: 120, onUpdate: (u) => updates.push(u), ...o });
  return { sim, poller, updates };
}

describe('Poller', () => {
  it('polls, decodes, evaluates and keeps the raw frames', async () => {
    const { poller } = await setup();
    const u = await poller.pollOnce();
    expect(u.ok).toBe(true);
    expect(u.readings.insulationKohm?.value).toBe(500);
    expect(u.evaluation.overall).toBe('normal');
    expect(u.frames).toEqual([expect.objectContaining({ requestHex: '01 03 00 08 00 04 C5 CB', ok: true })]);
    expect(poller.frames).toHaveLength(1);
    const cr = poller.toCheckReadings();
    expect(cr).toMatchObject({ source: 'serial', frames: u.frames });
    expect(cr?.values.insulationKohm?.value).toBe(500);
  });

  it('applies hysteresis across polls', async () => {
    const { poller, sim } = await setup();
    const statuses: string[] = [];
    for (const v of [45, 60, 60, 500]) {
      sim.set({ insulationKohm: v });
      statuses.push((await poller.pollOnce()).evaluation.rules[0]!.status);
    }
    expect(statuses).toEqual(['alarm', 'alarm', 'warning', 'normal']);
  });

  it('keeps the last good value but marks it with the failure, so the rule is unknown', async () => {
    const { poller, sim } = await setup();
    await poller.pollOnce();
    sim.set({ insulationKohm: 30 });
    sim.inject({ kind: 'corruptCrc' });
    const u = await poller.pollOnce();
    expect(u.ok).toBe(false);
    expect(u.errors).toEqual(['crc']);
    expect(u.readings.insulationKohm).toMatchObject({ value: 500, problem: 'crc' });
    expect(u.evaluation.rules.map((r) => r.status)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(u.frames[0]).toMatchObject({ ok: false, error: 'crc' });
    const next = await poller.pollOnce();
    expect(next.readings.insulationKohm).toEqual(expect.objectContaining({ value: 30 }));
    expect(next.readings.insulationKohm?.problem).toBeUndefined();
    expect(next.evaluation.overall).toBe('alarm');
  });

  it('turns values stale 60 s after the last good read', async () => {
    let t = Date.UTC(2026, 2, 2, 9, 0, 0);
    const { poller } = await setup({ now: () => t });
    await poller.pollOnce();
    expect(poller.evaluateAt(t + 60_000)?.overall).toBe('normal');
    const stale = poller.evaluateAt(t + 61_000)!;
    expect(stale.overall).toBe('unknown');
    expect(stale.rules[0]?.explanation).toEqual({ code: 'quality.stale', params: { ageS: 61, limitS: 60 } });
    t += 61_000;
    expect(poller.evaluateAt(t)).not.toBeNull();
  });

  it('does not release a held alarm by merely re-evaluating', async () => {
    const { poller, sim } = await setup();
    sim.set({ insulationKohm: 40 });
    await poller.pollOnce();
    sim.set({ insulationKohm: 500 });
    await poller.pollOnce(); // 1 of 2
    expect(poller.evaluateAt(Date.now())?.overall).toBe('alarm');
    expect((await poller.pollOnce()).evaluation.overall).toBe('normal'); // 2 of 2
  });

  it('runs at an interval until stopped, without overlapping polls', async () => {
    const { poller, updates, sim } = await setup();
    poller.start();
    poller.start(); // idempotent
    await new Promise((r) => setTimeout(r, 150));
    await poller.stop();
    const n = updates.length;
    expect(n).toBeGreaterThanOrEqual(2); // ~7 on an idle machine; loose for a loaded one
    await new Promise((r) => setTimeout(r, 60));
    expect(updates.length).toBe(n);
    expect(sim.requests.length).toBe(n);
    expect(poller.running).toBe(false);
  });

  it('survives a listener that throws', async () => {
    const sim = new SimulatedAimM10();
    const port = new SimulatedPort(sim);
    await port.open({ baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 });
    const poller = new Poller({ master: new ModbusMaster(port, { interFrameMs: 0 }), profile: aimM10Profile(), slave: 1, panel, onUpdate: () => { throw new Error('ui bug'); } });
    expect((await poller.pollOnce()).ok).toBe(true);
  });
});

describe('mergeReadings', () => {
  it('keeps only good previous values under a new problem', () => {
    const merged = mergeReadings(
      { insulationKohm: { value: 500, at: 1 }, loadA: { value: 5, at: 1, problem: 'timeout' } },
      { insulationKohm: { value: NaN, at: 2, problem: 'timeout' }, loadA: { value: NaN, at: 2, problem: 'timeout' }, temperatureC: { value: 30, at: 2 } }
    );
    expect(merged).toEqual({
      insulationKohm: { value: 500, at: 1, problem: 'timeout' },
      loadA: { value: NaN, at: 2, problem: 'timeout' },
      temperatureC: { value: 30, at: 2 }
    });
    expect(evaluate({ readings: merged, now: 2 }, panel).overall).toBe('unknown');
  });
});
