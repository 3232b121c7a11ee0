// Starting values of the team's service settings (serviceConfigs), which administrators edit.
import type { BusinessCalendar, DayHours } from './calendar';

const OFFICE: DayHours = { start: '08:30', end: '17:30', lunchStart: '12:00', lunchEnd: '13:30' };

/**
 * Public holidays and make-up working days (调休) of mainland China as published by the State
 * Council for 2025 and 2026. The list must be extended each year when the next notice appears
 * (usually in November); the settings page says so.
 */
export const CN_HOLIDAYS = [
  '2025-01-01', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04',
  '2025-04-04', '2025-04-05', '2025-04-06', '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05',
  '2025-05-31', '2025-06-01', '2025-06-02',
  '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08',
  '2026-01-01', '2026-01-02', '2026-01-03',
  '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
  '2026-04-04', '2026-04-05', '2026-04-06', '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
  '2026-06-19', '2026-06-20', '2026-06-21', '2026-09-25', '2026-09-26', '2026-09-27',
  '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'
];
export const CN_MAKEUP_DAYS = [
  '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
  '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'
];

export function defaultCalendar(): BusinessCalendar {
  return {
    timeZone: 'Asia/Shanghai',
    week: [null, { ...OFFICE }, { ...OFFICE }, { ...OFFICE }, { ...OFFICE }, { ...OFFICE }, null],
    holidays: [...CN_HOLIDAYS],
    workdays: [...CN_MAKEUP_DAYS]
  };
}
