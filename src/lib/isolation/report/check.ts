/**
 * The PDF inspection report of one check, in Chinese or English: the panel as configured, the
 * check's circumstances, the verdict (with the limits it was judged against: the check's own
 * `limits`, not today's configuration), every rule with its value and explanation, the visual and
 * test-button steps, remarks, the raw serial frames, and signature lines.
 */
import { VISUAL_ITEMS, type SignedCheck, type StepResult } from '$lib/domain/isolation/check';
import { formatNumber } from '$lib/domain/isolation/explain';
import { ratedCurrentA, type Panel } from '$lib/domain/isolation/panel';
import { TEST_STEPS } from '$lib/domain/isolation/rules';
import type { Lang } from '$lib/i18n/define';
import type { FontSource } from '$lib/labels/fonts';
import { dateTime, explanationText, label, limitText, readingsText, statusLabel, translator, valueText, verdictHeadline, worstText, type Tr } from '../text';
import { renderReport, type Block } from './pdf';

export interface CheckReportInput {
  check: SignedCheck;
  panel: Panel;
  label: string;
  tenantName: string;
  siteName: string;
  /** The check that corrected this one, when there is one. */
  correctedBy?: SignedCheck | null;
  /** The check this one corrects, when it is a correction. */
  corrects?: SignedCheck | null;
  generatedAt: number;
}

export const MAX_FRAMES_IN_REPORT = 24;

export function stepText(r: StepResult, t: Tr): string {
  switch (r) {
    case 'pass': return t('isolation.choice.pass');
    case 'fail': return t('isolation.choice.fail');
    case 'notApplicable': return t('isolation.choice.na');
    case 'notDone': return t('isolation.choice.notDone');
  }
}

/** The panel's identification, as key/value pairs (shared with the site report). */
export function panelPairs(p: Panel, assetLabel: string, lang: Lang): [string, string][] {
  const t = translator(lang);
  const n = (v: number) => formatNumber(v, lang);
  const limit = p.regime === 'nfpa' ? [label('limLevel', lang), `${n(p.limLevelMa)} mA`] : [label('ra', lang), `${n(p.responseValueKohm)} kΩ`];
  const temp = p.temperature.input === 'celsius' ? `${n(p.temperature.setPointC)} °C` : t(`isolation.form.temp.${p.temperature.input}`);
  return [
    [label('room', lang), p.room],
    [label('systemId', lang), p.systemId],
    [t('isolation.label'), assetLabel],
    [t('isolation.form.transformer'), `${n(p.transformer.ratedKva)} kVA · ${n(p.transformer.secondaryV)} V · ${n(ratedCurrentA(p.transformer))} A`],
    [t('isolation.form.imd'), `${p.imd.make} ${p.imd.model}`],
    [label('regime', lang), t(`isolation.form.regime.${p.regime}`)],
    [limit[0]!, limit[1]!],
    [label('setPoint', lang), temp],
    [t('isolation.report.remote'), p.remoteIndicator.present ? p.remoteIndicator.location || t('isolation.choice.pass') : t('isolation.none')]
  ];
}

