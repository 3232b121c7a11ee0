/**
 * Recommended actions of the survey report, derived from its findings by rules the team can
 * read and change: each rule is one row of data — the measure it looks at, the threshold at
 * which it fires, its priority and its text in both languages ({n} is the measured value).
 * evaluateRules() applies the table in order (highest priority first, then table order).
 */
import type { Findings } from './report';

export type Measure =
  | 'noAntivirus' | 'antivirusOutdated' | 'antivirusUnknown' | 'unlicensed' | 'warrantyEnded' | 'warrantyEnding'
  | 'uncoveredPercent' | 'importantWithoutImage' | 'ipConflicts' | 'special';
export type Priority = 'high' | 'medium' | 'low';

export interface ReportRule {
  id: string;
  measure: Measure;
  /** Fires when the measure is at least this. */
  atLeast: number;
  priority: Priority;
  en: string;
  zh: string;
}

export const REPORT_RULES: readonly ReportRule[] = [
  { id: 'av-missing', measure: 'noAntivirus', atLeast: 1, priority: 'high',
    en: 'Install and enable antivirus on the {n} computers that have none or have it disabled (policy: antivirus on every machine).',
    zh: '为 {n} 台未安装或已停用杀毒软件的计算机安装并启用杀毒软件（制度要求每台机器安装杀毒软件）。' },
  { id: 'av-outdated', measure: 'antivirusOutdated', atLeast: 1, priority: 'high',
    en: 'Update the antivirus definitions of {n} computers and turn on automatic updates.',
    zh: '更新 {n} 台计算机的病毒库，并开启自动更新。' },
  { id: 'licences', measure: 'unlicensed', atLeast: 1, priority: 'high',
    en: 'Buy licences for, or uninstall, the {n} software products used beyond their licences.',
    zh: '为 {n} 款超出授权使用的软件购买授权，或将其卸载。' },
  { id: 'image-important', measure: 'importantWithoutImage', atLeast: 1, priority: 'high',
    en: 'Make a backup image of each of the {n} important machines (finance, HR, management) that have none of their own.',
    zh: '为 {n} 台没有专属备份镜像的重要机器（财务、人事、管理层）制作系统镜像。' },
  { id: 'warranty-ended', measure: 'warrantyEnded', atLeast: 1, priority: 'medium',
    en: 'Extend support or budget replacements for the {n} devices in use whose warranty has ended.',
    zh: '为 {n} 台已过保修期仍在使用的设备续保或列入更换预算。' },
  { id: 'image-coverage', measure: 'uncoveredPercent', atLeast: 20, priority: 'medium',
    en: '{n}% of computers have no backup image: make images for the largest hardware groups first.',
    zh: '{n}% 的计算机没有备份镜像：优先为数量最多的硬件配置制作镜像。' },
  { id: 'ip-plan', measure: 'ipConflicts', atLeast: 1, priority: 'medium',
    en: 'Resolve the {n} conflicts in the IP plan (duplicate addresses, addresses outside their VLAN, overlapping subnets).',
    zh: '解决 IP 规划中的 {n} 处冲突（重复地址、地址不在所属 VLAN、子网重叠）。' },
  { id: 'warranty-ending', measure: 'warrantyEnding', atLeast: 1, priority: 'low',
    en: 'Plan renewals: the warranty of {n} devices ends within 90 days.',
    zh: '提前安排续保：{n} 台设备的保修将在 90 天内到期。' },
  { id: 'av-unknown', measure: 'antivirusUnknown', atLeast: 1, priority: 'low',
    en: 'Record the antivirus state of the {n} computers not yet checked.',
    zh: '登记 {n} 台尚未检查的计算机的杀毒软件状态。' },
  { id: 'special-faq', measure: 'special', atLeast: 1, priority: 'low',
    en: 'Keep FAQ documents and supplier contacts for the {n} special devices.',
    zh: '为 {n} 台特殊设备整理常见问题文档和供应商联系方式。' }
];

export function measure(f: Findings, m: Measure): number {
  switch (m) {
    case 'noAntivirus': return f.noAntivirus.length;
    case 'antivirusOutdated': return f.antivirusOutdated.length;
    case 'antivirusUnknown': return f.antivirusUnknown.length;
    case 'unlicensed': return f.unlicensed.length;
    case 'warrantyEnded': return f.warrantyEnded.length;
    case 'warrantyEnding': return f.warrantyEnding.length;
    case 'uncoveredPercent': return f.imaged.total === 0 ? 0 : Math.round((f.imaged.uncovered.length / f.imaged.total) * 100);
    case 'importantWithoutImage': return f.imaged.importantWithoutOwnImage.length;
    case 'ipConflicts': return f.ipConflicts;
    case 'special': return f.special.length;
  }
}

export interface Recommendation { rule: string; priority: Priority; value: number; text: string }

const RANK: Record<Priority, number> = { high: 0, medium: 1, low: 2 };

export function evaluateRules(f: Findings, lang: 'en' | 'zh-CN', rules: readonly ReportRule[] = REPORT_RULES): Recommendation[] {
  return rules
    .map((r, i) => ({ r, i, value: measure(f, r.measure) }))
    .filter(({ r, value }) => value >= r.atLeast)
    .sort((a, b) => RANK[a.r.priority] - RANK[b.r.priority] || a.i - b.i)
    .map(({ r, value }) => ({ rule: r.id, priority: r.priority, value, text: (lang === 'en' ? r.en : r.zh).replaceAll('{n}', String(value)) }));
}
