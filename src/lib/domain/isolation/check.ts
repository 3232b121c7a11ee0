/**
 * The panel check record. Insert-only: a signed check is frozen and never edited; a mistake is
 * fixed by signing a new check with `correctsCheckId` pointing at the old one (`effectiveChecks`
 * then hides the old one from trends and due dates, while the history keeps both).
 *
 * Times: the record's own times are ISO 8601 strings; inside `readings` (values and raw frames)
 * times are epoch ms, as the rules compare them. A check is judged at its reading time, not at
 * signing, so a technician who signs ten minutes after reading does not make the values "stale".
 */
import { explain, type Explanation } from './explain';
import { nextDue, type Panel } from './panel';
import type { Readings } from './readings';
import { emptyTestSteps, evaluate, type RuleId, type RulePanel, type RuleResult, type RuleValue, type StepResult, type TestSteps } from './rules';
import { severity, worst, type RuleStatus } from './status';
import { emptyVisualChecks, visualRule, type VisualChecks } from './visual';

export { VISUAL_ITEMS, emptyVisualChecks, visualRule, type VisualChecks, type VisualItem } from './visual';
export type { StepResult };

export const CHECK_SCHEMA_VERSION = 1;
export const REMARKS_MAX = 2000;

export interface RawFrame {
  at: number;
  requestHex: string;
  replyHex: string; // '' when nothing came back
  ok: boolean;
  error?: string;
}

export interface CheckReadings {
  source: 'manual' | 'serial';
  readAt: string;
  values: Readings;
  frames: RawFrame[]; // required for 'serial'
  /**
   * Quantities typed by hand beside serial readings (a device that reads no load or temperature);
   * absent in older checks and when every value came from `source`.
   */
  typed?: TypedKey[];
}

export const TYPED_KEYS = ['loadA', 'loadPercent', 'temperatureC', 'ptc'] as const;
export type TypedKey = (typeof TYPED_KEYS)[number];

/**
 * The worst finding the screen showed while the check was open (live serial polls): the signed
 * verdict is never milder than it. 45 kΩ then 56 kΩ at R_a 50 kΩ: the screen held the alarm, so the
 * check records alarm, "45 kΩ at 10:02:07", although the last reading is only a warning.
 */
export interface WorstSeen {
  status: 'alarm' | 'warning';
  rule: RuleId;
  value: RuleValue | null;
  explanation: Explanation;
  at: string;
}

/**
 * The worst of `prev` and the rules of one evaluation shown at `at`. Only findings count (alarm,
 * warning): an unknown poll (a timeout) says nothing about the panel. The first reading at the
 * worst level is kept; a held alarm (hysteresis) counts only when no alarm was recorded before.
 */
export function observeWorst(prev: WorstSeen | undefined, rules: readonly RuleResult[], at: number): WorstSeen | undefined {
  let best = prev;
  for (const r of rules) {
    if (r.status !== 'alarm' && r.status !== 'warning') continue;
    if (best !== undefined && severity(r.status) <= severity(best.status)) continue;
    best = { status: r.status, rule: r.rule, value: r.value ? { ...r.value } : null, explanation: deepCopy(r.explanation), at: new Date(at).toISOString() };
  }
  return best;
}

const isWorst = (w: unknown): w is WorstSeen =>
  w !== null && typeof w === 'object' && ((w as WorstSeen).status === 'alarm' || (w as WorstSeen).status === 'warning');

/** How the technician made sure this is the panel: its label scanned, or (label unreadable) confirmed by sight. */
export interface Identification {
  by: 'scan' | 'confirmed';
  at: string;
  text?: string; // what was scanned
}

export interface CheckDraft {
  id: string;
  panelId: string;
  technician: string;
  startedAt: string;
  visual: VisualChecks;
  readings: CheckReadings | null;
  test: TestSteps;
  remarks: string;
  correctsCheckId?: string;
  identified?: Identification;
  /** Absent in checks signed before it existed, and when nothing was seen live. */
  worstSeen?: WorstSeen;
}

export interface SignedCheck extends CheckDraft {
  schemaVersion: typeof CHECK_SCHEMA_VERSION;
  signedAt: string;
  verdict: RuleStatus;
  complete: boolean;
  incomplete: Explanation[];
  rules: RuleResult[];
  /** The configuration the verdict was computed against, kept for the audit trail. */
  limits: RulePanel;
  /** Due date this check sets; null for an incomplete check (the previous due date stands). */
  nextDue: string | null;
}

