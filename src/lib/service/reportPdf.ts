/**
 * The monthly service report as a PDF (A4, Chinese or English). Laid out by the panel reports'
 * flow writer (isolation/report/pdf.ts): Helvetica for Latin text, Noto Sans SC embedded as a
 * subset only when some text needs it.
 */
import type { MonthlyReport } from '$lib/domain/service/report';
import type { Lang } from '$lib/i18n/define';
import type { MessageKey } from '$lib/i18n/index.svelte';
import { dateTime } from '$lib/isolation/text';
import { renderReport, type Block, type ReportSpec } from '$lib/isolation/report/pdf';
import type { FontSource } from '$lib/labels/fonts';
import { categoryLabel, durationText, monthLabel, percentText, translator } from './reportText';

export interface ReportMeta { tenantName: string }

export function serviceReportSpec(r: MonthlyReport, meta: ReportMeta, lang: Lang): ReportSpec {
  const t = translator(lang);
  const title = `${t('rep.title')} · ${monthLabel(r.month, lang)}`;
  const [y, m] = r.month.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate();
  const avg = r.satisfaction.average;
  const blocks: Block[] = [
    { kind: 'title', text: title, sub: t('rep.generated', { date: dateTime(r.generatedAt) }) },
    { kind: 'kv', columns: 2, pairs: [[t('rep.client'), meta.tenantName], [t('rep.period'), `${r.month}-01 – ${r.month}-${lastDay}`]] },
    { kind: 'h2', text: t('rep.summary') },
    {
      kind: 'kv', columns: 3, pairs: [
        [t('rep.opened'), String(r.opened)], [t('rep.resolved'), String(r.resolvedInMonth)], [t('rep.stillOpen'), String(r.stillOpen)],
        [t('rep.sla'), `${percentText(r.sla.metPct)} (${t('rep.slaLine', { met: r.sla.met, breached: r.sla.breached, open: r.sla.open })})`],
        [t('rep.meanRespond'), durationText(r.meanResponseMs, lang)], [t('rep.meanResolve'), durationText(r.meanResolveMs, lang)],
        [t('rep.satisfaction'), avg === null ? t('rep.satNone') : t('rep.satAvg', { avg: avg.toFixed(2), n: r.satisfaction.count })]
      ]
    },
    { kind: 'p', text: `${t('rep.businessTime')} ${t('rep.definitions')}`, size: 8, muted: true },
    { kind: 'h2', text: t('rep.byPriority') },
    table([t('rep.col.priority'), t('rep.col.count')], [3, 1], r.byPriority.map((c) => [c.key, String(c.count)])),
    { kind: 'h2', text: t('rep.byCategory') },
    r.byCategory.length ? table([t('rep.col.category'), t('rep.col.count')], [3, 1], r.byCategory.map((c) => [categoryLabel(c.key, t), String(c.count)])) : muted(t('rep.noRecurring')),
    { kind: 'h2', text: t('rep.satisfaction') },
    table(['1', '2', '3', '4', '5'], [1, 1, 1, 1, 1], [r.satisfaction.distribution.map(String)]),
    r.satisfaction.comments.length
      ? table([t('rep.col.number'), t('rep.col.score'), t('rep.col.comment')], [2, 1, 7], r.satisfaction.comments.map((c) => [c.number, String(c.score), c.comment]))
      : muted(t('rep.noComments')),
    { kind: 'h2', text: `${t('rep.topDevices')} / ${t('rep.topModels')}` },
    ...(r.topDevices.length + r.topModels.length === 0
      ? [muted(t('rep.noRecurring'))]
      : [
          ...(r.topDevices.length ? [table([t('rep.col.device'), t('rep.col.count')], [4, 1], r.topDevices.map((d) => [d.label, String(d.count)]))] : []),
          ...(r.topModels.length ? [table([t('rep.col.model'), t('rep.col.count')], [4, 1], r.topModels.map((d) => [d.key, String(d.count)]))] : [])
        ]),
    { kind: 'h2', text: t('rep.changes') },
    r.changes.length
      ? table(
          [t('rep.col.number'), t('rep.col.title'), t('rep.col.risk'), t('rep.col.schedule'), t('rep.col.status'), t('rep.col.outcome')], [3, 4, 1.2, 2.6, 2, 4],
          r.changes.map((c) => [c.number, c.title, t(`chg.risk.${c.risk}` as MessageKey), c.scheduledStart.replace('T', ' ') || '—', t(`chg.status.${c.status}` as MessageKey), c.outcome || '—'])
        )
      : muted(t('rep.noChanges'))
  ];
  return { title, blocks, footer: (page, total) => t('rep.footer', { page, total }) };
}

function table(titles: string[], widths: number[], rows: string[][]): Block {
  return { kind: 'table', size: 8.5, columns: titles.map((title, i) => ({ title, width: widths[i] ?? 1 })), rows: rows.map((cells) => ({ cells })) };
}

function muted(text: string): Block {
  return { kind: 'p', text, muted: true };
}

export function buildServiceReport(r: MonthlyReport, meta: ReportMeta, lang: Lang, fontSource: FontSource): Promise<Uint8Array> {
  return renderReport(serviceReportSpec(r, meta, lang), fontSource);
}
