import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultPanelDraft } from '$lib/domain/isolation/panel';
import { PanelRepository, type StoredPanel } from '$lib/db/panels';
import { testDb } from '$lib/db/testing';
import { CheckFlow, draftKey } from './checkFlow.svelte';

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
    { tenantId: t.id, assetNumber: 'H-000001-0', locationId: null })).panel;
});

function fillIn(flow: CheckFlow): void {
  flow.identify('scan', 'H-000001-0');
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
