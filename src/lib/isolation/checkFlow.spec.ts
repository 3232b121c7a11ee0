import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatAssetNumber } from '$lib/domain/assetNumber';
import { defaultPanelDraft } from '$lib/domain/isolation/panel';
import { PanelRepository, type StoredPanel } from '$lib/db/panels';
import { testDb } from '$lib/db/testing';
import { createSimulatedSerial, SimulatedAimM10 } from '$lib/serial/simulator';
import { f32Words } from '$lib/serial/words';
import { CheckFlow, draftKey } from './checkFlow.svelte';
import { SerialReader } from './serial.svelte';

// localStorage for Node: the flow keeps its draft there.
const store = new Map<string, string>();
Object.defineProperty(globalThis, 'localStorage', {
  configurable: true,
  value: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) }
});

const saved = (panelId: string) => 'assetwalk.draft.' + draftKey(panelId);

let env: ReturnType<typeof testDb>;
let repo: PanelRepository;
let panel: StoredPanel;

beforeEach(async () => {
  store.clear();
  env = testDb();
  repo = new PanelRepository(env.db, env.ctx, env.devices);
  const t = await env.org.createTenant({ name: 'H', assetPrefix: 'H', serviceDeskPhone: '' });
  const s = await env.org.createSite({ tenantId: t.id, name: 'S', address: '' });
  panel = (await repo.create({ ...defaultPanelDraft(), siteId: s.id, room: 'OR 1', systemId: 'IT-1', ratedKva: 6.3, secondaryV: 230, imdMake: 'Acrel', imdModel: 'AIM-M10', profileId: 'acrel-aim-m10' },
    { tenantId: t.id, assetNumber: formatAssetNumber('H', 1), locationId: null })).panel;
});

function fillIn(flow: CheckFlow): void {
  flow.identify('scan', formatAssetNumber('H', 1));
  flow.next();
  for (const k of ['greenLamp', 'noYellowRed', 'remoteAgrees', 'instructionsPosted'] as const) flow.draft.visual[k] = 'pass';
  flow.next();
  Object.assign(flow.manual, { insulation: '500', load: '8.5', temperature: '35', display: 'clear' });
  flow.typed();
  flow.next();
  for (const k of ['yellowLamp', 'buzzer', 'muteStopsBuzzer', 'remoteIndicator', 'backToNormal'] as const) flow.draft.test[k] = 'pass';
  flow.next();
}

describe('CheckFlow', () => {
  it('will not leave the identify step before the panel is identified', () => {
    const flow = new CheckFlow(panel, { technician: '王工', now: env.ctx.now });
    flow.next();
    expect(flow.step).toBe('identify');
    flow.identify('confirmed');
    flow.next();
    expect(flow.step).toBe('visual');
  });

  it('shows the verdict while filling in, then signs it insert-only and clears the draft', async () => {
    const flow = new CheckFlow(panel, { technician: '王工', now: env.ctx.now });
    expect(flow.judgement.verdict).toBe('unknown'); // nothing read yet is never normal
    fillIn(flow);
    expect(flow.step).toBe('verdict');
    expect(flow.judgement).toMatchObject({ verdict: 'normal', complete: true });
    expect(store.has(saved(panel.id))).toBe(true);
    const r = await flow.sign((d) => repo.sign(d));
    expect(r.ok).toBe(true);
    expect(store.has(saved(panel.id))).toBe(false);
    expect((await repo.checks(panel.id)).map((c) => c.verdict)).toEqual(['normal']);
  });

  it('a draft survives a reload and resumes at its step', () => {
    const first = new CheckFlow(panel, { technician: '王工', now: env.ctx.now });
    fillIn(first);
    first.manual.insulation = '45';
    first.typed();
    const again = new CheckFlow(panel, { technician: '王工', now: env.ctx.now });
    expect(again.restored).toBe(true);
    expect(again.step).toBe('verdict');
    expect(again.draft.id).toBe(first.draft.id);
    expect(again.manual.insulation).toBe('45');
    expect(again.judgement.verdict).toBe('alarm');
    again.discard();
    expect(again.step).toBe('identify');
    expect(again.draft.id).not.toBe(first.draft.id);
  });

  it('a correction starts from the original, skips identification and needs a remark', async () => {
    const flow = new CheckFlow(panel, { technician: '王工', now: env.ctx.now });
    fillIn(flow);
    flow.draft.test.buzzer = 'fail';
    await flow.sign((d) => repo.sign(d));
    const original = (await repo.checks(panel.id))[0]!;
    env.ctx.set(env.ctx.now() + 3_600_000);
    expect(original.verdict).toBe('alarm');
    const fix = new CheckFlow(panel, { technician: '李工', now: env.ctx.now, correcting: original });
    expect(fix.step).toBe('visual');
    expect(fix.manual.insulation).toBe('500');
    fix.draft.test.buzzer = 'pass';
    const refused = await fix.sign((d) => repo.sign(d));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.remarks).toBe('correctionNeedsRemark');
    fix.draft.remarks = 'Buzzer worked; wrong button';
    expect((await fix.sign((d) => repo.sign(d))).ok).toBe(true);
    expect((await repo.checks(panel.id)).map((c) => c.correctsCheckId ?? null)).toEqual([null, original.id]);
  });
});

