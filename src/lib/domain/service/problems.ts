/**
 * Problem candidates (ITIL problem management): incidents that recur on one device or on one
 * model within a window are flagged for a review of their cause. Thresholds: at least 3 on one
 * device or 5 on one model in the 90 days up to `now` (by openedAt, window inclusive of both ends).
 */
import type { Incident } from './types';

export interface ProblemCandidate {
  kind: 'device' | 'model';
  /** The device id or the model name. */
  key: string;
  count: number;
  incidentIds: string[];
}

export const PROBLEM_WINDOW_DAYS = 90;
export const DEVICE_THRESHOLD = 3;
export const MODEL_THRESHOLD = 5;

type Inc = Pick<Incident, 'id' | 'deviceId' | 'model' | 'openedAt'>;

export function problemCandidates(incidents: readonly Inc[], nowISO: string, days = PROBLEM_WINDOW_DAYS): ProblemCandidate[] {
  const now = Date.parse(nowISO);
  const since = now - days * 86_400_000;
  const byDevice = new Map<string, string[]>();
  const byModel = new Map<string, string[]>();
  for (const i of incidents) {
    const at = Date.parse(i.openedAt);
    if (!(at >= since && at <= now)) continue;
    if (i.deviceId) byDevice.set(i.deviceId, [...(byDevice.get(i.deviceId) ?? []), i.id]);
    const model = i.model.trim();
    if (model) byModel.set(model, [...(byModel.get(model) ?? []), i.id]);
  }
  const out: ProblemCandidate[] = [];
  for (const [key, ids] of byDevice) if (ids.length >= DEVICE_THRESHOLD) out.push({ kind: 'device', key, count: ids.length, incidentIds: ids });
  for (const [key, ids] of byModel) if (ids.length >= MODEL_THRESHOLD) out.push({ kind: 'model', key, count: ids.length, incidentIds: ids });
  return out.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** Whether an incident belongs to a candidate (for a flag on the list and the incident page). */
export function flaggedIds(candidates: readonly ProblemCandidate[]): Set<string> {
  return new Set(candidates.flatMap((c) => c.incidentIds));
}
