// Antivirus state across a client's computers, for the survey report: the policy says every
// machine has antivirus and keeps it current (domain notes §6).
import type { AntivirusState, DeviceFields } from '../device';
import { IMAGED_TYPES } from './images';

type AvDevice = Pick<DeviceFields, 'type' | 'software'> & { id: string };

export interface AntivirusSummary {
  counts: Record<AntivirusState, number>;
  /** Computers without working, current antivirus: missing, disabled, outdated. */
  atRisk: { id: string; state: AntivirusState }[];
  /** Computers nobody has looked at yet. */
  unknown: string[];
}

export function antivirusSummary(devices: readonly AvDevice[]): AntivirusSummary {
  const counts: Record<AntivirusState, number> = { ok: 0, outdated: 0, disabled: 0, missing: 0, unknown: 0 };
  const atRisk: AntivirusSummary['atRisk'] = [];
  const unknown: string[] = [];
  for (const d of devices) {
    if (!IMAGED_TYPES.includes(d.type)) continue;
    const state = d.software?.antivirus?.state ?? 'unknown';
    counts[state]++;
    if (state === 'missing' || state === 'disabled' || state === 'outdated') atRisk.push({ id: d.id, state });
    else if (state === 'unknown') unknown.push(d.id);
  }
  return { counts, atRisk, unknown };
}
