/**
 * The PDF report of a site's periodic inspection: every panel of the site with the check that
 * counts for the period (the latest effective check signed in it), a summary, the findings that
 * need action, and signature lines. Panels not checked in the period are listed as such.
 */
import { effectiveChecks, type SignedCheck } from '$lib/domain/isolation/check';
import { dashboardRow } from '$lib/domain/isolation/dashboard';
import type { Panel } from '$lib/domain/isolation/panel';
import type { RuleId } from '$lib/domain/isolation/rules';
import type { RuleStatus } from '$lib/domain/isolation/status';
import type { Lang } from '$lib/i18n/define';
import type { FontSource } from '$lib/labels/fonts';
import { dateOnly, dateTime, explanationText, label, statusLabel, translator, valueText, verdictHeadline } from '../text';
import { renderReport, type Block } from './pdf';

export interface SitePanel {
  panel: Panel;
  label: string;
  checks: readonly SignedCheck[];
}

export interface SiteReportInput {
  tenantName: string;
  siteName: string;
  from: number; // epoch ms, inclusive
  to: number; // epoch ms, inclusive
  generatedAt: number;
  panels: readonly SitePanel[];
}

/** The check that counts for the period: the latest effective one signed within it. */
export function periodCheck(checks: readonly SignedCheck[], from: number, to: number): SignedCheck | null {
  const inPeriod = effectiveChecks(checks).filter((c) => {
    const t = Date.parse(c.signedAt);
    return t >= from && t <= to;
  });
  return inPeriod.at(-1) ?? null;
}

export function siteSummary(input: SiteReportInput): Record<RuleStatus | 'panels' | 'checked' | 'overdue', number> {
  const out = { panels: input.panels.length, checked: 0, overdue: 0, normal: 0, warning: 0, unknown: 0, alarm: 0 };
  for (const p of input.panels) {
    const c = periodCheck(p.checks, input.from, input.to);
    if (c) { out.checked++; out[c.verdict]++; }
    if (dashboardRow({ panel: p.panel, checks: p.checks }, input.generatedAt).overdue) out.overdue++;
  }
  return out;
}

function ruleValue(c: SignedCheck | null, rule: RuleId, lang: Lang): string {
  const r = c?.rules.find((x) => x.rule === rule);
  return r ? (r.value ? valueText(r.value, lang) : statusLabel(r.status, lang)) : '—';
}

export function siteReportSpec(input: SiteReportInput, lang: Lang): { title: string; blocks: Block[]; footer: (n: number, total: number) => string } {
  const t = translator(lang);
  const title = t('isolation.report.siteTitle');
  const s = siteSummary(input);
  const rows = input.panels.map((p) => ({ p, c: periodCheck(p.checks, input.from, input.to), row: dashboardRow({ panel: p.panel, checks: p.checks }, input.generatedAt) }));
  const worst: RuleStatus = s.alarm ? 'alarm' : s.unknown || s.checked < s.panels ? 'unknown' : s.warning ? 'warning' : 'normal';
  const blocks: Block[] = [
    { kind: 'title', text: title, sub: t('isolation.report.generated', { date: dateTime(input.generatedAt) }) },
    { kind: 'kv', pairs: [[t('isolation.report.client'), input.tenantName], [t('isolation.report.site'), input.siteName], [t('isolation.report.period'), `${dateOnly(input.from)} – ${dateOnly(input.to)}`]] },
    { kind: 'verdict', tone: worst, headline: verdictHeadline(worst, lang), lines: [t('isolation.report.summary', s)] },
    {
      kind: 'table', size: 7.5,
      columns: [
        { title: t('isolation.col.room'), width: 10 }, { title: t('isolation.col.system'), width: 9 }, { title: t('isolation.label'), width: 13 },
        { title: t('isolation.col.last'), width: 12 }, { title: t('isolation.technician'), width: 11 },
        { title: 'R_F / THC', width: 10 }, { title: t('isolation.report.col.load'), width: 7 }, { title: t('isolation.report.col.temp'), width: 7 },
        { title: t('isolation.col.verdict'), width: 10 }, { title: t('isolation.col.due'), width: 11 }
      ],
      rows: rows.map(({ p, c, row }) => ({
        tone: c?.verdict ?? 'unknown',
        cells: [
          p.panel.room, p.panel.systemId, p.label,
          c ? dateTime(c.signedAt) : t('isolation.report.notChecked'), c?.technician ?? '—',
          ruleValue(c, p.panel.regime === 'nfpa' ? 'thc' : 'insulation', lang), ruleValue(c, 'load', lang), ruleValue(c, 'temperature', lang),
          c ? statusLabel(c.verdict, lang) + (c.complete ? '' : ` (${t('isolation.incomplete')})`) : '—',
          row.overdue ? (row.daysOverdue === null ? t('isolation.dueNow') : t('isolation.overdue', { days: row.daysOverdue })) : dateOnly(row.nextDue)
        ]
      }))
    }
  ];
  const findings = rows.flatMap(({ p, c }) => {
    if (!c) return [];
    const where = `${p.panel.room} · ${p.panel.systemId}`;
    const rules = c.rules.filter((r) => r.status !== 'normal').map((r) => `${where} — ${label(r.rule, lang)}: ${explanationText(r.explanation, lang)}`);
    return rules;
  });
  if (findings.length > 0) {
    blocks.push({ kind: 'h2', text: t('isolation.report.findings') }, ...findings.map((text): Block => ({ kind: 'p', text: `• ${text}`, size: 9 })));
  }
  blocks.push({ kind: 'signatures', labels: [t('isolation.report.signature'), t('isolation.report.customerSignature')] });
  return { title, blocks, footer: (n, total) => t('isolation.report.page', { n, total }) };
}

export function buildSiteReport(input: SiteReportInput, lang: Lang, fontSource: FontSource): Promise<Uint8Array> {
  return renderReport(siteReportSpec(input, lang), fontSource);
}
