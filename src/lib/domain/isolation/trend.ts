/**
 * Data for a panel's trend chart: R_F (or THC), load % and temperature over its effective checks,
 * with the current limit lines. Each point keeps the status it was judged at when signed, so a
 * later change of R_a does not recolour history. Unknown values leave a gap rather than a zero.
 */
import { effectiveChecks, type SignedCheck } from './check';
import type { Bound } from './readings';
import type { RuleId, RulePanel } from './rules';
import type { RuleStatus } from './status';

export type TrendKey = 'insulation' | 'thc' | 'load' | 'temperature';

export interface TrendPoint {
  t: number; // epoch ms of the reading
  checkId: string;
  value: number;
  bound: Bound;
  status: RuleStatus;
}

export interface LimitLine {
  level: 'warning' | 'alarm';
  value: number;
}

export interface TrendSeries {
  key: TrendKey;
  unit: string;
  points: TrendPoint[];
  limits: LimitLine[];
  /** A y-range that shows every point and limit line. */
  yMin: number;
  yMax: number;
}

export interface TrendData {
  from: number | null;
  to: number | null;
  series: TrendSeries[];
}

function limitsFor(key: TrendKey, p: RulePanel): { unit: string; limits: LimitLine[] } {
  switch (key) {
    case 'insulation':
      return { unit: 'kΩ', limits: [{ level: 'warning', value: 2 * p.responseValueKohm }, { level: 'alarm', value: p.responseValueKohm }] };
    case 'thc':
      return { unit: 'mA', limits: [{ level: 'warning', value: 0.8 * p.limLevelMa }, { level: 'alarm', value: p.limLevelMa }] };
    case 'load':
      return { unit: '%', limits: [{ level: 'warning', value: 85 }, { level: 'alarm', value: 100 }] };
    case 'temperature':
      return { unit: '°C', limits: [{ level: 'warning', value: p.temperature.setPointC - 10 }, { level: 'alarm', value: p.temperature.setPointC }] };
  }
}

export function trendKeys(p: RulePanel): TrendKey[] {
  const keys: TrendKey[] = [p.regime === 'nfpa' ? 'thc' : 'insulation'];
  if (p.loadMonitored) keys.push('load');
  if (p.temperature.input === 'celsius') keys.push('temperature');
  return keys;
}

export function buildTrend(checks: readonly SignedCheck[], panel: RulePanel): TrendData {
  const eff = effectiveChecks(checks);
  const times = eff.map((c) => {
    const t = c.readings ? Date.parse(c.readings.readAt) : NaN;
    return Number.isFinite(t) ? t : Date.parse(c.signedAt);
  });
  const series = trendKeys(panel).map((key): TrendSeries => {
    const { unit, limits } = limitsFor(key, panel);
    const points: TrendPoint[] = [];
    eff.forEach((c, i) => {
      const r = c.rules.find((x) => x.rule === (key as RuleId));
      const t = times[i];
      if (r?.value && r.status !== 'unknown' && t !== undefined && Number.isFinite(t)) {
        points.push({ t, checkId: c.id, value: r.value.value, bound: r.value.bound, status: r.status });
      }
    });
    points.sort((a, b) => a.t - b.t);
    const ys = [...points.map((p) => p.value), ...limits.map((l) => l.value)];
    return { key, unit, points, limits, yMin: Math.min(0, ...ys), yMax: Math.max(...ys) };
  });
  const finite = times.filter((t) => Number.isFinite(t));
  return { from: finite.length ? Math.min(...finite) : null, to: finite.length ? Math.max(...finite) : null, series };
}