describe('the signed check is never milder than the screen (issue 8.2)', () => {
  async function liveCheck(values: number[]) {
    const flow = new CheckFlow(panel, { technician: '王工', now: env.ctx.now });
    const sim = new SimulatedAimM10();
    const shown: string[] = [];
    const reader = new SerialReader(panel, {
      serial: createSimulatedSerial(sim), master: { idleMs: 20, timeoutMs: 200, interFrameMs: 0 }, now: env.ctx.now,
      onPoll: (u, r) => flow.serialPoll(r, u.evaluation.rules, u.at)
    });
    flow.identify('confirmed');
    flow.next();
    for (const k of ['greenLamp', 'noYellowRed', 'remoteAgrees', 'instructionsPosted'] as const) flow.draft.visual[k] = 'pass';
    flow.next();
    expect(await reader.connect()).toBe(true);
    const firstAt = env.ctx.now();
    for (const v of values) {
      sim.set({ insulationKohm: v, loadA: 5, temperatureC: 30, faults: {} });
      const u = await reader.readOnce();
      shown.push(u?.evaluation.rules[0]?.status ?? '');
      env.ctx.set(env.ctx.now() + 2_000);
    }
    await reader.disconnect();
    flow.next();
    for (const k of ['yellowLamp', 'buzzer', 'muteStopsBuzzer', 'remoteIndicator', 'backToNormal'] as const) flow.draft.test[k] = 'pass';
    flow.next();
    return { flow, shown, firstAt };
  }

  it.each([[[45, 56]], [[45, 400]]])('live %j kΩ at R_a 50 kΩ: the signed check records the alarm, 45 kΩ and when', async (values) => {
    const { flow, shown, firstAt } = await liveCheck(values);
    expect(shown).toEqual(['alarm', 'alarm']); // the second poll is held by hysteresis on screen
    expect(flow.draft.readings?.values.insulationKohm?.value).toBe(values[1]); // the last reading alone is milder
    expect(flow.judgement.verdict).toBe('alarm');
    expect(flow.judgement.worstSeen).toMatchObject({ status: 'alarm', rule: 'insulation', value: { value: 45, unit: 'kΩ' }, at: new Date(firstAt).toISOString() });
    const r = await flow.sign((d) => repo.sign(d));
    expect(r.ok).toBe(true);
    const [stored] = await repo.checks(panel.id);
    expect(stored).toMatchObject({ verdict: 'alarm', worstSeen: { status: 'alarm', value: { value: 45 } } });
  });

  it('a check that only ever showed normal values signs normal, and old checks without the field still judge', async () => {
    const { flow } = await liveCheck([500, 480]);
    expect(flow.judgement).toMatchObject({ verdict: 'normal', worstSeen: null });
    expect((await flow.sign((d) => repo.sign(d))).ok).toBe(true);
    expect((await repo.checks(panel.id))[0]).not.toHaveProperty('worstSeen');
  });
});

describe('load and temperature typed beside serial values (issue 8.3)', () => {
  it('an IM20-H reads R_F only: the technician types load and temperature, both sources are kept and recorded', async () => {
    const t = await env.org.createTenant({ name: 'H2', assetPrefix: 'HB', serviceDeskPhone: '' });
    const site = await env.org.createSite({ tenantId: t.id, name: 'S2', address: '' });
    const im20 = (await repo.create({
      ...defaultPanelDraft(), siteId: site.id, room: 'OR 2', systemId: 'IT-2', ratedKva: 6.3, secondaryV: 230,
      imdMake: 'Schneider Electric', imdModel: 'IM20-H', profileId: 'schneider-im20-h', baudRate: 19200, parity: 'even'
    }, { tenantId: t.id, assetNumber: formatAssetNumber('HB', 2), locationId: null })).panel;
    const sim = new SimulatedAimM10({ slave: 1, baudRate: 19200, parity: 'even', registerCount: 0x10000 });
    const [hi, lo] = f32Words(350_000);
    sim.setRegister(1000, hi);
    sim.setRegister(1001, lo);
    sim.setRegister(1100, 0);
    const flow = new CheckFlow(im20, { technician: '王工', now: env.ctx.now });
    const reader = new SerialReader(im20, {
      serial: createSimulatedSerial(sim), master: { idleMs: 20, timeoutMs: 200, interFrameMs: 0 }, now: env.ctx.now,
      onPoll: (u, r) => flow.serialPoll(r, u.evaluation.rules, u.at)
    });
    expect(Object.keys(reader.provides).sort()).toEqual(['device', 'insulationKohm']);
    expect(await reader.connect()).toBe(true);
    await reader.readOnce();
    expect(flow.judgement.rules.find((r) => r.rule === 'load')?.status).toBe('unknown'); // not read, not typed yet
    Object.assign(flow.manual, { load: '8.5', temperature: '35' });
    flow.typedBeside();
    await reader.readOnce(); // a later poll keeps the typed values
    await reader.disconnect();
    const r = flow.draft.readings;
    expect(r).toMatchObject({ source: 'serial', typed: ['loadA', 'temperatureC'] });
    expect(r?.values.insulationKohm?.value).toBe(350);
    expect(r?.values.loadA?.value).toBe(8.5);
    expect(r?.values.temperatureC?.value).toBe(35);
    expect(r?.frames.length).toBeGreaterThan(0);
    expect(flow.judgement.rules.filter((x) => ['insulation', 'load', 'temperature'].includes(x.rule)).map((x) => x.status)).toEqual(['normal', 'normal', 'normal']);
  });
});