export function checkReportSpec(input: CheckReportInput, lang: Lang): { title: string; blocks: Block[]; footer: (n: number, total: number) => string } {
  const t = translator(lang);
  const { check: c, panel } = input;
  const title = t('isolation.report.checkTitle');
  const r = c.readings;
  const blocks: Block[] = [
    { kind: 'title', text: title, sub: `${input.tenantName} · ${input.siteName} · ${panel.room} · ${panel.systemId} — ${t('isolation.report.generated', { date: dateTime(input.generatedAt) })}` },
    {
      kind: 'verdict', tone: c.verdict, headline: verdictHeadline(c.verdict, lang),
      lines: [
        t(`isolation.verdict.hint.${c.verdict}`),
        // Older checks have no worstSeen; the report of a check that has one says what the screen showed.
        ...(c.worstSeen ? [`${t('isolation.worst.title')}: ${worstText(c.worstSeen, lang)}`] : []),
        ...(c.complete ? [] : [t('isolation.verdict.incomplete'), ...c.incomplete.map((e) => explanationText(e, lang))])
      ]
    },
    { kind: 'h2', text: t('isolation.report.panel') },
    { kind: 'kv', pairs: [[t('isolation.report.client'), input.tenantName], [t('isolation.report.site'), input.siteName], ...panelPairs(panel, input.label, lang)] },
    { kind: 'h2', text: t('isolation.report.check') },
    {
      kind: 'kv', pairs: [
        [t('isolation.technician'), c.technician],
        [t('isolation.report.started'), dateTime(c.startedAt)],
        [t('isolation.report.signedAt'), dateTime(c.signedAt)],
        [label('readings', lang), readingsText(r, lang)],
        [t('isolation.step.identify'), c.identified ? t(`isolation.identify.by.${c.identified.by}`) + (c.identified.text ? ` (${c.identified.text})` : '') : '—'],
        [t('isolation.col.due'), c.nextDue ? dateTime(c.nextDue).slice(0, 10) : t('isolation.incomplete')],
        [t('isolation.report.checkId'), c.id],
        ...(input.corrects ? [[t('isolation.correct'), t('isolation.correctionOf', { date: dateTime(input.corrects.signedAt) })] as [string, string]] : []),
        ...(input.correctedBy ? [[t('isolation.superseded'), dateTime(input.correctedBy.signedAt)] as [string, string]] : [])
      ]
    },
    { kind: 'h2', text: t('isolation.report.results') },
    {
      kind: 'table',
      columns: [
        { title: t('isolation.report.col.item'), width: 18 }, { title: t('isolation.report.col.value'), width: 13 },
        { title: t('isolation.report.col.limits'), width: 20 }, { title: t('isolation.report.col.status'), width: 10 },
        { title: t('isolation.report.col.finding'), width: 39 }
      ],
      rows: c.rules.map((rule) => ({
        tone: rule.status,
        cells: [label(rule.rule, lang), valueText(rule.value, lang), limitText(rule, lang), statusLabel(rule.status, lang), explanationText(rule.explanation, lang)]
      }))
    },
    { kind: 'h2', text: t('isolation.report.steps') },
    {
      kind: 'kv', pairs: [
        ...VISUAL_ITEMS.map((i): [string, string] => [`${label('visual', lang)} · ${label(i, lang)}`, stepText(c.visual[i], t)]),
        ...TEST_STEPS.map((s): [string, string] => [`${label('testButton', lang)} · ${label(s, lang)}`, stepText(c.test[s], t)])
      ]
    }
  ];
  if (c.remarks.trim() !== '') blocks.push({ kind: 'h2', text: t('isolation.remarks') }, { kind: 'p', text: c.remarks });
  const frames = r?.frames ?? [];
  if (frames.length > 0) {
    blocks.push({ kind: 'h2', text: t('isolation.report.frames') }, {
      kind: 'table', size: 7,
      columns: [{ title: '', width: 14 }, { title: '→', width: 30 }, { title: '←', width: 42 }, { title: '', width: 14 }],
      rows: frames.slice(-MAX_FRAMES_IN_REPORT).map((f) => ({
        tone: f.ok ? 'none' : 'unknown',
        cells: [new Date(f.at).toTimeString().slice(0, 8), f.requestHex, f.replyHex || t('isolation.serial.noReply'), f.ok ? 'OK' : f.error ?? '?']
      }))
    });
  }
  blocks.push({ kind: 'signatures', labels: [`${t('isolation.report.signature')}: ${c.technician}`, t('isolation.report.customerSignature')] });
  return { title, blocks, footer: (n, total) => t('isolation.report.page', { n, total }) };
}

export function buildCheckReport(input: CheckReportInput, lang: Lang, fontSource: FontSource): Promise<Uint8Array> {
  return renderReport(checkReportSpec(input, lang), fontSource);
}
