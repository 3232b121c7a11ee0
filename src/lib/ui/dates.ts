// Today's date as YYYY-MM-DD in the tablet's own time zone (warranty dates are local dates).
export function today(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
