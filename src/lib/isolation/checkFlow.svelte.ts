/**
 * The guided check at a panel: identify → visual → readings → test button → verdict and sign-off.
 *
 * Holds the draft while it is filled in and keeps it in localStorage on every change (a reload, an
 * app update or a flat battery does not lose a half-done check; `restored` says it came back).
 * The verdict shown while filling in is `judgeCheck`, the very computation signing stores; it
 * includes the worst finding live polling showed (typed values are the technician's own record:
 * correcting a typo is not a reading, so only polls count toward "worst seen").
 * Signing goes through the repository (insert-only); afterwards the saved draft is cleared.
 */
import { draftCorrection, judgeCheck, newCheckDraft, observeWorst, ruleLimits, type CheckDraft, type CheckReadings, type Judgement, type SignedCheck, type SignResult } from '$lib/domain/isolation/check';
import type { RuleResult } from '$lib/domain/isolation/rules';
import type { Panel } from '$lib/domain/isolation/panel';
import { clearDraft, loadDraft, saveDraft } from '$lib/ui/drafts';
import { emptyManualEntry, entryFromReadings, manualReadings, withTypedBeside, type ManualEntry } from './manual';

export const STEPS = ['identify', 'visual', 'readings', 'test', 'verdict'] as const;
export type Step = (typeof STEPS)[number];
export type Source = 'manual' | 'serial';

interface Saved {
  v: 1;
  draft: CheckDraft;
  step: Step;
  source: Source;
  manual: ManualEntry;
}

export interface CheckFlowOptions {
  technician: string;
  now?: () => number;
  newId?: () => string;
  /** A correction: the new check starts from this one's content. */
  correcting?: SignedCheck | null;
}

export function draftKey(panelId: string, correctsId?: string | null): string {
  return correctsId ? `check:${panelId}:fix:${correctsId}` : `check:${panelId}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

function isSaved(x: unknown, panelId: string): x is Saved {
  const s = x as Saved | null;
  return s !== null && typeof s === 'object' && s.v === 1 && s.draft?.panelId === panelId && (STEPS as readonly string[]).includes(s.step);
}

export class CheckFlow {
  draft = $state<CheckDraft>(newCheckDraft({ id: '', panelId: '', technician: '', startedAt: '' }));
  step = $state<Step>('identify');
  source = $state<Source>('manual');
  manual = $state<ManualEntry>(emptyManualEntry());
  restored = $state(false);
  readonly panel: Panel;
  readonly key: string;
  readonly #now: () => number;
  readonly #o: CheckFlowOptions;
  judgement: Judgement = $derived.by(() => judgeCheck(this.draft, ruleLimits(this.panel)));

  constructor(panel: Panel, o: CheckFlowOptions) {
    this.panel = panel;
    this.#o = o;
    this.#now = o.now ?? Date.now;
    this.key = draftKey(panel.id, o.correcting?.id);
    const saved = loadDraft<unknown>(this.key);
    if (isSaved(saved, panel.id)) {
      this.draft = saved.draft;
      this.step = saved.step;
      this.source = saved.source;
      this.manual = { ...emptyManualEntry(), ...saved.manual, faults: { ...emptyManualEntry().faults, ...saved.manual.faults } };
      this.restored = true;
    } else this.#fresh();
  }

  #fresh(): void {
    const o = this.#o;
    const id = (o.newId ?? (() => crypto.randomUUID()))();
    const base = { id, technician: o.technician, startedAt: iso(this.#now()) };
    if (o.correcting) {
      this.draft = draftCorrection(o.correcting, base);
      this.source = o.correcting.readings?.source ?? 'manual';
      this.manual = o.correcting.readings ? entryFromReadings(o.correcting.readings.values) : emptyManualEntry();
      this.step = 'visual'; // the panel was identified when the original was made
    } else {
      this.draft = newCheckDraft({ ...base, panelId: this.panel.id });
      this.step = 'identify';
      this.source = 'manual';
      this.manual = emptyManualEntry();
    }
    this.restored = false;
  }

  get correcting(): boolean {
    return this.draft.correctsCheckId !== undefined;
  }

  get stepIndex(): number {
    return STEPS.indexOf(this.step);
  }

  /** Whether the technician may move past `step` (identification is the only hard gate). */
  canLeave(step: Step = this.step): boolean {
    return step !== 'identify' || this.draft.identified !== undefined || this.correcting;
  }

  go(step: Step): void {
    const target = STEPS.indexOf(step);
    if (target > this.stepIndex && !STEPS.slice(0, target).every((s) => this.canLeave(s))) return;
    this.step = step;
    this.persist();
  }

  next(): void {
    const n = STEPS[this.stepIndex + 1];
    if (n) this.go(n);
  }

  back(): void {
    const p = STEPS[this.stepIndex - 1];
    if (p) this.go(p);
  }

  identify(by: 'scan' | 'confirmed', text?: string): void {
    this.draft.identified = { by, at: iso(this.#now()), ...(text === undefined ? {} : { text }) };
    this.persist();
  }

  /** The typed values became the readings, stamped now. */
  typed(): void {
    const at = this.#now();
    this.source = 'manual';
    this.draft.readings = { source: 'manual', readAt: iso(at), values: manualReadings($state.snapshot(this.manual), this.panel, at), frames: [] };
    this.persist();
  }

  /** Readings taken over the serial link (latest values and their raw frames), with any typed beside them. */
  useSerial(r: CheckReadings): void {
    this.source = 'serial';
    this.draft.readings = withTypedBeside(r, $state.snapshot(this.manual), this.panel, this.#now());
    this.persist();
  }

  /**
   * One poll as the screen showed it: its values become the readings, and its findings are kept,
   * so the signed verdict is never milder than what was on screen during the check. Called for
   * every poll (not from a UI effect, which may skip updates that come in between two renders).
   */
  serialPoll(r: CheckReadings, shown: readonly RuleResult[], at: number): void {
    const seen = observeWorst(this.draft.worstSeen, shown, at);
    if (seen) this.draft.worstSeen = seen;
    this.useSerial(r);
  }

  /** Load or temperature typed beside serial readings (a device that does not read them). */
  typedBeside(): void {
    const r = this.draft.readings;
    if (r?.source === 'serial') this.useSerial(r);
    else this.persist();
  }

  setSource(s: Source): void {
    this.source = s;
    if (s === 'manual') this.typed();
    else this.persist();
  }

  persist(): void {
    const saved: Saved = { v: 1, draft: $state.snapshot(this.draft), step: this.step, source: this.source, manual: $state.snapshot(this.manual) };
    saveDraft(this.key, saved);
  }

  /** Throws the draft away and starts over. */
  discard(): void {
    clearDraft(this.key);
    this.#fresh();
  }

  async sign(save: (d: CheckDraft) => Promise<SignResult>): Promise<SignResult> {
    const r = await save($state.snapshot(this.draft));
    if (r.ok) clearDraft(this.key);
    return r;
  }
}
