// Which devices a print job takes: by site, floor, "no label yet", "changed since last print".
import type { Device } from '../device';
import type { Location } from '../org';
import { contentFingerprint, type LabelData } from './content';
import type { Label } from './record';

export interface PrintFilter {
  siteId?: string | null;
  /** Location floor, compared trimmed and case-insensitively. */
  floor?: string | null;
  /** Devices with no printed, usable label: none yet, never printed, or damaged. */
  withoutLabel?: boolean;
  /** Devices whose label content changed since it was last printed. */
  changedSinceLastPrint?: boolean;
}

export interface Candidate {
  device: Device;
  label: Label | undefined;
  data: LabelData;
}

export function needsLabel(label: Label | undefined): boolean {
  return !label || label.printCount === 0 || label.state === 'damaged';
}

export function changedSincePrint(label: Label | undefined, data: LabelData): boolean {
  return !!label && label.lastPrintedHash !== null && label.lastPrintedHash !== contentFingerprint(data);
}

export function matches(f: PrintFilter, c: Candidate, location: Pick<Location, 'floor'> | undefined): boolean {
  if (c.device.status === 'retired') return false;
  if (c.label?.state === 'voided') return false;
  if (f.siteId && c.device.siteId !== f.siteId) return false;
  if (f.floor && (location?.floor ?? '').trim().toLowerCase() !== f.floor.trim().toLowerCase()) return false;
  if (f.withoutLabel && f.changedSinceLastPrint) return needsLabel(c.label) || changedSincePrint(c.label, c.data);
  if (f.withoutLabel && !needsLabel(c.label)) return false;
  if (f.changedSinceLastPrint && !changedSincePrint(c.label, c.data)) return false;
  return true;
}

/**
 * The ticks for the `next` candidates, given those shown before (null on the first load): the
 * first load ticks all (or only `preselect`); later loads keep every tick as it was, and tick a
 * device not shown before only when all shown before were ticked (or none was shown).
 */
export function keepSelection(before: readonly Candidate[] | null, selected: Readonly<Record<string, boolean>>, next: readonly Candidate[], preselect: readonly string[] = []): Record<string, boolean> {
  const allBefore = before !== null && before.every((c) => selected[c.device.id]); // an empty list was "all"
  const shown = new Set((before ?? []).map((c) => c.device.id));
  const sel: Record<string, boolean> = {};
  for (const c of next) {
    const id = c.device.id;
    if (before === null) sel[id] = preselect.length ? preselect.includes(id) : true;
    else sel[id] = shown.has(id) ? selected[id] === true : allBefore;
  }
  return sel;
}
