// The monthly report's PDF as a reader sees it: rendered to text with poppler (pdftotext).
import { describe, expect, it } from 'vitest';
import type { MonthlyReport } from '$lib/domain/service/report';
import { nodeFontSource, pdfText } from '$lib/labels/testing/decode';
import { buildServiceReport } from './reportPdf';
import { durationText } from './reportText';

const report: MonthlyReport = {
  month: '2026-11', from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', generatedAt: '2026-12-01T08:00:00.000Z',
  opened: 4, resolvedInMonth: 4, stillOpen: 1,
  byPriority: [{ key: 'P1', count: 2 }, { key: 'P2', count: 0 }, { key: 'P3', count: 1 }, { key: 'P4', count: 1 }],
  byCategory: [{ key: 'hardware', count: 3 }, { key: 'printer', count: 1 }],
  sla: { met: 2, breached: 1, open: 1, metPct: 200 / 3, responseBreaches: 1, resolutionBreaches: 0 },
  meanResponseMs: 38.75 * 60_000, meanResolveMs: 130 * 60_000,
  satisfaction: { count: 3, average: 11 / 3, distribution: [0, 1, 0, 1, 1], comments: [{ number: 'INC-202611-0002', score: 2, comment: '响应太慢 slow' }] },
  topDevices: [{ key: 'd1', count: 2, label: 'SZ-000001-X 内科电脑' }],
  topModels: [{ key: 'OptiPlex 7010', count: 3 }],
  changes: [{ number: 'CHG-20261114-AB12', title: '更换核心交换机', risk: 'high', status: 'closed', scheduledStart: '2026-11-14T22:00', createdAt: '', outcome: '顺利完成', deviceCount: 2 }],
  changeOutcomes: [{ key: 'closed', count: 1 }]
};
const flat = (s: string) => s.replace(/\s+/g, '');

describe('the monthly report PDF', () => {
  it('says the figures in English', async () => {
    const text = pdfText(await buildServiceReport(report, { tenantName: 'Shenzhen Sample Hospital' }, 'en', nodeFontSource)).replace(/\s+/g, ' ');
    for (const s of ['Monthly service report · November 2026', 'Shenzhen Sample Hospital', '66.7 %', '2 met, 1 breached, 1 still', '2026-11-01 – 2026-11-30', '39 min', '2 h 10 min', '3.67 / 5 from 3 ratings', 'Hardware', 'OptiPlex 7010', 'CHG-20261114-AB12', 'High', 'Closed']) {
      expect(text).toContain(s);
    }
    expect(flat(text)).toContain(flat('响应太慢 slow'));
  });

  it('and in Chinese', async () => {
    const text = flat(pdfText(await buildServiceReport(report, { tenantName: '深圳市示例人民医院' }, 'zh-CN', nodeFontSource)));
    for (const s of ['月度服务报告·2026年11月', '深圳市示例人民医院', '66.7%', '2小时10分钟', '硬件', '更换核心交换机', '顺利完成', '已关闭', 'SZ-000001-X内科电脑']) {
      expect(text).toContain(flat(s));
    }
  });

  it('formats business durations', () => {
    expect(durationText(null, 'en')).toBe('—');
    expect(durationText(65 * 60_000, 'en')).toBe('1 h 05 min');
    expect(durationText(65 * 60_000, 'zh-CN')).toBe('1 小时 5 分钟');
    expect(durationText(59.4 * 60_000, 'en')).toBe('59 min');
  });
});
