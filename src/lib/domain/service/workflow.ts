/**
 * The incident life cycle (ISO 20000 incident management):
 *   new → assigned → in-progress ⇄ pending;  in-progress → resolved → closed;
 *   resolved → in-progress (reopened: the fix did not hold).
 * Shortcuts a service desk expects are allowed where they lose nothing: a new incident may be
 * taken straight into progress by the technician standing at the device (assigning them).
 * Every other move is refused with a reason the screen shows. Closed is final.
 */
import type { IncidentStatus } from './types';

const NEXT: Record<IncidentStatus, readonly IncidentStatus[]> = {
  new: ['assigned', 'in-progress'],
  assigned: ['in-progress'],
  'in-progress': ['pending', 'resolved'],
  pending: ['in-progress'],
  resolved: ['closed', 'in-progress'],
  closed: []
};

export type TransitionRefusal = 'same' | 'closed' | 'notAllowed' | 'needsAssignee' | 'needsResolution';

export type TransitionCheck = { ok: true } | { ok: false; reason: TransitionRefusal; message: string };

export interface TransitionInput {
  from: IncidentStatus;
  to: IncidentStatus;
  assignee: string;
  resolution: string;
}

export function allowedNext(from: IncidentStatus): readonly IncidentStatus[] {
  return NEXT[from];
}

export function checkTransition({ from, to, assignee, resolution }: TransitionInput): TransitionCheck {
  if (from === 'closed') return { ok: false, reason: 'closed', message: 'A closed incident is final; open a new one.' };
  if (from === to) return { ok: false, reason: 'same', message: `The incident is already ${to}.` };
  if (!NEXT[from].includes(to)) return { ok: false, reason: 'notAllowed', message: `An incident cannot go from ${from} to ${to}.` };
  if ((to === 'assigned' || to === 'in-progress') && assignee.trim() === '') {
    return { ok: false, reason: 'needsAssignee', message: 'Assign the incident to someone first.' };
  }
  if (to === 'resolved' && resolution.trim() === '') return { ok: false, reason: 'needsResolution', message: 'Write the resolution before resolving.' };
  return { ok: true };
}

/** Statuses in which the SLA resolution clock does not run. */
export function clockStopped(status: IncidentStatus): boolean {
  return status === 'pending' || status === 'resolved' || status === 'closed';
}
