/**
 * Business time on a client's calendar.
 *
 * A calendar is a time zone, working hours per weekday (with an optional lunch break), a list of
 * holidays and a list of make-up working days (调休: a Saturday or Sunday worked in exchange for a
 * bridge day). Dates in the lists are local dates (YYYY-MM-DD) in the calendar's zone. A holiday
 * is never worked, even on a weekday; a make-up day is worked with Monday's hours (or, when
 * Monday has none, the first weekday that has hours), whatever weekday it falls on.
 *
 * Invariants:
 *  - instants are absolute (ISO strings with a zone, typically the tablet's UTC `Z`); only the
 *    calendar's zone decides what is working time, never the zone of the tablet;
 *  - businessMs(a, b) = Σ |[a, b) ∩ working intervals|, 0 when b ≤ a; it is additive:
 *    businessMs(a, c) = businessMs(a, b) + businessMs(b, c) for a ≤ b ≤ c;
 *  - addBusinessMs(a, businessMs(a, b)) ≤ b, equal when b lies in working time;
 *  - zone conversion uses Intl.DateTimeFormat only (no tz database of our own), so daylight
 *    saving zones work as the platform knows them; a wall time skipped by a DST jump maps to
 *    the instant just after the jump.
 */

export interface DayHours {
  /** 'HH:MM' local */
  start: string;
  end: string;
  lunchStart?: string;
  lunchEnd?: string;
}

export interface BusinessCalendar {
  timeZone: string;
  /** Index 0 = Sunday … 6 = Saturday; null = not a working day. */
  week: (DayHours | null)[];
  holidays: string[];
  /** Make-up working days (调休). */
  workdays: string[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;

export function parseHm(s: string | undefined): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec((s ?? '').trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h <= 24 && min < 60 && h * 60 + min <= 1440 ? h * 60 + min : null;
}

/** Working periods of one day in minutes after local midnight, lunch cut out; [] when malformed. */
export function periodsOf(d: DayHours | null | undefined): [number, number][] {
  if (!d) return [];
  const s = parseHm(d.start);
  const e = parseHm(d.end);
  if (s === null || e === null || e <= s) return [];
  const ls = parseHm(d.lunchStart);
  const le = parseHm(d.lunchEnd);
  if (ls === null || le === null || le <= ls || le <= s || ls >= e) return [[s, e]];
  const out: [number, number][] = [];
  if (ls > s) out.push([s, ls]);
  if (le < e) out.push([le, e]);
  return out;
}

/** Problems an administrator must fix before saving a calendar (empty list = valid). */
export function calendarProblems(c: BusinessCalendar): string[] {
  const p: string[] = [];
  try {
    new Intl.DateTimeFormat('en', { timeZone: c.timeZone });
  } catch {
    p.push(`Unknown time zone: ${c.timeZone}`);
  }
  c.week.forEach((d, i) => {
    if (d && periodsOf(d).length === 0) p.push(`Day ${i}: working hours must be HH:MM with the end after the start`);
    const ls = parseHm(d?.lunchStart);
    const le = parseHm(d?.lunchEnd);
    const s = parseHm(d?.start);
    const e = parseHm(d?.end);
    if (d && (d.lunchStart || d.lunchEnd) && !(ls !== null && le !== null && s !== null && e !== null && s < ls && ls < le && le < e)) {
      p.push(`Day ${i}: the lunch break must lie inside the working hours`);
    }
  });
  for (const x of [...c.holidays, ...c.workdays]) if (!/^\d{4}-\d{2}-\d{2}$/.test(x) || Number.isNaN(Date.parse(x))) p.push(`Not a date (YYYY-MM-DD): ${x}`);
  return p;
}

// --- zone conversion --------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
function fmt(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC at `ms`, in ms (Shanghai: +8 h). */
export function zoneOffset(zone: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const p of fmt(zone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant at which the wall clock of `zone` shows `localMs` (a UTC-based wall time). */
export function wallToInstant(zone: string, localMs: number): number {
  let guess = localMs - zoneOffset(zone, localMs);
  guess = localMs - zoneOffset(zone, guess);
  return guess;
}

/** Local day number (days since 1970-01-01 in the zone) of an instant. */
function localDay(zone: string, ms: number): number {
  return Math.floor((ms + zoneOffset(zone, ms)) / DAY);
}

function isoDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

// --- working intervals per local day, cached per calendar object ------------------------

const cache = new WeakMap<BusinessCalendar, { holidays: Set<string>; workdays: Set<string>; days: Map<number, [number, number][]> }>();

function prepared(c: BusinessCalendar) {
  let p = cache.get(c);
  if (!p) {
    p = { holidays: new Set(c.holidays), workdays: new Set(c.workdays), days: new Map() };
    cache.set(c, p);
  }
  return p;
}

function makeUpHours(c: BusinessCalendar): DayHours | null {
  return c.week[1] ?? [1, 2, 3, 4, 5, 6, 0].map((i) => c.week[i]).find((d) => periodsOf(d).length > 0) ?? null;
}

/** Working intervals [start, end) of local day `day` as absolute instants. */
function dayIntervals(c: BusinessCalendar, day: number): [number, number][] {
  const p = prepared(c);
  const hit = p.days.get(day);
  if (hit) return hit;
  const date = isoDate(day);
  const weekday = new Date(day * DAY).getUTCDay();
  const hours = p.holidays.has(date) ? null : p.workdays.has(date) ? makeUpHours(c) : c.week[weekday];
  const out = periodsOf(hours).map(([s, e]): [number, number] => [wallToInstant(c.timeZone, day * DAY + s * MINUTE), wallToInstant(c.timeZone, day * DAY + e * MINUTE)]);
  p.days.set(day, out);
  return out;
}

function hasAnyHours(c: BusinessCalendar): boolean {
  return c.week.some((d) => periodsOf(d).length > 0) || (c.workdays.length > 0 && makeUpHours(c) !== null);
}

/** Business milliseconds in [from, to). */
export function businessMsBetween(c: BusinessCalendar, from: number, to: number): number {
  if (!(to > from)) return 0;
  let total = 0;
  const last = localDay(c.timeZone, to) + 1;
  for (let d = localDay(c.timeZone, from) - 1; d <= last; d++) {
    for (const [s, e] of dayIntervals(c, d)) {
      const a = Math.max(s, from);
      const b = Math.min(e, to);
      if (b > a) total += b - a;
    }
  }
  return total;
}

/** Business time between two ISO instants, in ms (0 when `toISO` is not after `fromISO`). */
export function businessMs(c: BusinessCalendar, fromISO: string, toISO: string): number {
  return businessMsBetween(c, Date.parse(fromISO), Date.parse(toISO));
}

/** The instant when `ms` business milliseconds have passed after `from`; null if never (no hours in 10 years). */
export function addBusinessMs(c: BusinessCalendar, from: number, ms: number): number | null {
  if (!hasAnyHours(c)) return null;
  let left = ms;
  const first = localDay(c.timeZone, from) - 1;
  for (let d = first; d < first + 3660; d++) {
    for (const [s, e] of dayIntervals(c, d)) {
      const a = Math.max(s, from);
      if (e <= a) continue;
      if (left <= e - a) return a + left;
      left -= e - a;
    }
  }
  return null;
}
