/**
 * Incident numbers: INC-<yyyymm>-<4 digits>, e.g. INC-202611-0042.
 *
 * Minted offline on the tablet: the month is the opening month on the client's calendar zone,
 * the 4 digits a per-tablet running number for that month kept in the `meta` table and advanced
 * in the transaction that creates the incident, starting above the highest number of that month
 * already on the tablet (so synced incidents of other tablets are skipped too). A number is thus
 * unique on one tablet; two tablets offline in the same month can mint the same display number,
 * which the record's id (a UUID) disambiguates — the list and the page show both the number and
 * the reporter. Past 9999 a month the number grows a fifth digit rather than wrapping.
 */

export function incidentMonth(openedAtISO: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(new Date(openedAtISO));
  const y = parts.find((p) => p.type === 'year')?.value ?? '0000';
  const m = parts.find((p) => p.type === 'month')?.value ?? '00';
  return `${y}${m}`;
}

export function formatIncidentNumber(month: string, seq: number): string {
  return `INC-${month}-${String(seq).padStart(4, '0')}`;
}

/** The running number of a formatted incident number of `month`, or null. */
export function seqOf(number: string, month: string): number | null {
  const m = /^INC-(\d{6})-(\d{4,})$/.exec(number);
  return m && m[1] === month ? Number(m[2]) : null;
}

export function nextSeq(month: string, counter: { month: string; seq: number } | undefined, known: readonly string[]): number {
  let max = counter?.month === month ? counter.seq : 0;
  for (const n of known) max = Math.max(max, seqOf(n, month) ?? 0);
  return max + 1;
}
