/**
 * The survey report's PDF (phase 2): findings (domain/survey/report.ts), the recommended actions
 * derived from them by the rules table (reportRules.ts), and each site's network diagram, laid
 * out as blocks for the reports' flow writer (isolation/report/pdf.ts). Long lists are cut at
 * LIST_MAX rows with a line saying how many more there are.
 */
import type { TopoGeometry } from '$lib/domain/network/topology';
import { evaluateRules } from '$lib/domain/survey/reportRules';
import type { DeviceRef, Findings } from '$lib/domain/survey/report';
import type { Lang } from '$lib/i18n/define';
import type { MessageKey } from '$lib/i18n/index.svelte';
import { renderReport, type Block } from '$lib/isolation/report/pdf';
import { dateTime, translator } from '$lib/isolation/text';
import type { FontSource } from '$lib/labels/fonts';
import { drawTopology, topologyTexts } from '../topoPdf';
import { typeName } from '../ui/typeLabel';

export const LIST_MAX = 40;

export interface SurveyReportInput {
  tenantName: string;
  today: string;
  generatedAt: number;
  findings: Findings;
  diagrams: { site: string; geometry: TopoGeometry | null }[];
}

export function surveyReportSpec(input: SurveyReportInput, lang: Lang): { title: string; blocks: Block[]; footer: (n: number, total: number) => string } {
  const t = translator(lang);
  const f = input.findings;
  const title = t('srep.pdf.title');
  const more = (n: number): Block[] => (n > LIST_MAX ? [{ kind: 'p', text: t('srep.pdf.more', { n: n - LIST_MAX }), muted: true, size: 8.5 }] : []);
  const deviceTable = (list: readonly DeviceRef[], detail: string, detailOf: (d: DeviceRef) => string = (d) => d.detail): Block[] =>
    list.length === 0 ? [{ kind: 'p', text: t('srep.pdf.noneListed'), muted: true, size: 9 }] : [{
      kind: 'table', size: 8,
      columns: [{ title: t('srep.pdf.device'), width: 40 }, { title: t('srep.pdf.asset'), width: 30 }, { title: detail, width: 30 }],
      rows: list.slice(0, LIST_MAX).map((d) => ({ cells: [d.name, d.assetNumber, detailOf(d)] }))
    }, ...more(list.length)];

  const actions = evaluateRules(f, lang);
  const blocks: Block[] = [
    { kind: 'title', text: title, sub: t('srep.pdf.generated', { date: dateTime(input.generatedAt) }) },
    { kind: 'kv', pairs: [[t('srep.pdf.client'), input.tenantName], [t('srep.pdf.date'), input.today], [t('srep.pdf.devices'), String(f.total)]] },
    { kind: 'h2', text: t('srep.pdf.actions') },
    ...(actions.length === 0 ? [{ kind: 'p', text: t('srep.none') } as Block] : [{
      kind: 'table', size: 8.5, columns: [{ title: t('srep.pdf.status'), width: 12 }, { title: t('srep.pdf.actions'), width: 88 }],
      rows: actions.map((a) => ({ tone: a.priority === 'high' ? 'alarm' : a.priority === 'medium' ? 'warning' : 'none', cells: [t(`srep.pdf.priority.${a.priority}`), a.text] }))
    } as Block]),
    { kind: 'h2', text: t('srep.pdf.inventory') },
    { kind: 'table', size: 8.5, columns: [{ title: t('srep.pdf.type'), width: 70 }, { title: t('srep.pdf.count'), width: 30 }], rows: f.byType.map((r) => ({ cells: [typeName(r.type, lang), String(r.count)] })) },
    { kind: 'h2', text: t('srep.pdf.byLocation') },
    { kind: 'table', size: 8.5, columns: [{ title: t('srep.pdf.site'), width: 40 }, { title: t('srep.pdf.building'), width: 40 }, { title: t('srep.pdf.count'), width: 20 }],
      rows: f.byLocation.map((r) => ({ cells: [r.site, r.building || t('srep.pdf.noBuilding'), String(r.count)] })) },
    { kind: 'h2', text: t('srep.pdf.warranty') },
    { kind: 'p', text: t('srep.pdf.warrantyEnding', { n: f.warrantyEnding.length }), size: 9.5 },
    ...deviceTable(f.warrantyEnding, t('srep.pdf.end')),
    { kind: 'p', text: t('srep.pdf.warrantyEnded', { n: f.warrantyEnded.length }), size: 9.5 },
    ...deviceTable(f.warrantyEnded, t('srep.pdf.end')),
    { kind: 'h2', text: t('srep.pdf.antivirus') },
    { kind: 'p', text: t('srep.pdf.avSummary', { computers: f.computers, none: f.noAntivirus.length, outdated: f.antivirusOutdated.length, unknown: f.antivirusUnknown.length }), size: 9.5 },
    ...deviceTable([...f.noAntivirus, ...f.antivirusOutdated], t('srep.pdf.state'), (d) => {
      const state = f.antivirusOutdated.includes(d) ? 'outdated' : d.detail;
      return state === 'missing' || state === 'disabled' || state === 'outdated' ? t(`srep.pdf.av.${state}`) : state;
    }),
    { kind: 'h2', text: t('srep.pdf.licences') },
    ...(f.unlicensed.length === 0 ? [{ kind: 'p', text: t('srep.pdf.licencesNone'), size: 9 } as Block] : [{
      kind: 'table', size: 8,
      columns: [{ title: t('srep.pdf.product'), width: 40 }, { title: t('srep.pdf.installed'), width: 15 }, { title: t('srep.pdf.licensed'), width: 15 }, { title: t('srep.pdf.status'), width: 30 }],
      rows: f.unlicensed.slice(0, LIST_MAX).map((r) => ({ tone: 'warning', cells: [r.product, String(r.installed), String(r.licensed), t(`srep.pdf.lic.${r.status}` as MessageKey)] }))
    } as Block, ...more(f.unlicensed.length)]),
    { kind: 'h2', text: t('srep.pdf.backup') },
    { kind: 'p', text: t('srep.pdf.backupSummary', { covered: f.imaged.covered, total: f.imaged.total }), size: 9.5 },
    { kind: 'p', text: t('srep.pdf.important'), size: 9.5 },
    ...deviceTable(f.imaged.importantWithoutOwnImage, t('srep.pdf.status')),
    { kind: 'h2', text: t('srep.pdf.special') },
    ...(f.special.length === 0 ? [{ kind: 'p', text: t('srep.pdf.specialNone'), size: 9 } as Block] : deviceTable(f.special, t('srep.pdf.model')))
  ];
  for (const d of input.diagrams) {
    blocks.push({ kind: 'h2', text: t('srep.pdf.network', { site: d.site }) });
    const g = d.geometry;
    if (!g || g.nodes.length === 0) { blocks.push({ kind: 'p', text: t('srep.pdf.networkNone'), size: 9 }); continue; }
    const width = 511; // the flow's text width on A4
    const height = Math.min(640, Math.max(120, (g.height * Math.min(1, width / Math.max(1, g.width)))));
    blocks.push({ kind: 'figure', height, texts: topologyTexts(g), draw: (page, box, fonts) => drawTopology(page, g, box, fonts) });
  }
  return { title, blocks, footer: (n, total) => t('srep.pdf.page', { n, total }) };
}

export function buildSurveyReport(input: SurveyReportInput, lang: Lang, fontSource: FontSource): Promise<Uint8Array> {
  return renderReport(surveyReportSpec(input, lang), fontSource);
}
