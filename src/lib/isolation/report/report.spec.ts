// The reports as a reader sees them: rendered to text with poppler (pdftotext), both languages.
import { describe, expect, it } from 'vitest';
import { signCheck, type CheckDraft, type SignedCheck } from '$lib/domain/isolation/check';
import { allPassed, goodReadings, makePanel, T0 } from '$lib/domain/isolation/testing';
import { nodeFontSource, pdfPageCount, pdfText } from '$lib/labels/testing/decode';
import { buildCheckReport } from './check';
import { wrap } from './pdf';
import { buildSiteReport, periodCheck, siteSummary, type SiteReportInput } from './site';

const panel = makePanel();

function signed(over: Partial<CheckDraft> = {}, at = T0): SignedCheck {
  const d: CheckDraft = {
    id: `c-${at}`, panelId: panel.id, technician: '王工', startedAt: new Date(at).toISOString(),
    visual: { greenLamp: 'pass', noYellowRed: 'pass', remoteAgrees: 'pass', instructionsPosted: 'pass' },
    test: allPassed(), remarks: '',
    readings: { source: 'manual', readAt: new Date(at).toISOString(), values: goodReadings(at), frames: [] },
    ...over
  };
  const r = signCheck(d, panel, new Date(at + 60_000).toISOString());
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.check;
}

const flat = (s: string) => s.replace(/\s+/g, '');

describe('wrap', () => {
  const measure = (s: string) => s.length;
  it('breaks Latin text at spaces and Chinese text anywhere', () => {
    expect(wrap('alpha beta gamma', 11, measure)).toEqual(['alpha beta', 'gamma']);
    expect(wrap('绝缘电阻低于响应值', 4, measure)).toEqual(['绝缘电阻', '低于响应', '值']);
    expect(wrap('0123456789', 4, measure)).toEqual(['0123', '4567', '89']);
    expect(wrap('a\nb', 10, measure)).toEqual(['a', 'b']);
  });
});

describe('check report', () => {
  const alarm = signed({
    readings: {
      source: 'serial', readAt: new Date(T0).toISOString(),
      values: { ...goodReadings(T0), insulationKohm: { value: 45, at: T0 }, device: { bits: { insulationAlarm: true }, at: T0 } },
      frames: [{ at: T0, requestHex: '01 03 00 08 00 04 C5 CB', replyHex: '01 03 08 00 2D 00 7B 00 44 00 01 0D 0A', ok: true }]
    },
    remarks: '已通知手术室护士长'
  });
  const input = { check: alarm, panel, label: 'SZ-000901-X', tenantName: '深圳示例医院', siteName: '总院', generatedAt: T0 + 120_000 };

  it('in Chinese: the verdict, values, limits, steps, frames and remarks', async () => {
    const text = flat(pdfText(await buildCheckReport(input, 'zh-CN', nodeFontSource)));
    for (const s of ['医用IT系统隔离电源检查报告', '报警', '深圳示例医院', 'OR3', 'IT-3A', 'SZ-000901-X', '6.3kVA·230V·27.39A', '绝缘电阻', '45kΩ',
      '报警≤50kΩ', '黄色报警灯', '外观检查·绿色指示灯亮', '已通知手术室护士长', '010300080004C5CB', '010308002D007B004400010D0A', '技术员签字']) {
      expect(text).toContain(flat(s));
    }
  });

  it('in English, one page for an ordinary check', async () => {
    const pdf = await buildCheckReport({ ...input, check: signed() }, 'en', nodeFontSource);
    const text = pdfText(pdf);
    expect(text).toContain('Isolation panel inspection report');
    expect(text).toContain('Normal');
    expect(flat(text)).toContain(flat('500 kΩ, at or above 100 kΩ'));
    expect(text).toContain('Technician signature');
    expect(pdfPageCount(pdf)).toBe(1);
  });
});

describe('check report: worst seen and typed values (issue 8.2, 8.3)', () => {
  it('shows the alarm seen live, its reading and time, although the last reading was a warning', async () => {
    const seenAt = T0 - 90_000;
    const c = signed({
      readings: { source: 'serial', readAt: new Date(T0).toISOString(), values: { ...goodReadings(T0), insulationKohm: { value: 56, at: T0 } }, frames: [{ at: T0, requestHex: '01 03 00 08 00 04 C5 CB', replyHex: '', ok: false, error: 'timeout' }], typed: ['temperatureC'] },
      worstSeen: { status: 'alarm', rule: 'insulation', value: { value: 45, bound: 'exact', unit: 'kΩ' }, explanation: { code: 'insulation.alarm', params: {} }, at: new Date(seenAt).toISOString() }
    });
    expect(c.verdict).toBe('alarm');
    const time = new Date(seenAt).toTimeString().slice(0, 8);
    const en = flat(pdfText(await buildCheckReport({ check: c, panel, label: 'SZ-000901-X', tenantName: 'H', siteName: 'S', generatedAt: T0 }, 'en', nodeFontSource)));
    expect(en).toContain(flat(`Worst seen during the check: Alarm: Insulation resistance 45 kΩ at ${time}`));
    expect(en).toContain(flat('Transformer temperature: typed'));
    const zh = flat(pdfText(await buildCheckReport({ check: c, panel, label: 'SZ-000901-X', tenantName: 'H', siteName: 'S', generatedAt: T0 }, 'zh-CN', nodeFontSource)));
    expect(zh).toContain(flat(`检查过程中出现的最差状态`));
    expect(zh).toContain(flat(`45 kΩ，时间 ${time}`));
  });
});

describe('site report', () => {
  const DAY = 86_400_000;
  const other = makePanel({ id: 'panel-2', room: 'OR 4', systemId: 'IT-4A' });
  const never = makePanel({ id: 'panel-3', room: 'OR 5', systemId: 'IT-5A' });
  const old = signed({}, T0 - 40 * DAY);
  const recent = signed({ test: { ...allPassed(), buzzer: 'fail' } }, T0 - DAY);
  const warn = { ...signed({}, T0 - 2 * DAY), panelId: 'panel-2', verdict: 'warning' as const };
  const input: SiteReportInput = {
    tenantName: 'Shenzhen Sample Hospital', siteName: 'Main campus', from: T0 - 30 * DAY, to: T0, generatedAt: T0,
    panels: [
      { panel, label: 'SZ-000901-X', checks: [old, recent] },
      { panel: other, label: 'SZ-000902-Y', checks: [warn] },
      { panel: never, label: 'SZ-000903-Z', checks: [] }
    ]
  };

  it('takes the latest effective check of the period per panel', () => {
    expect(periodCheck([old, recent], input.from, input.to)?.id).toBe(recent.id);
    expect(periodCheck([old], input.from, input.to)).toBeNull();
    expect(siteSummary(input)).toMatchObject({ panels: 3, checked: 2, alarm: 1, warning: 1, normal: 0, overdue: 1 });
  });

  it('lists every panel, the findings and the summary, in both languages', async () => {
    const en = flat(pdfText(await buildSiteReport(input, 'en', nodeFontSource)));
    for (const s of ['Periodic inspection of isolation panels', 'Main campus', 'OR 3', 'OR 4', 'OR 5', 'notchecked', 'Test failed: buzzer', '3 panels; 2 checked']) {
      expect(en).toContain(flat(s));
    }
    const zh = flat(pdfText(await buildSiteReport(input, 'zh-CN', nodeFontSource)));
    for (const s of ['隔离电源柜定期检查报告', '本周期未检查', '测试未通过：蜂鸣器', '共3台配电柜']) expect(zh).toContain(flat(s));
  });
});