export type CheckField = 'id' | 'panelId' | 'technician' | 'startedAt' | 'signedAt' | 'readings' | 'readAt' | 'frames' | 'remarks' | 'correctsCheckId';
export type CheckErrorCode = 'required' | 'invalidDate' | 'framesRequired' | 'invalidHex' | 'correctionNeedsRemark' | 'correctsItself' | 'tooLong' | 'signedBeforeStart' | 'panelMismatch';
export type CheckErrors = Partial<Record<CheckField, CheckErrorCode>>;

export function newCheckDraft(o: { id: string; panelId: string; technician: string; startedAt: string }): CheckDraft {
  return { ...o, visual: emptyVisualChecks(), readings: null, test: emptyTestSteps(), remarks: '' };
}

/** A new draft that corrects `original`: its content copied, to be changed and signed anew. */
export function draftCorrection(original: SignedCheck, o: { id: string; technician: string; startedAt: string }): CheckDraft {
  return {
    ...o, panelId: original.panelId, visual: { ...original.visual }, test: { ...original.test },
    readings: original.readings ? deepCopy(original.readings) : null, remarks: '', correctsCheckId: original.id,
    // What the original's screen showed stays on record: a correction fixes a mistake, not the panel.
    ...(original.worstSeen ? { worstSeen: deepCopy(original.worstSeen) } : {})
  };
}

const HEX_RE = /^[0-9a-f]{2}(?: ?[0-9a-f]{2})*$/i;
const isDate = (s: unknown): boolean => typeof s === 'string' && s !== '' && Number.isFinite(Date.parse(s));
const blank = (s: unknown): boolean => typeof s !== 'string' || s.trim() === '';

export function validateCheckDraft(d: CheckDraft): { errors: CheckErrors; explanations: Partial<Record<CheckField, Explanation>> } {
  const errors: CheckErrors = {};
  const explanations: Partial<Record<CheckField, Explanation>> = {};
  const fail = (f: CheckField, code: CheckErrorCode, params: Record<string, number | string> = {}) => {
    if (errors[f] !== undefined) return;
    errors[f] = code;
    explanations[f] = explain(`check.${code}`, { field: f, ...params });
  };
  if (blank(d.id)) fail('id', 'required');
  if (blank(d.panelId)) fail('panelId', 'required');
  if (blank(d.technician)) fail('technician', 'required');
  if (!isDate(d.startedAt)) fail('startedAt', blank(d.startedAt) ? 'required' : 'invalidDate');
  if (typeof d.remarks === 'string' && d.remarks.length > REMARKS_MAX) fail('remarks', 'tooLong', { max: REMARKS_MAX });
  if (d.readings === null) fail('readings', 'required');
  else {
    if (!isDate(d.readings.readAt)) fail('readAt', blank(d.readings.readAt) ? 'required' : 'invalidDate');
    if (d.readings.source === 'serial' && d.readings.frames.length === 0) fail('frames', 'framesRequired');
    d.readings.frames.forEach((f, index) => {
      if (!HEX_RE.test(f.requestHex) || (f.replyHex !== '' && !HEX_RE.test(f.replyHex))) fail('frames', 'invalidHex', { index: index + 1 });
    });
  }
  if (d.correctsCheckId !== undefined) {
    if (d.correctsCheckId === d.id) fail('correctsCheckId', 'correctsItself');
    else if (blank(d.remarks)) fail('remarks', 'correctionNeedsRemark');
  }
  return { errors, explanations };
}

export type SignResult =
  | { ok: true; check: SignedCheck }
  | { ok: false; errors: CheckErrors; explanations: Partial<Record<CheckField, Explanation>> };

