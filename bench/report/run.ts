// The monthly service report for 10,000 incidents (issue 10): computing it (SLA clocks on the
// Chinese business calendar for every incident, means, counts) and rendering its PDF, in Node.
// There is no peer package to compare with: GLPI, iTop and Zammad compute their reports in SQL
// on their server. The baseline printed beside ours is the naive report a small app makes: the
// same counts and means from the stored timestamps in wall-clock time (no calendar, no pauses,
// no SLA clocks), which shows what correct business time costs.
// Usage: npx tsx bench/report/run.ts [incidents=10000]
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { defaultCalendar } from '../../src/lib/domain/service/defaults';
import { monthlyReport, type ReportInput } from '../../src/lib/domain/service/report';
import { DEFAULT_TARGETS } from '../../src/lib/domain/service/sla';
import { nodeFontSource, pdfPageCount } from '../../src/lib/labels/testing/decode';
import { workload } from './workload';

// The PDF's texts come from the i18n module, which keeps the language in a rune ($state). Outside
// Svelte's compiler a rune is just its initial value; give tsx that, then load the module.
(globalThis as Record<string, unknown>).$state = <T>(v: T): T => v;
const { buildServiceReport } = await import('../../src/lib/service/reportPdf');

const N = Number(process.argv[2] ?? 10_000);
const RUNS = 5;
const w = workload(N);

/** The baseline: counts, and means of (respondedAt − openedAt) and (resolvedAt − openedAt) in wall time. */
function naive(): unknown {
  const from = Date.parse('2026-10-31T16:00:00Z');
  const to = Date.parse('2026-11-30T16:00:00Z');
  const counts = new Map<string, number>();
  let resp = 0, nResp = 0, res = 0, nRes = 0, score = 0, nScore = 0;
  for (const i of w.incidents) {
    const t = Date.parse(i.openedAt);
    if (t < from || t >= to) continue;
    counts.set(i.priority, (counts.get(i.priority) ?? 0) + 1);
    counts.set(i.category, (counts.get(i.category) ?? 0) + 1);
    if (i.respondedAt) { resp += Date.parse(i.respondedAt) - t; nResp++; }
    if (i.resolvedAt) { res += Date.parse(i.resolvedAt) - t; nRes++; }
    if (i.satisfaction) { score += i.satisfaction.score; nScore++; }
  }
  return { counts, resp: resp / nResp, res: res / nRes, score: score / nScore };
}

function input(): ReportInput {
  return { month: '2026-11', incidents: w.incidents, logs: w.logs, changes: w.changes, config: { calendar: defaultCalendar(), targets: DEFAULT_TARGETS }, devices: new Map(), nowISO: '2026-12-01T02:00:00Z' };
}

async function median(fn: () => unknown | Promise<unknown>): Promise<{ median: number; min: number; max: number }> {
  await fn(); // warm-up
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return { median: t[Math.floor(t.length / 2)]!, min: t[0]!, max: t[t.length - 1]! };
}
const f = (x: { median: number; min: number; max: number }) => `${x.median.toFixed(0)} (${x.min.toFixed(0)}–${x.max.toFixed(0)})`;

const business = await median(() => monthlyReport(input()));
const wall = await median(naive);
const report = monthlyReport(input());
const en = await median(() => buildServiceReport(report, { tenantName: 'Shenzhen Sample Hospital' }, 'en', nodeFontSource));
const zh = await median(() => buildServiceReport(report, { tenantName: '深圳市示例人民医院' }, 'zh-CN', nodeFontSource));
const zhPdf = await buildServiceReport(report, { tenantName: '深圳市示例人民医院' }, 'zh-CN', nodeFontSource);
const enPdf = await buildServiceReport(report, { tenantName: 'Shenzhen Sample Hospital' }, 'en', nodeFontSource);

console.log(`# Monthly service report, ${N.toLocaleString()} incidents (${w.logs.length.toLocaleString()} work-log entries, ${report.satisfaction.comments.length} comments), ${cpus()[0]?.model ?? '?'} × ${cpus().length}, Node ${process.version}; median of ${RUNS} (min–max), ms`);
console.log('| step | ms |');
console.log('|---|---|');
console.log(`| compute: SLA clocks in business time (Chinese calendar, holidays, 调休, pauses), counts, means | ${f(business)} |`);
console.log(`| baseline: naive counts and wall-clock means (no SLA, no calendar) | ${f(wall)} |`);
console.log(`| PDF, English (${pdfPageCount(enPdf)} pages, ${(enPdf.length / 1024).toFixed(0)} KiB) | ${f(en)} |`);
console.log(`| PDF, Chinese (${pdfPageCount(zhPdf)} pages, ${(zhPdf.length / 1024).toFixed(0)} KiB, Noto Sans SC subset) | ${f(zh)} |`);
console.log(`SLA met ${report.sla.metPct?.toFixed(1)} %, mean response ${((report.meanResponseMs ?? 0) / 60_000).toFixed(0)} min, mean resolution ${((report.meanResolveMs ?? 0) / 60_000).toFixed(0)} business min`);
