import { describe, expect, it } from 'vitest';
import { addBusinessMs, businessMs, calendarProblems, periodsOf, wallToInstant, zoneOffset, type BusinessCalendar } from './calendar';
import { defaultCalendar } from './defaults';

const H = 3_600_000;
const cal: BusinessCalendar = defaultCalendar(); // Asia/Shanghai, Mon–Fri 08:30–17:30, lunch 12:00–13:30
/** Shanghai wall time → ISO instant. */
const cst = (s: string) => `${s}+08:00`;

describe('businessMs on a Chinese office calendar', () => {
  it.each([
    ['within the morning', '2025-11-17T09:00', '2025-11-17T11:00', 2],
    ['across the lunch break', '2025-11-17T11:00', '2025-11-17T14:00', 1.5],
    ['a whole working day', '2025-11-17T00:00', '2025-11-18T00:00', 7.5],
    ['across a weekend (Fri 16:30 → Mon 09:30)', '2025-11-14T16:30', '2025-11-17T09:30', 2],
    ['across 国庆 (Tue 30 Sep 16:30 → Thu 9 Oct 09:30)', '2025-09-30T16:30', '2025-10-09T09:30', 2],
    ['a make-up Saturday is worked (Fri 10 Oct → Mon 13 Oct)', '2025-10-10T16:30', '2025-10-13T09:30', 1 + 7.5 + 1],
    ['a make-up Sunday before 国庆 (Sat 27 Sep → Mon 29 Sep)', '2025-09-27T00:00', '2025-09-29T00:00', 7.5],
    ['a holiday on a weekday is not worked (1 May 2026, Fri)', '2026-05-01T00:00', '2026-05-02T00:00', 0],
    ['outside hours only', '2025-11-17T18:00', '2025-11-18T08:00', 0],
    ['reversed range', '2025-11-17T11:00', '2025-11-17T09:00', 0]
  ])('%s', (_name, from, to, hours) => {
    expect(businessMs(cal, cst(from), cst(to)) / H).toBeCloseTo(hours, 6);
  });

  it('reads instants from a UTC tablet clock in the calendar zone', () => {
    // 00:30Z is 08:30 in Shanghai; 04:00Z is noon there.
    expect(businessMs(cal, '2025-11-17T00:30:00.000Z', '2025-11-17T04:00:00.000Z') / H).toBeCloseTo(3.5, 6);
    // The same instants on a UTC calendar fall before the working day.
    expect(businessMs({ ...cal, timeZone: 'UTC' }, '2025-11-17T00:30:00.000Z', '2025-11-17T04:00:00.000Z')).toBe(0);
    // Spelled in another offset, the same instants give the same answer.
    expect(businessMs(cal, '2025-11-16T19:30:00-05:00', '2025-11-16T23:00:00-05:00') / H).toBeCloseTo(3.5, 6);
  });

  it('is additive over a split point', () => {
    const a = cst('2025-09-26T10:00');
    const b = cst('2025-10-05T03:00');
    const c = cst('2025-10-14T15:00');
    expect(businessMs(cal, a, b) + businessMs(cal, b, c)).toBe(businessMs(cal, a, c));
  });

  it('a daylight-saving zone keeps its wall-clock hours on the day clocks go forward', () => {
    const berlin: BusinessCalendar = { timeZone: 'Europe/Berlin', week: [{ start: '09:00', end: '17:00' }, null, null, null, null, null, null], holidays: [], workdays: [] };
    // Sunday 30 March 2025: 09:00 CEST = 07:00Z, 17:00 CEST = 15:00Z.
    expect(businessMs(berlin, '2025-03-30T00:00:00Z', '2025-03-31T00:00:00Z') / H).toBe(8);
    expect(new Date(wallToInstant('Europe/Berlin', Date.UTC(2025, 2, 30, 9))).toISOString()).toBe('2025-03-30T07:00:00.000Z');
    expect(zoneOffset('Asia/Shanghai', Date.UTC(2025, 0, 1)) / H).toBe(8);
  });
});

describe('addBusinessMs', () => {
  it('lands on the instant the business time runs out, skipping lunch, nights and holidays', () => {
    const at = (from: string, hours: number) => new Date(addBusinessMs(cal, Date.parse(cst(from)), hours * H)!).toISOString();
    expect(at('2025-11-17T11:00', 2)).toBe('2025-11-17T06:30:00.000Z'); // 14:30 CST
    expect(at('2025-09-30T16:30', 2)).toBe('2025-10-09T01:30:00.000Z'); // Thu 9 Oct 09:30 CST
    expect(at('2025-11-15T10:00', 0)).toBe('2025-11-17T00:30:00.000Z'); // a Saturday: Monday 08:30
  });

  it('is the inverse of businessMs inside working time', () => {
    const from = cst('2025-09-26T10:00');
    const to = cst('2025-10-14T15:00');
    expect(addBusinessMs(cal, Date.parse(from), businessMs(cal, from, to))).toBe(Date.parse(to));
  });

  it('gives no deadline on a calendar without working hours', () => {
    expect(addBusinessMs({ timeZone: 'UTC', week: [null, null, null, null, null, null, null], holidays: [], workdays: [] }, 0, H)).toBeNull();
  });
});

describe('calendar validation', () => {
  it('cuts the lunch break out of the day', () => {
    expect(periodsOf({ start: '08:30', end: '17:30', lunchStart: '12:00', lunchEnd: '13:30' })).toEqual([[510, 720], [810, 1050]]);
  });
  it('names each problem', () => {
    const bad: BusinessCalendar = { timeZone: 'Mars/Olympus', week: [null, { start: '18:00', end: '08:00' }, { start: '08:00', end: '17:00', lunchStart: '18:00', lunchEnd: '19:00' }, null, null, null, null], holidays: ['2025-13-01'], workdays: [] };
    const p = calendarProblems(bad);
    expect(p).toHaveLength(4);
    expect(p.join('\n')).toMatch(/Mars\/Olympus/);
    expect(calendarProblems(cal)).toEqual([]);
  });
});