export function signCheck(draft: CheckDraft, panel: Panel, signedAt: string): SignResult {
  const { errors, explanations } = validateCheckDraft(draft);
  if (!isDate(signedAt)) { errors.signedAt = 'invalidDate'; explanations.signedAt = explain('check.invalidDate', { field: 'signedAt' }); }
  else if (isDate(draft.startedAt) && Date.parse(signedAt) < Date.parse(draft.startedAt)) {
    errors.signedAt = 'signedBeforeStart'; explanations.signedAt = explain('check.signedBeforeStart');
  }
  if (!blank(draft.panelId) && draft.panelId !== panel.id) { errors.panelId = 'panelMismatch'; explanations.panelId = explain('check.panelMismatch'); }
  if (Object.keys(errors).length > 0 || draft.readings === null) return { ok: false, errors, explanations };

  const limits = ruleLimits(panel);
  const { worstSeen, ...j } = judgeCheck(draft, limits);
  const { worstSeen: _asTyped, ...content } = deepCopy(draft);
  const check: SignedCheck = {
    ...content,
    ...(worstSeen ? { worstSeen: deepCopy(worstSeen) } : {}),
    schemaVersion: CHECK_SCHEMA_VERSION,
    signedAt,
    ...j,
    limits,
    nextDue: j.complete ? nextDue(signedAt, panel.checkIntervalDays) : null
  };
  return { ok: true, check: deepFreeze(check) };
}

/** The part of a panel's configuration the rules read, copied (a check keeps it for the audit trail). */
export function ruleLimits(panel: RulePanel): RulePanel {
  return deepCopy({
    regime: panel.regime, responseValueKohm: panel.responseValueKohm, limLevelMa: panel.limLevelMa,
    transformer: panel.transformer, temperature: panel.temperature, loadMonitored: panel.loadMonitored,
    remoteIndicator: panel.remoteIndicator
  });
}

export interface Judgement {
  verdict: RuleStatus;
  complete: boolean;
  incomplete: Explanation[];
  rules: RuleResult[];
  /** The worst seen during the check when it counts toward the verdict; null otherwise. */
  worstSeen: WorstSeen | null;
}

/**
 * The verdict a draft would get if signed now: readings judged at their reading time, test steps,
 * visual inspection, and the worst seen live during the check (never milder than the screen showed).
 * signCheck stores exactly this; the check screen shows it while it is filled in.
 * A draft without readings judges them as missing (unknown), never as normal.
 */
export function judgeCheck(draft: Pick<CheckDraft, 'readings' | 'test' | 'visual' | 'startedAt' | 'worstSeen'>, limits: RulePanel): Judgement {
  const at = draft.readings ? Date.parse(draft.readings.readAt) : Date.parse(draft.startedAt);
  const ev = evaluate({ readings: draft.readings?.values ?? {}, test: draft.test, now: Number.isFinite(at) ? at : 0 }, limits);
  const visual = visualRule(draft.visual, limits);
  const rules = [...ev.rules, visual.result];
  const incomplete = [...ev.incomplete, ...(visual.incomplete ? [visual.incomplete] : [])];
  const seen = isWorst(draft.worstSeen) ? draft.worstSeen : null;
  const statuses = [...rules.map((r) => r.status), ...(seen ? [seen.status] : [])];
  return { verdict: worst(statuses), complete: incomplete.length === 0, incomplete, rules, worstSeen: seen };
}

/**
 * The checks that count: corrected checks drop out (a correction of a correction too), and when
 * one check was corrected twice only the later correction counts. Sorted by signing time.
 */
export function effectiveChecks(checks: readonly SignedCheck[]): SignedCheck[] {
  const latestFor = new Map<string, SignedCheck>();
  for (const c of checks) {
    if (c.correctsCheckId === undefined) continue;
    const prev = latestFor.get(c.correctsCheckId);
    if (!prev || Date.parse(c.signedAt) > Date.parse(prev.signedAt)) latestFor.set(c.correctsCheckId, c);
  }
  const superseded = new Set(latestFor.keys());
  const kept = checks.filter((c) => !superseded.has(c.id) && (c.correctsCheckId === undefined || latestFor.get(c.correctsCheckId) === c));
  return kept.sort((a, b) => Date.parse(a.signedAt) - Date.parse(b.signedAt));
}

export function lastCheck(checks: readonly SignedCheck[]): SignedCheck | null {
  return effectiveChecks(checks).at(-1) ?? null;
}

export function nextDueFor(checks: readonly SignedCheck[], intervalDays: number): string | null {
  const lastComplete = effectiveChecks(checks).filter((c) => c.complete).at(-1);
  return nextDue(lastComplete?.signedAt ?? null, intervalDays);
}

/** Copies plain data (also a UI framework's reactive proxy) keeping NaN, which JSON would lose. */
function deepCopy<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x: unknown) => deepCopy(x)) as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = deepCopy(x);
    return out as T;
  }
  return v;
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}
