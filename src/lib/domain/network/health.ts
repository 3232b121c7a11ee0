/**
 * How a device is doing, for colouring the topology: open incidents first (something is wrong
 * now), then how long since someone last checked it (a configuration saved, a room audit that
 * found it). Pure: the caller passes the counts and dates.
 */
export type Health = 'incident' | 'stale' | 'never' | 'ok';

/** Older than this, a check no longer vouches for the device. */
export const STALE_DAYS = 180;

export const OPEN_INCIDENT = (status: unknown): boolean => status !== 'resolved' && status !== 'closed';

export function deviceHealth(openIncidents: number, lastCheck: string | null, now: number, staleDays = STALE_DAYS): Health {
  if (openIncidents > 0) return 'incident';
  if (!lastCheck) return 'never';
  const t = Date.parse(lastCheck);
  if (!Number.isFinite(t)) return 'never';
  return now - t > staleDays * 86_400_000 ? 'stale' : 'ok';
}

/** Fill and stroke per health, shared by the screen, the SVG and the PDF so all three agree. */
export const HEALTH_COLOURS: Record<Health, { fill: string; stroke: string }> = {
  incident: { fill: '#fde2e1', stroke: '#b42318' },
  stale: { fill: '#fff4d6', stroke: '#b7791f' },
  never: { fill: '#eef0f3', stroke: '#667085' },
  ok: { fill: '#e3f4e8', stroke: '#1e7b34' }
};
